import type { StageGraph } from './graph-types.js';

/**
 * The JSON form of a stage graph (what `waybill graph --json` prints). The shape is stable: fields
 * are only ever added, and `format` changes if one is ever removed or changes meaning.
 */
export interface StageGraphJson {
  readonly format: 'waybill.stage-graph/v1';
  readonly nodes: readonly { readonly id: string; readonly kind: 'Warehouse' | 'Stage'; readonly name: string; readonly declared: boolean }[];
  readonly edges: readonly { readonly from: string; readonly to: string; readonly origin: string; readonly source: 'direct' | 'stage' }[];
}

/**
 * Turns a stage graph into plain JSON data with a format tag; origins are written as Kargo origin
 * keys (`"Warehouse/kargo-demo"`). The graph itself is not modified.
 */
export function toGraphJson(graph: StageGraph): StageGraphJson {
  return {
    format: 'waybill.stage-graph/v1',
    nodes: graph.nodes.map((n) => ({ id: n.id, kind: n.kind, name: n.name, declared: n.declared })),
    edges: graph.edges.map((e) => ({ from: e.from, to: e.to, origin: `${e.origin.kind}/${e.origin.name}`, source: e.source })),
  };
}
