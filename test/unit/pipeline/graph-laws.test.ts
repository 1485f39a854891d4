import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildStageGraph, toGraphJson, toMermaid, type GraphStageInput } from '../../../src/pipeline/index.js';

/** A random pipeline of `n` Stages where Stage i only takes Freight from Stages before it: a DAG. */
const dag = fc.integer({ min: 1, max: 25 }).chain((n) =>
  fc.tuple(
    ...Array.from({ length: n }, (_, i) =>
      fc.record({
        direct: i === 0 ? fc.constant(true) : fc.boolean(),
        upstream: fc.uniqueArray(fc.integer({ min: 0, max: Math.max(0, i - 1) }), { maxLength: i === 0 ? 0 : 3 }),
        origin: fc.constantFrom('wh-a', 'wh-b'),
      }),
    ),
  ),
);

/** A random pipeline of up to 12 Stages with upstream references anywhere, cycles included. */
const anyPipeline = fc.integer({ min: 1, max: 12 }).chain((n) =>
  fc.array(
    fc.record({
      direct: fc.boolean(),
      upstream: fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { maxLength: 3 }),
      origin: fc.constantFrom('wh-a', 'wh-b'),
    }),
    { minLength: n, maxLength: n },
  ),
);

function toStages(specs: readonly { direct: boolean; upstream: number[]; origin: string }[]): GraphStageInput[] {
  return specs.map((s, i) => ({
    metadata: { name: `s${i}` },
    spec: { requestedFreight: [{ origin: { kind: 'Warehouse', name: s.origin }, sources: { direct: s.direct, stages: s.upstream.map((u) => `s${u}`) } }] },
  }));
}

describe('stage graph laws', () => {
  it('a pipeline whose Stages only look back has no cycle, and every edge joins known nodes', () => {
    fc.assert(
      fc.property(dag, (specs) => {
        const result = buildStageGraph({ stages: toStages(specs) });
        expect(result.ok).toBe(true);
        // Random origins can leave a Stage cut off from every Warehouse; nothing else is wrong.
        expect(result.issues.filter((i) => i.code !== 'GRAPH_UNREACHABLE_STAGE')).toEqual([]);
        if (!result.ok) return;
        const ids = new Set(result.value.nodes.map((n) => n.id));
        expect(ids.size).toBe(result.value.nodes.length);
        for (const e of result.value.edges) {
          expect(ids.has(e.from) && ids.has(e.to)).toBe(true);
        }
        const expected = specs.reduce((n, s) => n + s.upstream.length + (s.direct ? 1 : 0), 0);
        expect(result.value.edges).toHaveLength(expected);
      }),
      { numRuns: 200 },
    );
  });

  it('an edge from the last Stage of a chain back to the first makes exactly one cycle (a self-reference when the chain is one Stage long)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), (n) => {
        const chain = Array.from({ length: n }, (_, i) => ({ direct: i === 0, upstream: i === 0 ? [] : [i - 1], origin: 'wh-a' }));
        const stages = toStages(chain);
        const first = stages[0]?.spec?.requestedFreight?.[0];
        const looped = [{ ...stages[0], spec: { requestedFreight: [{ ...first, sources: { direct: true, stages: [`s${n - 1}`] } }] } }, ...stages.slice(1)];
        const issues = buildStageGraph({ stages: looped }).issues;
        expect(issues.map((i) => i.code)).toEqual([n === 1 ? 'GRAPH_SELF_REFERENCE' : 'GRAPH_CYCLE']);
      }),
    );
  });

  it('the edges and issues do not depend on the order of the Stages, cycles included', () => {
    fc.assert(
      fc.property(anyPipeline, fc.integer(), (specs, seed) => {
        const stages = toStages(specs);
        const shuffled = [...stages].sort((a, b) => ((hash(a.metadata?.name ?? '') ^ seed) >>> 0) - ((hash(b.metadata?.name ?? '') ^ seed) >>> 0));
        const key = (s: GraphStageInput[]) => {
          const r = buildStageGraph({ stages: s });
          const issues = r.issues.map((i) => `${i.code}:${i.message}`).sort();
          return r.ok ? [...toGraphJson(r.value).edges.map((e) => `${e.from}>${e.to}@${e.origin}`).sort(), ...issues] : ['failed'];
        };
        expect(key(shuffled)).toEqual(key(stages));
      }),
      { numRuns: 100 },
    );
  });

  it('never throws on arbitrary input, and always answers with a result', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), (stages, warehouses) => {
        const result = buildStageGraph({ stages, warehouses } as never);
        expect(typeof result.ok).toBe('boolean');
        if (result.ok) expect(typeof toMermaid(result.value)).toBe('string');
        else expect(result.issues.length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });

  it('draws every node with a unique Mermaid id, whatever the names', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 12 }), (names) => {
        const result = buildStageGraph({ stages: names.map((name) => ({ metadata: { name } })) });
        if (!result.ok) return;
        const declarations = toMermaid(result.value)
          .split('\n')
          .filter((l) => /^ {2}\w+\[/.test(l))
          .map((l) => l.trim().split('[')[0]);
        expect(new Set(declarations).size).toBe(names.length);
      }),
    );
  });
});

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h;
}
