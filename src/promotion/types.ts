import type { Clock, ClusterPort, GitWorkspacePort, HelmDependencyPort, HttpPort, PullRequestPort } from '../ports/index.js';
import type { StepExecutionMetadata } from '../model/index.js';
import type { WorkTree } from './work-tree.js';

/** The status of one promotion step, as Kargo records it. */
export type StepStatus = 'Running' | 'Succeeded' | 'Failed' | 'Errored' | 'Aborted' | 'Skipped';

/** The statuses a step can have, in Kargo's severity order (least severe first). */
export const STEP_STATUS_SEVERITY: readonly StepStatus[] = ['Succeeded', 'Skipped', 'Running', 'Aborted', 'Failed', 'Errored'];

/** The phase of a Promotion as the engine reports it. */
export type PromotionRunPhase = 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Errored' | 'Aborted';

/** Where the engine takes the time from: a Clock port, a function, or one fixed instant. */
export type NowSource = Clock | (() => Date | string) | Date | string;

/** What a step that checks health after the promotion asks the Stage to run. */
export interface HealthCheckRequest {
  readonly uses: string;
  readonly config?: unknown;
}

/** An error a step runner reports. A terminal error is never retried. */
export interface StepError {
  readonly message: string;
  readonly terminal?: boolean;
}

/** A change to a Stage's or a Freight's `status.metadata`, for the embedder to apply (set-metadata). */
export interface MetadataUpdate {
  readonly kind: 'Stage' | 'Freight';
  readonly name: string;
  readonly values: Readonly<Record<string, unknown>>;
}

/**
 * What a step runner returns. `status` is one of the step statuses (anything else is recorded as
 * Errored, as Kargo does). `output` becomes `outputs[alias]` for later steps, whatever the status.
 */
export interface StepResult {
  readonly status: StepStatus | (string & {});
  readonly message?: string;
  readonly output?: Readonly<Record<string, unknown>> | null;
  readonly error?: StepError;
  /** Health checks to run once the promotion has succeeded (kept only when the step Succeeded). */
  readonly healthCheck?: HealthCheckRequest;
  /** For a Running step: how long to wait before running it again, in milliseconds. */
  readonly retryAfter?: number;
  /** Changes to Stage or Freight metadata the embedder should apply. */
  readonly metadataUpdates?: readonly MetadataUpdate[];
}

/**
 * Outside-world access for steps. The builtin file steps need `workTree`; an embedder's own steps
 * may read any other entry they define.
 */
export interface StepPorts {
  readonly workTree?: WorkTree;
  /** Argo CD Applications, for `argocd-update` and `argocd-wait`. */
  readonly cluster?: ClusterPort;
  /** Outgoing HTTP requests, for `http`. */
  readonly http?: HttpPort;
  /** Checkouts to commit and push, for the `git-*` steps (its work directory is `workTree`). */
  readonly git?: GitWorkspacePort;
  /** Pull requests, for `git-open-pr`, `git-wait-for-pr` and `git-merge-pr`. */
  readonly pullRequests?: PullRequestPort;
  /** Regenerates `Chart.lock` and `charts/` after `helm-update-chart` edits `Chart.yaml` (optional). */
  readonly helm?: HelmDependencyPort;
  readonly [name: string]: unknown;
}

/** What a step runner sees besides its config. */
export interface StepRunContext {
  /** The step's alias (`step-2`, `deploy::update`). */
  readonly alias: string;
  /** The step's position in the Promotion's flat step list. */
  readonly index: number;
  readonly project: string;
  readonly stage: string;
  readonly promotion: string;
  /** A copy of the shared state: alias to step output (task aggregates included). */
  readonly state: Readonly<Record<string, unknown>>;
  /** The step's evaluated variables. */
  readonly vars: Readonly<Record<string, unknown>>;
  /** The promotion's Freight collection (`status.freightCollection.items` as a list, or what the context gave). */
  readonly freight: readonly unknown[];
  /** The time of this run. */
  readonly now: Date;
  readonly signal?: AbortSignal;
  readonly ports: StepPorts;
  /** The Stage's Freight requests, when the context supplied them. */
  readonly freightRequests?: readonly unknown[];
  /** Who asked for the promotion (its `kargo.akuity.io/create-actor`), when someone did. */
  readonly actor?: string;
}

/** The part of a Promotion's status the engine owns and persists between runs. */
export interface PromotionRunStatus {
  readonly phase: PromotionRunPhase;
  readonly message?: string;
  readonly currentStep: number;
  readonly stepExecutionMetadata: readonly StepExecutionMetadata[];
  readonly state: Readonly<Record<string, unknown>>;
  readonly healthChecks?: readonly HealthCheckRequest[];
}

/** What happened at one step of a run. */
export interface StepReport {
  readonly index: number;
  readonly alias: string;
  readonly status: StepStatus;
  readonly message?: string;
  /** Metadata changes the step asks for (set-metadata); apply them once, when you persist this snapshot. */
  readonly metadataUpdates: readonly MetadataUpdate[];
}

/**
 * A snapshot the engine yields after each step: the status to persist (feed it back as the
 * Promotion's `status` to resume), what the step did, and, when the promotion is waiting on a
 * Running step, when to run it again.
 */
export interface PromotionSnapshot {
  readonly status: PromotionRunStatus;
  readonly step?: StepReport;
  /** Milliseconds to wait before the next run, when the phase is Running and the run returned. */
  readonly retryAfter?: number;
  /** True on the last snapshot of a run. */
  readonly done: boolean;
}
