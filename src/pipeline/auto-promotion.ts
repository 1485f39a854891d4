import { compareStrings, readStageRequests } from './availability.js';
import { originKey, requestedFreightOf, nameOf, objectsIn } from './origin.js';
import { isPromotionPhaseTerminal } from './promotion-order.js';
import { toEpochMillis } from './time.js';
import type { FreightLike, PromotionLike, StageLike } from './types.js';

/** When Freight appeared: `discoveredAt`, else its creation time (0 when neither can be read). */
export function effectiveDiscoveredAt(freight: FreightLike): number {
  return toEpochMillis(freight.discoveredAt ?? undefined) ?? toEpochMillis(freight.metadata?.creationTimestamp ?? undefined) ?? 0;
}

/**
 * Picks, for each origin the Stage requests, the Freight auto-promotion would promote from the
 * available list (normally {@link listAvailableFreight}'s result): the newest by
 * `discoveredAt` (else creation time), ties going to the greater name. Under
 * `selectionPolicy: MatchUpstream`, more than one available piece means the upstream is changing
 * hands, so that origin gets no candidate this time. Returns freight names by origin key
 * (`"Warehouse/<name>"`); origins without a candidate are absent.
 */
export function selectAutoPromotionCandidates(stage: StageLike, available: readonly FreightLike[]): Record<string, string> {
  const byOrigin = new Map<string, FreightLike[]>();
  for (const f of available) {
    if (!f) continue;
    const key = originKey(f.origin);
    const list = byOrigin.get(key);
    if (list) list.push(f);
    else byOrigin.set(key, [f]);
  }
  const requests = readStageRequests(stage);
  const out: Record<string, string> = {};
  for (const request of requestedFreightOf(stage)) {
    const key = originKey(request?.origin);
    if (Object.hasOwn(out, key)) continue;
    const candidates = byOrigin.get(key);
    if (!candidates || candidates.length === 0) continue;
    if (requests.get(key)?.[0]?.matchUpstream && candidates.length > 1) continue;
    let best = candidates[0]!;
    for (const f of candidates.slice(1)) if (isNewer(f, best)) best = f;
    out[key] = nameOf(best);
  }
  return out;
}

function isNewer(a: FreightLike, b: FreightLike): boolean {
  const ta = effectiveDiscoveredAt(a);
  const tb = effectiveDiscoveredAt(b);
  if (ta !== tb) return ta > tb;
  return compareStrings(nameOf(a), nameOf(b)) > 0;
}

/** Why auto-promotion leaves an origin alone this time. */
export type AutoPromotionSkipReason =
  /** No promotion policy enables auto-promotion for the Stage. */
  | 'disabled'
  /** A user's hold pauses auto-promotion of this origin. */
  | 'held'
  /** No Freight of this origin is available (or, under MatchUpstream, more than one is). */
  | 'noCandidate'
  /** The candidate is already the Stage's current Freight for this origin. */
  | 'alreadyCurrent'
  /** The Stage's current Promotion is already promoting the candidate. */
  | 'alreadyPromoting'
  /** A Promotion of the candidate is queued, running, or succeeded but not yet recorded. */
  | 'unprocessedPromotion'
  /** The newest finished Promotion of the candidate did not succeed; it is not retried by itself. */
  | 'lastAttemptNotSucceeded'
  /** A target-aware Stage already has a PromotionRequest for the candidate. */
  | 'promotionRequestExists'
  /** The Stage has no promotion steps (a control-flow Stage), so nothing is promoted to it. */
  | 'controlFlow';

/** What auto-promotion does for one origin. */
export type AutoPromotionAction =
  | { readonly action: 'none'; readonly reason: AutoPromotionSkipReason }
  | { readonly action: 'createPromotion'; readonly freight: string }
  | { readonly action: 'createPromotionRequest'; readonly freight: string };

/** The facts {@link decideAutoPromotion} needs about one origin of one Stage. */
export interface AutoPromotionOriginInput {
  readonly autoPromotionEnabled: boolean;
  /** The origin key. */
  readonly origin: string;
  /** The candidate from {@link selectAutoPromotionCandidates}, or `null`. */
  readonly candidate: string | null | undefined;
  /** The origin keys with an effective hold ({@link computeEffectiveHolds}). */
  readonly effectiveHolds: readonly string[];
  /** The Freight of this origin in the Stage's current collection, if any. */
  readonly currentFreightForOrigin: string | null | undefined;
  /** The Freight of the Stage's current Promotion, if any. */
  readonly currentPromotionFreight: { readonly name?: string | undefined; readonly origin?: { readonly kind?: string | undefined; readonly name?: string | undefined } | undefined } | null | undefined;
  /** The name of the Stage's last processed Promotion, if any. */
  readonly lastPromotionName: string | null | undefined;
  /** The Stage's Promotions of the candidate Freight, any phase. */
  readonly promotionsForCandidate: readonly PromotionLike[];
  /** True when the Stage selects Targets (`spec.targets` is set). */
  readonly targetAware?: boolean;
  /** How many PromotionRequests exist for (Stage, candidate), any phase. */
  readonly promotionRequestsForCandidate?: number;
}

function createdAt(p: PromotionLike): number {
  return toEpochMillis(p.metadata?.creationTimestamp ?? undefined) ?? 0;
}

/**
 * Decides auto-promotion for one origin, checking in Kargo's order: enabled, not held, a
 * candidate exists, it is not already current, not already being promoted, no unprocessed
 * Promotion of it exists (non-terminal, or Succeeded but newer than the last processed one), and
 * the newest finished attempt at it did not fail (the loop guard: a failed, errored or aborted
 * candidate is never retried automatically). A target-aware Stage gets at most one
 * PromotionRequest per candidate, ever.
 */
export function decideAutoPromotion(input: AutoPromotionOriginInput): AutoPromotionAction {
  if (!input.autoPromotionEnabled) return { action: 'none', reason: 'disabled' };
  if (Array.isArray(input.effectiveHolds) && input.effectiveHolds.includes(input.origin)) return { action: 'none', reason: 'held' };
  const candidate = input.candidate;
  if (candidate === null || candidate === undefined || candidate === '') return { action: 'none', reason: 'noCandidate' };
  if (input.currentFreightForOrigin === candidate) return { action: 'none', reason: 'alreadyCurrent' };
  const current = input.currentPromotionFreight;
  if (current && current.name === candidate && originKey(current.origin) === input.origin) {
    return { action: 'none', reason: 'alreadyPromoting' };
  }
  if (input.targetAware) {
    return (input.promotionRequestsForCandidate ?? 0) > 0
      ? { action: 'none', reason: 'promotionRequestExists' }
      : { action: 'createPromotionRequest', freight: candidate };
  }
  const last = input.lastPromotionName ?? undefined;
  const promotions = objectsIn(input.promotionsForCandidate);
  const unprocessed = promotions.some((p) => {
    const phase = p.status?.phase ?? '';
    if (!isPromotionPhaseTerminal(phase)) return true;
    return phase === 'Succeeded' && (last === undefined || last === '' || nameOf(p) > last);
  });
  if (unprocessed) return { action: 'none', reason: 'unprocessedPromotion' };
  let newestTerminal: PromotionLike | undefined;
  for (const p of promotions) {
    if (!isPromotionPhaseTerminal(p.status?.phase)) continue;
    if (!newestTerminal) newestTerminal = p;
    else {
      const byTime = createdAt(p) - createdAt(newestTerminal);
      if (byTime > 0 || (byTime === 0 && nameOf(p) > nameOf(newestTerminal))) newestTerminal = p;
    }
  }
  if (newestTerminal && newestTerminal.status?.phase !== 'Succeeded') return { action: 'none', reason: 'lastAttemptNotSucceeded' };
  return { action: 'createPromotion', freight: candidate };
}
