import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { builtinSteps, createMemoryWorkTree, createStepRegistry, runPromotionToEnd } from '../../../src/promotion/index.js';
import type { AnyStepDefinition, MemoryWorkTree, PromotionRunStatus, StepPorts } from '../../../src/promotion/index.js';
import { yamlMergeStep } from '../../../src/promotion/steps/yaml-merge.js';
import type { PromotionStep } from '../../../src/model/index.js';

/** Runs a promotion of `steps` to its end with the builtin steps plus `extra`, on `tree`. */
function runWith(extra: readonly AnyStepDefinition[], tree: MemoryWorkTree | undefined, steps: PromotionStep[], ports: StepPorts = {}): Promise<PromotionRunStatus> {
  return runPromotionToEnd({ metadata: { name: 'p', namespace: 'demo' }, spec: { stage: 'dev', freight: 'f', steps } }, {}, {
    steps: createStepRegistry([...builtinSteps, ...extra]),
    now: '2026-01-01T00:00:00Z',
    ports: { ...(tree === undefined ? {} : { workTree: tree }), ...ports },
  });
}

const run = runWith.bind(null, [yamlMergeStep]);

const base = `
character:
  name: Vader
  ability: Force
  affiliation: Empire
  saberColor: red
vehicles:
- Star Destroyer`;

const overlay = `
character:
  name: Luke # Alters character.name from the base
  affiliation: Rebel Alliance
  saberColor: blue
  siblings:
  - Leia
vehicles:
- Millennium Falcon`;

describe('yaml-merge', () => {
  it('merges mappings key by key and replaces lists, later files winning', async () => {
    const tree = createMemoryWorkTree({ 'empty.yaml': '', 'base.yaml': base, 'overlay.yaml': overlay });
    const s = await run(tree, [{ uses: 'yaml-merge', as: 'm', config: { inFiles: ['empty.yaml', 'base.yaml', 'overlay.yaml'], outFile: 'out/merged.yaml' } }]);
    expect(s.phase).toBe('Succeeded');
    const merged = tree.files()['out/merged.yaml'] ?? '';
    expect(parse(merged)).toEqual({
      character: { name: 'Luke', ability: 'Force', affiliation: 'Rebel Alliance', saberColor: 'blue', siblings: ['Leia'] },
      vehicles: ['Millennium Falcon'],
    });
    expect(merged).toContain('- Millennium Falcon');
    expect(merged).toContain('name: Luke # Alters character.name from the base');
    expect(s.state['m']).toEqual({ commitMessage: 'Merged 3 YAML files to out/merged.yaml\n- empty.yaml\n- base.yaml\n- overlay.yaml' });
    expect(tree.modeOf('out/merged.yaml')).toBe(0o600);
  });

  it('removes keys set to null by a later file, and nulls anywhere in merged mappings', async () => {
    const tree = createMemoryWorkTree({ 'a.yaml': 'a: 1\nb:\n  c: 2\n  d: 3\nkeep: null\nlist: [1, null]\n', 'b.yaml': 'a: null\nb:\n  c: ~\nnew: null\n' });
    const s = await run(tree, [{ uses: 'yaml-merge', config: { inFiles: ['a.yaml', 'b.yaml'], outFile: 'm.yaml' } }]);
    expect(s.phase).toBe('Succeeded');
    expect(parse(tree.files()['m.yaml'] ?? '')).toEqual({ b: { d: 3 }, list: [1, null] });
  });

  it('honours $patch directives', async () => {
    const tree = createMemoryWorkTree({ 'a.yaml': 'x:\n  a: 1\n  b: 2\ny:\n  a: 1\n', 'b.yaml': 'x:\n  $patch: replace\n  c: 3\ny:\n  $patch: delete\n' });
    const s = await run(tree, [{ uses: 'yaml-merge', config: { inFiles: ['a.yaml', 'b.yaml'], outFile: 'm.yaml' } }]);
    expect(parse(tree.files()['m.yaml'] ?? '')).toEqual({ x: { c: 3 } });
    expect(s.phase).toBe('Succeeded');
  });

  it('writes one file as it reads and names it in the commit message', async () => {
    const tree = createMemoryWorkTree({ 'a.yaml': 'a: 1 # one\nlist:\n- x\n' });
    const s = await run(tree, [{ uses: 'yaml-merge', as: 'm', config: { inFiles: ['a.yaml', 'missing.yaml'], outFile: 'o.yaml', ignoreMissingFiles: true } }]);
    expect(s.phase).toBe('Succeeded');
    expect(tree.files()['o.yaml']).toBe('a: 1 # one\nlist:\n- x\n');
    expect(s.state['m']).toEqual({ commitMessage: 'Wrote a.yaml to o.yaml' });
  });

  it('writes an empty file and no commit message when every input is missing or empty', async () => {
    const tree = createMemoryWorkTree({ 'e.yaml': '# only a comment\n' });
    const s = await run(tree, [{ uses: 'yaml-merge', as: 'm', config: { inFiles: ['gone.yaml'], outFile: 'o.yaml', ignoreMissingFiles: true } }, { uses: 'yaml-merge', as: 'n', config: { inFiles: ['e.yaml'], outFile: 'p.yaml' } }]);
    expect(s.phase).toBe('Succeeded');
    expect(tree.files()['o.yaml']).toBe('');
    expect(tree.files()['p.yaml']).toBe('');
    expect(s.state['m'] ?? null).toBeNull();
    expect(s.state['n']).toEqual({ commitMessage: 'Wrote e.yaml to p.yaml' });
  });

  it('errors on a missing file, a broken file or kinds that cannot merge', async () => {
    const tree = createMemoryWorkTree({ 'a.yaml': 'a:\n  b: 1\n', 'bad.yaml': 'a: [1\n', 'scalar.yaml': 'a: 2\n' });
    const always = '${{ always() }}';
    const s = await run(tree, [
      { uses: 'yaml-merge', config: { inFiles: ['a.yaml', 'gone.yaml'], outFile: 'o.yaml' } },
      { uses: 'yaml-merge', if: always, config: { inFiles: ['a.yaml', 'bad.yaml'], outFile: 'o.yaml' } },
      { uses: 'yaml-merge', if: always, config: { inFiles: ['a.yaml', 'scalar.yaml'], outFile: 'o.yaml' } },
    ]);
    const messages = s.stepExecutionMetadata.map((m) => m.message ?? '');
    expect(s.stepExecutionMetadata.map((m) => m.status)).toEqual(['Errored', 'Errored', 'Errored']);
    expect(messages[0]).toContain('input file "gone.yaml" not found');
    expect(messages[1]).toContain('error reading input file bad.yaml');
    expect(messages[2]).toContain('error merging in file scalar.yaml: a: wrong node kind: expected a mapping but got a scalar');
    expect(tree.files()['o.yaml']).toBeUndefined();
  });

  it('merges files with anchors and aliases as data', async () => {
    const tree = createMemoryWorkTree({ 'a.yaml': 'x: &v\n  n: 1\ny: *v\n', 'b.yaml': 'y:\n  m: 2\n' });
    const s = await run(tree, [{ uses: 'yaml-merge', config: { inFiles: ['a.yaml', 'b.yaml'], outFile: 'o.yaml' } }]);
    expect(s.phase).toBe('Succeeded');
    expect(parse(tree.files()['o.yaml'] ?? '')).toEqual({ x: { n: 1 }, y: { n: 1, m: 2 } });
  });
});

// A model of the merge rules on plain data: mappings merge, later values win, sequences are
// replaced whole, nulls are dropped from every merged mapping, and kinds that differ conflict.
type Data = null | boolean | number | string | Data[] | { [key: string]: Data };
const isMapping = (v: unknown): v is Record<string, Data> => typeof v === 'object' && v !== null && !Array.isArray(v);
const kindOf = (v: Data | undefined) => (isMapping(v) ? 'map' : Array.isArray(v) ? 'seq' : 'scalar');

function modelMerge(dest: Data | undefined, src: Data | undefined): { value: Data | undefined } | 'conflict' {
  const destNull = dest === undefined || dest === null;
  const srcNull = src === undefined || src === null;
  const first = destNull ? (srcNull ? undefined : src) : dest;
  if (first === undefined) return { value: src === undefined ? dest : src };
  for (const v of [dest, src]) if (v !== undefined && v !== null && kindOf(v) !== kindOf(first)) return 'conflict';
  if (!isMapping(first)) return { value: src === undefined ? dest : src };
  if (src === null) return { value: undefined };
  const base = destNull ? (src as Record<string, Data>) : (dest as Record<string, Data>);
  const over = destNull ? (src as Record<string, Data>) : ((src ?? {}) as Record<string, Data>);
  const out: Record<string, Data> = {};
  for (const key of new Set([...Object.keys(base), ...Object.keys(over)])) {
    const merged = modelMerge(base[key], Object.hasOwn(over, key) ? over[key] : undefined);
    if (merged === 'conflict') return 'conflict';
    if (merged.value !== undefined && merged.value !== null) out[key] = merged.value;
  }
  return { value: out };
}

describe('yaml-merge rules', () => {
  const key = fc.constantFrom('a', 'b', 'c', 'image', 'tag');
  const leaf = fc.oneof(fc.constant(null), fc.boolean(), fc.integer(), fc.constantFrom('x', 'v1.2.3', 'ghcr.io/acme/app'));
  const data = fc.letrec((tie) => ({
    node: fc.oneof({ depthSize: 'small' }, leaf, tie('map'), tie('list')),
    map: fc.dictionary(key, tie('node'), { maxKeys: 4 }),
    list: fc.array(tie('node'), { maxLength: 3 }),
  })).map;

  it('merges two files as the model says, or reports the conflict', async () => {
    await fc.assert(
      fc.asyncProperty(data, data, async (a, b) => {
        const tree = createMemoryWorkTree({ 'a.yaml': stringify(a), 'b.yaml': stringify(b) });
        const s = await run(tree, [{ uses: 'yaml-merge', config: { inFiles: ['a.yaml', 'b.yaml'], outFile: 'o.yaml' } }]);
        const expected = modelMerge(a as Data, b as Data);
        if (expected === 'conflict') {
          expect(s.stepExecutionMetadata[0]?.message).toContain('wrong node kind');
          return;
        }
        expect(s.phase).toBe('Succeeded');
        expect(parse(tree.files()['o.yaml'] ?? '') ?? {}).toEqual(expected.value ?? {});
      }),
      { numRuns: 200 },
    );
  });
});
