import type { ArgoCDApplication, ArgoCDApplicationSource, ClusterPort, HttpPort, HttpRequest, HttpResponse, PortResult } from '../ports/index.js';
import { cloneJson } from './json-clone.js';
import type { PlannedArgoCDChange, PlannedHttpRequest } from './plan-types.js';

const REFRESH_ANNOTATION = 'argocd.argoproj.io/refresh';
const AUTHORIZED_STAGE = 'kargo.akuity.io/authorized-stage';
const appKey = (namespace: string, name: string): string => `${namespace}/${name}`;
const sourcesOf = (app: ArgoCDApplication): readonly ArgoCDApplicationSource[] =>
  Array.isArray(app.spec.sources) && app.spec.sources.length > 0 ? app.spec.sources : app.spec.source !== undefined ? [app.spec.source] : [];

/** The recording cluster of a plan. */
export interface PlanCluster {
  readonly cluster: ClusterPort;
  readonly changes: PlannedArgoCDChange[];
  /**
   * With no real cluster, makes a stand-in Application (authorized for the Stage, holding just
   * the sources a step names) so the step can be planned; its changes are marked `assumed`.
   */
  assume(namespace: string, name: string, sources: readonly ArgoCDApplicationSource[]): void;
}

/**
 * A cluster port for plans: reads go to `real` (showing the plan's own earlier changes), patches
 * are recorded in `changes` and answered with the Application as it would be after them.
 */
export function createPlanCluster(real: ClusterPort | undefined, authorizedStage: string): PlanCluster {
  const patched = new Map<string, ArgoCDApplication>();
  const assumed = new Set<string>();
  const changes: PlannedArgoCDChange[] = [];
  const missing = (what: string): PortResult<never> => ({ ok: false, failure: { kind: 'not-found', message: what, retryable: false } });
  const cluster: ClusterPort = {
    async getApplication(request) {
      const held = patched.get(appKey(request.namespace, request.name));
      if (held !== undefined) return { ok: true, value: cloneJson(held) as ArgoCDApplication };
      if (real === undefined) return missing(`no Argo CD Application ${request.namespace}/${request.name}`);
      return real.getApplication(request);
    },
    async listApplications(request) {
      if (real === undefined) return { ok: true, value: [] };
      const listed = await real.listApplications(request);
      if (!listed.ok) return listed;
      return { ok: true, value: listed.value.map((app) => patched.get(appKey(app.metadata.namespace, app.metadata.name)) ?? app) };
    },
    async patchApplication(request) {
      const got = await cluster.getApplication({ namespace: request.namespace, name: request.name });
      if (!got.ok) return got;
      const app = got.value;
      const before = sourcesOf(app);
      let spec = { ...app.spec };
      if (request.sources !== undefined) {
        spec = Array.isArray(app.spec.sources) && app.spec.sources.length > 0 ? { ...spec, sources: [...request.sources] } : { ...spec, source: request.sources[0] };
      }
      const annotations = request.refresh === undefined ? app.metadata.annotations : { ...(app.metadata.annotations ?? {}), [REFRESH_ANNOTATION]: request.refresh };
      const { operationState: _dropped, ...status } = app.status ?? {};
      const next: ArgoCDApplication = {
        ...app,
        metadata: { ...app.metadata, ...(annotations === undefined ? {} : { annotations }) },
        spec,
        ...(request.operation === undefined ? {} : { operation: request.operation }),
        ...(request.operation === undefined ? (app.status === undefined ? {} : { status: app.status }) : { status }),
      };
      patched.set(appKey(request.namespace, request.name), cloneJson(next) as ArgoCDApplication);
      changes.push({
        namespace: request.namespace,
        name: request.name,
        ...(request.sources === undefined ? {} : { sources: { before: cloneJson(before) as ArgoCDApplicationSource[], after: cloneJson(request.sources) as ArgoCDApplicationSource[] } }),
        ...(request.operation === undefined ? {} : { sync: cloneJson(request.operation) as NonNullable<PlannedArgoCDChange['sync']> }),
        ...(request.refresh === undefined ? {} : { refresh: request.refresh }),
        ...(assumed.has(appKey(request.namespace, request.name)) ? { assumed: true } : {}),
      });
      return { ok: true, value: next };
    },
  };
  return {
    cluster,
    changes,
    assume(namespace, name, sources) {
      const key = appKey(namespace, name);
      if (real !== undefined || patched.has(key)) return;
      assumed.add(key);
      const spec = sources.length > 1 ? { sources: [...sources] } : sources.length === 1 ? { source: sources[0] } : {};
      patched.set(key, { metadata: { name, namespace, annotations: { [AUTHORIZED_STAGE]: authorizedStage } }, spec });
    },
  };
}

/** Methods that only read: a plan really sends these. */
const SAFE_METHODS: readonly string[] = ['GET', 'HEAD'];

/** What a plan answers for a request it does not send. */
export type PlanHttpSimulator = (request: HttpRequest) => HttpResponse;

const DEFAULT_SIMULATED: HttpResponse = { status: 200, headers: {}, body: '' };

/**
 * An HTTP port for plans: GET and HEAD go to `real`; every other method is recorded and answered
 * by `simulate` (an empty 200 by default).
 */
export function createPlanHttp(real: HttpPort | undefined, simulate: PlanHttpSimulator | undefined): { http: HttpPort; requests: PlannedHttpRequest[] } {
  const requests: PlannedHttpRequest[] = [];
  const http: HttpPort = {
    async send(request) {
      const method = request.method.toUpperCase();
      const base = { method, url: request.url, headers: (request.headers ?? []).map((h) => ({ name: h.name, value: h.value })), ...(request.body === undefined ? {} : { body: request.body }) };
      if (SAFE_METHODS.includes(method) && real !== undefined) {
        const sent = await real.send(request);
        requests.push({ ...base, sent: true, ...(sent.ok ? { status: sent.value.status } : {}) });
        return sent;
      }
      const answer = simulate === undefined ? DEFAULT_SIMULATED : simulate(request);
      requests.push({ ...base, sent: false, status: answer.status });
      return { ok: true, value: answer };
    },
  };
  return { http, requests };
}
