import { nameOf, objectsIn } from './origin.js';
import { compareStrings } from './availability.js';
import { isPromotionPhaseTerminal } from './promotion-order.js';
import type { AutoPromotionHoldLike, PromotionLike } from './types.js';

/** Annotation a user-initiated Promotion carries to pause auto-promotion of an origin. */
export const AUTO_PROMOTION_HOLD_ANNOTATION = 'kargo.akuity.io/auto-promotion-hold';
/** Annotation a user-initiated Promotion carries to resume auto-promotion of an origin. */
export const AUTO_PROMOTION_RESUME_ANNOTATION = 'kargo.akuity.io/auto-promotion-resume';
/** Annotation naming who created a Promotion; auto-promotions have none. */
export const CREATE_ACTOR_ANNOTATION = 'kargo.akuity.io/create-actor';

/** A hold on auto-promotion of one origin, keyed by origin key in a Stage's status. */
export interface AutoPromotionHoldEntry {
  readonly freightName: string;
  readonly origin: { readonly kind: string; readonly name: string };
  readonly promotionName: string;
  readonly actor?: string;
  readonly createdAt?: string;
}

/** Auto-promotion holds by origin key (`"Warehouse/<name>"`). */
export type AutoPromotionHolds = Readonly<Record<string, AutoPromotionHoldLike | null | undefined>>;

/** What a Promotion asks of auto-promotion for an origin: hold it, resume it, or nothing. */
export type HoldIntent = { readonly kind: 'hold' | 'resume'; readonly origin: string };

/** Reads a Promotion's hold or resume intent from its annotations (hold wins if both are set). */
export function holdIntentOf(promotion: PromotionLike): HoldIntent | undefined {
  const annotations = promotion.metadata?.annotations ?? {};
  const hold = annotations[AUTO_PROMOTION_HOLD_ANNOTATION];
  if (hold) return { kind: 'hold', origin: hold };
  const resume = annotations[AUTO_PROMOTION_RESUME_ANNOTATION];
  if (resume) return { kind: 'resume', origin: resume };
  return undefined;
}

function splitOriginKey(key: string): { kind: string; name: string } {
  const slash = key.indexOf('/');
  return slash < 0 ? { kind: '', name: key } : { kind: key.slice(0, slash), name: key.slice(slash + 1) };
}

function holdFrom(promotion: PromotionLike, originKey: string): AutoPromotionHoldEntry {
  const actor = promotion.metadata?.annotations?.[CREATE_ACTOR_ANNOTATION];
  const created = promotion.metadata?.creationTimestamp;
  const createdAt = created instanceof Date ? created.toISOString() : created ?? undefined;
  return {
    freightName: promotion.spec?.freight ?? '',
    origin: splitOriginKey(originKey),
    promotionName: nameOf(promotion),
    ...(actor ? { actor } : {}),
    ...(createdAt ? { createdAt } : {}),
  };
}

function keepRequested(holds: AutoPromotionHolds | null | undefined, requested: ReadonlySet<string>): Record<string, AutoPromotionHoldLike> {
  const out: Record<string, AutoPromotionHoldLike> = {};
  for (const [key, hold] of Object.entries(holds ?? {})) if (hold && requested.has(key)) out[key] = hold;
  return out;
}

/** Input of {@link replayAutoPromotionHolds}. */
export interface ReplayHoldsInput {
  readonly autoPromotionEnabled: boolean;
  /** The origin keys the Stage requests now. */
  readonly requestedOrigins: readonly string[];
  /** The Stage's durable holds (`status.autoPromotionHolds`). */
  readonly holds: AutoPromotionHolds | null | undefined;
  /** Terminal Promotions newer than the Stage's last processed one, in any order. */
  readonly newTerminalPromotions: readonly PromotionLike[];
}

/**
 * The durable holds after a Stage processes newly finished Promotions: none while auto-promotion
 * is disabled; otherwise the existing holds for origins still requested, updated by each
 * Promotion's intent, oldest first. Every terminal phase applies its intent except `Aborted`, so a
 * Failed or Errored hold-intent Promotion still holds (Kargo's behaviour, which its documentation
 * describes otherwise).
 */
export function replayAutoPromotionHolds(input: ReplayHoldsInput): Record<string, AutoPromotionHoldLike> {
  if (!input.autoPromotionEnabled) return {};
  const requested = new Set(input.requestedOrigins);
  const holds = keepRequested(input.holds, requested);
  const replay = objectsIn(input.newTerminalPromotions).sort((a, b) => compareStrings(nameOf(a), nameOf(b)));
  for (const promotion of replay) {
    const phase = promotion.status?.phase ?? '';
    if (!isPromotionPhaseTerminal(phase) || phase === 'Aborted') continue;
    const intent = holdIntentOf(promotion);
    if (!intent || !requested.has(intent.origin)) continue;
    if (intent.kind === 'hold') holds[intent.origin] = holdFrom(promotion, intent.origin);
    else delete holds[intent.origin];
  }
  return holds;
}

/** Input of {@link computeEffectiveHolds}. */
export interface EffectiveHoldsInput {
  readonly autoPromotionEnabled: boolean;
  readonly requestedOrigins: readonly string[];
  readonly holds: AutoPromotionHolds | null | undefined;
  /** The name of the Stage's last processed Promotion (`status.lastPromotion.name`), if any. */
  readonly lastPromotionName: string | null | undefined;
  /** The Stage's Promotions, in any order and any phase. */
  readonly promotions: readonly PromotionLike[];
}

/**
 * The holds auto-promotion obeys right now: none while it is disabled; otherwise the durable
 * holds, overlaid per requested origin by the newest not-Aborted Promotion newer than the last
 * processed one that carries an intent for that origin, even while it is Pending or Running. This
 * stops auto-promotion from racing a user's manual promotion before it finishes.
 */
export function computeEffectiveHolds(input: EffectiveHoldsInput): Record<string, AutoPromotionHoldLike> {
  if (!input.autoPromotionEnabled) return {};
  const requested = new Set(input.requestedOrigins);
  const holds = keepRequested(input.holds, requested);
  const last = input.lastPromotionName ?? '';
  const newestFirst = objectsIn(input.promotions)
    .filter((p) => nameOf(p) > last && (p.status?.phase ?? '') !== 'Aborted')
    .sort((a, b) => compareStrings(nameOf(b), nameOf(a)));
  for (const origin of requested) {
    const decisive = newestFirst.find((p) => holdIntentOf(p)?.origin === origin);
    if (!decisive) continue;
    if (holdIntentOf(decisive)!.kind === 'hold') holds[origin] = holdFrom(decisive, origin);
    else delete holds[origin];
  }
  return holds;
}

/** Input of {@link classifyHoldIntent}. */
export interface ClassifyHoldIntentInput {
  readonly autoPromotionEnabled: boolean;
  /** True for a Promotion a person asked for (it has a create-actor that is not the controller). */
  readonly userInitiated: boolean;
  readonly freight: string;
  /** The Freight's origin key. */
  readonly freightOrigin: string;
  /** The auto-promotion candidate for that origin now, or `null` when there is none. */
  readonly candidate: string | null | undefined;
}

/**
 * The hold annotation a new user-initiated Promotion gets: promoting the current auto-promotion
 * candidate resumes auto-promotion of its origin; promoting anything else (or when there is no
 * candidate) holds it, so auto-promotion does not immediately undo a rollback. `null` when
 * auto-promotion is disabled or the Promotion was not started by a person.
 */
export function classifyHoldIntent(input: ClassifyHoldIntentInput): { readonly annotation: string; readonly value: string } | null {
  if (!input.autoPromotionEnabled || !input.userInitiated) return null;
  const resume = input.candidate !== null && input.candidate !== undefined && input.candidate === input.freight;
  return { annotation: resume ? AUTO_PROMOTION_RESUME_ANNOTATION : AUTO_PROMOTION_HOLD_ANNOTATION, value: input.freightOrigin };
}
