import { graphNodeId } from './build-graph.js';
import { stronglyConnected } from './cycles.js';
import type { GraphEdge, GraphOrigin, StageGraph } from './graph-types.js';

/**
 * An origin as the graph queries accept it: `{ kind, name }`, an origin key (`"Warehouse/wh"`) or
 * a Warehouse name (`"wh"`; Kargo's only origin kind is Warehouse).
 */
export type GraphOriginInput = GraphOrigin | string;

/** The answer of {@link topologicalOrder}. */
export interface StageOrder {
  /**
   * Every Stage of the graph (declared or only referenced), upstream before downstream. Among
   * Stages that could come next, the smaller name (by code unit) comes first, so the order does
   * not depend on the order of the input. Stages on a cycle are kept: each cycle is placed as one
   * block, its Stages by name, where the block as a whole belongs.
   */
  readonly stages: readonly string[];
  /**
   * The Stages that lie on a cycle, a Stage that names itself included (by name). Within a cycle's
   * block the order cannot respect every edge. Empty for an acyclic graph.
   */
  readonly cyclic: readonly string[];
}

const STAGE_PREFIX = 'Stage/';

/**
 * Orders the Stages of a graph so that every upstream Stage comes before the Stages it feeds,
 * whatever the origin; Warehouses are left out. Ties are broken by name, and Stages on a cycle are
 * reported in `cyclic` rather than dropped. Kahn's algorithm over the graph's strongly connected
 * components, so a cycle moves as one block.
 */
export function topologicalOrder(graph: StageGraph): StageOrder {
  const ids = graph.nodes.filter((n) => n.kind === 'Stage').map((n) => n.id);
  const next = new Map<string, string[]>();
  for (const edge of stageEdges(graph)) {
    const list = next.get(edge.from) ?? [];
    if (!list.includes(edge.to)) list.push(edge.to);
    next.set(edge.from, list);
  }
  const components = stronglyConnected(ids, next).map((members) => [...members].sort(byCodeUnits));
  const componentOf = new Map<string, number>();
  components.forEach((members, c) => members.forEach((id) => componentOf.set(id, c)));

  const incoming = components.map(() => 0);
  const after = components.map(() => new Set<number>());
  const cyclic: string[] = [];
  components.forEach((members, c) => {
    for (const id of members) {
      for (const to of next.get(id) ?? []) {
        const d = componentOf.get(to);
        if (d === undefined) continue;
        if (d === c) {
          if (!cyclic.includes(id)) cyclic.push(id);
          continue;
        }
        if (!after[c]?.has(d)) {
          after[c]?.add(d);
          incoming[d] = (incoming[d] ?? 0) + 1;
        }
      }
    }
  });

  // A sorted list of ready components stands in for a priority queue: graphs are small.
  const ready = components.map((_, c) => c).filter((c) => incoming[c] === 0);
  const key = (c: number): string => components[c]?.[0] ?? '';
  const order: string[] = [];
  while (ready.length > 0) {
    ready.sort((a, b) => byCodeUnits(key(a), key(b)));
    const c = ready.shift() as number;
    order.push(...(components[c] ?? []));
    for (const d of after[c] ?? []) {
      incoming[d] = (incoming[d] ?? 0) - 1;
      if (incoming[d] === 0) ready.push(d);
    }
  }
  return { stages: order.map(stageName), cyclic: cyclic.map(stageName).sort(byCodeUnits) };
}

/**
 * The Stages a Stage takes Freight from (`sources.stages`), for one origin or for all: sorted by
 * name and without repeats, like the upstream index Kargo keeps on each Stage.
 */
export function upstreamStages(graph: StageGraph, stage: string, origin?: GraphOriginInput): string[] {
  const to = graphNodeId('Stage', stage);
  const match = originMatcher(origin);
  return uniqueSorted(stageEdges(graph).filter((e) => e.to === to && match(e.origin)).map((e) => stageName(e.from)));
}

/**
 * The Stages that take Freight directly from a Stage (name it in `sources.stages`), for one origin
 * or for all: the Stages Kargo's "promote downstream" offers after Freight of that origin was
 * verified in the Stage. Sorted by name, without repeats (Kargo's lookup lists a Stage once per
 * time it names the upstream; the graph keeps one edge).
 */
export function findDownstreamStages(graph: StageGraph, stage: string, origin?: GraphOriginInput): string[] {
  const from = graphNodeId('Stage', stage);
  const match = originMatcher(origin);
  return uniqueSorted(stageEdges(graph).filter((e) => e.from === from && match(e.origin)).map((e) => stageName(e.to)));
}

/**
 * The declared Stages that name no upstream Stage for any origin: where Freight enters the
 * pipeline (usually straight from a Warehouse). Sorted by name.
 */
export function rootStages(graph: StageGraph): string[] {
  const fed = new Set(stageEdges(graph).map((e) => e.to));
  return uniqueSorted(graph.nodes.filter((n) => n.kind === 'Stage' && n.declared && !fed.has(n.id)).map((n) => n.name));
}

/** The Stages that take Freight directly (`sources.direct: true`) from a Warehouse, by name. */
export function stagesSubscribedTo(graph: StageGraph, warehouse: string): string[] {
  const from = graphNodeId('Warehouse', warehouse.startsWith('Warehouse/') ? warehouse.slice('Warehouse/'.length) : warehouse);
  return uniqueSorted(graph.edges.filter((e) => e.source === 'direct' && e.from === from).map((e) => stageName(e.to)));
}

/** The origins (Warehouse names) whose Freight reaches a Stage through any of its edges, by name. */
export function originsOf(graph: StageGraph, stage: string): string[] {
  const to = graphNodeId('Stage', stage);
  return uniqueSorted(graph.edges.filter((e) => e.to === to).map((e) => e.origin.name));
}

function stageEdges(graph: StageGraph): GraphEdge[] {
  return graph.edges.filter((e) => e.source === 'stage' && e.from.startsWith(STAGE_PREFIX) && e.to.startsWith(STAGE_PREFIX));
}

function originMatcher(origin: GraphOriginInput | undefined): (o: GraphOrigin) => boolean {
  if (origin === undefined) return () => true;
  const wanted = typeof origin === 'string' ? (origin.includes('/') ? origin : `Warehouse/${origin}`) : `${origin.kind}/${origin.name}`;
  return (o) => `${o.kind}/${o.name}` === wanted;
}

function stageName(id: string): string {
  return id.startsWith(STAGE_PREFIX) ? id.slice(STAGE_PREFIX.length) : id;
}

function uniqueSorted(names: readonly string[]): string[] {
  return [...new Set(names)].sort(byCodeUnits);
}

function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
