import type { ExpressionVariable, Freight, FreightReference, FreightRequest, PromotionStep, StepExecutionMetadata, Warehouse } from '../model/index.js';
import type { FreightReferenceLike, FreightRequestLike, KargoLookups, WarehouseLike } from '../expressions/index.js';
import type { StepPorts, NowSource } from './types.js';
import type { StepRegistry } from './registry.js';

/**
 * The parts of a Promotion the engine reads: its name and namespace, its spec (Stage, Freight,
 * variables, the flat step list) and, to resume, its persisted status.
 */
export interface RunnablePromotion {
  readonly metadata?: {
    readonly name?: string | undefined;
    readonly namespace?: string | undefined;
    readonly annotations?: Readonly<Record<string, string>> | undefined;
  } | undefined;
  readonly spec: {
    readonly stage: string;
    readonly freight?: string | undefined;
    readonly vars?: readonly ExpressionVariable[] | undefined;
    readonly steps: readonly PromotionStep[];
  };
  readonly status?: RunnablePromotionStatus | undefined;
}

/** The status fields the engine resumes from (the rest of a Promotion's status is ignored). */
export interface RunnablePromotionStatus {
  readonly phase?: string | undefined;
  readonly message?: string | undefined;
  readonly currentStep?: number | undefined;
  readonly stepExecutionMetadata?: readonly StepExecutionMetadata[] | undefined;
  readonly state?: Readonly<Record<string, unknown>> | undefined;
  readonly healthChecks?: readonly { readonly uses?: string | undefined; readonly config?: unknown }[] | undefined;
  readonly freight?: unknown;
  readonly freightCollection?: unknown;
}

/**
 * What the steps' expressions and runners may know beyond the Promotion itself. Everything is
 * optional: the project defaults to the Promotion's namespace, the actor to its
 * `kargo.akuity.io/create-actor` annotation, the Freight to `status.freightCollection`.
 */
export interface PromotionRunContext {
  readonly project?: string;
  readonly uiBaseUrl?: string;
  readonly actor?: string;
  readonly rollback?: boolean;
  /** Present only when promoting to a specific target. */
  readonly target?: { readonly params?: unknown; readonly labels?: unknown };
  /** The Freight being promoted (`ctx.targetFreight`). */
  readonly targetFreight?: { readonly name: string; readonly alias?: string; readonly origin?: { readonly name: string } };
  /** The promotion's Freight collection, which `imageFrom()` and friends search. */
  readonly freight?: readonly (FreightReferenceLike | FreightReference | Freight)[];
  /** The Stage's Freight requests (which origins may supply an artifact). */
  readonly freightRequests?: readonly (FreightRequestLike | FreightRequest)[];
  /** The project's Warehouses (their subscriptions disambiguate origins). */
  readonly warehouses?: readonly (WarehouseLike | Warehouse)[];
  /** Reads of ConfigMaps, Secrets, Freight and Stages for the data functions. */
  readonly lookups?: KargoLookups;
}

/** Options of `runPromotion`. */
export interface RunPromotionOptions {
  /** The step kinds the promotion may use (`createStepRegistry([...builtinSteps, ...yours])`). */
  readonly steps: StepRegistry;
  /** Outside-world access for the steps (the file steps need `workTree`). */
  readonly ports?: StepPorts;
  /** The time: read once per step, never from the system clock. */
  readonly now: NowSource;
  /** Aborting it ends the run as an abort of the Promotion does: phase Aborted. */
  readonly signal?: AbortSignal;
}
