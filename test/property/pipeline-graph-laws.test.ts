import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildStageGraph,
  findDownstreamStages,
  rootStages,
  stagesSubscribedTo,
  toDot,
  toGraphJson,
  topologicalOrder,
  upstreamStages,
  type GraphStageInput,
  type StageGraph,
} from '../../src/pipeline/index.js';

const NAMES = ['dev', 'qa', 'uat', 'prod', 'edge', 'canary', 'perf', 'dr'] as const;
const WAREHOUSES = ['wh-a', 'wh-b', 'wh-c'] as const;

/** A random Project: Stages with any requests (cycles, self-references, unknown names included) and some Warehouses. */
const projectArb = fc.record({
  stages: fc.uniqueArray(fc.constantFrom(...NAMES), { minLength: 1, maxLength: NAMES.length }).chain((names) =>
    fc.tuple(
      ...names.map((name) =>
        fc
          .array(
            fc.record({
              origin: fc.constantFrom(...WAREHOUSES),
              direct: fc.boolean(),
              stages: fc.array(fc.constantFrom(...NAMES, 'ghost'), { maxLength: 3 }),
            }),
            { maxLength: 3 },
          )
          .map(
            (requests): GraphStageInput => ({
              metadata: { name },
              spec: { requestedFreight: requests.map((r) => ({ origin: { kind: 'Warehouse', name: r.origin }, sources: { direct: r.direct, stages: r.stages } })) },
            }),
          ),
      ),
    ),
  ),
  warehouses: fc.option(fc.subarray([...WAREHOUSES]), { nil: undefined }),
});

/** A random acyclic Project: each Stage only names Stages before it in a hidden order. */
const acyclicArb = fc.integer({ min: 1, max: 20 }).chain((n) =>
  fc
    .tuple(
      ...Array.from({ length: n }, (_, i) =>
        fc.record({
          origin: fc.constantFrom(...WAREHOUSES),
          direct: fc.boolean(),
          upstream: fc.uniqueArray(fc.integer({ min: 0, max: Math.max(0, i - 1) }), { maxLength: i === 0 ? 0 : 3 }),
        }),
      ),
    )
    .chain((specs) =>
      // Names unrelated to the hidden order, and the Stages given in a shuffled order.
      fc.tuple(fc.constant(specs), fc.uniqueArray(fc.string({ minLength: 1, maxLength: 6 }), { minLength: n, maxLength: n }), fc.shuffledSubarray([...specs.keys()], { minLength: n, maxLength: n })),
    )
    .map(([specs, names, order]) =>
      order.map(
        (i): GraphStageInput => ({
          metadata: { name: names[i] as string },
          spec: {
            requestedFreight: [
              {
                origin: { kind: 'Warehouse', name: specs[i]?.origin ?? 'wh-a' },
                sources: { direct: specs[i]?.direct ?? false, stages: (specs[i]?.upstream ?? []).map((u) => names[u] as string) },
              },
            ],
          },
        }),
      ),
    ),
);

function graphOf(input: Parameters<typeof buildStageGraph>[0]): { graph: StageGraph; issues: ReturnType<typeof buildStageGraph>['issues'] } {
  const result = buildStageGraph(input);
  if (!result.ok) throw new Error(`no graph: ${JSON.stringify(result.issues)}`);
  return { graph: result.value, issues: result.issues };
}

/** The Stage names a warning mentions: quoted ones, and the chain of a cycle (`a -> b -> a`). */
function namesIn(issue: { code: string; message: string }): Set<string> {
  const names = new Set([...issue.message.matchAll(/"([^"]+)"/g)].map((m) => m[1] as string));
  if (issue.code === 'GRAPH_CYCLE') for (const n of (issue.message.split(': ')[1] ?? '').split(';')[0]?.split(' -> ') ?? []) names.add(n);
  return names;
}

const stageEdges = (graph: StageGraph) => graph.edges.filter((e) => e.source === 'stage').map((e) => [e.from.slice(6), e.to.slice(6)] as const);

describe('stage graph laws', () => {
  it('the topological order of an acyclic graph lists every Stage once and respects every edge', () => {
    fc.assert(
      fc.property(acyclicArb, (stages) => {
        const { graph, issues } = graphOf({ stages });
        expect(issues.filter((i) => i.code === 'GRAPH_CYCLE' || i.code === 'GRAPH_SELF_REFERENCE')).toEqual([]);
        const order = topologicalOrder(graph);
        expect(order.cyclic).toEqual([]);
        expect([...order.stages].sort()).toEqual(stages.map((s) => s.metadata?.name as string).sort());
        const position = new Map(order.stages.map((name, i) => [name, i]));
        for (const [from, to] of stageEdges(graph)) expect(position.get(from) as number).toBeLessThan(position.get(to) as number);
      }),
      { numRuns: 300 },
    );
  });

  it('the topological order does not depend on the order of the input', () => {
    fc.assert(
      fc.property(projectArb, fc.nat(), ({ stages }, seed) => {
        const rotated = [...stages.slice(seed % stages.length), ...stages.slice(0, seed % stages.length)].reverse();
        expect(topologicalOrder(graphOf({ stages: rotated }).graph)).toEqual(topologicalOrder(graphOf({ stages }).graph));
      }),
      { numRuns: 200 },
    );
  });

  it('with cycles, every Stage is still ordered, cyclic Stages are reported, and every edge off a cycle is respected', () => {
    fc.assert(
      fc.property(projectArb, ({ stages }) => {
        const { graph, issues } = graphOf({ stages });
        const order = topologicalOrder(graph);
        const stageNodes = graph.nodes.filter((n) => n.kind === 'Stage').map((n) => n.name);
        expect([...order.stages].sort()).toEqual([...stageNodes].sort());
        const position = new Map(order.stages.map((name, i) => [name, i]));
        const cyclic = new Set(order.cyclic);
        for (const [from, to] of stageEdges(graph)) {
          if (from === to) expect(cyclic.has(from)).toBe(true);
          else if (!(cyclic.has(from) && cyclic.has(to))) expect(position.get(from) as number).toBeLessThan(position.get(to) as number);
        }
        // A Stage is cyclic exactly when some cycle or self-reference warning names it.
        const warned = new Set(issues.filter((i) => i.code === 'GRAPH_CYCLE' || i.code === 'GRAPH_SELF_REFERENCE').flatMap((i) => [...namesIn(i)]));
        for (const name of cyclic) expect(warned.has(name)).toBe(true);
        expect(order.cyclic.length > 0).toBe(issues.some((i) => i.code === 'GRAPH_CYCLE' || i.code === 'GRAPH_SELF_REFERENCE'));
      }),
      { numRuns: 300 },
    );
  });

  it('every edge joins nodes of the graph, and every node that is not declared is reported', () => {
    fc.assert(
      fc.property(projectArb, ({ stages, warehouses }) => {
        const input = { stages, warehouses: warehouses?.map((name) => ({ metadata: { name } })) };
        const { graph, issues } = graphOf(input);
        const ids = new Set(graph.nodes.map((n) => n.id));
        expect(ids.size).toBe(graph.nodes.length);
        for (const edge of graph.edges) {
          expect(ids.has(edge.from)).toBe(true);
          expect(ids.has(edge.to)).toBe(true);
        }
        for (const node of graph.nodes.filter((n) => !n.declared)) {
          if (node.kind === 'Stage') expect(issues.some((i) => i.code === 'GRAPH_UNKNOWN_STAGE' && i.message.includes(`"${node.name}"`))).toBe(true);
          // Without a list of Warehouses, the origins cannot be checked and are not reported.
          else if (warehouses !== undefined) expect(issues.some((i) => i.code === 'GRAPH_UNKNOWN_WAREHOUSE' && i.message.includes(`"${node.name}"`))).toBe(true);
        }
        // Every issue points into the input.
        for (const issue of issues) {
          expect(issue.severity).toBe('warning');
          expect(issue.path[0]).toBe('stages');
          expect(stages[issue.path[1] as number]).toBeDefined();
        }
      }),
      { numRuns: 300 },
    );
  });

  it('every Stage that no Warehouse reaches is reported, or lies behind a reported problem', () => {
    fc.assert(
      fc.property(projectArb, ({ stages, warehouses }) => {
        const input = { stages, warehouses: warehouses?.map((name) => ({ metadata: { name } })) };
        const { graph, issues } = graphOf(input);
        const known = warehouses === undefined ? undefined : new Set(warehouses);
        // Reachability per origin, computed here by fixed point, independently of the implementation.
        const reached = new Set<string>();
        for (const origin of WAREHOUSES) {
          const here = new Set(graph.edges.filter((e) => e.source === 'direct' && e.origin.name === origin && (known?.has(origin) ?? true)).map((e) => e.to));
          for (let grew = true; grew; ) {
            grew = false;
            for (const e of graph.edges) {
              if (e.source === 'stage' && e.origin.name === origin && here.has(e.from) && !here.has(e.to)) {
                here.add(e.to);
                grew = true;
              }
            }
          }
          for (const id of here) reached.add(id.slice(6));
        }
        const names = stages.map((s) => s.metadata?.name as string);
        const upstreamOf = (name: string) => stages.find((s) => s.metadata?.name === name)?.spec?.requestedFreight?.flatMap((r) => r.sources?.stages ?? []) ?? [];
        // Explained: named by a warning, or behind an upstream that is explained and unreached itself.
        const explained = new Set(names.filter((n) => issues.some((i) => namesIn(i).has(n))));
        for (let grew = true; grew; ) {
          grew = false;
          for (const n of names) {
            if (!explained.has(n) && !reached.has(n) && upstreamOf(n).some((u) => explained.has(u) && !reached.has(u))) {
              explained.add(n);
              grew = true;
            }
          }
        }
        for (const name of names) {
          const reportedUnreachable = issues.some((i) => i.code === 'GRAPH_UNREACHABLE_STAGE' && i.message.includes(`"${name}"`));
          if (reached.has(name)) expect(reportedUnreachable).toBe(false);
          else expect(explained.has(name), name).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('upstream and downstream queries mirror each other, per origin', () => {
    fc.assert(
      fc.property(projectArb, ({ stages }) => {
        const { graph } = graphOf({ stages });
        const names = graph.nodes.filter((n) => n.kind === 'Stage').map((n) => n.name);
        for (const origin of [undefined, ...WAREHOUSES]) {
          for (const a of names) {
            for (const b of names) {
              expect(findDownstreamStages(graph, a, origin).includes(b)).toBe(upstreamStages(graph, b, origin).includes(a));
            }
          }
        }
        for (const root of rootStages(graph)) expect(upstreamStages(graph, root)).toEqual([]);
        for (const wh of WAREHOUSES) {
          for (const s of stagesSubscribedTo(graph, wh)) expect(graph.edges.some((e) => e.source === 'direct' && e.to === `Stage/${s}` && e.origin.name === wh)).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('DOT and JSON renderings carry every node and edge', () => {
    fc.assert(
      fc.property(projectArb, ({ stages }) => {
        const { graph } = graphOf({ stages });
        const dot = toDot(graph);
        for (const node of graph.nodes) expect(dot).toContain(`  "${node.id}" [label="${node.name}"`);
        for (const edge of graph.edges) expect(dot).toContain(`  "${edge.from}" -> "${edge.to}"`);
        expect(JSON.parse(JSON.stringify(toGraphJson(graph))).edges).toHaveLength(graph.edges.length);
      }),
      { numRuns: 100 },
    );
  });
});
