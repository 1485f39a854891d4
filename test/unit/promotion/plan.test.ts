import { describe, expect, it } from 'vitest';
import { createMemoryCluster, createMemoryGitWorkspace, createMemoryHttp, type MemoryCluster, type MemoryGitWorkspace } from '../../../src/adapters/memory/index.js';
import type { GitCloneRequest } from '../../../src/ports/index.js';
import { formatPromotionPlan, planPromotion, runPromotion, withPromotionStatus } from '../../../src/promotion/index.js';
import type { PlanCheckoutSource, PromotionRunStatus, PromotionSnapshot, RunnablePromotion, StepPorts } from '../../../src/promotion/index.js';
import type { PromotionStep } from '../../../src/model/index.js';
import { NOW, REPO, VALUES, promotionOf, quickstartSteps, steps, world, type GitWorld } from './git-fixture.js';

const BRANCH = 'kargo/promotion/dev.01j0.abc1234';

/** The quickstart shape, finished by pointing an Argo CD Application at the merge commit. */
const template: PromotionStep[] = [
  ...quickstartSteps,
  {
    uses: 'argocd-update',
    as: 'sync',
    config: { apps: [{ name: 'web-dev', sources: [{ repoURL: REPO, desiredRevision: "${{ outputs['wait-for-pr'].commit }}", updateTargetRevision: true }] }] },
  },
];

interface Ports extends StepPorts {
  readonly workspace: MemoryGitWorkspace;
  readonly cluster: MemoryCluster;
}

function clusterOf(): MemoryCluster {
  const cluster = createMemoryCluster();
  cluster.addApplication({
    metadata: { name: 'web-dev', namespace: 'argocd', annotations: { 'kargo.akuity.io/authorized-stage': 'demo:dev' } },
    spec: { source: { repoURL: REPO, path: 'env/dev', targetRevision: 'main' } },
    status: { health: { status: 'Healthy' }, sync: { status: 'Synced' } },
  });
  return cluster;
}

function portsOf(w: GitWorld, cluster: MemoryCluster): Ports {
  const workspace = createMemoryGitWorkspace(w.git);
  return { workTree: workspace.workDir, git: workspace, pullRequests: w.prs, cluster, workspace };
}

/** Reads what a clone would check out straight from the in-memory remote. */
function checkoutsOf(w: GitWorld): PlanCheckoutSource {
  return (request: GitCloneRequest) => {
    const ref = request.commit ?? request.tag ?? request.branch ?? 'main';
    const files = w.git.readFiles(request.repoURL, ref);
    if (files === undefined) return undefined;
    return { files, commit: request.commit ?? w.git.branchHead(request.repoURL, ref) };
  };
}

/** Everything the in-memory ports hold, for comparing before and after. */
function stateOf(w: GitWorld, ports: Ports): unknown {
  const branches = w.git.branches(REPO);
  return JSON.parse(
    JSON.stringify({
      branches,
      files: Object.fromEntries(Object.entries(branches).map(([b, id]) => [b, w.git.readFiles(REPO, id)])),
      prs: w.prs.list(),
      app: ports.cluster.application('argocd', 'web-dev'),
      patches: ports.cluster.patches,
      syncs: ports.cluster.syncs,
      workDir: ports.workspace.workDir.files(),
      checkouts: ports.workspace.checkouts(),
    }),
  );
}

/** Runs the promotion for real, merging its pull request and completing its sync as they come. */
async function runForReal(w: GitWorld, promotion: RunnablePromotion, ports: Ports): Promise<PromotionRunStatus> {
  let current = promotion;
  let status: PromotionRunStatus | undefined;
  for (let n = 0; n < 6; n++) {
    const snaps: PromotionSnapshot[] = [];
    for await (const s of runPromotion(current, {}, { steps, ports, now: NOW })) snaps.push(s);
    status = (snaps[snaps.length - 1] as PromotionSnapshot).status;
    if (status.phase !== 'Running') break;
    for (const pr of w.prs.list()) if (pr.state === 'open') await w.prs.merge({ repoURL: pr.repoURL, number: pr.number });
    ports.cluster.completeSync('argocd', 'web-dev');
    current = withPromotionStatus(current, status);
  }
  return status as PromotionRunStatus;
}

describe('planPromotion on a quickstart-like template', () => {
  it('shows the diff, commit, push, pull request and Argo CD change, and touches no port', async () => {
    const w = world();
    const ports = portsOf(w, clusterOf());
    const before = stateOf(w, ports);
    const initial = w.git.branchHead(REPO) as string;
    const plan = await planPromotion(promotionOf(template), {}, { steps, ports, now: NOW, checkouts: checkoutsOf(w) });

    expect(stateOf(w, ports)).toEqual(before);
    expect(plan.phase).toBe('Succeeded');
    expect(plan.files).toEqual([
      {
        path: 'repo/env/dev/values.yaml',
        change: 'modified',
        after: VALUES.replace('v1.0.0', 'v1.2.3'),
        diff: [
          '--- a/repo/env/dev/values.yaml',
          '+++ b/repo/env/dev/values.yaml',
          '@@ -1,4 +1,4 @@',
          ' image:',
          '   repository: acme/web # the app',
          '-  tag: v1.0.0',
          '+  tag: v1.2.3',
          ' replicas: 2',
          '',
        ].join('\n'),
      },
    ]);
    expect(plan.checkouts).toEqual([{ path: 'repo', repoURL: REPO, branch: 'main', commit: initial }]);
    expect(plan.commits).toHaveLength(1);
    const commit = plan.commits[0];
    expect(commit).toMatchObject({ path: 'repo', repoURL: REPO, parent: initial, message: 'Updated ./repo/env/dev/values.yaml\n\n- image.tag: v1.2.3', date: NOW, files: ['env/dev/values.yaml'] });
    expect(commit?.id).toMatch(/^[0-9a-f]{40}$/);
    expect(plan.pushes).toEqual([{ repoURL: REPO, path: 'repo', branch: BRANCH, expectedHead: null, commit: commit?.id }]);
    expect(plan.pullRequests).toEqual([
      { action: 'open', repoURL: REPO, number: 1, placeholder: true, url: 'https://github.com/acme/gitops/pull/1', sourceBranch: BRANCH, targetBranch: 'main', title: 'Deploy v1.2.3 to dev' },
    ]);
    const merge = (plan.outputs['wait-for-pr'] as { commit: string }).commit;
    expect(merge).toMatch(/^[0-9a-f]{40}$/);
    expect(plan.argocd).toHaveLength(1);
    expect(plan.argocd[0]).toMatchObject({
      namespace: 'argocd',
      name: 'web-dev',
      refresh: 'hard',
      sources: { before: [{ repoURL: REPO, path: 'env/dev', targetRevision: 'main' }], after: [{ repoURL: REPO, path: 'env/dev', targetRevision: merge }] },
      sync: { initiatedBy: { username: 'kargo-controller', automated: true } },
    });
    expect(plan.steps.map((s) => [s.alias, s.status, s.wouldWait])).toEqual([
      ['step-1', 'Succeeded', undefined],
      ['update', 'Succeeded', undefined],
      ['commit', 'Succeeded', undefined],
      ['push', 'Succeeded', undefined],
      ['open-pr', 'Succeeded', undefined],
      ['wait-for-pr', 'Succeeded', 'pull request #1 to be merged'],
      ['sync', 'Succeeded', 'the sync of Argo CD Application argocd/web-dev to finish'],
    ]);
    expect(plan.outputs['push']).toEqual({ branch: BRANCH, commit: commit?.id, commitURL: `https://github.com/acme/gitops/commit/${commit?.id}` });
    expect(plan.issues).toEqual([]);
  });

  it('predicts the file contents a real run then produces', async () => {
    const w = world();
    const ports = portsOf(w, clusterOf());
    const plan = await planPromotion(promotionOf(template), {}, { steps, ports, now: NOW, checkouts: checkoutsOf(w) });
    const status = await runForReal(w, promotionOf(template), ports);
    expect(status.phase).toBe('Succeeded');
    for (const file of plan.files) expect(ports.workspace.workDir.files()[file.path]).toBe(file.after);
    const pushed = (status.state['push'] as { branch: string; commit: string });
    expect(w.git.readFiles(REPO, pushed.branch)?.['env/dev/values.yaml']).toBe(plan.files[0]?.after);
    expect(pushed.branch).toBe(plan.pushes[0]?.branch);
    expect(w.prs.list().map((p) => [p.sourceBranch, p.targetBranch, p.title])).toEqual(plan.pullRequests.map((p) => [p.sourceBranch, p.targetBranch, p.title]));
    expect(Object.keys(status.state).sort()).toEqual(Object.keys(plan.outputs).sort());
    const log = await w.git.listCommits({ repoURL: REPO, branch: pushed.branch, skip: 0, maxCount: 1 });
    expect(log.ok && log.value[0]?.subject).toBe(plan.commits[0]?.message.split('\n')[0]);
  });

  it('is the same for the same input, and serializes as it is', async () => {
    const make = async () => {
      const w = world();
      return planPromotion(promotionOf(template), {}, { steps, ports: portsOf(w, clusterOf()), now: NOW, checkouts: checkoutsOf(w) });
    };
    const [a, b] = [await make(), await make()];
    expect(a).toEqual(b);
    expect(JSON.parse(JSON.stringify(a))).toEqual(a);
    expect(formatPromotionPlan(a)).toBe(formatPromotionPlan(b));
  });

  it('without a checkout source, plans against what the work tree already holds', async () => {
    const w = world();
    const workspace = createMemoryGitWorkspace(w.git);
    await workspace.clone({ repoURL: REPO, path: 'repo', branch: 'main' });
    const before = workspace.workDir.files();
    const plan = await planPromotion(promotionOf(quickstartSteps.slice(0, 4)), {}, { steps, ports: { workTree: workspace.workDir, git: workspace }, now: NOW });
    expect(workspace.workDir.files()).toEqual(before);
    expect(plan.phase).toBe('Succeeded');
    expect(plan.checkouts).toEqual([{ path: 'repo', repoURL: REPO, branch: 'main', commit: w.git.branchHead(REPO) }]);
    expect(plan.files.map((f) => [f.path, f.change])).toEqual([['repo/env/dev/values.yaml', 'modified']]);
  });

  it('records added and deleted files and a push straight to the cloned branch', async () => {
    const w = world();
    const ports = portsOf(w, clusterOf());
    const list: PromotionStep[] = [
      { uses: 'git-clone', config: { repoURL: REPO, checkout: [{ branch: 'main', path: './repo' }] } },
      { uses: 'file-write', config: { path: './repo/env/prod/values.yaml', contents: 'image:\n  tag: v9\n' } },
      { uses: 'delete', config: { path: './repo/README.md' } },
      { uses: 'git-commit', as: 'commit', config: { path: './repo', message: 'prod', author: { name: 'Ada', email: 'ada@example.com' } } },
      { uses: 'git-push', as: 'push', config: { path: './repo' } },
    ];
    const before = stateOf(w, ports);
    const plan = await planPromotion(promotionOf(list), {}, { steps, ports, now: NOW, checkouts: checkoutsOf(w) });
    expect(stateOf(w, ports)).toEqual(before);
    expect(plan.files.map((f) => [f.path, f.change, f.after])).toEqual([
      ['repo/README.md', 'deleted', undefined],
      ['repo/env/prod/values.yaml', 'added', 'image:\n  tag: v9\n'],
    ]);
    expect(plan.files[0]?.diff).toContain('-# gitops');
    expect(plan.commits[0]).toMatchObject({ author: { name: 'Ada', email: 'ada@example.com' }, files: ['README.md', 'env/prod/values.yaml'] });
    expect(plan.pushes).toEqual([{ repoURL: REPO, path: 'repo', branch: 'main', expectedHead: w.git.branchHead(REPO), commit: plan.commits[0]?.id }]);
  });

  it('sends GET requests but only records the others', async () => {
    const http = createMemoryHttp((request) => ({ status: request.method === 'GET' ? 204 : 500, headers: {}, body: '' }));
    const list: PromotionStep[] = [
      { uses: 'http', as: 'check', config: { method: 'GET', url: 'https://ci.example.com/status' } },
      { uses: 'http', as: 'notify', config: { method: 'POST', url: 'https://chat.example.com/hook', body: '{"text":"deploying"}' } },
    ];
    const plan = await planPromotion(promotionOf(list), {}, { steps, ports: { http }, now: NOW });
    expect(http.requests.map((r) => r.method)).toEqual(['GET']);
    expect(plan.http).toEqual([
      expect.objectContaining({ method: 'GET', url: 'https://ci.example.com/status', sent: true, status: 204 }),
      expect.objectContaining({ method: 'POST', url: 'https://chat.example.com/hook', body: '{"text":"deploying"}', sent: false, status: 200 }),
    ]);
    expect(plan.phase).toBe('Succeeded');
  });

  it('reports a step whose config does not match its schema', async () => {
    const plan = await planPromotion(promotionOf([{ uses: 'git-commit', config: { path: './repo' } }]), {}, { steps, now: NOW });
    expect(plan.phase).toBe('Failed');
    expect(plan.issues).toEqual([expect.objectContaining({ code: 'PROMOTION_STEP_CONFIG_INVALID', path: ['spec', 'steps', 0, 'config'] })]);
  });

  it('formats the diffs before the rest', async () => {
    const w = world();
    const plan = await planPromotion(promotionOf(template), {}, { steps, ports: portsOf(w, clusterOf()), now: NOW, checkouts: checkoutsOf(w) });
    const text = formatPromotionPlan(plan);
    expect(text.indexOf('+  tag: v1.2.3')).toBeGreaterThan(0);
    expect(text.indexOf('+  tag: v1.2.3')).toBeLessThan(text.indexOf('Commits:'));
    expect(text).toContain(`open #1 (placeholder number): ${BRANCH} -> main`);
    expect(text).toContain('would wait for pull request #1 to be merged');
  });
});

describe('planPromotion without a cluster', () => {
  it('assumes the Applications a step names and marks their changes', async () => {
    const list: PromotionStep[] = [
      { uses: 'argocd-update', as: 'sync', config: { apps: [{ name: 'web-dev', sources: [{ repoURL: REPO, desiredRevision: 'abc123', updateTargetRevision: true }] }] } },
      { uses: 'argocd-wait', as: 'wait', config: { apps: [{ name: 'web-dev' }] } },
    ];
    const plan = await planPromotion(promotionOf(list), {}, { steps, now: NOW });
    expect(plan.phase).toBe('Succeeded');
    expect(plan.argocd[0]).toMatchObject({ namespace: 'argocd', name: 'web-dev', assumed: true, sources: { before: [{ repoURL: REPO }], after: [{ repoURL: REPO, targetRevision: 'abc123' }] } });
    expect(plan.steps.map((s) => [s.alias, s.status, s.wouldWait !== undefined])).toEqual([
      ['sync', 'Succeeded', true],
      ['wait', 'Succeeded', true],
    ]);
  });

  it('reads a real cluster and leaves it alone', async () => {
    const cluster = clusterOf();
    const before = JSON.stringify([cluster.application('argocd', 'web-dev'), cluster.patches]);
    const plan = await planPromotion(promotionOf([{ uses: 'argocd-update', config: { apps: [{ name: 'web-dev' }] } }]), {}, { steps, ports: { cluster }, now: NOW });
    expect(JSON.stringify([cluster.application('argocd', 'web-dev'), cluster.patches])).toBe(before);
    expect(plan.argocd).toEqual([expect.objectContaining({ name: 'web-dev', refresh: 'hard', sync: expect.objectContaining({ info: expect.arrayContaining([{ name: 'kargo.akuity.io/promotion', value: 'dev.01j0.abc1234' }]) }) })]);
    expect(plan.argocd[0]?.assumed).toBeUndefined();
  });
});

describe('planPromotion with a pull request that is already open', () => {
  it('reads it from the real service and plans the steps after the wait', async () => {
    const w = world();
    w.git.commit(REPO, { branch: 'feature', subject: 'feature', files: { 'README.md': '# changed\n' } });
    const opened = await w.prs.open({ repoURL: REPO, sourceBranch: 'feature', targetBranch: 'main', title: 'feature' });
    expect(opened.ok).toBe(true);
    const list: PromotionStep[] = [
      { uses: 'git-wait-for-pr', as: 'wait', config: { repoURL: REPO, prNumber: 1 } },
      { uses: 'compose-output', as: 'out', config: { merged: "${{ outputs.wait.commit }}" } },
    ];
    const before = JSON.stringify(w.prs.list());
    const plan = await planPromotion(promotionOf(list), {}, { steps, ports: { pullRequests: w.prs }, now: NOW });
    expect(JSON.stringify(w.prs.list())).toBe(before);
    expect(plan.phase).toBe('Succeeded');
    expect(plan.steps[0]?.wouldWait).toBe('pull request 1 to be merged');
    expect((plan.outputs['out'] as { merged: string }).merged).toMatch(/^[0-9a-f]{40}$/);
  });
});
