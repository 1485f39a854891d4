import { Immer } from 'immer';
import { compareStrings } from './availability.js';
import { recordFreightHistory } from './freight-collection.js';
import { isPlainRecord } from './freight-status.js';
import { replayAutoPromotionHolds } from './holds.js';
import { nameOf, originKey, requestedFreightOf, objectsIn } from './origin.js';
import { comparePromotions, isPromotionPhaseTerminal } from './promotion-order.js';
import { formatTime, toEpochMillis } from './time.js';
import type { FreightCollectionLike, FreightReferenceLike, NowOptions, StageLike, TimeInput, VerificationInfoLike } from './types.js';

const immer = new Immer({ autoFreeze: false });

const TERMINAL_VERIFICATION = new Set(['Successful', 'Failed', 'Error', 'Aborted', 'Inconclusive']);

/** True for verification phases that never change: Successful, Failed, Error, Aborted, Inconclusive. */
export function isVerificationPhaseTerminal(phase: string | null | undefined): boolean {
  return TERMINAL_VERIFICATION.has(phase ?? '');
}

/** A Kubernetes status condition, as waybill writes it. */
export interface StageCondition {
  readonly type: string;
  readonly status: 'True' | 'False' | 'Unknown';
  readonly reason: string;
  readonly message?: string;
  readonly lastTransitionTime?: string;
}

/** A Promotion as the scheduler reads it: its name, phase, and what it recorded in its status. */
export interface SchedulablePromotion {
  readonly metadata?: { readonly name?: string | undefined; readonly annotations?: Readonly<Record<string, string>> | null | undefined } | undefined;
  readonly spec?: { readonly stage?: string | undefined; readonly freight?: string | undefined } | undefined;
  readonly status?: {
    readonly phase?: string | undefined;
    readonly freight?: FreightReferenceLike | null | undefined;
    readonly freightCollection?: FreightCollectionLike | null | undefined;
    readonly startedAt?: string | Date | null | undefined;
    readonly finishedAt?: string | Date | null | undefined;
    readonly [key: string]: unknown;
  } | null | undefined;
}

/** Options of {@link syncStagePromotions}. */
export interface SyncPromotionsOptions extends NowOptions {
  /**
   * Whether auto-promotion is enabled for the Stage (from {@link matchPromotionPolicy}); decides
   * whether finished Promotions' hold intents are kept. Defaults to `status.autoPromotionEnabled`.
   */
  readonly autoPromotionEnabled?: boolean;
}

/** What one pass of the Stage's promotion scheduler decided. */
export interface PromotionSync {
  /** The Stage's new status; the input is not changed. Unknown fields are kept. */
  readonly status: Readonly<Record<string, unknown>>;
  /** The Promotion admitted to run (now `status.currentPromotion`), if any. */
  readonly admitted?: string;
  /** Finished Promotions folded into `lastPromotion` this pass, oldest first. */
  readonly processed: readonly string[];
  /** Ids of the collections recorded at the top of `freightHistory` this pass, newest first. */
  readonly recorded: readonly string[];
  /** True when some Promotion of the Stage has not finished. */
  readonly hasNonTerminal: boolean;
  /** When to look again, in ms: 100 when a Promotion waits and nothing holds it, else 5 minutes. */
  readonly requeueAfterMs: number;
}

interface MutableStatus {
  currentPromotion?: { name?: string; freight?: unknown } | null;
  lastPromotion?: { name?: string; freight?: unknown; status?: unknown; finishedAt?: unknown } | null;
  freightHistory?: unknown[] | null;
  health?: unknown;
  conditions?: StageCondition[] | null;
  autoPromotionHolds?: Record<string, unknown> | null;
  autoPromotionEnabled?: boolean;
}

function setCondition(status: MutableStatus, condition: Omit<StageCondition, 'lastTransitionTime'>, now: string): void {
  const list = (status.conditions ??= []);
  const at = list.findIndex((c) => c.type === condition.type);
  const previous = at >= 0 ? list[at] : undefined;
  const next: StageCondition = {
    ...condition,
    lastTransitionTime: previous && previous.status === condition.status && previous.lastTransitionTime ? previous.lastTransitionTime : now,
  };
  if (at >= 0) list[at] = next;
  else list.push(next);
}

function deleteCondition(status: MutableStatus, type: string): void {
  if (status.conditions) status.conditions = status.conditions.filter((c) => c.type !== type);
}

function currentCollection(stage: StageLike): FreightCollectionLike | undefined {
  return stage?.status?.freightHistory?.[0] ?? undefined;
}

/**
 * True when the Stage's current Freight lets the next Promotion start: no verification of it is
 * still running, and, when the Stage is Healthy (or its health is not assessed yet), its newest
 * verification has finished. An Unhealthy, Unknown, Progressing or NotApplicable Stage lets the
 * next Promotion start without verification, since a new Promotion may be what fixes it.
 */
export function currentFreightAllowsPromotion(stage: StageLike): boolean {
  const current = currentCollection(stage);
  if (!current) return true;
  const history: readonly VerificationInfoLike[] = current.verificationHistory ?? [];
  if (history.some((v) => !isVerificationPhaseTerminal(v?.phase))) return false;
  const health = stage?.status?.health;
  const healthyOrUnassessed = health === null || health === undefined || health.status === 'Healthy';
  const newest = history[0];
  return !(healthyOrUnassessed && (!newest || !isVerificationPhaseTerminal(newest.phase)));
}

function timeText(value: TimeInput | null | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value;
  const ms = toEpochMillis(value);
  return ms === undefined ? undefined : formatTime(ms);
}

/**
 * One pass of a Stage's promotion scheduler (Kargo's `syncPromotions`), as a pure function. The
 * Stage's Promotions are ordered ({@link comparePromotions}). When the current Promotion has
 * finished (or another one now leads), every finished Promotion newer than `lastPromotion` is
 * folded in, oldest first: it becomes `lastPromotion` (one that never started inherits the
 * previous collection), its hold intent updates the durable holds, and a Succeeded one records its
 * collection in `freightHistory` and resets health and verification; nothing new is admitted in
 * that pass. Otherwise, unless the current Freight's verification holds the queue, the leading
 * Promotion is admitted if it has not finished.
 */
export function syncStagePromotions(stage: StageLike, promotions: readonly SchedulablePromotion[], opts: SyncPromotionsOptions): PromotionSync {
  const stageName = nameOf(stage);
  const nowMs = toEpochMillis(opts?.now);
  const now = nowMs === undefined ? '' : formatTime(nowMs);
  const mine = objectsIn(promotions).filter((p) => (p.spec?.stage ?? stageName) === stageName);
  const sorted = [...mine].sort(comparePromotions);
  const head = sorted[0];
  const phaseOf = (p: SchedulablePromotion) => p.status?.phase ?? '';
  const hasNonTerminal = mine.some((p) => !isPromotionPhaseTerminal(phaseOf(p)));
  const rawStatus: unknown = stage?.status;
  const original = (isPlainRecord(rawStatus) ? rawStatus : {}) as Readonly<Record<string, unknown>>;
  const current = stage?.status?.currentPromotion;
  const processed: string[] = [];
  const recorded: string[] = [];
  let admitted: string | undefined;

  const finishing = !!current && (!head || nameOf(head) !== (current.name ?? '') || isPromotionPhaseTerminal(phaseOf(head)));
  const status = immer.produce(original, (draft) => {
    const s = draft as MutableStatus;
    if (finishing) {
      delete s.currentPromotion;
      deleteCondition(s, 'Promoting');
      const last = stage?.status?.lastPromotion?.name ?? '';
      const fresh: SchedulablePromotion[] = [];
      for (const p of sorted) {
        if (!isPromotionPhaseTerminal(phaseOf(p))) continue;
        if (last !== '' && nameOf(p) <= last) break;
        fresh.push(p);
      }
      fresh.sort((a, b) => compareStrings(nameOf(a), nameOf(b)));
      const enabled = opts?.autoPromotionEnabled ?? stage?.status?.autoPromotionEnabled === true;
      const holds = replayAutoPromotionHolds({
        autoPromotionEnabled: enabled,
        requestedOrigins: requestedFreightOf(stage).map((r) => originKey(r?.origin)),
        holds: stage?.status?.autoPromotionHolds,
        newTerminalPromotions: fresh,
      });
      if (Object.keys(holds).length > 0) s.autoPromotionHolds = holds;
      else delete s.autoPromotionHolds;
      for (const p of fresh) {
        const previous = s.lastPromotion as { status?: { freightCollection?: unknown } } | null | undefined;
        const pStatus = { ...(p.status ?? {}) } as Record<string, unknown>;
        const neverStarted = (pStatus.startedAt ?? null) === null;
        if (neverStarted && (pStatus.freightCollection ?? null) === null && previous?.status?.freightCollection) {
          pStatus.freightCollection = previous.status.freightCollection;
        }
        const finishedAt = timeText(p.status?.finishedAt ?? undefined);
        s.lastPromotion = {
          name: nameOf(p),
          ...(p.status?.freight ? { freight: p.status.freight } : {}),
          status: pStatus,
          ...(finishedAt ? { finishedAt } : {}),
        };
        processed.push(nameOf(p));
        const collection = pStatus.freightCollection as FreightCollectionLike | null | undefined;
        if (phaseOf(p) === 'Succeeded' && collection) {
          s.freightHistory = recordFreightHistory(s.freightHistory, collection);
          recorded.unshift(collection.id ?? '');
          s.health = null;
          setCondition(s, { type: 'Healthy', status: 'Unknown', reason: 'WaitingForHealthCheck', message: 'Waiting for health check' }, now);
          setCondition(s, { type: 'Verified', status: 'Unknown', reason: 'WaitingForVerification', message: 'Waiting for verification' }, now);
        }
      }
      return;
    }
    if (!currentFreightAllowsPromotion(stage)) return;
    if (head && !isPromotionPhaseTerminal(phaseOf(head))) {
      admitted = nameOf(head);
      s.currentPromotion = { name: admitted, ...(head.status?.freight ? { freight: head.status.freight } : {}) };
      setCondition(s, { type: 'Promoting', status: 'True', reason: 'ActivePromotion', message: `Promotion "${admitted}" is currently ${phaseOf(head)}` }, now);
    } else {
      deleteCondition(s, 'Promoting');
    }
  });
  const verifying = (currentCollection(stage)?.verificationHistory ?? []).some((v) => !isVerificationPhaseTerminal(v?.phase));
  const currentAfter = (status as MutableStatus).currentPromotion;
  // A queued Promotion is looked at again soon, unless a running verification is what holds it.
  const requeueAfterMs = !currentAfter && hasNonTerminal && !verifying ? 100 : 300_000;
  return {
    status,
    ...(admitted !== undefined ? { admitted } : {}),
    processed,
    recorded,
    hasNonTerminal,
    requeueAfterMs,
  };
}
