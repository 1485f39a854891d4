import { STEP_STATUS_SEVERITY, type PromotionRunPhase, type StepStatus } from './types.js';

/** A step's outcome as the final phase sees it. */
export interface StepOutcome {
  readonly status?: StepStatus | (string & {}) | undefined;
  readonly continueOnError?: boolean | undefined;
  readonly message?: string | undefined;
}

/** Where a status sits in Kargo's severity order (Succeeded 0 ... Errored 5); unknown statuses rank as Succeeded. */
export function stepStatusSeverity(status: string | undefined): number {
  const i = STEP_STATUS_SEVERITY.indexOf(status as StepStatus);
  return i < 0 ? 0 : i;
}

/**
 * The worst outcome among the steps that count (those not marked `continueOnError`), and the
 * phase it gives the Promotion: Succeeded and Skipped give Succeeded; Aborted, Failed and Errored
 * give themselves; a step still Running at the end gives Errored. The message of the worst step
 * becomes the Promotion's message.
 */
export function finalPromotionPhase(steps: readonly StepOutcome[]): { phase: PromotionRunPhase; message?: string } {
  let worst: StepOutcome | undefined;
  let worstRank = 0;
  for (const step of steps) {
    if (step.continueOnError === true) continue;
    const rank = stepStatusSeverity(step.status);
    if (rank > worstRank) {
      worst = step;
      worstRank = rank;
    }
  }
  const status = worst?.status ?? 'Succeeded';
  const phase: PromotionRunPhase =
    status === 'Succeeded' || status === 'Skipped' ? 'Succeeded' : status === 'Aborted' ? 'Aborted' : status === 'Failed' ? 'Failed' : 'Errored';
  const message = worst?.message;
  return message === undefined || message === '' ? { phase } : { phase, message };
}

/** The phase a Promotion ends in, given its steps' statuses (Kargo's final-phase rule; see {@link finalPromotionPhase}). */
export function promotionPhase(steps: readonly StepOutcome[]): PromotionRunPhase {
  return finalPromotionPhase(steps).phase;
}
