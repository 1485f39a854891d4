/**
 * The port through which a Stage's freight is verified (Kargo runs Argo Rollouts AnalysisRuns).
 * @packageDocumentation
 */
import type { PortCallOptions, PortResult } from './registry.js';

/** The phases of a verification, as Kargo records them in `verificationHistory`. */
export type VerificationPhase = 'Pending' | 'Running' | 'Successful' | 'Failed' | 'Error' | 'Aborted' | 'Inconclusive';

/** Starts a verification of the Freight now in a Stage. */
export interface StartVerificationRequest extends PortCallOptions {
  /** The Project (namespace). */
  readonly project: string;
  readonly stage: string;
  /** The id of the Stage's current Freight collection. */
  readonly freightCollectionId: string;
  /** The names of the Freight in that collection. */
  readonly freight: readonly string[];
  /** The Stage's `spec.verification` (analysis templates, arguments), as written. */
  readonly verification: unknown;
  /** Who asked for a re-verification, if someone did. */
  readonly actor?: string | undefined;
  /** True for a re-verification: never reuse an earlier run. */
  readonly reverify?: boolean | undefined;
}

/** A verification run as the port reports it. */
export interface VerificationRun {
  /** The run's id (Kargo: the AnalysisRun's name). */
  readonly id: string;
  readonly phase: VerificationPhase;
  readonly message?: string | undefined;
  /** RFC 3339. */
  readonly startedAt?: string | undefined;
  /** RFC 3339; set once the phase is final. */
  readonly finishedAt?: string | undefined;
  /**
   * RFC 3339: when a run that is not final yet expects to be, if the port knows. A poller may wait
   * until then instead of polling on a fixed interval.
   */
  readonly expectedFinishAt?: string | undefined;
}

/** Which run. */
export interface VerificationRef extends PortCallOptions {
  readonly project: string;
  readonly id: string;
}

/**
 * Runs verifications. Contract (checked by `verificationContract` in `waybill/testing`): `start`
 * returns a run whose phase is usually `Pending` or `Running`; `get` reports the same run with its
 * current phase; once final (Successful, Failed, Error, Aborted, Inconclusive) a run's phase
 * never changes; `abort` of a running run makes it final; `get` of an unknown id is `not-found`.
 */
export interface VerificationPort {
  start(request: StartVerificationRequest): Promise<PortResult<VerificationRun>>;
  get(ref: VerificationRef): Promise<PortResult<VerificationRun>>;
  abort(ref: VerificationRef): Promise<PortResult<VerificationRun>>;
}
