import type { StageConditionInput } from './stage-ready.js';

/** Kargo's health states of a Stage. */
export type StageHealthState = 'Healthy' | 'NotApplicable' | 'Progressing' | 'Unknown' | 'Unhealthy';

/** What one health check found. */
export interface HealthCheckOutcome {
  readonly status: StageHealthState;
  readonly issues?: readonly string[] | undefined;
}

/** A Stage's `status.health`, as waybill records it. */
export interface StageHealth {
  readonly status: StageHealthState;
  readonly issues?: readonly string[];
}

const SEVERITY: readonly StageHealthState[] = ['Healthy', 'NotApplicable', 'Progressing', 'Unknown', 'Unhealthy'];

/** The more severe of two health states (Healthy < NotApplicable < Progressing < Unknown < Unhealthy). */
export function mergeHealthStates(a: StageHealthState, b: StageHealthState): StageHealthState {
  return SEVERITY.indexOf(a) >= SEVERITY.indexOf(b) ? a : b;
}

/**
 * Reads an Argo CD Application's health status (`status.health.status`) as a Stage health state:
 * Healthy and Progressing map to themselves, Degraded and Missing are Unhealthy, Suspended is
 * Healthy (a suspended application is where it was asked to be), anything else is Unknown.
 */
export function healthStateOfArgoCD(status: string | undefined): StageHealthState {
  switch (status) {
    case 'Healthy':
    case 'Suspended':
      return 'Healthy';
    case 'Progressing':
      return 'Progressing';
    case 'Degraded':
    case 'Missing':
      return 'Unhealthy';
    default:
      return 'Unknown';
  }
}

/** Input of {@link assessStageHealth}. */
export interface AssessHealthInput {
  /** `status.currentPromotion`, when a Promotion is running. */
  readonly currentPromotion?: { readonly name?: string | undefined } | null | undefined;
  /** `status.lastPromotion` (its `status.phase` is read). */
  readonly lastPromotion?: { readonly name?: string | undefined; readonly status?: { readonly phase?: string | undefined } | null | undefined } | null | undefined;
  /** The outcomes of the last Promotion's health checks; none means Healthy. */
  readonly checks: readonly HealthCheckOutcome[];
}

/** The outcome of {@link assessStageHealth}: the new `status.health` and the `Healthy` condition. */
export interface HealthAssessment {
  readonly health: StageHealth | null;
  readonly condition: StageConditionInput;
}

/**
 * Kargo's health assessment of a regular Stage: Unknown while a Promotion runs; nothing to say
 * without a last Promotion; Unknown when the last one did not succeed; otherwise the merge of its
 * health checks' outcomes (no checks: Healthy). The `Healthy` condition is True only for Healthy,
 * False for Unhealthy and Unknown (with the state as reason) otherwise.
 */
export function assessStageHealth(input: AssessHealthInput): HealthAssessment {
  if (input.currentPromotion?.name) {
    const message = 'Cannot assess health because a Promotion is currently in progress';
    return { health: { status: 'Unknown', issues: [message] }, condition: { type: 'Healthy', status: 'Unknown', reason: 'ActivePromotion', message } };
  }
  if (!input.lastPromotion?.name) {
    return { health: null, condition: { type: 'Healthy', status: 'Unknown', reason: 'NoFreight', message: 'Stage has no current Freight' } };
  }
  const phase = input.lastPromotion.status?.phase ?? '';
  if (phase !== 'Succeeded') {
    const message = 'Cannot assess health because last Promotion did not succeed';
    return { health: { status: 'Unknown', issues: [message] }, condition: { type: 'Healthy', status: 'Unknown', reason: `LastPromotion${phase}`, message } };
  }
  let state: StageHealthState = 'Healthy';
  const issues: string[] = [];
  for (const check of input.checks) {
    state = mergeHealthStates(state, check.status);
    issues.push(...(check.issues ?? []));
  }
  const health: StageHealth = { status: state, ...(issues.length > 0 ? { issues } : {}) };
  const message = issues.length > 0 ? issues.join('; ') : `Stage is ${state}`;
  const condition: StageConditionInput =
    state === 'Healthy'
      ? { type: 'Healthy', status: 'True', reason: 'Healthy', message: 'Stage is healthy' }
      : state === 'Unhealthy'
        ? { type: 'Healthy', status: 'False', reason: 'Unhealthy', message }
        : { type: 'Healthy', status: 'Unknown', reason: state, message };
  return { health, condition };
}
