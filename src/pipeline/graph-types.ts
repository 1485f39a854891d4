/**
 * The shapes the stage graph reads. They are structural and loose on purpose: any Stage or
 * Warehouse resource (parsed by `parseManifests` or built by hand) fits, and the graph checks
 * at run time what the types cannot promise.
 */

/** The part of a `spec.requestedFreight` entry the graph reads. */
export interface GraphFreightRequestInput {
  readonly origin?: { readonly kind?: string | undefined; readonly name?: string | undefined } | undefined;
  readonly sources?:
    | {
        readonly direct?: boolean | undefined;
        readonly stages?: readonly string[] | null | undefined;
        readonly autoPromotionOptions?: { readonly selectionPolicy?: string | undefined } | null | undefined;
      }
    | undefined;
}

/** The part of a Stage the graph reads: its name and where it requests Freight from. */
export interface GraphStageInput {
  readonly metadata?: { readonly name?: string | undefined } | undefined;
  readonly spec?: { readonly requestedFreight?: readonly GraphFreightRequestInput[] | null | undefined } | null | undefined;
}

/** The part of a Warehouse the graph reads: its name. */
export interface GraphWarehouseInput {
  readonly metadata?: { readonly name?: string | undefined } | undefined;
}

/**
 * Input of `buildStageGraph`: the Stages of one Project and, optionally, its Warehouses. When
 * Warehouses are given, origins that name none of them are reported.
 */
export interface StageGraphInput {
  readonly stages: readonly GraphStageInput[];
  readonly warehouses?: readonly GraphWarehouseInput[] | undefined;
}

/** The kinds of node in a stage graph. */
export type GraphNodeKind = 'Warehouse' | 'Stage';

/** A Warehouse or Stage in the graph. */
export interface GraphNode {
  /** `"<Kind>/<name>"`, unique in the graph: `"Warehouse/kargo-demo"`, `"Stage/prod"`. */
  readonly id: string;
  readonly kind: GraphNodeKind;
  readonly name: string;
  /**
   * `true` when the node was given in the input; `false` when it is only referenced (an upstream
   * Stage that is missing, or a Warehouse named by an origin when no Warehouses were given or it is
   * not among them).
   */
  readonly declared: boolean;
}

/** The origin of Freight, Kargo style: `{ kind: "Warehouse", name }`. */
export interface GraphOrigin {
  readonly kind: string;
  readonly name: string;
}

/**
 * One path Freight takes into a Stage. The graph is per origin: a Stage is downstream of another
 * for one origin only through a request for that origin.
 */
export interface GraphEdge {
  /** Id of the node Freight comes from (a Warehouse for `direct`, otherwise a Stage). */
  readonly from: string;
  /** Id of the Stage that requests the Freight. */
  readonly to: string;
  /** The origin of the Freight that travels along this edge. */
  readonly origin: GraphOrigin;
  /** `direct` when the Stage takes Freight straight from the Warehouse, `stage` when from an upstream Stage. */
  readonly source: 'direct' | 'stage';
}

/**
 * The promotion graph of a Project: Warehouses and Stages as nodes, one edge per origin and
 * source. Nodes are listed Warehouses first, then Stages, each in input order with referenced but
 * undeclared nodes after the declared ones; edges follow the order of the Stages and their requests.
 */
export interface StageGraph {
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
}
