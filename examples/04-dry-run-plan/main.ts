/**
 * A dry run: what would promoting Freight brave-otter to the dev Stage do? The Stage's template
 * (kargo/project.yaml) clones the GitOps repository, edits env/dev/values.yaml, pushes a branch,
 * opens a pull request, waits for it and points Argo CD at the merge. `planPromotion` runs those
 * steps against recording stand-ins of the ports and prints every change, diffs first, while
 * the in-memory Git, pull requests and cluster stay exactly as they were.
 * Run it with `npx tsx examples/04-dry-run-plan/main.ts`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
// In your own project: from 'waybill' and 'waybill/adapters/memory'.
import { createMemoryCluster, createMemoryGit, createMemoryGitWorkspace, createMemoryPullRequests } from '../../src/adapters/memory/index.js';
import { parseManifests, type ManifestResource } from '../../src/index.js';
import { buildPromotion, builtinSteps, createStepRegistry, formatPromotionPlan, planPromotion, type PromotionRunContext, type TemplateStageLike } from '../../src/promotion/index.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const REPO = 'https://github.com/acme/gitops.git';
const NOW = '2026-03-01T09:00:00Z';

// The manifests: a Warehouse, a Freight and the dev Stage.
const resources = parseManifests(readFileSync(join(here, 'kargo', 'project.yaml'), 'utf8'), { file: 'project.yaml' });
if (!resources.ok) throw new Error('the example manifests do not parse');
const byKind = (kind: string): ManifestResource[] => resources.value.filter((r) => r.kind === kind);
const stage = byKind('Stage')[0] as ManifestResource;
const freight = byKind('Freight')[0] as ManifestResource;

// The GitOps repository: the files of ./gitops as one commit on main of an in-memory Git.
const files: Record<string, string> = {};
const walk = (dir: string): void => {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path);
    else files[relative(join(here, 'gitops'), path).split(sep).join('/')] = readFileSync(path, 'utf8');
  }
};
walk(join(here, 'gitops'));
const git = createMemoryGit();
git.commit(REPO, { subject: 'initial', files, date: '2026-02-01T00:00:00Z' });
const pullRequests = createMemoryPullRequests(git);
const workspace = createMemoryGitWorkspace(git);
const cluster = createMemoryCluster();
cluster.addApplication({
  metadata: { name: 'web-dev', namespace: 'argocd', annotations: { 'kargo.akuity.io/authorized-stage': 'demo:dev' } },
  spec: { source: { repoURL: REPO, path: 'env/dev', targetRevision: 'main' } },
  status: { health: { status: 'Healthy' }, sync: { status: 'Synced' } },
});
const stateOf = (): string =>
  JSON.stringify({ branches: git.branches(REPO), prs: pullRequests.list(), app: cluster.application('argocd', 'web-dev'), patches: cluster.patches, workDir: workspace.workDir.files() });
const before = stateOf();

// The Promotion Kargo would create, and its plan.
const built = buildPromotion(stage as TemplateStageLike, freight.metadata?.name ?? '', { name: 'dev.01jnq8x7.5f1e2d3', now: NOW });
if (!built.ok) throw new Error('the Promotion could not be built');
// What the expressions may look at: the Freight (imageFrom), the Stage's requests and the Warehouses.
const context: PromotionRunContext = {
  project: 'demo',
  freight: [freight as NonNullable<PromotionRunContext['freight']>[number]],
  targetFreight: { name: freight.metadata?.name ?? '', origin: { name: 'web' } },
  freightRequests: (stage as { spec?: { requestedFreight?: unknown } }).spec?.requestedFreight as NonNullable<PromotionRunContext['freightRequests']>,
  warehouses: byKind('Warehouse') as NonNullable<PromotionRunContext['warehouses']>,
};
const plan = await planPromotion(built.value, context, {
  steps: createStepRegistry(builtinSteps),
  ports: { workTree: workspace.workDir, git: workspace, pullRequests, cluster },
  now: NOW,
  // What each clone would check out, read from the in-memory remote without cloning.
  checkouts: (request) => {
    const ref = request.commit ?? request.tag ?? request.branch ?? 'main';
    const content = git.readFiles(request.repoURL, ref);
    return content === undefined ? undefined : { files: content, commit: request.commit ?? git.branchHead(request.repoURL, ref) };
  },
});

console.log(formatPromotionPlan(plan));
console.log(`Nothing was pushed, opened or synced: ${stateOf() === before}`);
