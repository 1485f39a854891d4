import {
  buildTargetFreightCollection,
  freightCollectionReferences,
  isFreightAvailable,
  isPromotionPhaseTerminal,
  originKey,
  parseVerificationAnnotation,
  REVERIFY_ANNOTATION,
  ABORT_ANNOTATION,
} from '../pipeline/index.js';
import { runPromotion, type MetadataUpdate, type PromotionSnapshot } from '../promotion/index.js';
import { annotate, annotationsOf, getDoc, listDocs, recordOf, REFRESH_ANNOTATION, timeText, writeStatus, type ControllerContext, type Doc, type Tracker } from './context.js';

/** The floor Kargo puts under a Running step's suggested retry interval. */
export const MIN_PROMOTION_RETRY_MS = 10_000;
/** How long a Running Promotion waits when its step suggests nothing. */
export const DEFAULT_PROMOTION_RETRY_MS = 300_000;

const CREATE_ACTOR = 'kargo.akuity.io/create-actor';

/** An abort request read from a Promotion's `kargo.akuity.io/abort` annotation. */
export interface PromotionAbortRequest {
  readonly action: string;
  readonly actor?: string;
}

/** Reads a Promotion's abort annotation: JSON `{"action":"terminate","actor":..}` or the bare `terminate`. */
export function parsePromotionAbort(value: string | undefined): PromotionAbortRequest | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const text = value.trim();
  if (!text.startsWith('{')) return { action: text };
  try {
    const parsed = JSON.parse(text) as { action?: unknown; actor?: unknown };
    if (parsed === null || typeof parsed !== 'object' || typeof parsed.action !== 'string') return undefined;
    return { action: parsed.action, ...(typeof parsed.actor === 'string' && parsed.actor !== '' ? { actor: parsed.actor } : {}) };
  } catch {
    return undefined;
  }
}

/** The FreightReference of a Freight, as a Promotion's `status.freight` holds it. */
export function freightReferenceOf(freight: Doc): Doc {
  const ref: Doc = { name: freight.metadata.name, origin: freight.origin };
  for (const key of ['commits', 'images', 'charts', 'artifacts']) if (Array.isArray(freight[key]) && freight[key].length > 0) ref[key] = freight[key];
  return ref;
}

function eventOf(phase: string, message: string | undefined): { reason: string; message: string } {
  return { reason: `Promotion${phase}`, message: `Promotion ${phase}${message ? `: ${message}` : ''}` };
}

async function applyMetadataUpdates(ctx: ControllerContext, project: string, updates: readonly MetadataUpdate[], tracker: Tracker): Promise<void> {
  for (const update of updates) {
    const target = await getDoc(ctx, update.kind, project, update.name);
    if (target === undefined) continue;
    const status: Doc = recordOf(target.status);
    status.metadata = { ...recordOf(status.metadata), ...update.values };
    await writeStatus(ctx, target, status, tracker);
  }
}

/**
 * Reconciles a Promotion as Kargo's promotion controller does: an abort request ends it first;
 * a new one becomes Pending; it runs only once its Stage has admitted it (`currentPromotion`),
 * turning Running with `startedAt`; Freight availability is checked on every pass (Errored when
 * the Freight is gone or no longer available); the engine's every snapshot is persisted, so a
 * crash resumes at the step it stopped on; a Running step requeues after its suggested interval
 * (at least 10 s, 5 min by default); a terminal phase sets `finishedAt` and emits Kargo's event.
 */
export async function reconcilePromotion(ctx: ControllerContext, project: string, name: string, tracker: Tracker): Promise<void> {
  let promotion = await getDoc(ctx, 'Promotion', project, name);
  if (promotion === undefined) return;
  let status: Doc = recordOf(promotion.status);
  const phase: string = status.phase ?? '';
  if (isPromotionPhaseTerminal(phase)) return;
  const nowMs = ctx.clock.now().getTime();
  const annotations = annotationsOf(promotion);
  const stageName: string = promotion.spec?.stage ?? '';

  let verificationPending = false;
  const finish = async (finalStatus: Doc): Promise<void> => {
    const at = timeText(ctx.clock.now().getTime());
    const next = { ...finalStatus, finishedAt: at };
    const before = tracker.changed;
    tracker.changed = false;
    promotion = await writeStatus(ctx, promotion, next, tracker);
    if (tracker.changed) {
      const event = eventOf(next.phase, next.message);
      const details: Record<string, string> = { stage: stageName, freight: String(promotion.spec?.freight ?? '') };
      if (next.phase === 'Succeeded') details['verificationPending'] = String(verificationPending);
      ctx.emit({ ...event, kind: 'Promotion', project, name, details });
    }
    tracker.changed ||= before;
  };

  const abort = parsePromotionAbort(annotations[ABORT_ANNOTATION]);
  if (abort?.action === 'terminate') {
    const at = timeText(nowMs);
    const metas: Doc[] = Array.isArray(status.stepExecutionMetadata) ? status.stepExecutionMetadata.map((m: Doc) => ({ ...m })) : [];
    for (const meta of metas) {
      if (meta.status === 'Running' || (meta.startedAt !== undefined && meta.finishedAt === undefined && meta.status === undefined)) {
        meta.status = 'Aborted';
        meta.finishedAt = at;
      }
    }
    await finish({
      ...status,
      ...(metas.length > 0 ? { stepExecutionMetadata: metas } : {}),
      phase: 'Aborted',
      message: abort.actor !== undefined ? `Promotion terminated by ${abort.actor}` : 'Promotion terminated per user request',
    });
    return;
  }
  const refresh = annotations[REFRESH_ANNOTATION];
  if (refresh !== undefined) status.lastHandledRefresh = refresh;
  if (phase === '') {
    await writeStatus(ctx, promotion, { ...status, phase: 'Pending' }, tracker);
    return;
  }
  const stage = await getDoc(ctx, 'Stage', project, stageName);
  if (stage === undefined || stage.status?.currentPromotion?.name !== name) {
    promotion = await writeStatus(ctx, promotion, status, tracker);
    return;
  }
  verificationPending = stage.spec?.verification !== undefined && stage.spec?.verification !== null;
  if (phase === 'Pending') status = { ...status, phase: 'Running', startedAt: timeText(nowMs) };

  const freightName: string = promotion.spec?.freight ?? '';
  const freight = await getDoc(ctx, 'Freight', project, freightName);
  if (freight === undefined) {
    await finish({ ...status, phase: 'Errored', message: `Freight "${freightName}" not found in namespace "${project}"` });
    return;
  }
  if (!isFreightAvailable(stage, freight, { now: nowMs })) {
    await finish({ ...status, phase: 'Errored', message: `Freight "${freightName}" is not available to Stage "${stageName}" in namespace "${project}"` });
    return;
  }
  const ref = freightReferenceOf(freight);
  status.freight = ref;
  if (status.freightCollection === undefined || status.freightCollection === null) {
    const origins = (Array.isArray(stage.spec?.requestedFreight) ? stage.spec.requestedFreight : []).map((r: Doc) => originKey(r?.origin));
    status.freightCollection = buildTargetFreightCollection(origins, stage.status?.lastPromotion?.status?.freightCollection, ref);
  }
  promotion = await writeStatus(ctx, promotion, status, tracker);

  const ports = ctx.options.ports.steps === undefined ? {} : await ctx.options.ports.steps({ project, stage: stageName, promotion: name });
  const warehouses = await listDocs(ctx, 'Warehouse', project);
  const actor = annotations[CREATE_ACTOR];
  const run = runPromotion(
    promotion,
    {
      project,
      freight: freightCollectionReferences(status.freightCollection),
      freightRequests: Array.isArray(stage.spec?.requestedFreight) ? stage.spec.requestedFreight : [],
      warehouses,
      targetFreight: { name: freightName, ...(typeof freight.alias === 'string' ? { alias: freight.alias } : {}), origin: { name: String(freight.origin?.name ?? '') } },
      ...(actor !== undefined ? { actor } : {}),
    },
    { steps: ctx.steps, ports, now: ctx.clock },
  );
  let last: PromotionSnapshot | undefined;
  for await (const snapshot of run) {
    last = snapshot;
    const next: Doc = { ...status, ...snapshot.status };
    if (snapshot.status.message === undefined) delete next.message;
    if (snapshot.status.healthChecks === undefined) delete next.healthChecks;
    status = next;
    if (snapshot.step !== undefined && snapshot.step.metadataUpdates.length > 0) await applyMetadataUpdates(ctx, project, snapshot.step.metadataUpdates, tracker);
    if (snapshot.done && isPromotionPhaseTerminal(snapshot.status.phase)) {
      await finish(status);
    } else {
      promotion = await writeStatus(ctx, promotion, status, tracker);
    }
  }
  if (last === undefined) return;
  if (last.status.phase === 'Running') {
    tracker.requeue(last.retryAfter !== undefined ? Math.max(MIN_PROMOTION_RETRY_MS, last.retryAfter) : DEFAULT_PROMOTION_RETRY_MS);
    return;
  }
  if (last.status.phase === 'Succeeded') await askReverification(ctx, project, stageName, freightName, tracker);
}

/**
 * Re-promoting Freight that a Stage already has: the Stage's current verification is asked to run
 * again (Kargo sets the reverify annotation for the current verification record).
 */
async function askReverification(ctx: ControllerContext, project: string, stageName: string, freightName: string, tracker: Tracker): Promise<void> {
  const stage = await getDoc(ctx, 'Stage', project, stageName);
  const current = stage?.status?.freightHistory?.[0];
  if (current === undefined || current === null) return;
  if (!freightCollectionReferences(current).some((r) => r.name === freightName)) return;
  const newest = current.verificationHistory?.[0];
  if (typeof newest?.id !== 'string' || newest.id === '') return;
  const existing = parseVerificationAnnotation(annotationsOf(stage)[REVERIFY_ANNOTATION]);
  if (existing?.id === newest.id) return;
  await annotate(ctx, 'Stage', project, stageName, { [REVERIFY_ANNOTATION]: JSON.stringify({ id: newest.id }) });
  tracker.changed = true;
}

/** The names of a Project's Promotions, in creation (name) order. */
export async function promotionNames(ctx: ControllerContext, project: string): Promise<string[]> {
  return (await listDocs(ctx, 'Promotion', project)).map((p) => p.metadata.name as string).sort();
}
