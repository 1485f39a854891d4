import { topologicalOrder, type StageGraph } from '../pipeline/index.js';
import type { SimulationTimeline } from './timeline-types.js';

/** A node of the pipeline drawing, placed on a grid (column = distance from the Warehouses). */
export interface PlacedNode {
  readonly id: string;
  readonly kind: 'Warehouse' | 'Stage';
  readonly name: string;
  readonly column: number;
  readonly row: number;
}

/** The pipeline drawing's grid: every node with its column and row. */
export interface PipelineLayout {
  readonly nodes: readonly PlacedNode[];
  readonly columns: number;
  readonly rows: number;
  /** Stage names, upstream first. */
  readonly stageOrder: readonly string[];
}

/** The stage graph of a timeline, in the core's shape (Warehouses, Stages and their edges). */
export function timelineGraph(timeline: SimulationTimeline): StageGraph {
  const nodes = [
    ...timeline.warehouses.map((name) => ({ id: `Warehouse/${name}`, kind: 'Warehouse' as const, name, declared: true })),
    ...timeline.stages.map((s) => ({ id: `Stage/${s.name}`, kind: 'Stage' as const, name: s.name, declared: true })),
  ];
  const known = new Set(nodes.map((n) => n.id));
  for (const edge of timeline.edges) {
    for (const id of [edge.from, edge.to]) {
      if (known.has(id)) continue;
      known.add(id);
      const slash = id.indexOf('/');
      const kind = id.slice(0, slash) === 'Warehouse' ? ('Warehouse' as const) : ('Stage' as const);
      nodes.push({ id, kind, name: id.slice(slash + 1), declared: false });
    }
  }
  const edges = timeline.edges.map((e) => ({
    from: e.from,
    to: e.to,
    origin: { kind: 'Warehouse', name: e.origin.replace(/^Warehouse\//, '') },
    source: e.from.startsWith('Warehouse/') ? ('direct' as const) : ('stage' as const),
  }));
  return { nodes, edges };
}

/**
 * Places the pipeline left to right: Warehouses in column 0, each Stage one column right of its
 * furthest upstream (edges inside a cycle are ignored), rows in the core's topological order.
 */
export function layoutPipeline(graph: StageGraph): PipelineLayout {
  const order = topologicalOrder(graph);
  const position = new Map(order.stages.map((name, i) => [`Stage/${name}`, i]));
  const column = new Map<string, number>();
  for (const node of graph.nodes) if (node.kind === 'Warehouse') column.set(node.id, 0);
  for (const name of order.stages) {
    const id = `Stage/${name}`;
    let col = 1;
    for (const edge of graph.edges) {
      if (edge.to !== id) continue;
      const from = column.get(edge.from);
      // An edge from a Stage placed later in the order is a cycle's back edge.
      if (from === undefined || (position.get(edge.from) ?? -1) >= (position.get(id) ?? 0)) continue;
      col = Math.max(col, from + 1);
    }
    column.set(id, col);
  }
  const rowsUsed = new Map<number, number>();
  const placed: PlacedNode[] = [];
  const ordered = [...graph.nodes.filter((n) => n.kind === 'Warehouse'), ...order.stages.map((name) => graph.nodes.find((n) => n.id === `Stage/${name}`)).filter((n) => n !== undefined)];
  for (const node of ordered) {
    const col = column.get(node.id) ?? 0;
    const row = rowsUsed.get(col) ?? 0;
    rowsUsed.set(col, row + 1);
    placed.push({ id: node.id, kind: node.kind, name: node.name, column: col, row });
  }
  return {
    nodes: placed,
    columns: Math.max(1, ...placed.map((n) => n.column + 1)),
    rows: Math.max(1, ...rowsUsed.values()),
    stageOrder: order.stages,
  };
}

const TICK_STEPS = [1_000, 5_000, 15_000, 60_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000, 7_200_000, 10_800_000, 21_600_000, 43_200_000, 86_400_000, 172_800_000, 604_800_000];

/** Offsets (ms from the start) for axis ticks: a round step giving at most `maxTicks` ticks. */
export function timeTicks(spanMs: number, maxTicks = 10): number[] {
  if (!(spanMs > 0)) return [0];
  const step = TICK_STEPS.find((s) => spanMs / s <= maxTicks) ?? Math.ceil(spanMs / maxTicks / 86_400_000) * 86_400_000;
  const ticks: number[] = [];
  for (let t = 0; t <= spanMs; t += step) ticks.push(t);
  return ticks;
}

/** Twelve colours that tell Freight apart on a white page. */
export const FREIGHT_COLOURS = ['#4e79a7', '#f28e2b', '#59a14f', '#b07aa1', '#edc948', '#76b7b2', '#ff9da7', '#9c755f', '#e15759', '#8cd17d', '#86bcb6', '#d37295'] as const;

/** The colour of the i-th Freight. */
export function freightColour(index: number): string {
  return FREIGHT_COLOURS[((index % FREIGHT_COLOURS.length) + FREIGHT_COLOURS.length) % FREIGHT_COLOURS.length] as string;
}

/** The colour of a Promotion or verification phase. */
export function phaseColour(phase: string): string {
  switch (phase) {
    case 'Succeeded':
    case 'Successful':
    case 'Healthy':
      return '#2e7d32';
    case 'Failed':
    case 'Error':
    case 'Errored':
    case 'Unhealthy':
      return '#c62828';
    case 'Aborted':
      return '#757575';
    case 'Inconclusive':
      return '#f9a825';
    default:
      return '#1565c0';
  }
}
