import { createIssue } from '../errors/index.js';
import type { KargoResource } from '../model/index.js';
import {
  abortedVerification,
  assessStageHealth,
  buildFreightSummary,
  completedSoak,
  decideAutoPromotions,
  decideVerification,
  durationToMillis,
  freightCollectionReferences,
  healthStateOfArgoCD,
  isVerificationPhaseTerminal,
  markCurrentFreightVerified,
  matchPromotionPolicy,
  originKey,
  pushVerificationInfo,
  residencyStart,
  setStageCondition,
  summarizeStageReady,
  syncFreightCurrentIn,
  syncStagePromotions,
  toEpochMillis,
  verifiedCondition,
  verifyControlFlowFreight,
  type HealthCheckOutcome,
  type StageCondition,
  type VerificationInfo,
} from '../pipeline/index.js';
import { buildPromotion } from '../promotion/index.js';
import type { VerificationRun } from '../ports/index.js';
import { annotationsOf, createDoc, freightIndexOf, getDoc, listDocs, listStagePromotions, recordOf, REFRESH_ANNOTATION, sameReads, timeText, writeStatus, type ControllerContext, type Doc, type Tracker } from './context.js';

/** How often a running verification is read again when its port cannot say when it will end. */
export const VERIFICATION_POLL_MS = 10_000;
/** How often a Stage whose Argo CD health checks are not Healthy yet is looked at again. */
export const HEALTH_POLL_MS = 10_000;

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * The Stage with the parts of its status the reconciler reads put in shape: a status, history or
 * verification list edited by hand into something else is dropped rather than trusted.
 */
function sanitizeStage(stage: Doc): Doc {
  if (!isRecord(stage.status)) return { ...stage, status: {} };
  const status: Doc = { ...stage.status };
  if (status.freightHistory !== undefined) {
    if (!Array.isArray(status.freightHistory)) delete status.freightHistory;
    else {
      status.freightHistory = status.freightHistory.filter(isRecord).map((c: Doc) => {
        if (c.verificationHistory === undefined || Array.isArray(c.verificationHistory)) {
          return Array.isArray(c.verificationHistory) ? { ...c, verificationHistory: c.verificationHistory.filter(isRecord) } : c;
        }
        const { verificationHistory: _dropped, ...rest } = c;
        return rest;
      });
    }
  }
  for (const key of ['currentPromotion', 'lastPromotion', 'health', 'autoPromotionHolds']) if (status[key] !== undefined && status[key] !== null && !isRecord(status[key])) delete status[key];
  if (status.conditions !== undefined && !Array.isArray(status.conditions)) delete status.conditions;
  return { ...stage, status };
}

/** True for a Stage without promotion steps (Kargo's control-flow Stage). */
export function isControlFlowStage(stage: Doc): boolean {
  const steps = stage?.spec?.promotionTemplate?.spec?.steps;
  return !Array.isArray(steps) || steps.length === 0;
}

/** The Project's PromotionTasks and every ClusterPromotionTask, for inflating templates. */
export async function tasksOf(ctx: ControllerContext, project: string): Promise<Doc[]> {
  const [tasks, clusterTasks] = await Promise.all([listDocs(ctx, 'PromotionTask', project), listDocs(ctx, 'ClusterPromotionTask', undefined)]);
  return [...tasks, ...clusterTasks];
}

/** Writes the Freight that changed, keeping the map of current versions up to date. */
async function writeFreight(ctx: ControllerContext, freight: Map<string, Doc>, updated: readonly Doc[], tracker: Tracker): Promise<Doc[]> {
  const written: Doc[] = [];
  for (const f of updated) {
    const name = f?.metadata?.name as string;
    const stored = freight.get(name);
    if (stored === undefined) continue;
    const next = await writeStatus(ctx, stored, f.status ?? {}, tracker);
    freight.set(name, next);
    if (next !== stored) written.push(next);
  }
  return written;
}

/**
 * When a Freight's soak in an upstream Stage completes, for every request of the Stage that
 * requires a soak: the instants after `now` at which `hasSoakedIn` turns true, computed from the
 * residency start and the required time the same way the core measures soak.
 */
export function soakWakes(stage: Doc, freight: readonly Doc[], nowMs: number): number[] {
  const wakes: number[] = [];
  const requests: Doc[] = Array.isArray(stage?.spec?.requestedFreight) ? stage.spec.requestedFreight : [];
  for (const request of requests) {
    const sources = request?.sources ?? {};
    const required = sources.requiredSoakTime;
    const upstreams: string[] = Array.isArray(sources.stages) ? sources.stages : [];
    if (required === undefined || required === null || required === '' || upstreams.length === 0) continue;
    const ms = durationToMillis(required);
    if (!ms.ok) continue;
    const origin = originKey(request.origin);
    for (const f of freight) {
      if (originKey(f?.origin) !== origin) continue;
      // Object() so a hand-edited non-object answers as Object.keys would see it.
      const verifiedIn: object = Object(f?.status?.verifiedIn ?? {});
      const currentlyIn = f?.status?.currentlyIn;
      if (currentlyIn === null || typeof currentlyIn !== 'object') continue;
      // A Freight soaks only where it is verified and currently is (elsewhere it has no residency
      // start): looking at the few Stages it is in, rather than every Stage it was verified in,
      // finds the same wakes. It has soaked once its residency or its recorded soak reaches the
      // requirement (as hasSoakedIn measures); until then it wakes the Stage when it will have.
      for (const upstream of Object.keys(currentlyIn)) {
        if (!Object.prototype.propertyIsEnumerable.call(verifiedIn, upstream)) continue;
        const since = residencyStart(f, upstream);
        if (since === undefined || completedSoak(f, upstream) >= ms.value) continue;
        const at = since + ms.value;
        if (at > nowMs) wakes.push(at);
      }
    }
  }
  return wakes;
}

async function healthChecksOf(ctx: ControllerContext, project: string, stageName: string, lastPromotion: Doc, tracker: Tracker): Promise<HealthCheckOutcome[]> {
  const checks: Doc[] = Array.isArray(lastPromotion?.status?.healthChecks) ? lastPromotion.status.healthChecks : [];
  const argo = checks.filter((c) => c?.uses === 'argocd-update');
  if (argo.length === 0 || ctx.options.ports.steps === undefined) return [];
  tracker.external = true;
  // Argo CD Applications are read through the cluster the steps use; without one, the checks
  // cannot run and the Stage counts as Healthy (waybill does not guess at health it cannot see).
  const ports = await ctx.options.ports.steps({ project, stage: stageName, promotion: lastPromotion?.name ?? '' });
  const cluster = ports?.cluster;
  if (cluster === undefined) return [];
  const outcomes: HealthCheckOutcome[] = [];
  for (const check of argo) {
    const apps: Doc[] = Array.isArray(check?.config?.apps) ? check.config.apps : [];
    for (const app of apps) {
      const namespace = typeof app?.namespace === 'string' && app.namespace !== '' ? app.namespace : 'argocd';
      const found = await cluster.getApplication({ namespace, name: String(app?.name ?? '') });
      if (!found.ok) {
        outcomes.push({ status: 'Unknown', issues: [`Argo CD Application "${namespace}/${String(app?.name ?? '')}": ${found.failure.message}`] });
        continue;
      }
      const state = healthStateOfArgoCD(found.value.status?.health?.status);
      outcomes.push({ status: state, ...(state === 'Healthy' ? {} : { issues: [`Argo CD Application "${namespace}/${found.value.metadata.name}" is ${found.value.status?.health?.status ?? 'Unknown'}`] }) });
    }
  }
  return outcomes;
}

function infoFromRun(base: VerificationInfo, run: VerificationRun, project: string): VerificationInfo {
  const final = isVerificationPhaseTerminal(run.phase);
  const { message: _m, finishTime: _f, ...rest } = base;
  return {
    ...rest,
    phase: run.phase,
    ...(run.message !== undefined && run.message !== '' ? { message: run.message } : {}),
    analysisRun: { namespace: project, name: run.id, phase: run.phase },
    ...(final && run.finishedAt !== undefined ? { finishTime: run.finishedAt } : {}),
  };
}

function pollWake(run: VerificationRun | undefined, nowMs: number): number {
  const expected = toEpochMillis(run?.expectedFinishAt);
  return expected !== undefined && expected > nowMs ? expected - nowMs : VERIFICATION_POLL_MS;
}

/**
 * Runs the verification step of a Stage (Kargo's §5.8) and returns the new verification record to
 * push, if any, asking for a requeue while a verification runs.
 */
async function verify(ctx: ControllerContext, project: string, stage: Doc, nowMs: number, tracker: Tracker): Promise<VerificationInfo | undefined> {
  const decision = decideVerification(stage);
  const port = ctx.options.ports.verification;
  const now = timeText(nowMs);
  // Every verification action may ask the port or take an id.
  if (decision.action !== 'none') tracker.external = true;
  switch (decision.action) {
    case 'none':
      return undefined;
    case 'poll': {
      const runName = decision.info.analysisRun?.name;
      if (port === undefined || runName === undefined) {
        return { ...decision.info, phase: 'Error', message: 'the verification cannot be followed: no verification port is configured', finishTime: now };
      }
      const run = await port.get({ project, id: runName });
      if (!run.ok) {
        tracker.issues.push(createIssue('CONTROLLER_VERIFICATION_FAILED', `Stage "${stage.metadata.name}": ${run.failure.message}`));
        if (run.failure.kind === 'not-found') return { ...decision.info, phase: 'Error', message: run.failure.message, finishTime: now };
        tracker.requeue(VERIFICATION_POLL_MS);
        return undefined;
      }
      if (!isVerificationPhaseTerminal(run.value.phase)) tracker.requeue(pollWake(run.value, nowMs));
      return infoFromRun(decision.info, run.value, project);
    }
    case 'abort': {
      const runName = decision.info.analysisRun?.name;
      if (port !== undefined && runName !== undefined) {
        const aborted = await port.abort({ project, id: runName });
        if (!aborted.ok) tracker.issues.push(createIssue('CONTROLLER_VERIFICATION_FAILED', `Stage "${stage.metadata.name}": ${aborted.failure.message}`, { severity: 'warning' }));
      }
      return abortedVerification(decision.info, now);
    }
    case 'start': {
      const id = ctx.ids.next();
      const actor = decision.reverify?.actor;
      const base = { id, ...(actor !== undefined ? { actor } : {}), startTime: now };
      const spec = stage.spec?.verification;
      if (spec === undefined || spec === null) return { ...base, phase: 'Successful', finishTime: now };
      if (port === undefined) {
        return { ...base, phase: 'Error', message: 'Rollouts integration is disabled on this controller: cannot start verification', finishTime: now };
      }
      const current = stage.status?.freightHistory?.[0];
      const started = await port.start({
        project,
        stage: stage.metadata.name,
        freightCollectionId: current?.id ?? '',
        freight: freightCollectionReferences(current).map((r) => r.name ?? ''),
        verification: spec,
        ...(actor !== undefined ? { actor } : {}),
        ...(decision.reverify !== undefined ? { reverify: true } : {}),
      });
      if (!started.ok) return { ...base, phase: 'Error', message: `error starting verification: ${started.failure.message}`, finishTime: now };
      if (!isVerificationPhaseTerminal(started.value.phase)) tracker.requeue(pollWake(started.value, nowMs));
      return infoFromRun({ ...base, phase: started.value.phase }, started.value, project);
    }
  }
}

async function reconcileControlFlowStage(ctx: ControllerContext, project: string, stage: Doc, stored: Doc, freight: Map<string, Doc>, nowMs: number, tracker: Tracker): Promise<void> {
  const now = timeText(nowMs);
  const name = stage.metadata.name as string;
  const old: Doc = recordOf(stage.status);
  const status: Doc = { ...old };
  for (const key of ['freightHistory', 'health', 'currentPromotion', 'lastPromotion', 'autoPromotionHolds', 'effectiveAutoPromotionHolds']) delete status[key];
  status.autoPromotionEnabled = false;
  status.freightSummary = 'N/A';
  const refresh = annotationsOf(stage)[REFRESH_ANNOTATION];
  if (refresh !== undefined) status.lastHandledRefresh = refresh;
  const kept: StageCondition[] = (Array.isArray(old.conditions) ? old.conditions : []).filter((c: Doc) => c?.type === 'Ready' || c?.type === 'Reconciling');
  const verified = verifyControlFlowFreight(stage, [...freight.values()], { now: nowMs });
  if (!verified.ok) {
    const message = verified.issues.map((i) => i.message).join('; ');
    status.conditions = setStageCondition(kept, { type: 'Ready', status: 'False', reason: 'ReconcileError', message }, now);
    tracker.issues.push(...verified.issues);
  } else {
    for (const f of await writeFreight(ctx, freight, verified.value.updated, tracker)) {
      ctx.emit({ reason: 'FreightVerified', kind: 'Freight', project, name: f.metadata.name, message: `Freight "${f.metadata.name}" passed through Stage "${name}"`, details: { stage: name } });
    }
    status.conditions = setStageCondition(
      kept.filter((c) => c.type !== 'Reconciling'),
      { type: 'Ready', status: 'True', reason: 'Ready', message: 'Stage is ready' },
      now,
    );
  }
  if (stage.metadata?.generation !== undefined) status.observedGeneration = stage.metadata.generation;
  await writeStatus(ctx, stored, status, tracker);
}

/**
 * Reconciles a Stage as Kargo's Stage controllers do: control-flow Stages mark what is available
 * to them as verified; regular Stages run the promotion scheduler, sync `currentlyIn`, assess
 * health, verify, mark verified Freight, summarize Ready, and auto-promote. Wakes are asked for
 * running verifications and for the moments soak times in upstream Stages complete. Inside a pass,
 * a Stage whose last reconcile was quiet (see `QuietReconcile`) and that reads the very same
 * resources at the same instant is answered with that reconcile's outcome without running it.
 */
export async function reconcileStage(ctx: ControllerContext, project: string, name: string, tracker: Tracker): Promise<void> {
  const key = `${project}\u0000${name}`;
  const stored = await getDoc(ctx, 'Stage', project, name);
  if (stored === undefined) {
    ctx.quiet?.delete(key);
    return;
  }
  const nowMs = ctx.clock.now().getTime();
  const freightList = await listDocs(ctx, 'Freight', project);
  const controlFlow = isControlFlowStage(stored);
  const promotions = controlFlow ? [] : await listStagePromotions(ctx, project, name);
  const projectConfig = controlFlow ? undefined : await getDoc(ctx, 'ProjectConfig', project, project);
  // Everything the reconcile reads from the store; with the time, its whole input when quiet.
  const reads: readonly unknown[] = [stored, freightList, promotions, projectConfig];

  // Only inside a pass are the reads frozen objects shared between reconciles.
  const memo = ctx.reads !== undefined ? ctx.quiet : undefined;
  const last = memo?.get(key);
  if (last !== undefined && last.nowMs === nowMs && sameReads(last.reads, reads)) {
    tracker.issues.push(...last.issues);
    if (last.requeueAfterMs !== undefined) tracker.requeue(last.requeueAfterMs);
    return;
  }
  memo?.delete(key);
  let emitted = false;
  const inner: ControllerContext = {
    ...ctx,
    emit(event) {
      emitted = true;
      ctx.emit(event);
    },
  };
  await reconcileStageFrom(inner, project, name, stored, freightList, promotions, projectConfig, nowMs, tracker);
  // What a pass reads is frozen (see PassReads), so the same object later means the same content.
  if (memo !== undefined && !tracker.changed && !tracker.external && !emitted) {
    memo.set(key, { nowMs, reads, issues: [...tracker.issues], requeueAfterMs: tracker.requeueAfterMs });
  }
}

async function reconcileStageFrom(
  ctx: ControllerContext,
  project: string,
  name: string,
  stored: Doc,
  freightList: readonly Doc[],
  promotions: readonly Doc[],
  projectConfig: Doc | undefined,
  nowMs: number,
  tracker: Tracker,
): Promise<void> {
  const stage = sanitizeStage(stored);
  const now = timeText(nowMs);
  const freight = new Map<string, Doc>(freightList.map((f) => [f.metadata.name as string, f]));
  for (const at of soakWakes(stage, [...freight.values()], nowMs)) tracker.requeue(at - nowMs);
  if (isControlFlowStage(stage)) {
    await reconcileControlFlowStage(ctx, project, stage, stored, freight, nowMs, tracker);
    return;
  }
  let reconcileError: string | undefined;

  const policy = matchPromotionPolicy(projectConfig, stage);
  if (policy.issues.length > 0) {
    reconcileError = policy.issues.map((i) => i.message).join('; ');
    tracker.issues.push(...policy.issues);
  }
  const sync = syncStagePromotions(stage, promotions, { now: nowMs, autoPromotionEnabled: policy.autoPromotionEnabled });
  let status: Doc = { ...sync.status };
  const refresh = annotationsOf(stage)[REFRESH_ANNOTATION];
  if (refresh !== undefined) status.lastHandledRefresh = refresh;
  const view = (): Doc => ({ ...stage, status });

  const current = syncFreightCurrentIn(view(), [...freight.values()], { now: nowMs });
  if (!current.ok) {
    reconcileError ??= current.issues.map((i) => i.message).join('; ');
    tracker.issues.push(...current.issues);
  } else {
    await writeFreight(ctx, freight, current.value.updated, tracker);
  }

  const lastPromotion = status.lastPromotion;
  const checks = status.currentPromotion?.name || lastPromotion?.status?.phase !== 'Succeeded' ? [] : await healthChecksOf(ctx, project, name, lastPromotion, tracker);
  const assessment = assessStageHealth({ currentPromotion: status.currentPromotion, lastPromotion, checks });
  // Nothing announces an Application's health changing: look again while it is not Healthy.
  if (checks.length > 0 && assessment.health?.status !== 'Healthy') tracker.requeue(HEALTH_POLL_MS);
  if (assessment.health === null) delete status.health;
  else status.health = assessment.health;
  status.conditions = setStageCondition(status.conditions, assessment.condition, now);

  const freightHistory: Doc[] = Array.isArray(status.freightHistory) ? status.freightHistory : [];
  const first = freightHistory[0];
  const currentCollection = first !== null && typeof first === 'object' && !Array.isArray(first) ? first : undefined;
  if (currentCollection === undefined) {
    status.conditions = setStageCondition(status.conditions, { type: 'Verified', status: 'Unknown', reason: 'NoFreight', message: 'Stage has no current Freight' }, now);
  } else if (!status.currentPromotion?.name) {
    const info = await verify(ctx, project, view(), nowMs, tracker);
    if (info !== undefined) {
      const history = pushVerificationInfo(Array.isArray(currentCollection.verificationHistory) ? currentCollection.verificationHistory : [], info);
      status.freightHistory = [{ ...currentCollection, verificationHistory: history }, ...freightHistory.slice(1)];
    }
    const condition = verifiedCondition(status.freightHistory[0].verificationHistory);
    if (condition !== undefined) status.conditions = setStageCondition(status.conditions, condition, now);
  }

  const marked = markCurrentFreightVerified(view(), [...freight.values()]);
  if (marked.ok) {
    for (const f of await writeFreight(ctx, freight, marked.value.updated, tracker)) {
      ctx.emit({ reason: 'FreightVerified', kind: 'Freight', project, name: f.metadata.name, message: `Freight "${f.metadata.name}" verified in Stage "${name}"`, details: { stage: name } });
    }
  }

  const requested: Doc[] = Array.isArray(stage.spec?.requestedFreight) ? stage.spec.requestedFreight : [];
  status.freightSummary = buildFreightSummary(requested.length, status.freightHistory?.[0]?.items);
  status.autoPromotionEnabled = policy.autoPromotionEnabled;

  const plan = decideAutoPromotions(view(), {
    freight: await freightIndexOf(ctx, project, [...freight.values()]),
    promotions,
    projectConfig,
    ids: () => {
      tracker.external = true;
      return ctx.ids.next();
    },
    now: nowMs,
  });
  if (Object.keys(plan.effectiveHolds).length > 0) status.effectiveAutoPromotionHolds = plan.effectiveHolds;
  else delete status.effectiveAutoPromotionHolds;

  const summary = summarizeStageReady({ conditions: status.conditions, lastPromotion: status.lastPromotion, reconcileError, generation: stage.metadata?.generation, now });
  status.conditions = summary.conditions;
  if (summary.observedGeneration !== undefined) status.observedGeneration = summary.observedGeneration;

  const written = await writeStatus(ctx, stored, status, tracker);

  const planned = plan.create.filter((p) => p.kind === 'Promotion');
  if (planned.length === 0) return;
  const tasks = await tasksOf(ctx, project);
  for (const p of planned) {
    const built = buildPromotion(written, p.spec.freight, { name: p.metadata.name, now: ctx.clock, tasks });
    if (!built.ok) {
      tracker.issues.push(...built.issues.map((i) => createIssue('CONTROLLER_PROMOTION_INVALID', `Stage "${name}": ${i.message}`)));
      continue;
    }
    const created = await createDoc(ctx, built.value as KargoResource, tracker);
    if (created === undefined) continue;
    const decision = plan.decisions.find((d) => d.candidate === p.spec.freight);
    ctx.emit({
      reason: 'PromotionCreated',
      kind: 'Promotion',
      project,
      name: p.metadata.name,
      message: decision?.message ?? `Automatically promoted Freight for Stage "${name}"`,
      details: { stage: name, freight: p.spec.freight },
    });
  }
}
