import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildKustomization, type KustomizeReader } from '../../src/kustomize/index.js';
import { kustomizeCodes } from '../../src/errors/codes/kustomize.js';

function readerOf(files: Readonly<Record<string, string>>): KustomizeReader {
  return {
    async readFile(path) {
      return Object.hasOwn(files, path) ? files[path] : undefined;
    },
    async list(path) {
      const prefix = path === '' ? '' : `${path}/`;
      const names = new Map<string, 'file' | 'directory'>();
      for (const f of Object.keys(files)) {
        if (!f.startsWith(prefix)) continue;
        const [head, ...rest] = f.slice(prefix.length).split('/');
        if (head !== undefined && head !== '') names.set(head, rest.length > 0 ? 'directory' : 'file');
      }
      return names.size === 0 ? undefined : [...names].map(([name, type]) => ({ name, type }));
    },
  };
}

const CODES = Object.keys(kustomizeCodes);

async function expectIssuesNotThrows(files: Record<string, string>, dir: string): Promise<void> {
  const result = await buildKustomization(readerOf(files), dir);
  if (!result.ok) {
    expect(result.issues.length).toBeGreaterThan(0);
    for (const issue of result.issues) {
      expect(CODES).toContain(issue.code);
      expect(typeof issue.message).toBe('string');
    }
  } else {
    for (const r of result.value.resources) expect(typeof r.kind).toBe('string');
  }
}

const FIELDS = ['resources', 'components', 'bases', 'namespace', 'namePrefix', 'nameSuffix', 'commonLabels', 'labels', 'commonAnnotations', 'images', 'replicas', 'patches', 'patchesStrategicMerge', 'patchesJson6902', 'configMapGenerator', 'secretGenerator', 'generatorOptions', 'sortOptions', 'kind', 'helmCharts', 'vars'];
const junk = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.oneof(fc.string({ maxLength: 10 }), fc.integer(), fc.constant({}), fc.constant({ name: 'x', literals: ['a=b', 5] })), { maxLength: 4 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.constant([])), { maxKeys: 3 }),
);

describe('kustomize builds of broken input', () => {
  it('never throw on arbitrary text as a kustomization or a resource', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 300 }), fc.string({ maxLength: 300 }), async (kustomization, resource) => {
        await expectIssuesNotThrows({ 'app/kustomization.yaml': kustomization, 'app/r.yaml': resource }, 'app');
        await expectIssuesNotThrows({ 'app/kustomization.yaml': 'resources:\n- r.yaml\n', 'app/r.yaml': resource }, 'app');
      }),
      { numRuns: 300 },
    );
  });

  it('never throw on kustomization fields of any shape', async () => {
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.constantFrom(...FIELDS), junk, { maxKeys: 6 }), async (fields) => {
        const text = JSON.stringify(fields);
        await expectIssuesNotThrows({ 'app/kustomization.yaml': text, 'app/a.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n', 'app/x': 'a=b\n' }, 'app');
      }),
      { numRuns: 300 },
    );
  });

  it('end on any graph of kustomizations, reporting a cycle when one is reachable', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(fc.nat(5), { maxLength: 3 }), { minLength: 1, maxLength: 6 }), fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }), async (edges, asComponent) => {
        const files: Record<string, string> = {};
        edges.forEach((targets, i) => {
          const refs = targets.filter((t) => t < edges.length);
          const resources = refs.filter((t) => !asComponent[t]).map((t) => `- ../d${t}`);
          const components = refs.filter((t) => asComponent[t]).map((t) => `- ../d${t}`);
          files[`d${i}/kustomization.yaml`] = [
            i > 0 && asComponent[i] ? 'kind: Component' : '',
            'resources:',
            ...resources,
            `- cm${i}.yaml`,
            components.length > 0 ? 'components:' : '',
            ...components,
            '',
          ].join('\n');
          files[`d${i}/cm${i}.yaml`] = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm${i}\n`;
        });
        const result = await buildKustomization(readerOf(files), 'd0');
        // A cycle reachable from d0 must be reported.
        const reach = (from: number, seen: number[]): boolean =>
          (edges[from] ?? []).filter((t) => t < edges.length).some((t) => seen.includes(t) || reach(t, [...seen, t]));
        if (reach(0, [0])) {
          expect(result.ok).toBe(false);
          expect(result.issues.map((i) => i.code)).toContain('KUSTOMIZE_CYCLE');
        }
        for (const issue of result.issues) expect(CODES).toContain(issue.code);
      }),
      { numRuns: 200 },
    );
  });

  it('never throw when a working kustomization is damaged character by character', async () => {
    const good = [
      'namespace: ns',
      'namePrefix: p-',
      'resources:',
      '- a.yaml',
      'images:',
      '- name: nginx',
      '  newTag: "1.25"',
      'configMapGenerator:',
      '- name: cfg',
      '  literals: [k=v]',
      'patches:',
      '- target:',
      '    kind: Deployment',
      '  patch: |-',
      '    - op: replace',
      '      path: /spec/replicas',
      '      value: 2',
      '',
    ].join('\n');
    const deployment = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 1\n  template:\n    spec:\n      containers:\n      - name: web\n        image: nginx\n';
    await fc.assert(
      fc.asyncProperty(fc.nat(good.length - 1), fc.nat(deployment.length - 1), fc.constantFrom('', ' ', ':', '-', '\n', '[', '{', '"', '*', '&', '!', '$', '\t'), async (i, j, c) => {
        await expectIssuesNotThrows({ 'app/kustomization.yaml': good.slice(0, i) + c + good.slice(i + 1), 'app/a.yaml': deployment }, 'app');
        await expectIssuesNotThrows({ 'app/kustomization.yaml': good, 'app/a.yaml': deployment.slice(0, j) + c + deployment.slice(j + 1) }, 'app');
      }),
      { numRuns: 300 },
    );
  });

  it('ends quickly on YAML alias bombs', async () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...Array.from({ length: 9 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9).fill(`*${String.fromCharCode(97 + i)}`).join(',')}]`), ''].join('\n');
    const started = performance.now();
    const result = await buildKustomization(readerOf({ 'app/kustomization.yaml': 'resources:\n- bomb.yaml\n', 'app/bomb.yaml': `kind: ConfigMap\nmetadata:\n  name: x\ndata:\n${bomb.replace(/^/gm, '  ')}` }), 'app');
    expect(result.ok).toBe(false);
    expect(result.issues[0]?.code).toBe('KUSTOMIZE_PARSE');
    expect(performance.now() - started).toBeLessThan(5000);
  });
});
