import { isVerificationPhaseTerminal } from './promotion-sync.js';
import type { StageConditionInput } from './stage-ready.js';
import type { StageLike } from './types.js';

/** A verification record of a Freight collection (`verificationHistory[]`), as Kargo writes it. */
export interface VerificationInfo {
  readonly id: string;
  readonly actor?: string;
  /** RFC 3339. */
  readonly startTime?: string;
  readonly phase: string;
  readonly message?: string;
  readonly analysisRun?: { readonly namespace: string; readonly name: string; readonly phase: string };
  /** RFC 3339. */
  readonly finishTime?: string;
}

/** A reverify or abort request read from a Stage annotation. */
export interface VerificationRequestAnnotation {
  readonly id: string;
  readonly actor?: string;
  readonly controlPlane?: boolean;
}

/** The Stage annotation asking for the current Freight to be verified again. */
export const REVERIFY_ANNOTATION = 'kargo.akuity.io/reverify';
/** The annotation asking to abort a Stage's running verification, or a Promotion. */
export const ABORT_ANNOTATION = 'kargo.akuity.io/abort';

/**
 * Reads a reverify or abort annotation: a JSON object with an `id` (and optionally `actor`,
 * `controlPlane`), or, as Kargo also accepts, a bare id. `undefined` for no or an empty value.
 */
export function parseVerificationAnnotation(value: string | null | undefined): VerificationRequestAnnotation | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const text = value.trim();
  if (text.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return undefined;
    }
    if (parsed === null || typeof parsed !== 'object') return undefined;
    const record = parsed as { id?: unknown; actor?: unknown; controlPlane?: unknown };
    if (typeof record.id !== 'string' || record.id === '') return undefined;
    return {
      id: record.id,
      ...(typeof record.actor === 'string' && record.actor !== '' ? { actor: record.actor } : {}),
      ...(typeof record.controlPlane === 'boolean' ? { controlPlane: record.controlPlane } : {}),
    };
  }
  return { id: text };
}

/** What a Stage's verification step should do this pass. */
export type VerificationDecision =
  | { readonly action: 'none'; readonly reason: 'noFreight' | 'promoting' | 'verified' | 'notHealthy' }
  /** The newest verification has not finished: read its run again. */
  | { readonly action: 'poll'; readonly info: VerificationInfo }
  /** The newest verification has not finished and an abort names it. */
  | { readonly action: 'abort'; readonly info: VerificationInfo }
  /** Start a verification (instantly Successful when the Stage has no `spec.verification`). */
  | { readonly action: 'start'; readonly reverify?: { readonly actor?: string } };

interface VerifiableStage extends StageLike {
  readonly metadata?: StageLike['metadata'] & { readonly annotations?: Readonly<Record<string, string>> | null | undefined };
}

/**
 * Decides a Stage's verification step, as Kargo's Stage reconciler does after health: nothing
 * without current Freight or while a Promotion runs; a running verification is polled, or aborted
 * when the abort annotation names it; a finished one is final unless the reverify annotation names
 * it; a new verification starts only when the Stage is Healthy.
 */
export function decideVerification(stage: VerifiableStage): VerificationDecision {
  const current = stage?.status?.freightHistory?.[0];
  if (!current) return { action: 'none', reason: 'noFreight' };
  if (stage?.status?.currentPromotion?.name) return { action: 'none', reason: 'promoting' };
  const history: unknown = current.verificationHistory;
  const head: unknown = Array.isArray(history) ? history[0] : undefined;
  const newest = head !== null && typeof head === 'object' ? (head as VerificationInfo) : undefined;
  const annotations = stage?.metadata?.annotations ?? {};
  let reverify: { actor?: string } | undefined;
  if (newest !== undefined) {
    if (!isVerificationPhaseTerminal(newest.phase)) {
      const abort = parseVerificationAnnotation(annotations[ABORT_ANNOTATION]);
      return abort !== undefined && abort.id === newest.id ? { action: 'abort', info: newest } : { action: 'poll', info: newest };
    }
    const request = parseVerificationAnnotation(annotations[REVERIFY_ANNOTATION]);
    if (request === undefined || request.id !== newest.id) return { action: 'none', reason: 'verified' };
    reverify = request.actor !== undefined ? { actor: request.actor } : {};
  }
  if (stage?.status?.health?.status !== 'Healthy') return { action: 'none', reason: 'notHealthy' };
  return reverify === undefined ? { action: 'start' } : { action: 'start', reverify };
}

/** The record of an aborted verification: Kargo records an abort as `Failed`. */
export function abortedVerification(info: VerificationInfo, now: string): VerificationInfo {
  return {
    ...info,
    phase: 'Failed',
    message: 'Verification aborted by user',
    finishTime: now,
    ...(info.analysisRun ? { analysisRun: { ...info.analysisRun, phase: 'Failed' } } : {}),
  };
}

/**
 * The Stage's `Verified` condition from its current collection's verification history: True when
 * any verification succeeded, otherwise from the newest entry's phase; `undefined` for an empty
 * history (the condition is left as it is).
 */
export function verifiedCondition(history: readonly { readonly phase?: string | undefined; readonly message?: string | undefined }[] | null | undefined): StageConditionInput | undefined {
  const list = (Array.isArray(history) ? history : []).filter((v) => v !== null && typeof v === 'object');
  if (list.some((v) => v?.phase === 'Successful')) return { type: 'Verified', status: 'True', reason: 'Verified', message: 'Stage has been verified' };
  const newest = list[0];
  if (newest === undefined) return undefined;
  const message = newest.message;
  const withMessage = (c: StageConditionInput): StageConditionInput => (message ? { ...c, message } : c);
  switch (newest.phase) {
    case 'Pending':
      return withMessage({ type: 'Verified', status: 'Unknown', reason: 'VerificationPending', message: 'Verification is pending' });
    case 'Running':
      return withMessage({ type: 'Verified', status: 'Unknown', reason: 'VerificationRunning', message: 'Verification is running' });
    case 'Failed':
      return withMessage({ type: 'Verified', status: 'False', reason: 'VerificationFailed', message: 'Verification failed' });
    case 'Error':
      return withMessage({ type: 'Verified', status: 'False', reason: 'VerificationError', message: 'Verification errored' });
    case 'Aborted':
      return withMessage({ type: 'Verified', status: 'False', reason: 'VerificationAborted', message: 'Verification was aborted' });
    case 'Inconclusive':
      return withMessage({ type: 'Verified', status: 'Unknown', reason: 'VerificationInconclusive', message: 'Verification is inconclusive' });
    default:
      return withMessage({ type: 'Verified', status: 'Unknown', reason: 'UnknownVerificationPhase', message: `Verification phase is ${JSON.stringify(newest.phase ?? '')}` });
  }
}
