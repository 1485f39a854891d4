/**
 * The controller: the reconcile loop that composes waybill's pure core with ports (discover,
 * assemble Freight, auto-promote, run promotion steps, record status), and a simulator that runs
 * the same loop over in-memory adapters. Not published yet; this subpath currently only describes
 * itself.
 * @packageDocumentation
 */

/** What the controller subpath is and whether it is ready to use. */
export interface ControllerDescription {
  readonly subpath: string;
  /** `true` when the reconcile loop ships. */
  readonly available: boolean;
  /** The ports the loop needs, by interface name. */
  readonly requires: readonly string[];
  readonly summary: string;
}

/** What this subpath provides. `available` turns `true` when the reconcile loop ships. */
export const controller: ControllerDescription = {
  subpath: 'waybill/controller',
  available: false,
  requires: ['Clock', 'IdSource', 'RegistryPort', 'GitPort', 'ChartRepositoryPort', 'ClusterPort'],
  summary: 'Reconciles Warehouses, Stages and Promotions by composing the core with ports.',
};
