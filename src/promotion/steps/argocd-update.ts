import * as z from 'zod';
import type { ArgoCDApplication, ArgoCDApplicationSource, ArgoCDHelmParameter, ArgoCDOperation, ClusterPort } from '../../ports/index.js';
import { normalizeGitURL } from '../../urls/index.js';
import { defineStep } from '../registry.js';
import { stepErrored } from '../step-results.js';
import type { StepResult, StepRunContext } from '../types.js';
import { appRef, appSelectorSchema, authorizationProblem, callPort, clusterOf, failureText, findApplications, hasNameOrSelector, sourcesOf } from './argocd-support.js';

/** How long `argocd-update` and `argocd-wait` may run, from their first start, unless `retry.timeout` says otherwise. */
export const ARGOCD_STEP_TIMEOUT = 5 * 60_000;

/** How long the Argo CD steps suggest waiting before looking at an Application again (ms). */
export const ARGOCD_POLL_INTERVAL = 10_000;

/** The user Kargo names as the initiator of a sync nobody asked for by hand. */
export const ARGOCD_OPERATION_INITIATOR = 'kargo-controller';

/** The operation info entry that ties a sync to the Promotion that started it. */
export const PROMOTION_INFO_KEY = 'kargo.akuity.io/promotion';

const nonEmpty = (text: string | undefined): boolean => text !== undefined && text !== '';

const kustomizeImageSchema = z
  .strictObject({
    repoURL: z.string().min(1),
    tag: z.string().optional(),
    digest: z.string().optional(),
    newName: z.string().min(1).optional(),
  })
  .refine((i) => !(nonEmpty(i.tag) && nonEmpty(i.digest)), { message: 'tag and digest are mutually exclusive' });

const sourceUpdateSchema = z
  .strictObject({
    repoURL: z.string().min(1),
    chart: z.string().min(1).optional(),
    desiredRevision: z.string().min(1).optional(),
    updateTargetRevision: z.boolean().optional(),
    helm: z.strictObject({ images: z.array(z.strictObject({ key: z.string().min(1), value: z.string() })).min(1) }).optional(),
    kustomize: z.strictObject({ images: z.array(kustomizeImageSchema).min(1).optional() }).optional(),
  })
  .refine((s) => s.updateTargetRevision !== true || s.desiredRevision !== undefined, { message: 'updateTargetRevision needs a desiredRevision', path: ['desiredRevision'] });

const appUpdateSchema = z
  .strictObject({
    name: z.string().min(1).optional(),
    namespace: z.string().min(1).optional(),
    selector: appSelectorSchema.optional(),
    sources: z.array(sourceUpdateSchema).min(1).optional(),
  })
  .refine(hasNameOrSelector, { message: 'give exactly one of name and selector' });

type AppUpdate = z.output<typeof appUpdateSchema>;
type SourceUpdate = z.output<typeof sourceUpdateSchema>;

/**
 * `argocd-update`: points Argo CD Applications at new revisions and syncs them. Each `apps[]`
 * entry names one Application (`name`) or all that match a `selector`, in `namespace` (default
 * `argocd`); only Applications whose `kargo.akuity.io/authorized-stage` annotation names this
 * Stage (`<project>:<stage>`) are touched. For each, the `sources` updates set `targetRevision`
 * (with `updateTargetRevision`), Helm parameters and Kustomize images, and a sync operation is
 * started that names the Promotion. The step is Running until every sync it started has
 * finished and applied the desired revisions, then Succeeded (Errored when a sync failed). It
 * waits for an operation someone else started before starting its own. Output: `apps`
 * (`[{name, namespace}]`); on success it asks for an `argocd-update` health check of the same
 * Applications with their desired revisions. Times out after 5 minutes by default.
 */
export const argocdUpdateStep = defineStep({
  uses: 'argocd-update',
  configSchema: z.strictObject({ apps: z.array(appUpdateSchema).min(1) }),
  timeout: ARGOCD_STEP_TIMEOUT,
  run: async (config, context): Promise<StepResult> => {
    const port = clusterOf(context, 'argocd-update');
    if ('result' in port) return port.result;
    const cluster = port.cluster;
    const phases: string[] = [];
    const checks: { name: string; namespace: string; desiredRevisions?: string[] }[] = [];
    const resolved: { name: string; namespace: string }[] = [];
    const notes: string[] = [];
    for (const update of config.apps) {
      const found = await authorizedApplications(cluster, update, context);
      if (!found.ok) return stepErrored(found.message);
      if (update.sources !== undefined && found.apps.length > 1) {
        const problem = incompatibleSources(update, found.apps);
        if (problem !== undefined) return stepErrored(problem);
      }
      for (const app of found.apps) {
        const desired = desiredRevisions(update, app);
        checks.push({ ...appRef(app), ...(desired.length > 0 ? { desiredRevisions: desired } : {}) });
        resolved.push(appRef(app));
        const processed = await processApplication(cluster, update, app, context);
        if (!processed.ok) return stepErrored(processed.message);
        if (isFailedPhase(processed.phase)) return stepErrored(`the sync of Argo CD Application ${JSON.stringify(app.metadata.name)} in namespace ${JSON.stringify(app.metadata.namespace)} ended ${processed.phase}`);
        if (processed.phase !== '') phases.push(processed.phase);
        if (processed.note !== undefined) notes.push(`${app.metadata.namespace}/${app.metadata.name}: ${processed.note}`);
      }
    }
    const output = { apps: resolved };
    const status = aggregateStatus(phases);
    if (status === undefined) return stepErrored(`could not determine promotion step status from operation phases: [${phases.join(' ')}]`);
    if (status === 'Errored') return { ...stepErrored(`an Argo CD sync ended ${phases.find(isFailedPhase) ?? 'in error'}`), output };
    if (status === 'Running') return { status: 'Running', output, retryAfter: ARGOCD_POLL_INTERVAL, ...(notes.length === 0 ? {} : { message: notes.join('; ') }) };
    return { status: 'Succeeded', output, healthCheck: { uses: 'argocd-update', config: { apps: checks } } };
  },
});

async function authorizedApplications(cluster: ClusterPort, update: AppUpdate, context: StepRunContext): Promise<{ ok: true; apps: readonly ArgoCDApplication[] } | { ok: false; message: string }> {
  const found = await findApplications(cluster, update, context.signal);
  if (!found.ok) return found;
  const problems = found.apps.map((app) => authorizationProblem(app, context.project, context.stage));
  const authorized = found.apps.filter((_, i) => problems[i] === undefined);
  if (authorized.length > 0) return { ok: true, apps: authorized };
  const ns = JSON.stringify(found.namespace);
  if (update.selector !== undefined) {
    if (found.apps.length === 0) return { ok: false, message: `no Argo CD Applications found matching selector in namespace ${ns}` };
    return { ok: false, message: `found ${found.apps.length} Application(s) matching selector in namespace ${ns}, but none are authorized for Stage ${context.project}:${context.stage}` };
  }
  // Kargo says only "is not authorized"; the reason tells the user which annotation to fix.
  return { ok: false, message: `Argo CD Application ${JSON.stringify(update.name ?? '')} in namespace ${ns} is not authorized: ${problems[0] ?? ''}` };
}

/**
 * Whether a source update applies to a source. Chart sources must match `repoURL` and `chart`
 * exactly; Git sources match by normalized URL. waybill uses this one rule both to apply updates
 * and to find desired revisions (Kargo finds desired revisions by exact URL, so a Git source
 * written differently from its update got no new target revision).
 */
function sourceMatches(update: SourceUpdate, source: ArgoCDApplicationSource): boolean {
  if (nonEmpty(source.chart) || nonEmpty(update.chart)) return source.repoURL === update.repoURL && (source.chart ?? '') === (update.chart ?? '');
  return normalizeGitURL(source.repoURL ?? '') === normalizeGitURL(update.repoURL);
}

/** One desired revision per source of the Application ('' where none is asked for). */
function desiredRevisions(update: AppUpdate, app: ArgoCDApplication): string[] {
  return sourcesOf(app).map((source) => update.sources?.find((u) => sourceMatches(u, source))?.desiredRevision ?? '');
}

function buildDesiredSources(update: AppUpdate, app: ArgoCDApplication): { ok: true; sources: ArgoCDApplicationSource[] } | { ok: false; message: string } {
  const sources = [...sourcesOf(app)];
  for (const sourceUpdate of update.sources ?? []) {
    const index = sources.findIndex((s) => sourceMatches(sourceUpdate, s));
    if (index < 0) {
      const which = sourceUpdate.chart === undefined ? `repoURL ${sourceUpdate.repoURL}` : `repoURL ${sourceUpdate.repoURL} and chart ${JSON.stringify(sourceUpdate.chart)}`;
      return { ok: false, message: `no source of Argo CD Application ${JSON.stringify(app.metadata.name)} in namespace ${JSON.stringify(app.metadata.namespace)} matched update for source with ${which}` };
    }
    sources[index] = applySourceUpdate(sourceUpdate, sources[index] as ArgoCDApplicationSource);
  }
  return { ok: true, sources };
}

function applySourceUpdate(update: SourceUpdate, source: ArgoCDApplicationSource): ArgoCDApplicationSource {
  let next: ArgoCDApplicationSource = { ...source };
  if (update.updateTargetRevision === true && nonEmpty(update.desiredRevision)) next = { ...next, targetRevision: update.desiredRevision };
  const images = update.kustomize?.images ?? [];
  if (images.length > 0) next = { ...next, kustomize: { ...(source.kustomize ?? {}), images: images.map(kustomizeImageText) } };
  const helmImages = update.helm?.images ?? [];
  if (helmImages.length > 0) {
    const parameters: ArgoCDHelmParameter[] = [...(source.helm?.parameters ?? [])];
    // Kargo walks a Go map here, so new parameters land in random order; waybill keeps the config's order.
    for (const { key, value } of helmImages) {
      const at = parameters.findIndex((p) => p.name === key);
      if (at >= 0) parameters[at] = { name: key, value };
      else parameters.push({ name: key, value });
    }
    next = { ...next, helm: { ...(source.helm ?? {}), parameters } };
  }
  return next;
}

/** A Kustomize image override as Argo CD stores it: `repo[=newName]` then `@digest` or `:tag`. */
export function kustomizeImageText(image: { readonly repoURL: string; readonly tag?: string | undefined; readonly digest?: string | undefined; readonly newName?: string | undefined }): string {
  const name = nonEmpty(image.newName) ? `${image.repoURL}=${image.newName ?? ''}` : image.repoURL;
  return nonEmpty(image.digest) ? `${name}@${image.digest ?? ''}` : `${name}:${image.tag ?? ''}`;
}

function incompatibleSources(update: AppUpdate, apps: readonly ArgoCDApplication[]): string | undefined {
  const problems: string[] = [];
  for (const app of apps) {
    const built = buildDesiredSources(update, app);
    if (!built.ok) problems.push(`Application ${JSON.stringify(app.metadata.name)} in namespace ${JSON.stringify(app.metadata.namespace)}: ${built.message}`);
  }
  if (problems.length === 0) return undefined;
  const shown = problems.slice(0, 3);
  const count = problems.length > 3 ? `${problems.length} incompatible (showing first 3)` : `${problems.length} incompatible`;
  return `selected Applications must have compatible sources; ${count}. No Applications were updated:\n${shown.join('\n')}`;
}

const COMPLETED_PHASES: readonly string[] = ['Succeeded', 'Failed', 'Error'];
const isFailedPhase = (phase: string): boolean => phase === 'Failed' || phase === 'Error';

interface UpdateDecision {
  readonly phase: string;
  readonly update: boolean;
  readonly reason?: string;
}

/** Whether to start a sync, judging by the Application's current operation (Kargo's rules). */
function decideUpdate(update: AppUpdate, app: ArgoCDApplication, promotion: string): UpdateDecision {
  // An operation Argo CD has not picked up yet: Kargo looks only at the operation state and would
  // start another sync on top of it; waybill waits for it, whoever asked for it.
  const pending = app.operation;
  if (pending !== undefined) {
    const mine = (pending.info ?? []).some((i) => i.name === PROMOTION_INFO_KEY && i.value === promotion);
    return { phase: 'Running', update: false, ...(mine ? {} : { reason: `an operation requested by ${JSON.stringify(pending.initiatedBy?.username ?? '')} is pending: waiting for it to complete` }) };
  }
  const state = app.status?.operationState;
  if (state === undefined || state === null) return { phase: '', update: true };
  const completed = COMPLETED_PHASES.includes(state.phase);
  const info = (state.operation?.info ?? []).find((i) => i !== null && typeof i === 'object' && i.name === PROMOTION_INFO_KEY);
  if (info === undefined) {
    if (!completed) return { phase: state.phase, update: false, reason: `current operation was initiated by ${JSON.stringify(state.operation?.initiatedBy?.username ?? '')}: waiting for operation to complete` };
    return { phase: '', update: true };
  }
  if (info.value !== promotion) {
    if (!completed) return { phase: state.phase, update: false, reason: `current operation was not initiated for Promotion ${promotion}: waiting for operation to complete` };
    return { phase: '', update: true };
  }
  if (!completed) return { phase: state.phase, update: false };
  const result = state.syncResult;
  if (result === undefined || result === null) return { phase: '', update: true, reason: 'operation completed without a sync result' };
  const desired = desiredRevisions(update, app);
  if (desired.length === 0) return { phase: state.phase, update: false };
  const observed = Array.isArray(result.revisions) && result.revisions.length > 0 ? result.revisions : [result.revision ?? ''];
  for (let i = 0; i < observed.length && i < desired.length; i++) {
    const want = desired[i] ?? '';
    if (want !== '' && observed[i] !== want) return { phase: '', update: true, reason: `sync result revisions ${observed.join(' ')} do not match desired revisions ${desired.join(' ')}` };
  }
  return { phase: state.phase, update: false };
}

async function processApplication(cluster: ClusterPort, update: AppUpdate, app: ArgoCDApplication, context: StepRunContext): Promise<{ ok: true; phase: string; note?: string } | { ok: false; message: string }> {
  const { name, namespace } = app.metadata;
  const decision = decideUpdate(update, app, context.promotion);
  if (!decision.update) {
    if (isFailedPhase(decision.phase) && app.status?.operationState !== undefined) {
      return { ok: false, message: `Argo CD Application ${JSON.stringify(name)} in namespace ${JSON.stringify(namespace)} failed with: ${app.status.operationState.message ?? ''}` };
    }
    return { ok: true, phase: decision.phase, ...(decision.reason === undefined ? {} : { note: decision.reason }) };
  }
  const built = update.sources === undefined ? undefined : buildDesiredSources(update, app);
  if (built !== undefined && !built.ok) return { ok: false, message: `error building desired sources for Argo CD Application ${JSON.stringify(name)} in namespace ${JSON.stringify(namespace)}: ${built.message}` };
  const patched = await callPort(() =>
    cluster.patchApplication({
      namespace,
      name,
      ...(built === undefined ? {} : { sources: built.sources }),
      operation: syncOperation(app, context),
      refresh: 'hard',
      signal: context.signal,
    }),
  );
  if (!patched.ok) return { ok: false, message: `error syncing Argo CD Application ${JSON.stringify(name)} in namespace ${JSON.stringify(namespace)}: error patching Argo CD Application ${JSON.stringify(name)}: ${failureText(patched.failure)}` };
  return { ok: true, phase: 'Running' };
}

/**
 * The sync operation Kargo starts: initiated by the Promotion's creator when a person asked for
 * it (so that Argo CD sync windows apply), else by `kargo-controller` as an automated sync; its
 * info names the Promotion, and it carries the Application's retry policy and sync options.
 */
export function syncOperation(app: ArgoCDApplication, context: Pick<StepRunContext, 'promotion' | 'actor'>): ArgoCDOperation {
  const actor = context.actor !== undefined && context.actor !== '' ? context.actor : undefined;
  const policy = app.spec?.syncPolicy;
  return {
    initiatedBy: { username: actor ?? ARGOCD_OPERATION_INITIATOR, automated: actor === undefined },
    info: [
      { name: 'Reason', value: 'Promotion triggered a sync of this Application resource.' },
      { name: PROMOTION_INFO_KEY, value: context.promotion },
    ],
    sync: { revisions: [], ...(policy?.syncOptions === undefined ? {} : { syncOptions: [...policy.syncOptions] }) },
    ...(policy?.retry === undefined ? {} : { retry: policy.retry }),
  };
}

const PHASE_ORDER: readonly string[] = ['Failed', 'Error', 'Running', 'Terminating', 'Succeeded'];

/** The step status the worst operation phase gives (Failed, Error, Running, Terminating, Succeeded, in that order). */
function aggregateStatus(phases: readonly string[]): 'Running' | 'Errored' | 'Succeeded' | undefined {
  if (phases.length === 0) return undefined;
  const rank = (p: string): number => (PHASE_ORDER.includes(p) ? PHASE_ORDER.indexOf(p) : PHASE_ORDER.length);
  const sorted = [...phases].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  switch (sorted[0]) {
    case 'Running':
    case 'Terminating':
      return 'Running';
    case 'Failed':
    case 'Error':
      return 'Errored';
    case 'Succeeded':
      return 'Succeeded';
    default:
      return undefined;
  }
}
