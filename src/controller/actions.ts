import { createIssue, type Issue } from '../errors/index.js';
import { ALIAS_LABEL } from '../freight/index.js';
import type { KargoResource } from '../model/index.js';
import {
  approveFreight,
  buildStageGraph,
  classifyHoldIntent,
  findDownstreamStages,
  isFreightAvailable,
  isPromotionPhaseTerminal,
  isVerificationPhaseTerminal,
  listAvailableFreight,
  matchPromotionPolicy,
  originKey,
  selectAutoPromotionCandidates,
  ABORT_ANNOTATION,
  REVERIFY_ANNOTATION,
} from '../pipeline/index.js';
import { buildPromotion } from '../promotion/index.js';
import { err, ok, type Result } from '../result.js';
import { annotate, createDoc, getDoc, issueOfError, listDocs, REFRESH_ANNOTATION, timeText, Tracker, writeStatus, type ControllerContext, type Doc } from './context.js';
import { isControlFlowStage, tasksOf } from './reconcile-stage.js';
import type { ApproveRequest, PromoteRequest, ReconcileRequest } from './types.js';

function fail<T>(code: Parameters<typeof createIssue>[0], message: string, path: readonly (string | number)[] = []): Result<T> {
  return err(createIssue(code, message, { path: [...path] }));
}

async function guarded<T>(work: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await work();
  } catch (error) {
    return err(issueOfError(error).issue);
  }
}

function countGiven(...values: (string | undefined)[]): number {
  return values.filter((v) => v !== undefined && v !== '').length;
}

function isTargetAware(stage: Doc): boolean {
  return stage?.spec?.targets !== undefined && stage?.spec?.targets !== null;
}

/** Finds Freight by name, or by alias (the alias label first, then the `alias` field). */
function findFreight(list: readonly Doc[], name: string | undefined, alias: string | undefined): Doc | undefined {
  if (name !== undefined && name !== '') return list.find((f) => f.metadata?.name === name);
  return list.find((f) => f.metadata?.labels?.[ALIAS_LABEL] === alias) ?? list.find((f) => f.alias === alias);
}

function freightMissing<T>(project: string, name: string | undefined, alias: string | undefined): Result<T> {
  return name !== undefined && name !== ''
    ? fail('CONTROLLER_NOT_FOUND', `Freight "${name}" not found in namespace "${project}"`, ['freight'])
    : fail('CONTROLLER_NOT_FOUND', `Freight with alias "${alias ?? ''}" not found in namespace "${project}"`, ['freightAlias']);
}

async function stageOf(ctx: ControllerContext, project: string, name: string): Promise<Doc | undefined> {
  return getDoc(ctx, 'Stage', project, name);
}

/**
 * Builds and stores a Promotion of `freight` to `stage` as Kargo's API server and admission do: the
 * template's steps with tasks inflated, the create-actor, and the hold intent a person's promotion
 * carries when auto-promotion is enabled.
 */
async function createPromotion(ctx: ControllerContext, project: string, stage: Doc, freight: Doc, actor: string | undefined, freightList: readonly Doc[]): Promise<Result<KargoResource>> {
  const now = ctx.clock.now();
  const built = buildPromotion(stage, freight.metadata.name, { ids: ctx.ids, now, tasks: await tasksOf(ctx, project), ...(actor !== undefined && actor !== '' ? { actor } : {}) });
  if (!built.ok) return err(built.issues.map((i) => createIssue('CONTROLLER_PROMOTION_INVALID', `Stage "${stage.metadata.name}": ${i.message}`)));
  const projectConfig = await getDoc(ctx, 'ProjectConfig', project, project);
  const origin = originKey(freight.origin);
  const policy = matchPromotionPolicy(projectConfig, stage);
  const candidates = policy.autoPromotionEnabled ? selectAutoPromotionCandidates(stage, listAvailableFreight(stage, freightList, { now })) : {};
  const intent = classifyHoldIntent({ autoPromotionEnabled: policy.autoPromotionEnabled, userInitiated: true, freight: freight.metadata.name, freightOrigin: origin, candidate: candidates[origin] ?? null });
  const promotion: Doc = built.value;
  if (intent !== null) promotion.metadata.annotations = { ...(promotion.metadata.annotations ?? {}), [intent.annotation]: intent.value };
  const tracker = new Tracker();
  const created = await createDoc(ctx, promotion as KargoResource, tracker);
  if (created === undefined) return fail('CONTROLLER_INVALID_REQUEST', `Promotion "${promotion.metadata.name}" already exists in namespace "${project}"`);
  ctx.emit({
    reason: 'PromotionCreated',
    kind: 'Promotion',
    project,
    name: created.metadata.name,
    message: `Promotion of Freight "${freight.metadata.name}" to Stage "${stage.metadata.name}" created${actor ? ` by ${actor}` : ''}`,
    details: { stage: stage.metadata.name, freight: freight.metadata.name, ...(actor ? { actor } : {}) },
  });
  return ok(created as KargoResource, built.issues);
}

/** Kargo's promote action (see {@link Controller.promote}). */
export function promote(ctx: ControllerContext, request: PromoteRequest): Promise<Result<KargoResource>> {
  return guarded(async () => {
    const { project } = request;
    if (countGiven(request.freight, request.freightAlias, request.origin) !== 1) {
      return fail('CONTROLLER_INVALID_REQUEST', 'exactly one of freight, freightAlias, or origin must be provided');
    }
    const stage = await stageOf(ctx, project, request.stage);
    if (stage === undefined) return fail('CONTROLLER_NOT_FOUND', `Stage "${request.stage}" not found in namespace "${project}"`, ['stage']);
    const freightList = await listDocs(ctx, 'Freight', project);
    const now = ctx.clock.now();
    let freight: Doc | undefined;
    if (request.origin !== undefined && request.origin !== '') {
      if (isTargetAware(stage)) {
        return fail('CONTROLLER_TARGET_AWARE_STAGE', `Stage "${request.stage}" selects Targets; it cannot be promoted to by origin`, ['origin']);
      }
      const parts = request.origin.split('/');
      if (parts.length !== 2 || parts[0] !== 'Warehouse' || parts[1] === '') {
        return fail('CONTROLLER_INVALID_REQUEST', `invalid origin "${request.origin}": it must read "Warehouse/<name>"`, ['origin']);
      }
      const candidate = selectAutoPromotionCandidates(stage, listAvailableFreight(stage, freightList, { now }))[request.origin];
      if (candidate === undefined) {
        return fail('CONTROLLER_NO_CANDIDATE', `no auto-promotion candidate found for origin "${request.origin}" on Stage "${request.stage}"`, ['origin']);
      }
      freight = freightList.find((f) => f.metadata?.name === candidate);
    } else {
      freight = findFreight(freightList, request.freight, request.freightAlias);
      if (freight === undefined) return freightMissing(project, request.freight, request.freightAlias);
      if (!isFreightAvailable(stage, freight, { now })) {
        return fail('CONTROLLER_FREIGHT_NOT_AVAILABLE', `Freight "${freight.metadata.name}" is not available to Stage "${request.stage}"`, ['freight']);
      }
      if (isTargetAware(stage)) {
        return fail('CONTROLLER_TARGET_AWARE_STAGE', `Stage "${request.stage}" selects Targets; it is promoted to with a PromotionRequest rather than a Promotion`);
      }
    }
    if (freight === undefined) return freightMissing(project, request.freight, request.freightAlias);
    if (isControlFlowStage(stage)) {
      return fail('CONTROLLER_NO_PROMOTION_STEPS', `Stage "${request.stage}" in namespace "${project}" defines no promotion steps`);
    }
    return createPromotion(ctx, project, stage, freight, request.actor, freightList);
  });
}

/** Kargo's promote-downstream action (see {@link Controller.promoteDownstream}). */
export function promoteDownstream(ctx: ControllerContext, request: PromoteRequest): Promise<Result<readonly KargoResource[]>> {
  return guarded(async () => {
    const { project } = request;
    if (countGiven(request.freight, request.freightAlias) !== 1 || (request.origin !== undefined && request.origin !== '')) {
      return fail('CONTROLLER_INVALID_REQUEST', 'exactly one of freight or freightAlias must be provided');
    }
    const stage = await stageOf(ctx, project, request.stage);
    if (stage === undefined) return fail('CONTROLLER_NOT_FOUND', `Stage "${request.stage}" not found in namespace "${project}"`, ['stage']);
    const freightList = await listDocs(ctx, 'Freight', project);
    const freight = findFreight(freightList, request.freight, request.freightAlias);
    if (freight === undefined) return freightMissing(project, request.freight, request.freightAlias);
    const stages = await listDocs(ctx, 'Stage', project);
    const warehouses = await listDocs(ctx, 'Warehouse', project);
    const graph = buildStageGraph({ stages, warehouses });
    const names = graph.ok ? findDownstreamStages(graph.value, request.stage, originKey(freight.origin)) : [];
    const downstream = names.map((n) => stages.find((s) => s.metadata?.name === n)).filter((s): s is Doc => s !== undefined);
    if (downstream.length === 0) return fail('CONTROLLER_NO_DOWNSTREAM', `Stage "${request.stage}" has no downstream stages`);
    const now = ctx.clock.now();
    for (const d of downstream) {
      if (!isFreightAvailable(d, freight, { now })) {
        return fail('CONTROLLER_FREIGHT_NOT_AVAILABLE', `Freight "${freight.metadata.name}" is not available to downstream Stage "${d.metadata.name}"`);
      }
    }
    const created: KargoResource[] = [];
    const issues: Issue[] = [];
    for (const d of downstream) {
      const steps = d.spec?.promotionTemplate?.spec?.steps;
      if (Array.isArray(steps) && steps.length === 0) continue;
      if (!Array.isArray(steps)) {
        issues.push(createIssue('CONTROLLER_NO_PROMOTION_STEPS', `Stage "${d.metadata.name}" in namespace "${project}" defines no promotion steps`));
        continue;
      }
      if (isTargetAware(d)) {
        issues.push(createIssue('CONTROLLER_TARGET_AWARE_STAGE', `Stage "${d.metadata.name}" selects Targets; it is promoted to with a PromotionRequest rather than a Promotion`));
        continue;
      }
      const one = await createPromotion(ctx, project, d, freight, request.actor, freightList);
      if (one.ok) created.push(one.value);
      else issues.push(...one.issues);
    }
    if (created.length === 0 && issues.length > 0) return err(issues);
    return ok(created, issues.map((i) => ({ ...i, severity: 'warning' as const })));
  });
}

/** Kargo's approve action (see {@link Controller.approve}). */
export function approve(ctx: ControllerContext, request: ApproveRequest): Promise<Result<KargoResource>> {
  return guarded(async () => {
    const { project } = request;
    if (countGiven(request.freight, request.freightAlias) !== 1) {
      return fail('CONTROLLER_INVALID_REQUEST', 'exactly one of freight or freightAlias must be provided');
    }
    const stage = await stageOf(ctx, project, request.stage);
    if (stage === undefined) return fail('CONTROLLER_NOT_FOUND', `Stage "${request.stage}" not found in namespace "${project}"`, ['stage']);
    const freight = findFreight(await listDocs(ctx, 'Freight', project), request.freight, request.freightAlias);
    if (freight === undefined) return freightMissing(project, request.freight, request.freightAlias);
    const approved = approveFreight(stage, freight, { now: ctx.clock.now() });
    if (!approved.ok) return err(approved.issues);
    const tracker = new Tracker();
    const written = await writeStatus(ctx, freight, approved.value.status ?? {}, tracker);
    if (tracker.changed) {
      ctx.emit({
        reason: 'FreightApproved',
        kind: 'Freight',
        project,
        name: freight.metadata.name,
        message: `Freight "${freight.metadata.name}" approved for Stage "${request.stage}"${request.actor ? ` by ${request.actor}` : ''}`,
        details: { stage: request.stage, ...(request.actor ? { actor: request.actor } : {}) },
      });
    }
    return ok(written as KargoResource);
  });
}

/** Sets the refresh annotation (see {@link Controller.refresh}). */
export function refresh(ctx: ControllerContext, request: ReconcileRequest): Promise<Result<void>> {
  return guarded(async () => {
    const found = await getDoc(ctx, request.kind, request.project, request.name);
    if (found === undefined) return fail('CONTROLLER_NOT_FOUND', `${request.kind} "${request.name}" not found in namespace "${request.project}"`);
    await annotate(ctx, request.kind, request.project, request.name, { [REFRESH_ANNOTATION]: timeText(ctx.clock.now().getTime()) });
    return ok(undefined);
  });
}

async function currentVerification(ctx: ControllerContext, project: string, stageName: string): Promise<Result<{ id: string; phase: string }>> {
  const stage = await stageOf(ctx, project, stageName);
  if (stage === undefined) return fail('CONTROLLER_NOT_FOUND', `Stage "${stageName}" not found in namespace "${project}"`, ['stage']);
  const current = stage.status?.freightHistory?.[0];
  if (current === undefined || current === null) return fail('CONTROLLER_NO_VERIFICATION', 'stage has no current freight');
  const newest = current.verificationHistory?.[0];
  if (newest === undefined || newest === null) return fail('CONTROLLER_NO_VERIFICATION', 'stage has no current verification info');
  if (typeof newest.id !== 'string' || newest.id === '') return fail('CONTROLLER_NO_VERIFICATION', 'current stage verification info has no ID');
  return ok({ id: newest.id, phase: String(newest.phase ?? '') });
}

/** Asks a Stage to verify its current Freight again (see {@link Controller.reverify}). */
export function reverify(ctx: ControllerContext, request: { readonly project: string; readonly stage: string; readonly actor?: string | undefined }): Promise<Result<void>> {
  return guarded(async () => {
    const current = await currentVerification(ctx, request.project, request.stage);
    if (!current.ok) return current;
    const value = JSON.stringify({ id: current.value.id, ...(request.actor ? { actor: request.actor } : {}) });
    await annotate(ctx, 'Stage', request.project, request.stage, { [REVERIFY_ANNOTATION]: value });
    return ok(undefined);
  });
}

/** Aborts a Stage's running verification (see {@link Controller.abortVerification}). */
export function abortVerification(ctx: ControllerContext, request: { readonly project: string; readonly stage: string; readonly actor?: string | undefined }): Promise<Result<void>> {
  return guarded(async () => {
    const current = await currentVerification(ctx, request.project, request.stage);
    if (!current.ok) return current;
    if (isVerificationPhaseTerminal(current.value.phase)) return ok(undefined);
    const value = JSON.stringify({ id: current.value.id, ...(request.actor ? { actor: request.actor } : {}) });
    await annotate(ctx, 'Stage', request.project, request.stage, { [ABORT_ANNOTATION]: value });
    return ok(undefined);
  });
}

/** Aborts a Promotion that has not finished (see {@link Controller.abortPromotion}). */
export function abortPromotion(ctx: ControllerContext, request: { readonly project: string; readonly name: string; readonly actor?: string | undefined }): Promise<Result<void>> {
  return guarded(async () => {
    const promotion = await getDoc(ctx, 'Promotion', request.project, request.name);
    if (promotion === undefined) return fail('CONTROLLER_NOT_FOUND', `Promotion "${request.name}" not found in namespace "${request.project}"`);
    if (isPromotionPhaseTerminal(promotion.status?.phase)) return ok(undefined);
    const value = JSON.stringify({ action: 'terminate', ...(request.actor ? { actor: request.actor } : {}) });
    await annotate(ctx, 'Promotion', request.project, request.name, { [ABORT_ANNOTATION]: value });
    return ok(undefined);
  });
}
