import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createMemoryCluster, createMemoryGit, createMemoryGitWorkspace } from '../../../src/adapters/memory/index.js';
import { parseManifests, resourcesOfKind } from '../../../src/model/index.js';
import type { Freight } from '../../../src/model/index.js';
import { buildPromotion, builtinSteps, createMemoryWorkTree, createStepRegistry, runPromotionToEnd, validateStepConfig, UNAVAILABLE_KARGO_STEPS } from '../../../src/promotion/index.js';
import type { MemoryWorkTree, PromotionRunStatus } from '../../../src/promotion/index.js';
import { kustomizeBuildStep } from '../../../src/promotion/steps/index.js';

const QUICKSTART = new URL('../../fixtures/promotion/quickstart/', import.meta.url);
const GITOPS = 'https://github.com/example/kargo-demo-gitops.git';
const NOW = '2026-03-01T12:00:00Z';
const TAG = '1.29.1';
const DIGEST = 'sha256:5f6e3e0e3b1c1f0bd3d5a1ae4a4d3bd1cfa1e2d7e4cb6f7e5f0a9d2c3b4a5968';

/** Every file of the GitOps repository fixture, by path. */
function gitopsFiles(): Record<string, string> {
  const root = fileURLToPath(new URL('gitops/', QUICKSTART));
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else out[relative(root, full).split('\\').join('/')] = readFileSync(full, 'utf8');
    }
  };
  walk(root);
  return out;
}

function quickstart() {
  const parsed = parseManifests(readFileSync(new URL('kargo.yaml', QUICKSTART), 'utf8'), { file: 'kargo.yaml' });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const stages = resourcesOfKind(parsed.value, 'Stage');
  const tasks = resourcesOfKind(parsed.value, 'PromotionTask');
  const warehouses = resourcesOfKind(parsed.value, 'Warehouse');
  return { stages, tasks, warehouses };
}

const freight = {
  apiVersion: 'kargo.akuity.io/v1alpha1',
  kind: 'Freight',
  metadata: { name: 'f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4', namespace: 'kargo-demo' },
  origin: { kind: 'Warehouse', name: 'kargo-demo' },
  images: [{ repoURL: 'public.ecr.aws/nginx/nginx', tag: TAG, digest: DIGEST }],
} as unknown as Freight;

function application(stage: string) {
  return {
    metadata: { name: `kargo-demo-${stage}`, namespace: 'argocd', annotations: { 'kargo.akuity.io/authorized-stage': `kargo-demo:${stage}` } },
    spec: { source: { repoURL: GITOPS, targetRevision: `stage/${stage}`, path: '.' } },
  };
}

const CONFIGMAP = (stage: string) => `apiVersion: v1
data:
  index.html: |-
    <!DOCTYPE html>
    <html>
    <head>
    <title>${stage}</title>
    </head>
    <body>

    <h1>${stage}</h1>

    </body>
    </html>
kind: ConfigMap
metadata:
  name: kargo-demo-content
`;

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: kargo-demo
spec:
  replicas: 1
  selector:
    matchLabels:
      app: kargo-demo
  template:
    metadata:
      labels:
        app: kargo-demo
    spec:
      containers:
      - image: public.ecr.aws/nginx/nginx:${TAG}
        name: nginx
        volumeMounts:
        - mountPath: /usr/share/nginx/html
          name: content
          readOnly: true
      volumes:
      - configMap:
          name: kargo-demo-content
        name: content
`;

const SERVICE = (nodePort: number) => `apiVersion: v1
kind: Service
metadata:
  name: kargo-demo
spec:
  ports:
  - nodePort: ${nodePort}
    port: 3000
    protocol: TCP
    targetPort: 80
  selector:
    app: kargo-demo
  type: NodePort
`;

describe("Kargo's quickstart promotion template, unchanged", () => {
  it.each([
    ['test', 30081],
    ['uat', 30082],
    ['prod', 30083],
  ] as const)('renders the %s Stage with the Freight image and commits it to its stage branch', async (stageName, nodePort) => {
    const { stages, tasks, warehouses } = quickstart();
    const stage = stages.find((s) => s.metadata.name === stageName);
    if (stage === undefined) throw new Error(`no ${stageName} Stage`);
    const git = createMemoryGit();
    git.commit(GITOPS, { subject: 'initial', files: gitopsFiles() });
    const mainHead = git.branchHead(GITOPS, 'main');
    // Argo CD resolves a branch to the commit at its head.
    const cluster = createMemoryCluster({ resolveRevision: (source) => git.branchHead(GITOPS, source.targetRevision ?? 'HEAD') ?? 'HEAD' });
    for (const s of ['test', 'uat', 'prod']) cluster.addApplication(application(s));
    const workspace = createMemoryGitWorkspace(git);

    const built = buildPromotion(stage, freight, { ids: () => '01JQUICKSTART0000000000000', now: NOW, tasks });
    if (!built.ok) throw new Error(JSON.stringify(built.issues));
    const status = await runPromotionToEnd(
      built.value,
      { freight: [freight], freightRequests: stage.spec.requestedFreight, warehouses },
      { steps: createStepRegistry(builtinSteps), ports: { workTree: workspace.workDir, git: workspace, cluster }, now: NOW, maxRuns: 5 },
    );

    expect(status.stepExecutionMetadata.map((m) => [m.alias, m.status])).toEqual([
      ['promo-process::step-1', 'Succeeded'],
      ['promo-process::step-2', 'Succeeded'],
      ['promo-process::update', 'Succeeded'],
      ['promo-process::step-4', 'Succeeded'],
      ['promo-process::commit', 'Succeeded'],
      ['promo-process::step-6', 'Succeeded'],
      ['promo-process::step-7', 'Succeeded'],
    ]);
    expect(status.phase).toBe('Succeeded');

    // The rendered branch holds exactly the three manifests, as Kargo names them.
    expect(git.readFiles(GITOPS, `stage/${stageName}`)).toEqual({
      'configmap-kargo-demo-content.yaml': CONFIGMAP(stageName),
      'deployment-kargo-demo.yaml': DEPLOYMENT,
      'service-kargo-demo.yaml': SERVICE(nodePort),
    });
    const commit = git.branchHead(GITOPS, `stage/${stageName}`) as string;
    expect((status.state['promo-process::commit'] as { commit: string }).commit).toBe(commit);
    const log = await git.listCommits({ repoURL: GITOPS, branch: `stage/${stageName}`, skip: 0, maxCount: 5 });
    if (!log.ok) throw new Error('no log');
    expect(log.value.map((c) => c.subject)).toEqual(['Updated ./src/base to use new image']);
    expect(status.state['promo-process::update']).toEqual({ commitMessage: `Updated ./src/base to use new image\n\n- public.ecr.aws/nginx/nginx:${TAG}` });
    // main is untouched: the image is set only in the promotion's working copy.
    expect(git.branchHead(GITOPS, 'main')).toBe(mainHead);
    // Argo CD was asked to sync this Stage's Application (and only it).
    expect(cluster.patches.map((p) => p.name)).toEqual([`kargo-demo-${stageName}`]);
  });
});

const steps = createStepRegistry(builtinSteps);

async function build(tree: MemoryWorkTree | undefined, config: Record<string, unknown>): Promise<PromotionRunStatus> {
  return runPromotionToEnd({ metadata: { name: 'p', namespace: 'demo' }, spec: { stage: 'dev', freight: 'f', steps: [{ uses: 'kustomize-build', config }] } }, {}, {
    steps,
    now: NOW,
    ...(tree === undefined ? {} : { ports: { workTree: tree } }),
  });
}

const APP = {
  'src/app/kustomization.yaml': 'namespace: shop\nresources:\n- all.yaml\n',
  'src/app/all.yaml': [
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: Web\nspec:\n  replicas: 1\n',
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  a: "1"\n',
    'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: reader\n',
  ].join('---\n'),
};

describe('kustomize-build', () => {
  it('is a builtin step, no longer listed as unavailable', () => {
    expect(steps.has('kustomize-build')).toBe(true);
    expect(UNAVAILABLE_KARGO_STEPS).not.toContain('kustomize-build');
    expect(kustomizeBuildStep.uses).toBe('kustomize-build');
  });

  it("validates its config strictly, with Kargo's fields", () => {
    expect(validateStepConfig(steps, 'kustomize-build', { path: 'a', outPath: 'b', outputFormat: 'kustomize', plugin: { helm: { apiVersions: ['v1'], kubeVersion: '1.30' } } })).toEqual([]);
    expect(validateStepConfig(steps, 'kustomize-build', { path: 'a', outPath: 'b', extra: 1 }).map((i) => i.code)).toEqual(['PROMOTION_STEP_CONFIG_INVALID']);
    expect(validateStepConfig(steps, 'kustomize-build', { path: 'a', outPath: 'b', outputFormat: 'helm' }).map((i) => i.path)).toEqual([['outputFormat']]);
    expect(validateStepConfig(steps, 'kustomize-build', { path: '', outPath: 'b' }).map((i) => i.path)).toEqual([['path']]);
    expect(validateStepConfig(steps, 'kustomize-build', { path: 'a' }).map((i) => i.path)).toEqual([['outPath']]);
    expect(validateStepConfig(steps, 'kustomize-build', { path: 'a', outPath: 'b', plugin: { kustomize: {} } }).map((i) => i.code)).toEqual(['PROMOTION_STEP_CONFIG_INVALID']);
  });

  it('writes one file, in the order the build met the resources, when outPath ends in .yaml or .yml', async () => {
    for (const out of ['out/all.yaml', 'out/all.yml']) {
      const tree = createMemoryWorkTree(APP);
      const status = await build(tree, { path: './src/app', outPath: `./${out}` });
      expect(status.phase).toBe('Succeeded');
      expect(tree.files()[out]).toBe(
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: Web\n  namespace: shop\nspec:\n  replicas: 1\n---\n' +
          'apiVersion: v1\ndata:\n  a: "1"\nkind: ConfigMap\nmetadata:\n  name: cfg\n  namespace: shop\n---\n' +
          'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: reader\n',
      );
    }
  });

  it("writes one file per resource, named as Kargo names them, into a directory", async () => {
    const tree = createMemoryWorkTree({ ...APP, 'out/keep.txt': 'x' });
    const status = await build(tree, { path: 'src/app', outPath: 'out' });
    expect(status.phase).toBe('Succeeded');
    const files = tree.files();
    expect(Object.keys(files).filter((f) => f.startsWith('out/')).sort()).toEqual(['out/clusterrole-reader.yaml', 'out/keep.txt', 'out/shop-configmap-cfg.yaml', 'out/shop-deployment-web.yaml']);
    expect(files['out/shop-deployment-web.yaml']).toBe('apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: Web\n  namespace: shop\nspec:\n  replicas: 1\n');
  });

  it('names files as `kustomize build -o dir/` does with outputFormat: kustomize', async () => {
    const tree = createMemoryWorkTree(APP);
    expect((await build(tree, { path: 'src/app', outPath: 'out', outputFormat: 'kustomize' })).phase).toBe('Succeeded');
    expect(Object.keys(tree.files()).filter((f) => f.startsWith('out/')).sort()).toEqual(['out/apps_v1_deployment_web.yaml', 'out/rbac.authorization.k8s.io_v1_clusterrole_reader.yaml', 'out/v1_configmap_cfg.yaml']);

    const two = createMemoryWorkTree({
      'app/kustomization.yaml': 'resources:\n- a.yaml\n',
      'app/a.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  namespace: one\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: one\n',
    });
    expect((await build(two, { path: 'app', outPath: 'out', outputFormat: 'kustomize' })).phase).toBe('Succeeded');
    // Several namespaces: namespaced files carry theirs (none when the object has none), cluster-scoped ones never do.
    expect(Object.keys(two.files()).filter((f) => f.startsWith('out/')).sort()).toEqual(['out/one_v1_configmap_a.yaml', 'out/v1_configmap_b.yaml', 'out/v1_namespace_one.yaml']);
  });

  it('fails with the build issues, and writes nothing', async () => {
    const tree = createMemoryWorkTree({ 'app/kustomization.yaml': 'resources:\n- https://example.com/remote.yaml\nhelmCharts:\n- name: x\n' });
    const status = await build(tree, { path: 'app', outPath: 'out.yaml' });
    expect(status.phase).toBe('Errored');
    expect(status.stepExecutionMetadata[0]?.message).toMatch(/failed to build kustomization in "app": app\/kustomization.yaml: the helmCharts field is not supported .*\(line 3, column 1\)/);
    expect(tree.files()['out.yaml']).toBeUndefined();
    const missing = await build(createMemoryWorkTree({}), { path: 'nowhere', outPath: 'out' });
    expect(missing.stepExecutionMetadata[0]?.message).toContain('nowhere is not a directory');
  });

  it('keeps every path inside the work directory', async () => {
    const tree = createMemoryWorkTree({ ...APP, 'base/kustomization.yaml': 'resources:\n- ../../../../src/app\n' });
    const status = await build(tree, { path: '../../base', outPath: '/../../rendered.yaml' });
    expect(status.phase).toBe('Succeeded');
    expect(tree.files()['rendered.yaml']).toContain('name: Web');
  });

  it('needs a work tree', async () => {
    const status = await build(undefined, { path: 'a', outPath: 'b' });
    expect(status.phase).toBe('Errored');
    expect(status.stepExecutionMetadata[0]?.message).toContain('kustomize-build needs a work tree');
  });
});
