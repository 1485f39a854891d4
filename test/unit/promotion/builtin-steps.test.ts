import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createMemoryWorkTree, createStepRegistry, builtinSteps, runPromotionToEnd, validateStepConfig, UNAVAILABLE_KARGO_STEPS } from '../../../src/promotion/index.js';
import type { MemoryWorkTree, PromotionRunContext, PromotionRunStatus } from '../../../src/promotion/index.js';
import type { PromotionStep } from '../../../src/model/index.js';

const steps = createStepRegistry(builtinSteps);

async function run(tree: MemoryWorkTree | undefined, list: PromotionStep[], context: PromotionRunContext = {}): Promise<PromotionRunStatus> {
  return runPromotionToEnd({ metadata: { name: 'p', namespace: 'demo' }, spec: { stage: 'dev', freight: 'f', steps: list } }, context, {
    steps,
    now: '2026-01-01T00:00:00Z',
    ...(tree === undefined ? {} : { ports: { workTree: tree } }),
  });
}

const statusOf = (s: PromotionRunStatus, i = 0) => s.stepExecutionMetadata[i];

describe('builtin step list', () => {
  it('has the steps that need no Git, cluster or network, and names the others as unavailable', () => {
    expect(steps.names()).toEqual(expect.arrayContaining(['compose-output', 'copy', 'delete', 'fail', 'file-write', 'helm-update-chart', 'json-update', 'kustomize-set-image', 'set-metadata', 'yaml-update']));
    expect(steps.names()).toEqual(expect.arrayContaining(['git-clear', 'git-clone', 'git-commit', 'git-merge-pr', 'git-open-pr', 'git-push', 'git-tag', 'git-wait-for-pr']));
    expect(steps.names()).toEqual(expect.arrayContaining(['argocd-update', 'argocd-wait', 'http']));
    for (const name of UNAVAILABLE_KARGO_STEPS) expect(steps.has(name)).toBe(false);
  });

  it('checks configs strictly, with positioned issues', () => {
    expect(validateStepConfig(steps, 'yaml-update', { path: 'a', updates: [{ key: 'k', value: 1 }] })).toEqual([]);
    const issues = validateStepConfig(steps, 'yaml-update', { path: 'a', updates: [{ key: 'k' }], extra: true });
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ['PROMOTION_STEP_CONFIG_INVALID', ['updates', 0, 'value']],
      ['PROMOTION_STEP_CONFIG_INVALID', []],
    ]);
    expect(validateStepConfig(steps, 'not-a-step', {})).toEqual([]);
  });

  it('a file step without a work tree errors for good', async () => {
    const s = await run(undefined, [{ uses: 'yaml-update', config: { path: 'a.yaml', updates: [{ key: 'a', value: 1 }] } }]);
    expect(statusOf(s)?.message).toContain('yaml-update needs a work tree');
  });
});

describe('yaml-update', () => {
  it('changes only the target values and outputs a commit message', async () => {
    const tree = createMemoryWorkTree({ 'env/values.yaml': 'image:\n  repository: nginx # the image\n  tag: "1.0.0" # pinned\nreplicas: 2\n' });
    const s = await run(tree, [{ uses: 'yaml-update', as: 'up', config: { path: 'env/values.yaml', updates: [{ key: 'image.tag', value: '1.2.3' }, { key: 'replicas', value: 3 }] } }]);
    expect(s.phase).toBe('Succeeded');
    expect(tree.files()['env/values.yaml']).toBe('image:\n  repository: nginx # the image\n  tag: "1.2.3" # pinned\nreplicas: 3\n');
    expect(s.state['up']).toEqual({ commitMessage: 'Updated env/values.yaml\n\n- image.tag: 1.2.3\n- replicas: 3' });
  });

  it('errors on a missing key or file and leaves the file alone', async () => {
    const tree = createMemoryWorkTree({ 'v.yaml': 'a: 1\n' });
    const s = await run(tree, [{ uses: 'yaml-update', config: { path: 'v.yaml', updates: [{ key: 'b.c', value: 1 }] } }, { uses: 'yaml-update', if: '${{ always() }}', config: { path: 'nope.yaml', updates: [{ key: 'a', value: 1 }] } }]);
    expect(statusOf(s, 0)?.status).toBe('Errored');
    expect(statusOf(s, 0)?.message).toContain('values file update failed: error updating values file "v.yaml"');
    expect(statusOf(s, 1)?.message).toContain('no such file');
    expect(tree.files()['v.yaml']).toBe('a: 1\n');
  });

  it('stays inside the work directory', async () => {
    const tree = createMemoryWorkTree({ 'values.yaml': 'a: 1\n' });
    await run(tree, [{ uses: 'yaml-update', config: { path: '../../values.yaml', updates: [{ key: 'a', value: 2 }] } }]);
    expect(tree.files()).toEqual({ 'values.yaml': 'a: 2\n' });
  });
});

describe('json-update', () => {
  it('sets scalars, creating missing keys, and outputs a commit message', async () => {
    const tree = createMemoryWorkTree({ 'c.json': '{\n  "image": {"tag": "1.0"},\n  "n": 1\n}\n' });
    const s = await run(tree, [{ uses: 'json-update', as: 'j', config: { path: 'c.json', updates: [{ key: 'image.tag', value: '2.0' }, { key: 'n', value: 5 }] } }]);
    expect(tree.files()['c.json']).toBe('{\n  "image": {"tag": "2.0"},\n  "n": 5\n}\n');
    expect(s.state['j']).toEqual({ commitMessage: 'Updated c.json\n\n- image.tag: "2.0"\n- n: 5' });
  });

  it('rejects non-scalar values as a config error', async () => {
    const tree = createMemoryWorkTree({ 'c.json': '{}' });
    const s = await run(tree, [{ uses: 'json-update', config: { path: 'c.json', updates: [{ key: 'a', value: { b: 1 } }] } }]);
    expect(statusOf(s)).toMatchObject({ status: 'Failed' });
    expect(statusOf(s)?.message).toContain('value for key "a" is not a scalar type');
  });
});

describe('kustomize-set-image', () => {
  const kustomization = 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n- deploy.yaml\n';

  it('sets the configured images and outputs a commit message', async () => {
    const tree = createMemoryWorkTree({ 'app/kustomization.yaml': kustomization });
    const s = await run(tree, [{ uses: 'kustomize-set-image', as: 'k', config: { path: 'app', images: [{ image: 'nginx', tag: '1.25.3' }, { image: 'redis', newName: 'mirror/redis', digest: 'sha256:abc' }] } }]);
    expect(s.phase).toBe('Succeeded');
    const doc = parse(tree.files()['app/kustomization.yaml'] ?? '') as { images: unknown; resources: unknown };
    expect(doc.images).toEqual([
      { name: 'nginx', newTag: '1.25.3' },
      { name: 'redis', newName: 'mirror/redis', digest: 'sha256:abc' },
    ]);
    expect(doc.resources).toEqual(['deploy.yaml']);
    expect(s.state['k']).toEqual({ commitMessage: 'Updated app to use new images\n\n- nginx:1.25.3\n- mirror/redis@sha256:abc' });
  });

  it('takes images from the Freight when none are configured', async () => {
    const tree = createMemoryWorkTree({ 'app/Kustomization': kustomization });
    const s = await run(tree, [{ uses: 'kustomize-set-image', as: 'k', config: { path: 'app' } }], {
      freight: [{ name: 'f', origin: { kind: 'Warehouse', name: 'w' }, images: [{ repoURL: 'ghcr.io/acme/app', tag: 'v2', digest: 'sha256:def' }] }],
    });
    expect(parse(tree.files()['app/Kustomization'] ?? '')).toMatchObject({ images: [{ name: 'ghcr.io/acme/app', newTag: 'v2', digest: 'sha256:def' }] });
    expect(s.state['k']).toEqual({ commitMessage: 'Updated app to use new image\n\n- ghcr.io/acme/app:v2@sha256:def' });
  });

  it('errors without a kustomization, with two, or with only a link to one', async () => {
    const none = await run(createMemoryWorkTree({ 'app/x.yaml': '' }), [{ uses: 'kustomize-set-image', config: { path: 'app', images: [{ image: 'a', tag: '1' }] } }]);
    expect(statusOf(none)?.message).toContain('could not find any Kustomization files in "app"');
    const two = await run(createMemoryWorkTree({ 'app/kustomization.yaml': kustomization, 'app/kustomization.yml': kustomization }), [{ uses: 'kustomize-set-image', config: { path: 'app', images: [{ image: 'a', tag: '1' }] } }]);
    expect(statusOf(two)?.message).toContain('ambiguous result');
    const linked = createMemoryWorkTree({ 'real/kustomization.yaml': kustomization });
    linked.symlink('../real/kustomization.yaml', 'app/kustomization.yaml');
    const viaLink = await run(linked, [{ uses: 'kustomize-set-image', config: { path: 'app', images: [{ image: 'a', tag: '1' }] } }]);
    expect(statusOf(viaLink)?.message).toContain('could not find any Kustomization files');
  });

  it('requires exactly one of tag and digest', async () => {
    const s = await run(createMemoryWorkTree({}), [{ uses: 'kustomize-set-image', config: { path: 'app', images: [{ image: 'a', tag: '1', digest: 'sha256:x' }] } }]);
    expect(statusOf(s)?.status).toBe('Failed');
  });
});

describe('helm-update-chart', () => {
  const chart = 'name: app\ndependencies:\n- name: redis\n  repository: https://charts.bitnami.com/bitnami\n  version: 17.0.0 # pin\n- name: lib\n  repository: file://../lib\n  version: 0.1.0\n';

  it('pins dependency versions in Chart.yaml and outputs a commit message', async () => {
    const tree = createMemoryWorkTree({ 'charts/app/Chart.yaml': chart });
    const s = await run(tree, [{ uses: 'helm-update-chart', as: 'h', config: { path: 'charts/app', charts: [{ repository: 'https://charts.bitnami.com/bitnami', name: 'redis', version: '18.1.0' }] } }]);
    expect(tree.files()['charts/app/Chart.yaml']).toBe(chart.replace('17.0.0 # pin', '18.1.0 # pin'));
    expect(s.state['h']).toEqual({ commitMessage: 'Updated chart dependencies for charts/app\n\n- redis: 17.0.0 -> 18.1.0' });
  });

  it('errors when no dependency matches, and refuses local dependencies outside the work directory', async () => {
    const tree = createMemoryWorkTree({ 'app/Chart.yaml': chart });
    const s = await run(tree, [{ uses: 'helm-update-chart', config: { path: 'app', charts: [{ repository: 'https://other', name: 'redis', version: '1.0.0' }] } }]);
    expect(statusOf(s)?.status).toBe('Errored');
    const escaping = createMemoryWorkTree({ 'Chart.yaml': chart });
    const e = await run(escaping, [{ uses: 'helm-update-chart', config: { path: '.', charts: [] } }]);
    expect(statusOf(e)).toMatchObject({ status: 'Failed' });
    expect(statusOf(e)?.message).toContain('leaves the work directory');
  });
});

describe('file-write, copy and delete', () => {
  it('file-write writes a new file with its mode and refuses to overwrite unless asked', async () => {
    const tree = createMemoryWorkTree({ 'old.txt': 'old' });
    const s = await run(tree, [
      { uses: 'file-write', config: { path: 'out/new.txt', contents: 'hello ${{ ctx.stage }}', permissions: '0640' } },
      { uses: 'file-write', continueOnError: true, config: { path: 'old.txt', contents: 'x' } },
      { uses: 'file-write', config: { path: './old.txt', contents: 'new', overwrite: true } },
      { uses: 'file-write', config: { path: 'plain.txt', contents: '' } },
    ]);
    expect(s.stepExecutionMetadata.map((m) => m.status)).toEqual(['Succeeded', 'Failed', 'Succeeded', 'Succeeded']);
    expect(s.stepExecutionMetadata[1]?.message).toBe('step "step-2": file "old.txt" already exists; set overwrite: true to replace it');
    expect(tree.files()).toEqual({ 'old.txt': 'new', 'out/new.txt': 'hello dev', 'plain.txt': '' });
    expect(tree.modeOf('out/new.txt')).toBe(0o640);
    expect(tree.modeOf('plain.txt')).toBe(0o600);
  });

  it.each([
    ['/etc/passwd', undefined, 'must be relative'],
    ['../x', undefined, 'climbs out of the work directory'],
    ['a/../../x', undefined, 'climbs out of the work directory'],
    ['.git/config', undefined, 'inside .git'],
    ['link/x', undefined, 'symbolic link'],
    ['dir', undefined, 'is a directory'],
    ['ok.txt', '0755', 'executable bits'],
    ['ok.txt', '0646', 'writable by everyone'],
  ])('file-write refuses %j (permissions %j) for good', async (path, permissions, message) => {
    const tree = createMemoryWorkTree({ 'dir/f': 'f' });
    tree.symlink('dir', 'link');
    const s = await run(tree, [{ uses: 'file-write', config: { path, contents: 'x', ...(permissions === undefined ? {} : { permissions }) } }]);
    expect(statusOf(s)?.status).toBe('Failed');
    expect(statusOf(s)?.message).toContain(message);
    expect(tree.files()).toEqual({ 'dir/f': 'f' });
  });

  it('copy copies a file or a tree, skipping links and ignored paths', async () => {
    const tree = createMemoryWorkTree({ 'src/a.yaml': 'a', 'src/sub/b.yaml': 'b', 'src/sub/c.tmp': 'c', 'src/build/x': 'x', 'src/.git/HEAD': 'h', 'one.txt': '1', 'dst/keep': 'k' });
    tree.symlink('/one.txt', 'src/link');
    const s = await run(tree, [
      { uses: 'copy', config: { inPath: 'src', outPath: 'dst', ignore: '*.tmp\nbuild/\n' } },
      { uses: 'copy', config: { inPath: 'one.txt', outPath: 'dst/one-copy.txt' } },
    ]);
    expect(s.phase).toBe('Succeeded');
    const files = tree.files();
    expect(Object.keys(files).filter((k) => k.startsWith('dst/'))).toEqual(['dst/a.yaml', 'dst/keep', 'dst/one-copy.txt', 'dst/sub/b.yaml']);
  });

  it('copy refuses to copy a directory into itself and reports missing sources', async () => {
    const tree = createMemoryWorkTree({ 'src/a': 'a' });
    const s = await run(tree, [{ uses: 'copy', config: { inPath: 'src', outPath: 'src/inner' } }, { uses: 'copy', if: '${{ always() }}', config: { inPath: 'nope', outPath: 'x' } }]);
    expect(s.stepExecutionMetadata.map((m) => m.status)).toEqual(['Errored', 'Errored']);
    expect(tree.files()).toEqual({ 'src/a': 'a' });
  });

  it('delete removes paths, links (not their targets) and globs; strict reports missing paths', async () => {
    const tree = createMemoryWorkTree({ 'a.txt': 'a', 'dir/b.txt': 'b', 'keep/c.yaml': 'c', 'keep/d.tmp': 'd', 'target/t': 't' });
    tree.symlink('target', 'link');
    const s = await run(tree, [
      { uses: 'delete', config: { paths: ['a.txt', 'dir', 'link', 'missing'] } },
      { uses: 'delete', config: { path: '**/*.tmp', pathsAreGlobs: true } },
      { uses: 'delete', continueOnError: true, config: { path: 'missing', strict: true } },
      { uses: 'delete', continueOnError: true, config: { path: '../..' } },
    ]);
    expect(s.stepExecutionMetadata.map((m) => m.status)).toEqual(['Succeeded', 'Succeeded', 'Errored', 'Errored']);
    expect(tree.files()).toEqual({ 'keep/c.yaml': 'c', 'target/t': 't' });
  });

  it('delete needs exactly one of path and paths', async () => {
    const s = await run(createMemoryWorkTree(), [{ uses: 'delete', config: { path: 'a', paths: ['b'] } }]);
    expect(statusOf(s)?.status).toBe('Failed');
  });
});

describe('compose-output, set-metadata and fail', () => {
  it('fail errors with its message, as Kargo does, and can be retried like any error', async () => {
    const s = await run(undefined, [{ uses: 'fail', config: { message: 'not today' } }]);
    expect(s).toMatchObject({ phase: 'Errored', message: 'step "step-1" met error threshold of 1: error running step "step-1": failed: not today' });
    const bare = await run(undefined, [{ uses: 'fail', retry: { errorThreshold: 2 } }]);
    expect(bare).toMatchObject({ phase: 'Running', currentStep: 0 });
    expect(statusOf(bare)?.message).toBe('error running step "step-1": failed; step will be retried');
  });

  it('set-metadata needs at least one well-formed update', async () => {
    const s = await run(undefined, [{ uses: 'set-metadata', config: { updates: [{ kind: 'Warehouse', name: 'w', values: {} }] } }]);
    expect(statusOf(s)?.status).toBe('Failed');
  });
});
