import { describe, expect, it } from 'vitest';
import { buildKustomization, renderKustomizeBuild } from '../../../src/kustomize/index.js';
import { kustomizeCodes } from '../../../src/errors/codes/kustomize.js';
import { readerOf } from './reader.js';

const cm = (name: string, extra = '') => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n${extra}`;

async function issuesOf(files: Record<string, string>, dir = 'app') {
  const result = await buildKustomization(readerOf(files), dir);
  expect(result.ok).toBe(false);
  for (const issue of result.issues) expect(Object.keys(kustomizeCodes)).toContain(issue.code);
  return result.issues;
}

async function namesOf(files: Record<string, string>, dir = 'app', order: 'legacy' | 'fifo' = 'legacy') {
  const result = await buildKustomization(readerOf(files), dir, { order });
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.value.resources.map((r) => `${r.kind}/${r.namespace === '' ? '' : `${r.namespace}/`}${r.name}`);
}

describe('finding kustomizations', () => {
  it('accepts kustomization.yaml, kustomization.yml and Kustomization', async () => {
    for (const name of ['kustomization.yaml', 'kustomization.yml', 'Kustomization']) {
      expect(await namesOf({ [`app/${name}`]: 'resources:\n- cm.yaml\n', 'app/cm.yaml': cm('a') })).toEqual(['ConfigMap/a']);
    }
  });

  it('reports a missing or ambiguous kustomization', async () => {
    expect((await issuesOf({ 'app/cm.yaml': cm('a') })).map((i) => i.code)).toEqual(['KUSTOMIZE_NOT_FOUND']);
    expect((await issuesOf({ 'app/kustomization.yaml': '', 'app/Kustomization': '' })).map((i) => i.code)).toEqual(['KUSTOMIZE_AMBIGUOUS']);
    expect((await issuesOf({}, 'nowhere')).map((i) => i.code)).toEqual(['KUSTOMIZE_NOT_FOUND']);
  });
});

describe('resources', () => {
  it('refuses remote resources and components with a positioned issue', async () => {
    const issues = await issuesOf({
      'app/kustomization.yaml': 'resources:\n- https://github.com/acme/repo//deploy?ref=v1\n- github.com/acme/repo/base\ncomponents:\n- git@github.com:acme/repo.git//c\n',
    });
    expect(issues.map((i) => [i.code, i.line, i.column])).toEqual([
      ['KUSTOMIZE_REMOTE_RESOURCE', 2, 3],
      ['KUSTOMIZE_REMOTE_RESOURCE', 3, 3],
      ['KUSTOMIZE_REMOTE_RESOURCE', 5, 3],
    ]);
  });

  it('reports missing files, with the position of the entry', async () => {
    const issues = await issuesOf({ 'app/kustomization.yaml': 'resources:\n- cm.yaml\n- missing.yaml\n', 'app/cm.yaml': cm('a') });
    expect(issues).toMatchObject([{ code: 'KUSTOMIZE_RESOURCE_NOT_FOUND', file: 'app/kustomization.yaml', line: 3, column: 3, path: ['resources', 1] }]);
  });

  it('detects cycles between kustomizations instead of looping', async () => {
    const issues = await issuesOf({ 'app/kustomization.yaml': 'resources:\n- ../b\n', 'b/kustomization.yaml': 'resources:\n- ../app\n' });
    expect(issues.map((i) => i.code)).toEqual(['KUSTOMIZE_CYCLE']);
    expect(issues[0]?.message).toContain('app -> b -> app');
    const self = await issuesOf({ 'app/kustomization.yaml': 'resources:\n- .\n' });
    expect(self.map((i) => i.code)).toEqual(['KUSTOMIZE_CYCLE']);
  });

  it('stops at a depth limit', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 10; i++) files[`d${i}/kustomization.yaml`] = `resources:\n- ../d${i + 1}\n`;
    files['d10/kustomization.yaml'] = 'resources: []\n';
    const result = await buildKustomization(readerOf(files), 'd0', { maxDepth: 5 });
    expect(result.ok).toBe(false);
    expect(result.issues.map((i) => i.code)).toEqual(['KUSTOMIZE_CYCLE']);
  });

  it('rejects the same resource twice', async () => {
    const issues = await issuesOf({ 'app/kustomization.yaml': 'resources:\n- a.yaml\n- b.yaml\n', 'app/a.yaml': cm('x'), 'app/b.yaml': cm('x') });
    expect(issues.map((i) => i.code)).toEqual(['KUSTOMIZE_DUPLICATE_RESOURCE']);
  });

  it('reports documents that are not Kubernetes objects, positioned in their file', async () => {
    const issues = await issuesOf({ 'app/kustomization.yaml': 'resources:\n- a.yaml\n', 'app/a.yaml': `${cm('ok')}---\nkind: ConfigMap\nmetadata: {}\n---\n- a list\n` });
    expect(issues.map((i) => [i.code, i.file, i.line])).toEqual([
      ['KUSTOMIZE_INVALID_RESOURCE', 'app/a.yaml', 7],
      ['KUSTOMIZE_INVALID_RESOURCE', 'app/a.yaml', 9],
    ]);
  });

  it('reports YAML syntax errors with their position', async () => {
    const issues = await issuesOf({ 'app/kustomization.yaml': 'resources:\n- a.yaml\n', 'app/a.yaml': 'kind: ConfigMap\nmetadata:\n  name: "open\n' });
    expect(issues[0]).toMatchObject({ code: 'KUSTOMIZE_PARSE', file: 'app/a.yaml' });
    expect(issues[0]?.line).toBeGreaterThan(0);
  });

  it('expands Lists and drops local-config objects', async () => {
    const list = 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: one\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: two\n    annotations:\n      config.kubernetes.io/local-config: "true"\n';
    expect(await namesOf({ 'app/kustomization.yaml': 'resources:\n- list.yaml\n', 'app/list.yaml': list })).toEqual(['ConfigMap/one']);
  });

  it('clamps paths at the root of the tree', async () => {
    expect(await namesOf({ 'app/kustomization.yaml': 'resources:\n- ../../../../base\n', 'base/kustomization.yaml': 'resources:\n- cm.yaml\n', 'base/cm.yaml': cm('b') })).toEqual(['ConfigMap/b']);
  });
});

describe('kustomization fields', () => {
  it('names unknown and unsupported fields at their line', async () => {
    const issues = await issuesOf({ 'app/kustomization.yaml': 'resources: []\nhelmCharts:\n- name: x\nreplacements: []\nnamePrefx: a-\n' });
    expect(issues.map((i) => [i.code, i.line])).toEqual([
      ['KUSTOMIZE_UNSUPPORTED', 2],
      ['KUSTOMIZE_UNSUPPORTED', 4],
      ['KUSTOMIZE_UNKNOWN_FIELD', 5],
    ]);
  });

  it('reads field names regardless of case, as kustomize does', async () => {
    expect(await namesOf({ 'app/kustomization.yaml': 'Resources:\n- cm.yaml\nnameprefix: p-\n', 'app/cm.yaml': cm('a') })).toEqual(['ConfigMap/p-a']);
  });

  it('reports fields of the wrong shape', async () => {
    const issues = await issuesOf({ 'app/kustomization.yaml': 'resources: cm.yaml\nnamespace: [a]\nreplicas:\n- name: x\n  count: many\n' });
    expect(issues.map((i) => i.code)).toEqual(['KUSTOMIZE_INVALID_FIELD', 'KUSTOMIZE_INVALID_FIELD', 'KUSTOMIZE_INVALID_FIELD']);
  });

  it('uses components only as components', async () => {
    const asResource = await issuesOf({ 'app/kustomization.yaml': 'resources:\n- ../c\n', 'c/kustomization.yaml': 'kind: Component\n' });
    expect(asResource.map((i) => i.code)).toEqual(['KUSTOMIZE_COMPONENT_KIND']);
    const asComponent = await issuesOf({ 'app/kustomization.yaml': 'components:\n- ../c\n', 'c/kustomization.yaml': 'resources: []\n' });
    expect(asComponent.map((i) => i.code)).toEqual(['KUSTOMIZE_COMPONENT_KIND']);
  });
});

describe('output order', () => {
  const files = {
    'app/kustomization.yaml': 'resources:\n- all.yaml\n',
    'app/all.yaml': [
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: b\n',
      'apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingWebhookConfiguration\nmetadata:\n  name: hook\n',
      'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n',
      cm('z'),
      cm('a'),
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n',
      'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ns\n',
    ].join('---\n'),
  };

  it('is kustomize build\'s legacy order by default: first kinds, others, last kinds, then by name', async () => {
    expect(await namesOf(files)).toEqual(['Namespace/ns', 'ConfigMap/a', 'ConfigMap/z', 'Service/s', 'Deployment/b', 'Widget/w', 'ValidatingWebhookConfiguration/hook']);
  });

  it('is the order met with `order: fifo`, or when the kustomization says so', async () => {
    const fifo = ['Deployment/b', 'ValidatingWebhookConfiguration/hook', 'Widget/w', 'ConfigMap/z', 'ConfigMap/a', 'Service/s', 'Namespace/ns'];
    expect(await namesOf(files, 'app', 'fifo')).toEqual(fifo);
    expect(await namesOf({ ...files, 'app/kustomization.yaml': 'resources:\n- all.yaml\nsortOptions:\n  order: fifo\n' })).toEqual(fifo);
    expect(
      await namesOf({ ...files, 'app/kustomization.yaml': 'resources:\n- all.yaml\nsortOptions:\n  order: legacy\n  legacySortOptions:\n    orderFirst: [Service]\n    orderLast: [ConfigMap]\n' }, 'app', 'fifo'),
    ).toEqual(['Service/s', 'ValidatingWebhookConfiguration/hook', 'Deployment/b', 'Widget/w', 'Namespace/ns', 'ConfigMap/a', 'ConfigMap/z']);
  });

  it('separates documents with ---', async () => {
    const result = await buildKustomization(readerOf({ 'app/kustomization.yaml': 'resources:\n- a.yaml\n', 'app/a.yaml': `${cm('a')}---\n${cm('b')}` }), 'app');
    if (!result.ok) throw new Error('build failed');
    expect(renderKustomizeBuild(result.value)).toBe('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n');
  });
});

describe('transformers', () => {
  it('leaves cluster-scoped objects out of the namespace and CRDs and Namespaces out of name prefixes', async () => {
    const files = {
      'app/kustomization.yaml': 'namespace: team\nnamePrefix: p-\nresources:\n- all.yaml\n',
      'app/all.yaml': [
        'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: r\n',
        'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: ws.example.com\n',
        'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: old\n',
        cm('c'),
      ].join('---\n'),
    };
    expect(await namesOf(files, 'app', 'fifo')).toEqual(['ClusterRole/p-r', 'CustomResourceDefinition/ws.example.com', 'Namespace/team', 'ConfigMap/team/p-c']);
  });

  it('reports a replicas entry that matches nothing', async () => {
    const issues = await issuesOf({ 'app/kustomization.yaml': 'resources:\n- a.yaml\nreplicas:\n- name: nope\n  count: 2\n', 'app/a.yaml': cm('a') });
    expect(issues).toMatchObject([{ code: 'KUSTOMIZE_INVALID_FIELD', line: 4 }]);
  });

  it('reports a strategic merge patch that matches nothing, and bad JSON6902 operations', async () => {
    const base = { 'app/a.yaml': cm('a', 'data:\n  k: v\n') };
    const none = await issuesOf({ ...base, 'app/kustomization.yaml': 'resources:\n- a.yaml\npatches:\n- patch: |-\n    apiVersion: v1\n    kind: ConfigMap\n    metadata:\n      name: b\n' });
    expect(none.map((i) => i.code)).toEqual(['KUSTOMIZE_PATCH_NO_MATCH']);
    const bad = await issuesOf({
      ...base,
      'app/kustomization.yaml': 'resources:\n- a.yaml\npatches:\n- target:\n    kind: ConfigMap\n  patch: |-\n    - op: replace\n      path: /data/missing\n      value: x\n',
    });
    expect(bad.map((i) => i.code)).toEqual(['KUSTOMIZE_PATCH']);
    expect(bad[0]?.line).toBe(4);
    const regex = await issuesOf({ ...base, 'app/kustomization.yaml': 'resources:\n- a.yaml\npatches:\n- target:\n    name: "("\n  patch: "[]"\n' });
    expect(regex.map((i) => i.code)).toEqual(['KUSTOMIZE_PATCH']);
    const selector = await issuesOf({ ...base, 'app/kustomization.yaml': 'resources:\n- a.yaml\npatches:\n- target:\n    labelSelector: "a in (b"\n  patch: "[]"\n' });
    expect(selector.map((i) => i.code)).toEqual(['KUSTOMIZE_PATCH']);
  });

  it('refuses strategic merge directives it does not implement', async () => {
    const issues = await issuesOf({
      'app/a.yaml': cm('a', 'data:\n  k: v\n'),
      'app/kustomization.yaml': 'resources:\n- a.yaml\npatches:\n- patch: |-\n    apiVersion: v1\n    kind: ConfigMap\n    metadata:\n      name: a\n    $setElementOrder/data: []\n',
    });
    expect(issues.map((i) => i.code)).toEqual(['KUSTOMIZE_PATCH']);
  });

  it('deletes a whole object with $patch: delete', async () => {
    expect(
      await namesOf({
        'app/a.yaml': `${cm('a')}---\n${cm('b')}`,
        'app/kustomization.yaml': 'resources:\n- a.yaml\npatches:\n- patch: |-\n    $patch: delete\n    apiVersion: v1\n    kind: ConfigMap\n    metadata:\n      name: a\n',
      }),
    ).toEqual(['ConfigMap/b']);
  });
});

describe('generators', () => {
  it('report bad sources, repeated keys and impossible behaviors', async () => {
    const issues = await issuesOf({
      'app/kustomization.yaml': [
        'configMapGenerator:',
        '- name: a',
        '  literals: [novalue]',
        '- name: b',
        '  literals: [k=1, k=2]',
        '- name: c',
        '  behavior: merge',
        '  literals: [k=1]',
        '- name: d',
        '  files: [missing.txt]',
        '- literals: [k=1]',
        '- name: e',
        '  behavior: sometimes',
        'secretGenerator:',
        '- name: f',
        '  envs: [bad.env]',
        '',
      ].join('\n'),
      'app/bad.env': 'GOOD=1\n1BAD=2\n',
    });
    expect(issues.map((i) => [i.code, i.line])).toEqual([
      ['KUSTOMIZE_GENERATOR', 2],
      ['KUSTOMIZE_GENERATOR', 4],
      ['KUSTOMIZE_GENERATOR', 6],
      ['KUSTOMIZE_GENERATOR', 9],
      ['KUSTOMIZE_GENERATOR', 11],
      ['KUSTOMIZE_GENERATOR', 12],
      ['KUSTOMIZE_GENERATOR', 15],
    ]);
  });

  it('may not create an object that already exists', async () => {
    const issues = await issuesOf({ 'app/kustomization.yaml': 'resources:\n- a.yaml\nconfigMapGenerator:\n- name: a\n  literals: [k=v]\n', 'app/a.yaml': cm('a') });
    expect(issues.map((i) => i.code)).toEqual(['KUSTOMIZE_GENERATOR']);
  });
});

describe('name references', () => {
  it('report a reference that could mean several renamed objects', async () => {
    const issues = await issuesOf({
      'app/kustomization.yaml': 'resources:\n- ../x\n- ../y\n- role.yaml\n',
      'x/kustomization.yaml': 'namespace: a\nconfigMapGenerator:\n- name: cfg\n  literals: [a=1]\n',
      'y/kustomization.yaml': 'namespace: b\nconfigMapGenerator:\n- name: cfg\n  literals: [a=2]\n',
      'app/role.yaml': 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: r\nrules:\n- resourceNames: [cfg]\n',
    });
    expect(issues.map((i) => i.code)).toEqual(['KUSTOMIZE_NAME_REFERENCE']);
  });

  it('leave a reference alone when no renamed object has the same name affixes', async () => {
    const result = await buildKustomization(
      readerOf({
        'app/kustomization.yaml': 'resources:\n- ../x\n- ../y\n- pod.yaml\n',
        'x/kustomization.yaml': 'namePrefix: x-\nconfigMapGenerator:\n- name: cfg\n  literals: [a=1]\n',
        'y/kustomization.yaml': 'namePrefix: y-\nconfigMapGenerator:\n- name: cfg\n  literals: [a=2]\n',
        'app/pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  volumes:\n  - name: v\n    configMap:\n      name: cfg\n',
      }),
      'app',
    );
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(result.value.resources.find((r) => r.kind === 'Pod')?.object).toMatchObject({ spec: { volumes: [{ configMap: { name: 'cfg' } }] } });
  });
});

describe('readers', () => {
  it('treat a listing that rejects as no directory, and a failing read as an issue, never a throw', async () => {
    const base = readerOf({ 'app/kustomization.yaml': 'resources:\n- file.yaml\ncomponents:\n- file.yaml\n', 'app/file.yaml': cm('a') });
    const rejecting = { readFile: base.readFile, list: async (p: string) => (p === 'app' ? base.list(p) : Promise.reject(new Error('ENOTDIR'))) };
    const result = await buildKustomization(rejecting, 'app');
    expect(result.issues.map((i) => i.code)).toEqual(['KUSTOMIZE_RESOURCE_NOT_FOUND']);
    const failing = { readFile: async () => Promise.reject(new Error('EIO')), list: base.list };
    const failed = await buildKustomization(failing, 'app');
    expect(failed.ok).toBe(false);
    expect(failed.issues[0]?.message).toContain('EIO');
  });
});
