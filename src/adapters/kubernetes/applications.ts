import type { ArgoCDApplication, ClusterPort, PortResult } from '../../ports/index.js';
import type { CallRunner } from './call.js';
import type { JsonObject, ObjectAddress } from './client.js';
import { kubeFailure, toPortFailure, type KubernetesResult } from './failures.js';
import { ARGOCD_APPLICATIONS, ARGOCD_GROUP, ARGOCD_VERSION } from './kinds.js';
import { formatLabelSelector } from './label-selector.js';

const REFRESH_ANNOTATION = 'argocd.argoproj.io/refresh';

function appAddress(namespace: string): ObjectAddress {
  return { group: ARGOCD_GROUP, version: ARGOCD_VERSION, plural: ARGOCD_APPLICATIONS, namespace };
}

/** Checks the little of an Application the port promises (name, namespace, spec) and fills `spec`. */
function asApplication(object: unknown, namespace: string): ArgoCDApplication | undefined {
  if (object === null || typeof object !== 'object' || Array.isArray(object)) return undefined;
  const record = object as JsonObject;
  const meta = record['metadata'] as { name?: unknown; namespace?: unknown } | undefined;
  if (typeof meta?.name !== 'string') return undefined;
  const spec = record['spec'];
  return {
    apiVersion: `${ARGOCD_GROUP}/${ARGOCD_VERSION}`,
    kind: 'Application',
    ...record,
    metadata: { ...(meta as JsonObject), name: meta.name, namespace: typeof meta.namespace === 'string' ? meta.namespace : namespace },
    spec: spec !== null && typeof spec === 'object' && !Array.isArray(spec) ? (spec as ArgoCDApplication['spec']) : {},
  } as ArgoCDApplication;
}

function toPort<T>(result: KubernetesResult<T>): PortResult<T> {
  return result.ok ? result : { ok: false, failure: toPortFailure(result.failure) };
}

/**
 * The Argo CD half of {@link ClusterPort} over `argoproj.io/v1alpha1` Applications. Changes are
 * JSON merge patches that carry the `resourceVersion` read just before, so a source list is never
 * replaced over someone else's concurrent change: on a conflict the Application is read again
 * and the patch rebuilt, up to `maxConflictRetries` times.
 */
export function createApplicationsPort(run: CallRunner, maxConflictRetries: number): ClusterPort {
  const notAnApplication = (subject: string) => ({ ok: false as const, failure: kubeFailure('invalid-response', `${subject}: the API server sent something that is not an Application`, false) });
  return {
    async getApplication(request) {
      const subject = `Argo CD Application ${request.namespace}/${request.name}`;
      return toPort(
        await run(subject, request.signal, async (client) => {
          const app = asApplication(await client.get(appAddress(request.namespace), request.name), request.namespace);
          return app === undefined ? notAnApplication(subject) : { ok: true, value: app };
        }),
      );
    },

    async listApplications(request) {
      const subject = `Argo CD Applications in ${request.namespace}`;
      return toPort(
        await run(subject, request.signal, async (client) => {
          const body = await client.list(appAddress(request.namespace), formatLabelSelector(request.selector));
          const items = Array.isArray(body['items']) ? (body['items'] as unknown[]) : [];
          const apps = items.map((item) => asApplication(item, request.namespace));
          if (apps.some((a) => a === undefined)) return notAnApplication(subject);
          const sorted = (apps as ArgoCDApplication[]).sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0));
          return { ok: true, value: sorted as readonly ArgoCDApplication[] };
        }),
      );
    },

    async patchApplication(request) {
      const subject = `Argo CD Application ${request.namespace}/${request.name}`;
      return toPort(
        await run(subject, request.signal, async (client): Promise<KubernetesResult<ArgoCDApplication>> => {
          const at = appAddress(request.namespace);
          for (let attempt = 0; ; attempt += 1) {
            const current = asApplication(await client.get(at, request.name), request.namespace);
            if (current === undefined) return notAnApplication(subject);
            const patch: JsonObject = {};
            const metadata: JsonObject = { resourceVersion: current.metadata['resourceVersion'] };
            const spec: JsonObject = {};
            if (request.sources !== undefined) {
              const multi = Array.isArray(current.spec.sources) && current.spec.sources.length > 0;
              if (multi) spec['sources'] = request.sources;
              else if (request.sources[0] !== undefined) spec['source'] = request.sources[0];
            }
            if (request.refresh !== undefined) metadata['annotations'] = { [REFRESH_ANNOTATION]: request.refresh };
            if (request.operation !== undefined) {
              patch['operation'] = request.operation;
              // Cleared so that a reader never takes the previous operation's outcome for this one's.
              if (current.status?.operationState !== undefined) patch['status'] = { operationState: null };
            }
            patch['metadata'] = metadata;
            if (Object.keys(spec).length > 0) patch['spec'] = spec;
            try {
              const updated = asApplication(await client.mergePatch(at, request.name, patch), request.namespace);
              return updated === undefined ? notAnApplication(subject) : { ok: true, value: updated };
            } catch (error) {
              if ((error as { code?: unknown } | null)?.code !== 409 || attempt >= maxConflictRetries) throw error;
            }
          }
        }),
      );
    },
  };
}
