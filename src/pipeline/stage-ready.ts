import type { StageCondition } from './promotion-sync.js';

// Conditions edited by hand may be anything: keep only the entries that are objects.
function listOf(conditions: unknown): StageCondition[] {
  return Array.isArray(conditions) ? conditions.filter((c): c is StageCondition => c !== null && typeof c === 'object' && !Array.isArray(c)) : [];
}

/** A condition to set: its `lastTransitionTime` is kept when the status does not change. */
export type StageConditionInput = Omit<StageCondition, 'lastTransitionTime'>;

/**
 * Returns the conditions with `condition` set in place of any of the same type. The transition
 * time is `now` when the condition is new or its status changed, and the old one otherwise, so
 * setting the same condition twice changes nothing (the controller relies on that to be
 * idempotent).
 */
export function setStageCondition(conditions: readonly StageCondition[] | null | undefined, condition: StageConditionInput, now: string): StageCondition[] {
  const list = listOf(conditions);
  const at = list.findIndex((c) => c?.type === condition.type);
  const previous = at >= 0 ? list[at] : undefined;
  const keepTime = previous !== undefined && previous.status === condition.status && previous.lastTransitionTime !== undefined && previous.lastTransitionTime !== '';
  const next: StageCondition = {
    type: condition.type,
    status: condition.status,
    reason: condition.reason,
    ...(condition.message === undefined || condition.message === '' ? {} : { message: condition.message }),
    lastTransitionTime: keepTime ? (previous.lastTransitionTime as string) : now,
  };
  if (at >= 0) list[at] = next;
  else list.push(next);
  return list;
}

/** Returns the conditions without the one of `type`. */
export function removeStageCondition(conditions: readonly StageCondition[] | null | undefined, type: string): StageCondition[] {
  return listOf(conditions).filter((c) => c?.type !== type);
}

/** The condition of `type`, if present. */
export function findStageCondition(conditions: readonly StageCondition[] | null | undefined, type: string): StageCondition | undefined {
  return listOf(conditions).find((c) => c?.type === type);
}

/** Input of {@link summarizeStageReady}. */
export interface StageReadyInput {
  /** The Stage's conditions after this pass's Promoting, Healthy and Verified updates. */
  readonly conditions: readonly StageCondition[] | null | undefined;
  /** The Stage's `status.lastPromotion` (its `status.phase` and `status.message` are read). */
  readonly lastPromotion?: { readonly status?: { readonly phase?: string | undefined; readonly message?: string | undefined } | null | undefined } | null | undefined;
  /** The error that ended the reconcile early, if one did. */
  readonly reconcileError?: string | undefined;
  /** The Stage's `metadata.generation`. */
  readonly generation?: number | undefined;
  /** The time for new transitions. */
  readonly now: string;
}

/** The outcome of {@link summarizeStageReady}. */
export interface StageReadySummary {
  readonly conditions: StageCondition[];
  readonly ready: boolean;
  /** Set only when the Stage ended up Ready: `status.observedGeneration` becomes the generation. */
  readonly observedGeneration?: number;
}

const TERMINAL_PROMOTION: ReadonlySet<string> = new Set(['Succeeded', 'Failed', 'Errored', 'Aborted']);

/**
 * Kargo's Ready summary of a regular Stage: the first rule that applies decides `Ready` (a
 * reconcile error; an active Promotion; a last Promotion that did not succeed; not Healthy; not
 * Verified; otherwise Ready with the Verified condition's reason and message). `Reconciling` is
 * True only after a reconcile error and removed once the Stage is Ready.
 */
export function summarizeStageReady(input: StageReadyInput): StageReadySummary {
  let conditions = listOf(input.conditions);
  const now = input.now;
  const notReady = (reason: string, message: string | undefined): StageReadySummary => ({
    conditions: setStageCondition(conditions, { type: 'Ready', status: 'False', reason, ...(message ? { message } : {}) }, now),
    ready: false,
  });
  if (input.reconcileError !== undefined) {
    conditions = setStageCondition(conditions, { type: 'Reconciling', status: 'True', reason: 'RetryAfterError', message: input.reconcileError }, now);
    return notReady('ReconcileError', input.reconcileError);
  }
  conditions = removeStageCondition(conditions, 'Reconciling');
  const promoting = findStageCondition(conditions, 'Promoting');
  if (promoting !== undefined) return notReady(promoting.reason, promoting.message);
  const lastPhase = input.lastPromotion?.status?.phase ?? '';
  if (TERMINAL_PROMOTION.has(lastPhase) && lastPhase !== 'Succeeded') return notReady(`LastPromotion${lastPhase}`, input.lastPromotion?.status?.message);
  const healthy = findStageCondition(conditions, 'Healthy');
  if (healthy === undefined) return notReady('Unhealthy', 'Stage is not healthy');
  if (healthy.status !== 'True') return notReady(healthy.reason, healthy.message);
  const verified = findStageCondition(conditions, 'Verified');
  if (verified === undefined) return notReady('PendingVerification', 'Stage is not verified');
  if (verified.status !== 'True') return notReady(verified.reason, verified.message);
  return {
    conditions: setStageCondition(conditions, { type: 'Ready', status: 'True', reason: verified.reason, ...(verified.message ? { message: verified.message } : {}) }, now),
    ready: true,
    ...(input.generation !== undefined ? { observedGeneration: input.generation } : {}),
  };
}
