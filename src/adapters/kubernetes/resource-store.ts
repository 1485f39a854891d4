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
  /** Every namespace at once (the cluster-wide path), instead of one; `namespace` is then ignored. */
  readonly allNamespaces?: boolean | undefined;
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

/** A status write made once, guarded by the `resourceVersion` it was computed from. */
export interface StatusWrite extends ResourceRef {
  /** The new status; it replaces the stored one whole. */
  readonly status: unknown;
  /** When given and the resource has moved on, the write fails with `conflict`; without it the write is retried over conflicts. */
  readonly resourceVersion?: string | undefined;
}

/** Labels and annotations to set on a resource (`null` removes a key), guarded like a status write. */
export interface MetadataPatch extends ResourceRef {
  readonly labels?: Readonly<Record<string, string | null>> | undefined;
  readonly annotations?: Readonly<Record<string, string | null>> | undefined;
  /** When given and the resource has moved on, the patch fails with `conflict`. */
  readonly resourceVersion?: string | undefined;
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
  /**
   * Writes `status` through the status subresource in one attempt when `resourceVersion` is given
   * (a stale one is a `conflict`, with nothing written); without it, like an unconditional write,
   * conflicts are retried with the re-read resource up to `maxConflictRetries`.
   */
  writeStatus<K extends KargoKind>(kind: K, write: StatusWrite): Promise<KubernetesResult<ResourceOf<K>>>;
  /** Sets and removes labels and annotations with one JSON merge patch, guarded by `resourceVersion` when given. */
  patchMetadata<K extends KargoKind>(kind: K, patch: MetadataPatch): Promise<KubernetesResult<ResourceOf<K>>>;
  /**
   * Deletes a resource; resolves to where it was (the namespace the call resolved to). Kargo's
   * finalizers may keep it (with a `deletionTimestamp`) until its controller lets go.
   */
  delete(kind: KargoKind, ref: ResourceRef): Promise<KubernetesResult<{ readonly namespace?: string | undefined; readonly name: string }>>;
}

function address(kind: KargoKind, namespace: string | undefined, client: KubeClient, allNamespaces = false): ObjectAddress {
  const route = KIND_ROUTES[kind];
  return { group: KARGO_GROUP, version: KARGO_VERSION, plural: route.plural, namespace: route.namespaced && !allNamespaces ? (namespace ?? client.defaultNamespace) : undefined };
}

/** Names what a call is about, once the client (and so the default namespace) is known. */
function subjectOf(kind: KargoKind, namespace: string | undefined, name?: string, allNamespaces = false): (client: KubeClient) => string {
  return (client) => {
    const ns = KIND_ROUTES[kind].namespaced ? (namespace ?? client.defaultNamespace) : undefined;
    if (name === undefined && allNamespaces && ns !== undefined) return `${kind} resources in every namespace`;
    if (name === undefined) return ns === undefined ? `${kind} resources` : `${kind} resources in ${ns}`;
    return ns === undefined ? `${kind} ${name}` : `${kind} ${ns}/${name}`;
  };
}

function invalid<T>(subject: string, issues: readonly Issue[]): KubernetesResult<T> {
  // Issue messages already name the resource.
  const first = issues.find((i) => i.severity === 'error')?.message ?? `${subject} is not valid`;
  return { ok: false, failure: { ...kubeFailure('invalid', first, false), issues } };
}

/** The failure of a write computed from a version that is no longer the stored one. */
function stale(subject: string, expected: string, stored: string | undefined): KubernetesFailure {
  const now = stored === undefined ? 'it has changed since' : `it is now at ${stored}`;
  return kubeFailure('conflict', `${subject}: the write was computed from resourceVersion ${expected}, but ${now}; read it again`, true, 409);
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
      return run(subjectOf(kind, query.namespace, undefined, query.allNamespaces), query.signal, async (client) => {
        const body = await client.list(address(kind, query.namespace, client, query.allNamespaces), formatLabelSelector(query.selector));
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
      return run((client) => `watch of ${subjectOf(kind, query.namespace, undefined, query.allNamespaces)(client)}`, query.signal, async (client) => {
        let settle: (result: KubernetesResult<void>) => void = () => {};
        const done = new Promise<KubernetesResult<void>>((resolve) => (settle = resolve));
        const selector = formatLabelSelector(query.selector);
        const params: Record<string, string | undefined> = { allowWatchBookmarks: 'true' };
        if (selector !== undefined) params['labelSelector'] = selector;
        if (query.resourceVersion !== undefined) params['resourceVersion'] = query.resourceVersion;
        let stopped = false;
        const controller = await client.watch(
          address(kind, query.namespace, client, query.allNamespaces),
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

    writeStatus(kind, write) {
      const named = subjectOf(kind, write.namespace, write.name);
      return run(named, write.signal, async (client) => {
        const subject = named(client);
        const at = address(kind, write.namespace, client);
        // A guarded write is made once: the caller computed the status from that version and
        // must recompute it, so retrying here would write a status nobody computed.
        const attempts = write.resourceVersion === undefined ? maxConflictRetries + 1 : 1;
        for (let attempt = 0; attempt < attempts; attempt += 1) {
          if (write.signal?.aborted) return { ok: false, failure: kubeFailure('cancelled', `${subject}: cancelled`, false) };
          // The status subresource takes a whole object; the stored one keeps spec and metadata as they are.
          const raw = await client.get(at, write.name);
          const meta = (raw['metadata'] ?? {}) as JsonObject;
          const stored = typeof meta['resourceVersion'] === 'string' ? meta['resourceVersion'] : undefined;
          if (write.resourceVersion !== undefined && stored !== write.resourceVersion) {
            return { ok: false, failure: stale(subject, write.resourceVersion, stored) };
          }
          const body: JsonObject = { ...raw, metadata: { ...meta, resourceVersion: write.resourceVersion ?? stored }, status: write.status };
          try {
            const written = decodeResource(kind, API_VERSION, await client.replaceStatus(at, write.name, body));
            if (written.resource === undefined) return invalid(subject, written.issues);
            return { ok: true, value: written.resource };
          } catch (error) {
            if ((error as { code?: unknown } | null)?.code !== 409) throw error;
            if (write.resourceVersion !== undefined) return { ok: false, failure: stale(subject, write.resourceVersion, undefined) };
          }
        }
        return { ok: false, failure: kubeFailure('conflict', `${subject} kept changing: the status write conflicted ${attempts} times`, true, 409) };
      });
    },

    patchMetadata(kind, patch) {
      const named = subjectOf(kind, patch.namespace, patch.name);
      return run(named, patch.signal, async (client) => {
        const subject = named(client);
        const metadata: JsonObject = {};
        // The API server checks a resourceVersion carried in a patch like one in an update.
        if (patch.resourceVersion !== undefined) metadata['resourceVersion'] = patch.resourceVersion;
        if (patch.labels !== undefined) metadata['labels'] = { ...patch.labels };
        if (patch.annotations !== undefined) metadata['annotations'] = { ...patch.annotations };
        try {
          const written = decodeResource(kind, API_VERSION, await client.mergePatch(address(kind, patch.namespace, client), patch.name, { metadata }));
          if (written.resource === undefined) return invalid(subject, written.issues);
          return { ok: true, value: written.resource };
        } catch (error) {
          if ((error as { code?: unknown } | null)?.code === 409 && patch.resourceVersion !== undefined) return { ok: false, failure: stale(subject, patch.resourceVersion, undefined) };
          throw error;
        }
      });
    },

    delete(kind, ref) {
      const named = subjectOf(kind, ref.namespace, ref.name);
      return run(named, ref.signal, async (client) => {
        const at = address(kind, ref.namespace, client);
        await client.remove(at, ref.name);
        return { ok: true, value: at.namespace === undefined ? { name: ref.name } : { namespace: at.namespace, name: ref.name } };
      });
    },
  };
}
