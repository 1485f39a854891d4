/**
 * The controller's public shapes: what it is built from, what it does on each reconcile, and what
 * it tells its host.
 * @packageDocumentation
 */
import type { Issue } from '../errors/index.js';
import type { KargoKind, KargoResource } from '../model/index.js';
import type {
  ChartRepositoryPort,
  Clock,
  GitPort,
  IdSource,
  LeasePort,
  RegistryPort,
  StorePort,
  VerificationPort,
} from '../ports/index.js';
import type { StepPorts, StepRegistry } from '../promotion/index.js';
import type { Result } from '../result.js';

/** Which Promotion a set of step ports is for. */
export interface PromotionPortsRequest {
  readonly project: string;
  readonly stage: string;
  readonly promotion: string;
}

/** The outside world the controller reaches through. Only `store` is required. */
export interface ControllerPorts {
  /** Where resources live. */
  readonly store: StorePort;
  /** Serves Warehouse image subscriptions. */
  readonly registry?: RegistryPort | undefined;
  /** Serves Warehouse Git subscriptions. */
  readonly git?: GitPort | undefined;
  /** Serves Warehouse chart subscriptions. */
  readonly charts?: ChartRepositoryPort | undefined;
  /** Runs Stage verifications; without it a Stage with `spec.verification` records an `Error` verification. */
  readonly verification?: VerificationPort | undefined;
  /**
   * The ports a Promotion's steps use (work tree, Git workspace, pull requests, cluster, HTTP).
   * Called once per Promotion run, so each Promotion can get its own work directory.
   */
  readonly steps?: ((request: PromotionPortsRequest) => StepPorts | Promise<StepPorts>) | undefined;
}

/** Leader election through a `coordination.k8s.io` Lease. */
export interface LeaderElectionOptions {
  readonly lease: LeasePort;
  /** This replica's identity (Kubernetes: the pod name). */
  readonly identity: string;
  readonly namespace: string;
  /** Default `waybill-controller`. */
  readonly name?: string | undefined;
  /** How long a Lease is good for without renewal; default 15 s (client-go's default). */
  readonly leaseDurationMs?: number | undefined;
}

/** Options of {@link createController}. */
export interface ControllerOptions {
  readonly ports: ControllerPorts;
  readonly clock: Clock;
  /** Names for Promotions and verifications; must sort in creation order (ULIDs). */
  readonly ids: IdSource;
  /** Only these Projects (namespaces); default all. */
  readonly projects?: readonly string[] | undefined;
  /** The step kinds Promotions may use; default the builtin steps. */
  readonly steps?: StepRegistry | undefined;
  /** Without it, this replica always leads. */
  readonly leaderElection?: LeaderElectionOptions | undefined;
  /** Receives every event (Kargo's event reasons), in order. */
  readonly onEvent?: ((event: ControllerEvent) => void) | undefined;
}

/** An event, like the Kubernetes events Kargo records. */
export interface ControllerEvent {
  /** RFC 3339. */
  readonly at: string;
  /** Kargo's reason: `FreightCreated`, `PromotionCreated`, `PromotionSucceeded`, `FreightVerified`, `FreightApproved`, ... */
  readonly reason: string;
  readonly kind: KargoKind;
  readonly project: string;
  readonly name: string;
  readonly message: string;
  /** Extra facts for tools (freight name, stage, actor, ...). */
  readonly details?: Readonly<Record<string, string>> | undefined;
}

/** A resource to reconcile. */
export interface ReconcileRequest {
  readonly kind: 'Warehouse' | 'Stage' | 'Promotion';
  readonly project: string;
  readonly name: string;
}

/** What one reconcile did. */
export interface ReconcileOutcome {
  readonly request: ReconcileRequest;
  /** True when the reconcile wrote anything. Reconciling an unchanged world again writes nothing. */
  readonly changed: boolean;
  /** When to reconcile this resource again at the latest, in ms from now. */
  readonly requeueAfterMs?: number | undefined;
  /** Problems met (also recorded in the resource's conditions). */
  readonly issues: readonly Issue[];
}

/** What a pass over every resource did. */
export interface ReconcilePass {
  readonly outcomes: readonly ReconcileOutcome[];
  /** True when any reconcile in the pass wrote anything. */
  readonly changed: boolean;
  /** The earliest time (ms since the epoch) some resource asked to be looked at again. */
  readonly nextWakeAt?: number | undefined;
  /** Problems that kept the pass from listing what to reconcile (the store failed); the pass is retried. */
  readonly issues?: readonly Issue[] | undefined;
}

/** A manual promotion, as `kargo promote` asks for it: exactly one of `freight`, `freightAlias`, `origin`. */
export interface PromoteRequest {
  readonly project: string;
  readonly stage: string;
  readonly freight?: string | undefined;
  readonly freightAlias?: string | undefined;
  /** `Warehouse/<name>`: promote the auto-promotion candidate of that origin. */
  readonly origin?: string | undefined;
  readonly actor?: string | undefined;
}

/** Approving Freight for a Stage. */
export interface ApproveRequest {
  readonly project: string;
  readonly stage: string;
  readonly freight?: string | undefined;
  readonly freightAlias?: string | undefined;
  readonly actor?: string | undefined;
}

/** A reconcile loop over a store, built only from waybill's core. */
export interface Controller {
  /** Reconciles one resource. */
  reconcile(request: ReconcileRequest): Promise<ReconcileOutcome>;
  /** Reconciles every Warehouse, Stage and Promotion once, upstream first. */
  reconcileAll(): Promise<ReconcilePass>;
  /**
   * Reconciles until a pass changes nothing (at most `maxPasses`, default 50) at the clock's
   * current time. Level-triggered: running it twice in a row makes the second a no-op.
   */
  settle(options?: { readonly maxPasses?: number | undefined }): Promise<ReconcilePass>;
  /** Creates a Promotion as Kargo's API server does (checks availability; names it with a ULID). */
  promote(request: PromoteRequest): Promise<Result<KargoResource>>;
  /** Creates a Promotion for every Stage directly downstream of `stage`. */
  promoteDownstream(request: PromoteRequest): Promise<Result<readonly KargoResource[]>>;
  /** Approves Freight for a Stage (`approvedFor`). */
  approve(request: ApproveRequest): Promise<Result<KargoResource>>;
  /** Asks for a Warehouse, Stage or Promotion to be reconciled now (`kargo.akuity.io/refresh`). */
  refresh(request: ReconcileRequest): Promise<Result<void>>;
  /** Asks a Stage to verify its current Freight again. */
  reverify(request: { readonly project: string; readonly stage: string; readonly actor?: string | undefined }): Promise<Result<void>>;
  /** Aborts a Stage's running verification. */
  abortVerification(request: { readonly project: string; readonly stage: string; readonly actor?: string | undefined }): Promise<Result<void>>;
  /** Aborts a Promotion that has not finished. */
  abortPromotion(request: { readonly project: string; readonly name: string; readonly actor?: string | undefined }): Promise<Result<void>>;
  /**
   * Runs the loop on the clock until `signal` fires: reconciles on changes (when the store can
   * tell), on each resource's requeue time, and on Warehouse intervals. With leader election, only
   * the leader reconciles.
   */
  run(options: { readonly signal: AbortSignal; readonly sleep?: ((ms: number, signal: AbortSignal) => Promise<void>) | undefined }): Promise<void>;
  /** True when this replica holds the Lease (always true without leader election). */
  isLeader(): boolean;
}
