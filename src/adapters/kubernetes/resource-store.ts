import type { Issue } from '../../errors/index.js';
import type { KargoKind } from '../../model/index.js';
import type { LabelSelector } from '../../ports/index.js';
import type { CallRunner } from './call.js';
import type { JsonObject, KubeClient, ObjectAddress } from './client.js';
import { decodeResource, describeObject } from './decode.js';
import { kubeFailure, type KubernetesFailure, type KubernetesResult } from './failures.js';
import { KARGO_GROUP, KARGO_VERSION, KIND_ROUTES, type ResourceOf } from './kinds.js';
import { formatLabelSelector } from './label-selector.js';

const API_VERSION = `${KARGO_GROUP}/${KARGO_VERSION}`;

/** Which resource to read or write. `namespace` is ignored for cluster-scoped kinds. */
export interface ResourceRef {
  readonly name: string;
  /** Default: the adapter's namespace. */
  readonly namespace?: string | undefined;
  readonly signal?: AbortSignal | undefined;
}

/** Which resources to list or watch. */
export interface ResourceQuery {
  /** Default: the adapter's namespace. Ignored for cluster-scoped kinds. */
  readonly namespace?: string | undefined;
  readonly selector?: LabelSelector | undefined;
  readonly signal?: AbortSignal | undefined;
}

/** What a list gives: the valid resources, and issues about the ones that are not. */
export interface ResourceList<K extends KargoKind> {
  /** The resources that passed validation, in the API server's order (by name). */
  readonly items: readonly ResourceOf<K>[];
  /** Errors for each resource that did not validate (it is left out of `items`), and warnings. */
  readonly issues: readonly Issue[];
  /** The list's `resourceVersion`: start a watch from here to miss nothing. */
  readonly resourceVersion?: string | undefined;
}

/** One change seen by a watch. */
export type ResourceEvent<K extends KargoKind> =
  | {
      readonly type: 'ADDED' | 'MODIFIED' | 'DELETED';
      /** `namespace/name` or `name`. */
      readonly key: string;
      /** The resource, when it validated; absent otherwise, with `issues` saying why. */
      readonly resource?: ResourceOf<K> | undefined;
      readonly issues: readonly Issue[];
    }
  | { readonly type: 'ERROR'; readonly failure: KubernetesFailure };

/** Where a watch continues from, and what it selects. */
export interface WatchQuery extends ResourceQuery {
  /** Start after this resourceVersion (from a list); default: from now, with the current state as ADDED events. */
  readonly resourceVersion?: string | undefined;
}

/** A running watch. */
export interface ResourceWatch {
  /** Ends the watch; `done` then resolves successfully. */
  stop(): void;
  /** Resolves when the watch ends: when stopped, or when the API server closes the stream (watch again from the last resourceVersion). */
  readonly done: Promise<KubernetesResult<void>>;
}

/** The `status` of a kind's core type. */
export type StatusOf<K extends KargoKind> = ResourceOf<K> extends { readonly status?: infer S } ? NonNullable<S> : never;

/** A status update: a function from the resource as it is now to its new status. */
export interface StatusUpdate<K extends KargoKind> extends ResourceRef {
  /**
   * Computes the new status from the current resource. It may run more than once (after a
   * conflict, with the re-read resource), so it must not have side effects. Return `undefined`
   * when no write is needed.
   */
  readonly mutate: (current: ResourceOf<K>) => StatusOf<K> | undefined;
}

/**
 * Kargo resources in a cluster (`kargo.akuity.io/v1alpha1`), read into the core's types and
 * validated by the model, written with optimistic concurrency.
 */
export interface KargoResourceStore {
  /** One resource; a resource that does not validate is an `invalid` failure with the issues. */
  get<K extends KargoKind>(kind: K, ref: ResourceRef): Promise<KubernetesResult<ResourceOf<K>>>;
  /** The resources of a namespace (or the cluster, for cluster-scoped kinds) that match the selector. */
  list<K extends KargoKind>(kind: K, query?: ResourceQuery): Promise<KubernetesResult<ResourceList<K>>>;
  /** Streams changes to `onEvent` until stopped or until the server ends the stream. */
  watch<K extends KargoKind>(kind: K, query: WatchQuery, onEvent: (event: ResourceEvent<K>) => void): Promise<KubernetesResult<ResourceWatch>>;
  /**
   * Writes a new status through the status subresource with the `resourceVersion` that was read;
   * on a 409 Conflict the resource is read again and `mutate` runs again, up to the adapter's
   * `maxConflictRetries`. Resolves to the resource as written.
   */
  updateStatus<K extends KargoKind>(kind: K, update: StatusUpdate<K>): Promise<KubernetesResult<ResourceOf<K>>>;
  /** Creates a resource (a Promotion, a Freight, ...) after validating it; resolves to it as stored. */
  create<K extends KargoKind>(kind: K, resource: unknown, options?: { readonly signal?: AbortSignal | undefined }): Promise<KubernetesResult<ResourceOf<K>>>;
}

function address(kind: KargoKind, namespace: string | undefined, client: KubeClient): ObjectAddress {
  const route = KIND_ROUTES[kind];
  return { group: KARGO_GROUP, version: KARGO_VERSION, plural: route.plural, namespace: route.namespaced ? (namespace ?? client.defaultNamespace) : undefined };
}

/** Names what a call is about, once the client (and so the default namespace) is known. */
function subjectOf(kind: KargoKind, namespace: string | undefined, name?: string): (client: KubeClient) => string {
  return (client) => {
    const ns = KIND_ROUTES[kind].namespaced ? (namespace ?? client.defaultNamespace) : undefined;
    if (name === undefined) return ns === undefined ? `${kind} resources` : `${kind} resources in ${ns}`;
    return ns === undefined ? `${kind} ${name}` : `${kind} ${ns}/${name}`;
  };
}

function invalid<T>(subject: string, issues: readonly Issue[]): KubernetesResult<T> {
  // Issue messages already name the resource.
  const first = issues.find((i) => i.severity === 'error')?.message ?? `${subject} is not valid`;
  return { ok: false, failure: { ...kubeFailure('invalid', first, false), issues } };
}

function keyOf(object: unknown): string {
  const meta = (object as { metadata?: { name?: unknown; namespace?: unknown } } | null)?.metadata;
  const name = typeof meta?.name === 'string' ? meta.name : '';
  return typeof meta?.namespace === 'string' && meta.namespace !== '' ? `${meta.namespace}/${name}` : name;
}

/** Creates the resource store over the adapter's call runner. */
export function createResourceStore(run: CallRunner, maxConflictRetries: number): KargoResourceStore {
  const read = async <K extends KargoKind>(client: KubeClient, kind: K, at: ObjectAddress, name: string, subject: string): Promise<KubernetesResult<{ raw: JsonObject; resource: ResourceOf<K> }>> => {
    const raw = await client.get(at, name);
    const decoded = decodeResource(kind, API_VERSION, raw);
    if (decoded.resource === undefined) return invalid(subject, decoded.issues);
    return { ok: true, value: { raw, resource: decoded.resource } };
  };

  return {
    get(kind, ref) {
      const subject = subjectOf(kind, ref.namespace, ref.name);
      return run(subject, ref.signal, async (client) => {
        const got = await read(client, kind, address(kind, ref.namespace, client), ref.name, subject(client));
        return got.ok ? { ok: true, value: got.value.resource } : got;
      });
    },

    list(kind, query = {}) {
      return run(subjectOf(kind, query.namespace), query.signal, async (client) => {
        const body = await client.list(address(kind, query.namespace, client), formatLabelSelector(query.selector));
        const rawItems = Array.isArray(body['items']) ? (body['items'] as unknown[]) : [];
        const items: ResourceOf<typeof kind>[] = [];
        const issues: Issue[] = [];
        for (const raw of rawItems) {
          const decoded = decodeResource(kind, API_VERSION, raw);
          issues.push(...decoded.issues);
          if (decoded.resource !== undefined) items.push(decoded.resource);
        }
        const resourceVersion = (body['metadata'] as { resourceVersion?: unknown } | undefined)?.resourceVersion;
        return { ok: true, value: { items, issues, ...(typeof resourceVersion === 'string' ? { resourceVersion } : {}) } };
      });
    },

    watch(kind, query, onEvent) {
      return run((client) => `watch of ${subjectOf(kind, query.namespace)(client)}`, query.signal, async (client) => {
        let settle: (result: KubernetesResult<void>) => void = () => {};
        const done = new Promise<KubernetesResult<void>>((resolve) => (settle = resolve));
        const selector = formatLabelSelector(query.selector);
        const params: Record<string, string | undefined> = { allowWatchBookmarks: 'true' };
        if (selector !== undefined) params['labelSelector'] = selector;
        if (query.resourceVersion !== undefined) params['resourceVersion'] = query.resourceVersion;
        let stopped = false;
        const controller = await client.watch(
          address(kind, query.namespace, client),
          params,
          (type, object) => {
            if (stopped) return;
            if (type === 'ADDED' || type === 'MODIFIED' || type === 'DELETED') {
              const decoded = decodeResource(kind, API_VERSION, object);
              onEvent({ type, key: keyOf(object), resource: decoded.resource, issues: decoded.issues });
            } else if (type === 'ERROR') {
              const code = (object as { code?: unknown } | null)?.code;
              const message = (object as { message?: unknown } | null)?.message;
              const status = typeof code === 'number' ? code : undefined;
              const expired = status === 410;
              onEvent({
                type: 'ERROR',
                failure: kubeFailure(expired ? 'conflict' : 'transport', `${kind} watch: ${typeof message === 'string' ? message.slice(0, 300) : 'the API server reported an error'}${expired ? ' (list again and watch from the new resourceVersion)' : ''}`, true, status),
              });
            }
            // BOOKMARK events only move the resourceVersion on; nothing for the caller.
          },
          (error: unknown) => {
            if (stopped || error === null || error === undefined || (error as { name?: unknown }).name === 'AbortError') settle({ ok: true, value: undefined });
            else settle({ ok: false, failure: kubeFailure('transport', `${kind} watch ended: ${error instanceof Error ? error.message.slice(0, 200) : 'stream error'}`, true) });
          },
        );
        const stop = (): void => {
          if (stopped) return;
          stopped = true;
          controller.abort();
          settle({ ok: true, value: undefined });
        };
        query.signal?.addEventListener('abort', stop, { once: true });
        return { ok: true, value: { stop, done } };
      });
    },

    updateStatus(kind, update) {
      const named = subjectOf(kind, update.namespace, update.name);
      return run(named, update.signal, async (client) => {
        const subject = named(client);
        const at = address(kind, update.namespace, client);
        let lastConflict: KubernetesFailure | undefined;
        for (let attempt = 0; attempt <= maxConflictRetries; attempt += 1) {
          if (update.signal?.aborted) return { ok: false, failure: kubeFailure('cancelled', `${subject}: cancelled`, false) };
          const got = await read(client, kind, at, update.name, subject);
          if (!got.ok) return got;
          const status = update.mutate(got.value.resource);
          if (status === undefined) return { ok: true, value: got.value.resource };
          const body: JsonObject = { ...got.value.raw, status };
          try {
            const written = decodeResource(kind, API_VERSION, await client.replaceStatus(at, update.name, body));
            if (written.resource === undefined) return invalid(subject, written.issues);
            return { ok: true, value: written.resource };
          } catch (error) {
            if ((error as { code?: unknown } | null)?.code !== 409) throw error;
            lastConflict = kubeFailure('conflict', `${subject} kept changing: the status write conflicted ${attempt + 1} times`, true, 409);
          }
        }
        return { ok: false, failure: lastConflict ?? kubeFailure('conflict', `${subject}: conflict`, true, 409) };
      });
    },

    create(kind, resource, options = {}) {
      const meta = (resource as { metadata?: { namespace?: unknown; name?: unknown } } | null)?.metadata;
      const namespace = typeof meta?.namespace === 'string' && meta.namespace !== '' ? meta.namespace : undefined;
      const named = subjectOf(kind, namespace, typeof meta?.name === 'string' ? meta.name : '<unnamed>');
      const checked = decodeResource(kind, API_VERSION, resource);
      if (checked.resource === undefined) return Promise.resolve(invalid(describeObject(kind, resource), checked.issues));
      return run(named, options.signal, async (client) => {
        const subject = named(client);
        const at = address(kind, namespace, client);
        const body: JsonObject = { ...(resource as JsonObject), apiVersion: API_VERSION, kind };
        if (at.namespace !== undefined) body['metadata'] = { ...(body['metadata'] as JsonObject), namespace: at.namespace };
        const stored = decodeResource(kind, API_VERSION, await client.create(at, body));
        if (stored.resource === undefined) return invalid(subject, stored.issues);
        return { ok: true, value: stored.resource };
      });
    },
  };
}
