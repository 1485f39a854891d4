import { nameOf } from './origin.js';
import { compareStrings } from './availability.js';
import type { PromotionLike } from './types.js';

/** The phases a Promotion moves through. `""` is a Promotion the controller has not seen yet. */
export type PromotionPhaseName = '' | 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Errored' | 'Aborted';

const TERMINAL = new Set(['Succeeded', 'Failed', 'Errored', 'Aborted']);

/** True for the phases a Promotion never leaves: `Succeeded`, `Failed`, `Errored`, `Aborted`. */
export function isPromotionPhaseTerminal(phase: string | null | undefined): boolean {
  return TERMINAL.has(phase ?? '');
}

function phaseOf(p: PromotionLike | null | undefined): string {
  const phase = p?.status?.phase;
  return typeof phase === 'string' ? phase : '';
}

/**
 * Orders Promotions the way a Stage schedules them: `Running` first; then the other non-terminal
 * ones (`Pending`, or `""` not yet seen by the controller) oldest first (FIFO); then terminal ones
 * newest first. Names carry a ULID, so name order is creation order. Returns -1 when `a` comes
 * first; usable with `Array.prototype.sort`.
 */
export function comparePromotions(a: PromotionLike, b: PromotionLike): -1 | 0 | 1 {
  const aRunning = phaseOf(a) === 'Running';
  const bRunning = phaseOf(b) === 'Running';
  if (aRunning !== bRunning) return aRunning ? -1 : 1;
  const aTerminal = isPromotionPhaseTerminal(phaseOf(a));
  const bTerminal = isPromotionPhaseTerminal(phaseOf(b));
  if (aTerminal !== bTerminal) return aTerminal ? 1 : -1;
  const byName = compareStrings(nameOf(a), nameOf(b));
  return aTerminal ? ((-byName || 0) as -1 | 0 | 1) : byName;
}

/** Returns a new array of the Promotions in scheduling order (see {@link comparePromotions}). */
export function sortPromotions<P extends PromotionLike>(promotions: readonly P[]): P[] {
  return [...promotions].sort(comparePromotions);
}

/** The longest Stage part of a Promotion name: 253 - ".<26-char ULID>." - 7 freight chars. */
const MAX_STAGE_PREFIX = 253 - 1 - 26 - 1 - 7;

/**
 * Names a Promotion as Kargo does: `<stage>.<ulid>.<first 7 characters of the freight name>`, all
 * lower case. A Stage name longer than 218 characters is cut to 218 and stripped of trailing `.`
 * and `-`. An empty Stage or Freight name gives an empty name. Pass a monotonic ULID so that name
 * order is creation order, which the scheduling order relies on.
 */
export function generatePromotionName(stageName: string, freightName: string, ulid: string): string {
  if (stageName === '' || freightName === '') return '';
  let prefix = stageName;
  if (prefix.length > MAX_STAGE_PREFIX) prefix = prefix.slice(0, MAX_STAGE_PREFIX).replace(/[.-]+$/, '');
  return `${prefix}.${ulid}.${freightName.slice(0, 7)}`.toLowerCase();
}
