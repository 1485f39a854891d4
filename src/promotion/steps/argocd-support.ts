import * as z from 'zod';
import type { ArgoCDApplication, ArgoCDApplicationSource, ArgoCDHelmParameter, ArgoCDInfo, ArgoCDOperation, ArgoCDOperationState, ClusterPort, LabelSelector, PortFailure, PortResult } from '../../ports/index.js';
import { stepErrored } from '../step-results.js';
import type { StepResult, StepRunContext } from '../types.js';
import { errorText } from './support.js';

/** The namespace Argo CD Applications are looked up in when a step names none (Kargo's default). */
export const DEFAULT_ARGOCD_NAMESPACE = 'argocd';

/** The annotation by which an Argo CD Application lets Stages change it: `<project>:<stage>[,<project>:<stage>...]`. */
export const AUTHORIZED_STAGE_ANNOTATION = 'kargo.akuity.io/authorized-stage';

/** The label selector of an `apps[]` entry: at least one label or one requirement. */
export const appSelectorSchema = z
  .strictObject({
    matchLabels: z.record(z.string(), z.string()).optional(),
    matchExpressions: z
      .array(
        z
          .strictObject({
            key: z.string().min(1),
            operator: z.enum(['In', 'NotIn', 'Exists', 'DoesNotExist']),
            values: z.array(z.string()).optional(),
          })
          .refine((r) => ((r.operator === 'In' || r.operator === 'NotIn') === (r.values ?? []).length > 0), {
            message: 'In and NotIn need at least one value; Exists and DoesNotExist take none',
            path: ['values'],
          }),
      )
      .optional(),
  })
  .refine((s) => Object.keys(s.matchLabels ?? {}).length > 0 || (s.matchExpressions ?? []).length > 0, {
    message: 'a selector needs at least one matchLabels entry or matchExpressions requirement',
  });

/** Refinement shared by `apps[]` entries: exactly one of `name` and `selector`. */
export function hasNameOrSelector(app: { readonly name?: string | undefined; readonly selector?: unknown }): boolean {
  return (app.name !== undefined && app.name !== '') !== (app.selector !== undefined);
}

/** The cluster port a step needs, or the result to return when the embedder gave none. */
export function clusterOf(context: StepRunContext, uses: string): { cluster: ClusterPort } | { result: StepResult } {
  const cluster = context.ports.cluster;
  if (cluster === undefined) return { result: stepErrored(`${uses} needs access to Argo CD: pass ports.cluster to runPromotion`, { terminal: true }) };
  return { cluster };
}

/** Calls a port, turning a rejection (which the port contract forbids) into a failure. */
export async function callPort<T>(call: () => Promise<PortResult<T>>): Promise<PortResult<T>> {
  try {
    const result = await call();
    if (result !== null && typeof result === 'object' && typeof result.ok === 'boolean') return result;
    return { ok: false, failure: { kind: 'invalid-response', message: 'the port answered with something that is not a result', retryable: false } };
  } catch (e) {
    return { ok: false, failure: { kind: 'transport', message: errorText(e), retryable: true } };
  }
}

/** A port failure as step message text. */
export function failureText(failure: PortFailure): string {
  return failure.message === '' ? failure.kind : failure.message;
}

/** The Stages an authorized-stage annotation names, or why its value cannot be read. */
export function parseAuthorizedStages(value: string): { ok: true; stages: { project: string; stage: string }[] } | { ok: false; message: string } {
  const stages: { project: string; stage: string }[] = [];
  for (const raw of value.split(',')) {
    const entry = raw.trim();
    if (entry === '') continue;
    const colon = entry.indexOf(':');
    const project = colon < 0 ? '' : entry.slice(0, colon).trim();
    const stage = colon < 0 ? '' : entry.slice(colon + 1).trim();
    if (project === '' || stage === '') return { ok: false, message: `invalid authorized Stage ${JSON.stringify(entry)}: expected format "<project>:<stage>"` };
    if (project.includes('*') || stage.includes('*')) return { ok: false, message: `invalid authorized Stage ${JSON.stringify(entry)}: glob expressions are not supported` };
    stages.push({ project, stage });
  }
  if (stages.length === 0) return { ok: false, message: `no authorized Stages found in ${JSON.stringify(value)}` };
  return { ok: true, stages };
}

/**
 * Why the Stage may not change the Application, or `undefined` when its authorized-stage
 * annotation names the Stage (`<project>:<stage>`, one of a comma-separated list).
 */
export function authorizationProblem(app: ArgoCDApplication, project: string, stage: string): string | undefined {
  const { name, namespace } = app.metadata;
  const refused = `Argo CD Application ${JSON.stringify(name)} in namespace ${JSON.stringify(namespace)} does not permit mutation by Kargo Stage ${stage} in namespace ${project}`;
  const annotations = app.metadata.annotations ?? {};
  if (!Object.hasOwn(annotations, AUTHORIZED_STAGE_ANNOTATION)) return refused;
  const value = annotations[AUTHORIZED_STAGE_ANNOTATION] ?? '';
  const parsed = parseAuthorizedStages(value);
  if (!parsed.ok) {
    return `unable to parse value of annotation ${JSON.stringify(AUTHORIZED_STAGE_ANNOTATION)} (${JSON.stringify(value)}) on Argo CD Application ${JSON.stringify(name)} in namespace ${JSON.stringify(namespace)}: ${parsed.message}`;
  }
  return parsed.stages.some((s) => s.project === project && s.stage === stage) ? undefined : refused;
}

/** How an `apps[]` entry names its Applications. */
export interface AppReference {
  readonly name?: string | undefined;
  readonly namespace?: string | undefined;
  readonly selector?: LabelSelector | undefined;
}

/**
 * The Applications an `apps[]` entry names: the one called `name`, or every one matching
 * `selector` (an error when none does). Errors come back as step message text.
 */
export async function findApplications(cluster: ClusterPort, ref: AppReference, signal: AbortSignal | undefined): Promise<{ ok: true; apps: readonly ArgoCDApplication[]; namespace: string } | { ok: false; message: string }> {
  const namespace = ref.namespace ?? DEFAULT_ARGOCD_NAMESPACE;
  if (ref.selector !== undefined) {
    const selector = ref.selector;
    const listed = await callPort(() => cluster.listApplications({ namespace, selector, signal }));
    if (!listed.ok) return { ok: false, message: `error listing Argo CD Applications matching selector: ${failureText(listed.failure)}` };
    return { ok: true, apps: Array.isArray(listed.value) ? listed.value.map(sanitizeApplication) : [], namespace };
  }
  const name = ref.name ?? '';
  const found = await callPort(() => cluster.getApplication({ namespace, name, signal }));
  if (!found.ok) {
    if (found.failure.kind === 'not-found') return { ok: false, message: `unable to find Argo CD Application ${JSON.stringify(name)} in namespace ${JSON.stringify(namespace)}` };
    return { ok: false, message: `error finding Argo CD Application ${JSON.stringify(name)} in namespace ${JSON.stringify(namespace)}: ${failureText(found.failure)}` };
  }
  return { ok: true, apps: [sanitizeApplication(found.value)], namespace };
}

/** The sources of an Application as a list: `spec.sources`, or `spec.source` alone. */
export function sourcesOf(app: ArgoCDApplication): readonly NonNullable<ArgoCDApplication['spec']['source']>[] {
  const sources = app.spec?.sources;
  if (Array.isArray(sources) && sources.length > 0) return sources;
  return app.spec?.source !== undefined ? [app.spec.source] : [];
}

/** `{name, namespace}` of an Application, as the Argo CD steps report the ones they resolved. */
export function appRef(app: ArgoCDApplication): { name: string; namespace: string } {
  return { name: app.metadata.name, namespace: app.metadata.namespace };
}

type Loose = Record<string, unknown>;
const objectOf = (value: unknown): Loose | undefined => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Loose) : undefined);
const textOf = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const textsOf = (value: unknown): string[] | undefined => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : undefined);

// Keys whose value is undefined are left out, so that a sanitized object serializes as it came.
function compact<T extends Loose>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function textRecordOf(value: unknown): Record<string, string> | undefined {
  const o = objectOf(value);
  return o === undefined ? undefined : Object.fromEntries(Object.entries(o).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

function sourceOf(value: unknown): ArgoCDApplicationSource | undefined {
  const s = objectOf(value);
  if (s === undefined) return undefined;
  const helm = objectOf(s['helm']);
  const kustomize = objectOf(s['kustomize']);
  const parameters = Array.isArray(helm?.['parameters'])
    ? (helm['parameters'] as unknown[]).map(objectOf).filter((p): p is Loose => p !== undefined && typeof p['name'] === 'string' && typeof p['value'] === 'string')
    : undefined;
  return compact({
    ...s,
    repoURL: textOf(s['repoURL']) ?? '',
    path: textOf(s['path']),
    chart: textOf(s['chart']),
    targetRevision: textOf(s['targetRevision']),
    helm: helm === undefined ? undefined : compact({ ...helm, parameters: parameters as ArgoCDHelmParameter[] | undefined }),
    kustomize: kustomize === undefined ? undefined : compact({ ...kustomize, images: textsOf(kustomize['images']) }),
  }) as ArgoCDApplicationSource;
}

function operationOf(value: unknown): ArgoCDOperation | undefined {
  const o = objectOf(value);
  if (o === undefined) return undefined;
  const by = objectOf(o['initiatedBy']);
  const info = Array.isArray(o['info']) ? (o['info'] as unknown[]).map(objectOf).filter((i): i is Loose => i !== undefined && typeof i['name'] === 'string' && typeof i['value'] === 'string') : undefined;
  return compact({
    ...o,
    initiatedBy: by === undefined ? undefined : compact({ username: textOf(by['username']), automated: typeof by['automated'] === 'boolean' ? by['automated'] : undefined }),
    info: info as ArgoCDInfo[] | undefined,
    sync: objectOf(o['sync']),
  }) as ArgoCDOperation;
}

function operationStateOf(value: unknown): ArgoCDOperationState | undefined {
  const o = objectOf(value);
  if (o === undefined) return undefined;
  const result = objectOf(o['syncResult']);
  return compact({
    ...o,
    operation: operationOf(o['operation']) ?? {},
    phase: textOf(o['phase']) ?? '',
    message: textOf(o['message']),
    syncResult: result === undefined ? undefined : compact({ revision: textOf(result['revision']), revisions: textsOf(result['revisions']) }),
    startedAt: textOf(o['startedAt']),
    finishedAt: textOf(o['finishedAt']),
  }) as ArgoCDOperationState;
}

/**
 * The Application with every field the Argo CD steps read checked for its type: what a cluster
 * holds was written by people and other tools, and a wrong type must not make a step throw.
 * Fields of the wrong type are left out; fields the steps do not read are kept as they are.
 */
export function sanitizeApplication(app: unknown): ArgoCDApplication {
  const raw = objectOf(app) ?? {};
  const metadata = objectOf(raw['metadata']) ?? {};
  const spec = objectOf(raw['spec']) ?? {};
  const status = objectOf(raw['status']);
  const sync = objectOf(status?.['sync']);
  const health = objectOf(status?.['health']);
  const conditions = Array.isArray(status?.['conditions'])
    ? (status['conditions'] as unknown[]).map(objectOf).filter((c): c is Loose => c !== undefined && typeof c['type'] === 'string').map((c) => compact({ type: c['type'] as string, message: textOf(c['message']) }))
    : undefined;
  const sources = Array.isArray(spec['sources']) ? (spec['sources'] as unknown[]).map(sourceOf).filter((s): s is ArgoCDApplicationSource => s !== undefined) : undefined;
  return compact({
    ...raw,
    metadata: compact({ ...metadata, name: textOf(metadata['name']) ?? '', namespace: textOf(metadata['namespace']) ?? '', labels: textRecordOf(metadata['labels']), annotations: textRecordOf(metadata['annotations']) }),
    spec: compact({ ...spec, source: sourceOf(spec['source']), sources, syncPolicy: objectOf(spec['syncPolicy']) }),
    operation: operationOf(raw['operation']),
    status:
      status === undefined
        ? undefined
        : compact({
            ...status,
            sync: sync === undefined ? undefined : compact({ status: textOf(sync['status']), revision: textOf(sync['revision']), revisions: textsOf(sync['revisions']) }),
            health: health === undefined ? undefined : compact({ status: textOf(health['status']), message: textOf(health['message']) }),
            operationState: operationStateOf(status['operationState']),
            conditions,
            reconciledAt: textOf(status['reconciledAt']),
          }),
  }) as unknown as ArgoCDApplication;
}
