import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildKustomization, renderKustomizeBuild, type KustomizeReader } from '../../src/kustomize/index.js';

function readerOf(files: Readonly<Record<string, string>>): KustomizeReader {
  return {
    async readFile(path) {
      return Object.hasOwn(files, path) ? files[path] : undefined;
    },
    async list(path) {
      const prefix = `${path}/`;
      const names = new Set(Object.keys(files).filter((f) => f.startsWith(prefix)).map((f) => f.slice(prefix.length).split('/')[0] as string));
      return names.size === 0 ? undefined : [...names].map((name) => ({ name, type: 'file' as const }));
    },
  };
}

const KINDS = [
  ['v1', 'ConfigMap'],
  ['v1', 'Service'],
  ['apps/v1', 'Deployment'],
  ['v1', 'Namespace'],
  ['example.com/v1', 'Widget'],
  ['rbac.authorization.k8s.io/v1', 'ClusterRole'],
  ['admissionregistration.k8s.io/v1', 'MutatingWebhookConfiguration'],
] as const;

const CLUSTER_SCOPED = new Set(['Namespace', 'ClusterRole', 'MutatingWebhookConfiguration']);
const resources = fc.uniqueArray(
  fc
    .record({ kind: fc.constantFrom(...KINDS), name: fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/), namespace: fc.constantFrom('', 'a', 'b') })
    .map((r) => (CLUSTER_SCOPED.has(r.kind[1]) ? { ...r, namespace: '' } : r)),
  {
  selector: (r) => `${r.kind[1]}/${r.namespace}/${r.name}`,
  maxLength: 10,
});

const docOf = (r: { kind: readonly [string, string]; name: string; namespace: string }) =>
  `apiVersion: ${r.kind[0]}\nkind: ${r.kind[1]}\nmetadata:\n  name: ${r.name}\n${r.namespace === '' ? '' : `  namespace: ${r.namespace}\n`}`;

describe('kustomize build laws', () => {
  it('legacy order does not depend on the order resources are listed in', async () => {
    await fc.assert(
      fc.asyncProperty(resources, fc.integer(), async (list, seed) => {
        const shuffled = [...list].sort((x, y) => ((x.name.length * 7 + seed) % 5) - ((y.name.length * 7 + seed) % 5));
        const build = async (items: typeof list) => {
          const result = await buildKustomization(readerOf({ 'app/kustomization.yaml': 'resources:\n- r.yaml\n', 'app/r.yaml': items.map(docOf).join('---\n') }), 'app');
          if (!result.ok) throw new Error(JSON.stringify(result.issues));
          return renderKustomizeBuild(result.value);
        };
        expect(await build(shuffled)).toBe(await build(list));
      }),
      { numRuns: 150 },
    );
  });

  it('fifo order keeps the listed order, and both orders hold the same resources', async () => {
    await fc.assert(
      fc.asyncProperty(resources, async (list) => {
        const files = { 'app/kustomization.yaml': 'resources:\n- r.yaml\n', 'app/r.yaml': list.map(docOf).join('---\n') };
        const fifo = await buildKustomization(readerOf(files), 'app', { order: 'fifo' });
        const legacy = await buildKustomization(readerOf(files), 'app');
        if (!fifo.ok || !legacy.ok) throw new Error('build failed');
        expect(fifo.value.resources.map((r) => `${r.kind}/${r.name}`)).toEqual(list.map((r) => `${r.kind[1]}/${r.name}`));
        expect(legacy.value.resources.map((r) => `${r.kind}/${r.namespace}/${r.name}`).sort()).toEqual(fifo.value.resources.map((r) => `${r.kind}/${r.namespace}/${r.name}`).sort());
        const rank = (k: string) => (k === 'Namespace' ? 0 : k === 'MutatingWebhookConfiguration' ? 9 : 5);
        const ranks = legacy.value.resources.map((r) => rank(r.kind));
        expect(ranks).toEqual([...ranks].sort((x, y) => x - y));
      }),
      { numRuns: 150 },
    );
  });

  it('is deterministic and leaves the files it reads unchanged', async () => {
    await fc.assert(
      fc.asyncProperty(resources, fc.stringMatching(/^[a-z]{0,4}$/), fc.stringMatching(/^[a-z]{0,4}$/), async (list, prefix, ns) => {
        const files = {
          'app/kustomization.yaml': `resources:\n- r.yaml\n${prefix === '' ? '' : `namePrefix: ${prefix}-\n`}${ns === '' ? '' : `namespace: ${ns}\n`}configMapGenerator:\n- name: gen\n  literals: [a=${prefix}]\n`,
          'app/r.yaml': list.map(docOf).join('---\n'),
        };
        const before = JSON.stringify(files);
        const one = await buildKustomization(readerOf(files), 'app');
        const two = await buildKustomization(readerOf(files), 'app');
        expect(JSON.stringify(files)).toBe(before);
        expect(one.ok && two.ok && renderKustomizeBuild(one.value) === renderKustomizeBuild(two.value)).toBe(one.ok);
      }),
      { numRuns: 100 },
    );
  });
});
