/**
 * The controller: the reconcile loop that composes waybill's pure core with ports (discover,
 * assemble Freight, auto-promote, run promotion steps, verify, record status), as Kargo's
 * Warehouse, Stage and Promotion controllers do, over any `StorePort`.
 * @packageDocumentation
 * @module waybill/controller
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

/** What this subpath provides. */
export const controller: ControllerDescription = {
  subpath: 'waybill/controller',
  available: true,
  requires: ['StorePort', 'Clock', 'IdSource'],
  summary:
    'Reconciles Warehouses, Stages and Promotions by composing the core with ports: discovery through RegistryPort, GitPort and ChartRepositoryPort, promotion steps through the step ports, verification through VerificationPort.',
};

export { createController, DEFAULT_MAX_SETTLE_PASSES, IDLE_POLL_MS, IDLE_RESYNC_MS } from './create-controller.js';
export { DEFAULT_WAREHOUSE_INTERVAL, DISCOVERY_RETRY_MS } from './reconcile-warehouse.js';
export { VERIFICATION_POLL_MS, HEALTH_POLL_MS } from './reconcile-stage.js';
export { MIN_PROMOTION_RETRY_MS, DEFAULT_PROMOTION_RETRY_MS, parsePromotionAbort } from './reconcile-promotion.js';
export type { PromotionAbortRequest } from './reconcile-promotion.js';
export { REFRESH_ANNOTATION } from './context.js';
export type {
  Controller,
  ControllerOptions,
  ControllerPorts,
  ControllerEvent,
  LeaderElectionOptions,
  PromotionPortsRequest,
  ReconcileRequest,
  ReconcileOutcome,
  ReconcilePass,
  PromoteRequest,
  ApproveRequest,
} from './types.js';

// The simulator: the controller on a virtual clock over in-memory ports, driven by an event script.
export { simulate } from './simulate.js';
export type { SimulateOptions } from './simulate.js';
export {
  parseSimulationScript,
  validateSimulationScript,
  simulationScriptJsonSchema,
  simulationScriptSchema,
  simulationEventSchema,
  simulationSetupSchema,
} from './simulation-script.js';
export type { SimulationScript, SimulationEvent, SimulationEventType, SimulationEventOf, SimulationSetup, ParseSimulationScriptOptions } from './simulation-script.js';
export { formatTimeline } from './render-text.js';
export { timelineToJson } from './render-json.js';
export { renderTimelineHtml } from './render-html.js';
export type { RenderTimelineHtmlOptions } from './render-html.js';
export { timelineEntries } from './timeline-entries.js';
export type { TimelineEntry, TimelineEntryKind } from './timeline-entries.js';
export { createSimulationIds } from './simulation-ids.js';
export { resolveSimulationTime, formatOffset, DEFAULT_SIMULATION_START } from './simulation-time.js';
export type {
  SimulationTimeline,
  TimelineStageInfo,
  TimelineRequest,
  TimelineEdge,
  TimelineScriptEvent,
  TimelineFreight,
  TimelineImage,
  TimelineCommit,
  TimelineChart,
  TimelinePromotion,
  TimelineStep,
  TimelineVerification,
  TimelineVerifiedMark,
  TimelineApproval,
  TimelineAvailability,
  TimelineAvailabilityVia,
  TimelineResidency,
  TimelineIssue,
  TimelineStageState,
} from './timeline-types.js';

// Leader election over a coordination.k8s.io Lease (client-go's rules), for several replicas.
export { createLeaderElector, decideLease, formatMicroTime, DEFAULT_LEASE_NAME, DEFAULT_LEASE_DURATION_MS } from './leader-election.js';
export type { LeaderElector, LeaseDecision, LeaseObservation } from './leader-election.js';
