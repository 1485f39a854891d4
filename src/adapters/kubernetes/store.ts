import type { Issue } from '../../errors/index.js';
import type { KargoKind } from '../../model/index.js';
import type { StoreChange, StoreFailure, StoreFailureKind, StorePort, StoreResult, StoredResourceOf } from '../../ports/index.js';
import { createKubernetesAdapter, type KubernetesAdapter } from './adapter.js';
import type { KubernetesFailure, KubernetesResult } from './failures.js';
import { KIND_ROUTES } from './kinds.js';
import type { KubernetesAdapterOptions } from './options.js';
import type { KargoResourceStore, ResourceWatch } from './resource-store.js';

/** Options of {@link createKubernetesStore} that are about the store rather than the connection. */
export interface KubernetesStoreOptions {
  /**
   * Receives the issues of resources a `list` left out because they do not validate (each issue
   * names its resource). The {@link StorePort} has no place for them, and one broken Stage must not
   * hide the others; without this callback they are dropped.
   */
  readonly onInvalid?: ((issues: readonly Issue[]) => void) | undefined;
  /** The kinds `subscribe` watches, across every namespace. Default: Warehouse, Stage, Promotion, Freight, ProjectConfig. */
  readonly watchKinds?: readonly KargoKind[] | undefined;
  /** How long `subscribe` waits before watching again after a stream ended, in ms (default 1000; doubled after each failure, up to 30 s). */
  readonly rewatchDelayMs?: number | undefined;
}

/** A {@link StorePort} over a cluster, with the adapter it talks through. */
export interface KubernetesStore extends StorePort {
  /** The adapter underneath (for its Argo CD half, its Lease and its raw resource store). */
  readonly adapter: KubernetesAdapter;
  subscribe(listener: (change: StoreChange) => void): () => void;
}

const DEFAULT_WATCH_KINDS: readonly KargoKind[] = ['Warehouse', 'Stage', 'Promotion', 'Freight', 'ProjectConfig'];
const MAX_REWATCH_DELAY_MS = 30_000;

/** Tells an adapter from adapter options: only an adapter has the Kargo resource store. */
export function isKubernetesAdapter(value: unknown): value is KubernetesAdapter {
  return value !== null && typeof value === 'object' && typeof (value as { kargo?: unknown }).kargo === 'object';
}

/** Narrows a failure of the adapter to the store's kinds; an `invalid` resource is an invalid response. */
function toStoreFailure(failure: KubernetesFailure, alreadyExists = false): StoreFailure {
  let kind: StoreFailureKind = failure.kind === 'invalid' ? 'invalid-response' : failure.kind;
  let message = failure.message;
  if (alreadyExists && failure.kind === 'conflict') {
    kind = 'already-exists';
    message = message.replace(' changed since it was read', ' already exists');
  }
  return failure.status === undefined ? { kind, message, retryable: failure.retryable } : { kind, message, retryable: kind === 'already-exists' ? false : failure.retryable, status: failure.status };
}

function fromKube<T, U>(result: KubernetesResult<T>, map: (value: T) => U, alreadyExists = false): StoreResult<U> {
  return result.ok ? { ok: true, value: map(result.value) } : { ok: false, failure: toStoreFailure(result.failure, alreadyExists) };
}

/** Namespace, then name: the order the {@link StorePort} promises (the API server sorts by name within a namespace only). */
function compareByPlace(a: { metadata: { namespace?: string | undefined; name?: string | undefined } }, b: { metadata: { namespace?: string | undefined; name?: string | undefined } }): number {
  const an = a.metadata.namespace ?? '';
  const bn = b.metadata.namespace ?? '';
  if (an !== bn) return an < bn ? -1 : 1;
  const a2 = a.metadata.name ?? '';
  const b2 = b.metadata.name ?? '';
  return a2 < b2 ? -1 : a2 > b2 ? 1 : 0;
}

const CHANGE_TYPES = { ADDED: 'created', MODIFIED: 'updated', DELETED: 'deleted' } as const;

/**
 * Watches `kind` in every namespace until stopped, telling `listener` of each change. A stream the
 * API server ends (it does every few minutes) is opened again from the last version seen; an
 * expired version (410) starts again from a fresh list, so nothing is missed and the existing
 * resources are not reported as created.
 */
function watchForever(kargo: KargoResourceStore, kind: KargoKind, listener: (change: StoreChange, resourceVersion: string | undefined) => void, baseDelayMs: number): () => void {
  let stopped = false;
  let current: ResourceWatch | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let wake: (() => void) | undefined;
  const pause = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      wake = resolve;
      timer = setTimeout(resolve, ms);
    });

  const loop = async (): Promise<void> => {
    let version: string | undefined;
    let delay = baseDelayMs;
    while (!stopped) {
      if (version === undefined) {
        const listed = await kargo.list(kind, { allNamespaces: true });
        if (stopped) return;
        if (!listed.ok) {
          await pause(delay);
          delay = Math.min(delay * 2, MAX_REWATCH_DELAY_MS);
          continue;
        }
        version = listed.value.resourceVersion;
      }
      const started = await kargo.watch(kind, { allNamespaces: true, resourceVersion: version }, (event) => {
        if (event.type === 'ERROR') {
          if (event.failure.status === 410) version = undefined;
          return;
        }
        const seen = event.resource?.metadata.resourceVersion;
        if (seen !== undefined) version = seen;
        const slash = event.key.indexOf('/');
        const namespaced = KIND_ROUTES[kind].namespaced && slash >= 0;
        const change: StoreChange = namespaced ? { type: CHANGE_TYPES[event.type], kind, namespace: event.key.slice(0, slash), name: event.key.slice(slash + 1) } : { type: CHANGE_TYPES[event.type], kind, name: event.key };
        listener(change, seen);
      });
      if (stopped) {
        if (started.ok) started.value.stop();
        return;
      }
      if (started.ok) {
        current = started.value;
        const ended = await started.value.done;
        current = undefined;
        delay = ended.ok ? baseDelayMs : Math.min(delay * 2, MAX_REWATCH_DELAY_MS);
      } else {
        delay = Math.min(delay * 2, MAX_REWATCH_DELAY_MS);
      }
      if (!stopped) await pause(delay);
    }
  };
  void loop();
  return () => {
    stopped = true;
    current?.stop();
    if (timer !== undefined) clearTimeout(timer);
    wake?.();
  };
}

/** How many resources a subscription remembers the last reported version of, to drop repeats. */
const REMEMBERED_VERSIONS = 10_000;

/**
 * One subscriber. A change can reach it twice: announced by this store right after its own write
 * succeeds, and again when the watch brings the same write back. The version last reported for
 * each resource (or its deletion) drops the repeat, whichever of the two comes first.
 */
function createSubscription(listener: (change: StoreChange) => void): (change: StoreChange, resourceVersion: string | undefined) => void {
  const last = new Map<string, string>();
  return (change, resourceVersion) => {
    const key = `${change.kind}/${change.namespace ?? ''}/${change.name}`;
    const mark = change.type === 'deleted' ? '(deleted)' : resourceVersion;
    if (mark !== undefined && last.get(key) === mark) return;
    last.delete(key);
    if (mark !== undefined) last.set(key, mark);
    if (last.size > REMEMBERED_VERSIONS) {
      const oldest = last.keys().next();
      if (oldest.done !== true) last.delete(oldest.value);
    }
    try {
      listener(change);
    } catch {
      // A listener's own failure must not end the watch, nor fail the write that announced it.
    }
  };
}

/**
 * Creates a {@link StorePort} over Kargo's own CRDs in a cluster, so a waybill controller can
 * serve a real cluster: `get` of a missing resource is `ok` with `undefined`; `list` without a
 * namespace reads every namespace through the cluster-wide path; `create` of an existing name is
 * `already-exists`; status and metadata writes carry the caller's `resourceVersion`, so a stale
 * one is a `conflict` with nothing written (the controller requeues and recomputes); `subscribe`
 * watches the kinds the controller reconciles on. Takes an adapter from
 * {@link createKubernetesAdapter} or the options to make one.
 */
export function createKubernetesStore(source: KubernetesAdapter | (KubernetesAdapterOptions & KubernetesStoreOptions) = {}, options: KubernetesStoreOptions = {}): KubernetesStore {
  const adapter = isKubernetesAdapter(source) ? source : createKubernetesAdapter(source);
  const settings: KubernetesStoreOptions = isKubernetesAdapter(source) ? options : { ...source, ...options };
  const kargo = adapter.kargo;
  const watchKinds = settings.watchKinds ?? DEFAULT_WATCH_KINDS;
  const delay = settings.rewatchDelayMs !== undefined && Number.isFinite(settings.rewatchDelayMs) && settings.rewatchDelayMs >= 0 ? settings.rewatchDelayMs : 1000;
  const subscribers = new Set<(change: StoreChange, resourceVersion: string | undefined) => void>();
  // Announcing our own successful writes at once means a subscriber never misses one while its
  // watch is still being opened; the watch reports everyone else's.
  const announce = (type: StoreChange['type'], kind: KargoKind, meta: { namespace?: string | undefined; name?: string | undefined; resourceVersion?: string | undefined }): void => {
    if (subscribers.size === 0 || !watchKinds.includes(kind) || meta.name === undefined) return;
    const change: StoreChange = KIND_ROUTES[kind].namespaced && meta.namespace !== undefined ? { type, kind, namespace: meta.namespace, name: meta.name } : { type, kind, name: meta.name };
    for (const deliver of [...subscribers]) deliver(change, meta.resourceVersion);
  };
  const announced = <K extends KargoKind>(type: StoreChange['type'], kind: K, result: StoreResult<StoredResourceOf<K>>): StoreResult<StoredResourceOf<K>> => {
    if (result.ok) announce(type, kind, result.value.metadata);
    return result;
  };

  return {
    adapter,

    async get<K extends KargoKind>(kind: K, ref: Parameters<StorePort['get']>[1]): Promise<StoreResult<StoredResourceOf<K> | undefined>> {
      const got = await kargo.get(kind, ref);
      if (!got.ok && got.failure.kind === 'not-found') return { ok: true, value: undefined };
      return fromKube(got, (resource) => resource as StoredResourceOf<K>);
    },

    async list<K extends KargoKind>(kind: K, query: Parameters<StorePort['list']>[1] = {}): Promise<StoreResult<readonly StoredResourceOf<K>[]>> {
      const listed = await kargo.list(kind, { namespace: query.namespace, allNamespaces: query.namespace === undefined, signal: query.signal });
      if (listed.ok && listed.value.issues.some((issue) => issue.severity === 'error')) settings.onInvalid?.(listed.value.issues);
      return fromKube(listed, (value) => [...value.items].sort(compareByPlace) as StoredResourceOf<K>[]);
    },

    async create<K extends KargoKind>(resource: StoredResourceOf<K>, callOptions: Parameters<StorePort['create']>[1] = {}): Promise<StoreResult<StoredResourceOf<K>>> {
      const kind = (resource as { kind: K }).kind;
      if (typeof kind !== 'string' || !Object.hasOwn(KIND_ROUTES, kind)) {
        return { ok: false, failure: { kind: 'invalid-response', message: `cannot create a resource of kind ${JSON.stringify(kind)}: not a Kargo kind`, retryable: false } };
      }
      const created = await kargo.create(kind, resource, { signal: callOptions.signal });
      return announced('created', kind, fromKube(created, (stored) => stored as StoredResourceOf<K>, true));
    },

    async updateStatus<K extends KargoKind>(kind: K, write: Parameters<StorePort['updateStatus']>[1]): Promise<StoreResult<StoredResourceOf<K>>> {
      return announced('updated', kind, fromKube(await kargo.writeStatus(kind, write), (stored) => stored as StoredResourceOf<K>));
    },

    async updateMetadata<K extends KargoKind>(kind: K, write: Parameters<StorePort['updateMetadata']>[1]): Promise<StoreResult<StoredResourceOf<K>>> {
      return announced('updated', kind, fromKube(await kargo.patchMetadata(kind, write), (stored) => stored as StoredResourceOf<K>));
    },

    async delete(kind, ref) {
      const deleted = await kargo.delete(kind, ref);
      if (deleted.ok) announce('deleted', kind, deleted.value);
      return fromKube(deleted, () => undefined);
    },

    subscribe(listener) {
      const deliver = createSubscription(listener);
      subscribers.add(deliver);
      const stops = watchKinds.map((kind) => watchForever(kargo, kind, deliver, delay));
      return () => {
        subscribers.delete(deliver);
        for (const stop of stops) stop();
      };
    },
  };
}
