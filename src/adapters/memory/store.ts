import type { KargoKind, KargoResource } from '../../model/index.js';
import type { Clock, PortCallOptions } from '../../ports/index.js';
import type {
  StoreChange,
  StoredResourceOf,
  StoreMetadataWrite,
  StorePort,
  StoreQuery,
  StoreRef,
  StoreResult,
  StoreStatusWrite,
} from '../../ports/store.js';

/**
 * A {@link StorePort} that keeps resources in memory, with helpers for tests and simulations.
 * `get` and `create` hand out copies; `list`, `updateStatus` and `updateMetadata` hand out the
 * stored resources themselves, deeply frozen (a list frozen too), so that reading costs nothing
 * per resource: such a resource cannot be changed, so changing what is stored through it is
 * impossible too. Copy one before changing it.
 */
export interface MemoryStore extends StorePort {
  /** Puts resources into the store as they are (replacing any with the same kind, namespace and name). */
  load(resources: readonly KargoResource[]): void;
  /** Every stored resource, sorted by kind, namespace and name: compare two snapshots to compare two worlds. */
  snapshot(): KargoResource[];
  subscribe(listener: (change: StoreChange) => void): () => void;
}

/** Options of {@link createMemoryStore}. */
export interface MemoryStoreOptions {
  /** Stamps `metadata.creationTimestamp` on resources created without one. */
  readonly clock: Clock;
  /** Resources to start with (as {@link MemoryStore.load}). */
  readonly resources?: readonly KargoResource[] | undefined;
}

const CLUSTER_SCOPED: ReadonlySet<string> = new Set(['Project', 'ClusterConfig', 'ClusterPromotionTask']);

interface Meta {
  name?: string;
  namespace?: string;
  resourceVersion?: string;
  creationTimestamp?: string;
  generation?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  [key: string]: unknown;
}

type Mutable = { kind: string; metadata: Meta; status?: unknown; [key: string]: unknown };

function namespaceOf(kind: string, namespace: string | undefined): string {
  return CLUSTER_SCOPED.has(kind) ? '' : (namespace ?? '');
}

function keyOf(kind: string, namespace: string | undefined, name: string): string {
  return `${kind}\u0000${namespaceOf(kind, namespace)}\u0000${name}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function timeText(date: Date): string {
  return new Date(Math.floor(date.getTime() / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

function copy<T>(value: T): T {
  return structuredClone(value);
}

/**
 * Freezes a value and everything in it. Stored resources are frozen so `list` can hand them out
 * without copying; a part that is frozen already is frozen all through (it came from this store).
 */
function freezeDeep<T>(value: T, frozen: WeakSet<object>): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  Object.freeze(value);
  frozen.add(value);
  for (const key of Object.keys(value)) freezeDeep((value as Record<string, unknown>)[key], frozen);
  return value;
}

/**
 * A copy of `value` that shares every part this store froze itself (those can never change), so
 * writing a status built from one read back costs only its new parts. Plain objects and arrays
 * are copied part by part; anything else is cloned whole.
 */
function copySharing<T>(value: T, frozen: WeakSet<object>): T {
  if (value === null || typeof value !== 'object' || frozen.has(value)) return value;
  if (Array.isArray(value)) return value.map((v) => copySharing(v, frozen)) as T;
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return copy(value);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = copySharing(v, frozen);
  return out as T;
}

function cancelled<T>(options: PortCallOptions | undefined, what: string): StoreResult<T> | undefined {
  return options?.signal?.aborted === true ? { ok: false, failure: { kind: 'cancelled', message: `${what}: cancelled`, retryable: false } } : undefined;
}

function notFound<T>(kind: string, ref: StoreRef): StoreResult<T> {
  const where = CLUSTER_SCOPED.has(kind) ? '' : ` in namespace "${ref.namespace ?? ''}"`;
  return { ok: false, failure: { kind: 'not-found', message: `${kind} "${ref.name}" not found${where}`, retryable: false } };
}

function conflict<T>(kind: string, ref: StoreRef, expected: string, actual: string): StoreResult<T> {
  return {
    ok: false,
    failure: {
      kind: 'conflict',
      message: `${kind} "${ref.name}" has changed (resourceVersion ${actual}, the write was based on ${expected}); read it again and retry`,
      retryable: true,
    },
  };
}

/**
 * Creates an in-memory {@link StorePort}. Every write gives the resource a new
 * `metadata.resourceVersion` from one counter; `create` stamps `creationTimestamp` (from the clock,
 * whole seconds) and `generation: 1` when missing; resources go in as copies (sharing the parts
 * this store froze itself) and are kept frozen; `get` and `create` hand them out as copies, `list`
 * and the writes as the frozen originals.
 * Listeners registered with `subscribe` are called synchronously after each change.
 */
export function createMemoryStore(options: MemoryStoreOptions): MemoryStore {
  const items = new Map<string, Mutable>();
  // Every object this store froze: only those are shared between what it stores and what it is given.
  const frozen = new WeakSet<object>();
  const listeners = new Set<(change: StoreChange) => void>();
  let version = 0;
  // The keys of each kind in list order, kept up to date as resources come and go, so no list
  // needs a sort.
  const orders = new Map<string, string[]>();
  // The answers of `list` per kind and namespace, kept until a resource of that kind is written.
  const answers = new Map<string, Map<string, readonly Mutable[]>>();

  const compareKeys = (a: string, b: string): number => {
    const x = items.get(a) as Mutable;
    const y = items.get(b) as Mutable;
    return compare(x.metadata.namespace ?? '', y.metadata.namespace ?? '') || compare(x.metadata.name ?? '', y.metadata.name ?? '');
  };
  const orderOf = (kind: string): string[] => {
    let keys = orders.get(kind);
    if (keys === undefined) {
      const prefix = `${kind}\u0000`;
      keys = [...items.keys()].filter((k) => k.startsWith(prefix)).sort(compareKeys);
      orders.set(kind, keys);
    }
    return keys;
  };
  /** Where `key` (stored already) belongs in its kind's order. */
  const placeOf = (keys: readonly string[], key: string): number => {
    let lo = 0;
    let hi = keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareKeys(keys[mid] as string, key) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const setItem = (key: string, resource: Mutable): void => {
    const existed = items.has(key);
    items.set(key, freezeDeep(resource, frozen));
    answers.delete(resource.kind);
    const keys = orders.get(resource.kind);
    if (!existed && keys !== undefined) keys.splice(placeOf(keys, key), 0, key);
  };
  const removeItem = (key: string, kind: string): void => {
    const keys = orders.get(kind);
    if (keys !== undefined) {
      const at = placeOf(keys, key);
      if (keys[at] === key) keys.splice(at, 1);
      else orders.delete(kind);
    }
    items.delete(key);
    answers.delete(kind);
  };
  const nextVersion = (): string => String(++version);
  const notify = (type: StoreChange['type'], resource: Mutable): void => {
    const namespace = resource.metadata.namespace;
    const change: StoreChange = { type, kind: resource.kind as KargoKind, ...(namespace ? { namespace } : {}), name: resource.metadata.name ?? '' };
    for (const listener of [...listeners]) listener(change);
  };
  const put = (resource: KargoResource, stampTime: boolean): Mutable => {
    const stored = { ...copySharing(resource, frozen) } as unknown as Mutable;
    stored.metadata = { ...(stored.metadata ?? {}) };
    if (CLUSTER_SCOPED.has(stored.kind)) delete stored.metadata.namespace;
    if (stampTime && (stored.metadata.creationTimestamp === undefined || stored.metadata.creationTimestamp === '')) {
      stored.metadata.creationTimestamp = timeText(options.clock.now());
    }
    if (stampTime && stored.metadata.generation === undefined) stored.metadata.generation = 1;
    stored.metadata.resourceVersion = nextVersion();
    return stored;
  };
  const listOf = (kind: string, wanted: string | undefined): readonly Mutable[] => {
    let byNamespace = answers.get(kind);
    if (byNamespace === undefined) answers.set(kind, (byNamespace = new Map()));
    const slot = wanted ?? '\u0000';
    let out = byNamespace.get(slot);
    if (out === undefined) {
      const all = orderOf(kind).map((k) => items.get(k) as Mutable);
      out = Object.freeze(wanted === undefined ? all : all.filter((r) => (r.metadata.namespace ?? '') === wanted));
      byNamespace.set(slot, out);
    }
    return out;
  };

  const store: MemoryStore = {
    async get<K extends KargoKind>(kind: K, ref: StoreRef): Promise<StoreResult<StoredResourceOf<K> | undefined>> {
      const stop = cancelled<StoredResourceOf<K> | undefined>(ref, `get ${kind}`);
      if (stop) return stop;
      const found = items.get(keyOf(kind, ref.namespace, ref.name));
      return { ok: true, value: found === undefined ? undefined : (copy(found) as unknown as StoredResourceOf<K>) };
    },

    async list<K extends KargoKind>(kind: K, query?: StoreQuery): Promise<StoreResult<readonly StoredResourceOf<K>[]>> {
      const stop = cancelled<readonly StoredResourceOf<K>[]>(query, `list ${kind}`);
      if (stop) return stop;
      const wanted = query?.namespace === undefined || CLUSTER_SCOPED.has(kind) ? undefined : query.namespace;
      return { ok: true, value: listOf(kind, wanted) as unknown as readonly StoredResourceOf<K>[] };
    },

    async create<K extends KargoKind>(resource: StoredResourceOf<K>, callOptions?: PortCallOptions): Promise<StoreResult<StoredResourceOf<K>>> {
      const stop = cancelled<StoredResourceOf<K>>(callOptions, `create ${resource?.kind}`);
      if (stop) return stop;
      const name = resource?.metadata?.name;
      if (typeof name !== 'string' || name === '') {
        return { ok: false, failure: { kind: 'invalid-response', message: `create ${resource?.kind}: the resource has no metadata.name`, retryable: false } };
      }
      const key = keyOf(resource.kind, resource.metadata.namespace, name);
      if (items.has(key)) {
        return { ok: false, failure: { kind: 'already-exists', message: `${resource.kind} "${name}" already exists`, retryable: false } };
      }
      const stored = put(resource, true);
      setItem(key, stored);
      notify('created', stored);
      return { ok: true, value: copy(stored) as unknown as StoredResourceOf<K> };
    },

    async updateStatus<K extends KargoKind>(kind: K, write: StoreStatusWrite): Promise<StoreResult<StoredResourceOf<K>>> {
      const stop = cancelled<StoredResourceOf<K>>(write, `update ${kind} status`);
      if (stop) return stop;
      const key = keyOf(kind, write.namespace, write.name);
      const found = items.get(key);
      if (found === undefined) return notFound(kind, write);
      const actual = found.metadata.resourceVersion ?? '';
      if (write.resourceVersion !== undefined && write.resourceVersion !== actual) return conflict(kind, write, write.resourceVersion, actual);
      const next: Mutable = { ...found, metadata: { ...found.metadata, resourceVersion: nextVersion() } };
      if (write.status === undefined || write.status === null) delete next.status;
      else next.status = copySharing(write.status, frozen);
      setItem(key, next);
      notify('updated', next);
      return { ok: true, value: next as unknown as StoredResourceOf<K> };
    },

    async updateMetadata<K extends KargoKind>(kind: K, write: StoreMetadataWrite): Promise<StoreResult<StoredResourceOf<K>>> {
      const stop = cancelled<StoredResourceOf<K>>(write, `update ${kind} metadata`);
      if (stop) return stop;
      const key = keyOf(kind, write.namespace, write.name);
      const found = items.get(key);
      if (found === undefined) return notFound(kind, write);
      const actual = found.metadata.resourceVersion ?? '';
      if (write.resourceVersion !== undefined && write.resourceVersion !== actual) return conflict(kind, write, write.resourceVersion, actual);
      const metadata: Meta = { ...found.metadata, resourceVersion: nextVersion() };
      for (const field of ['labels', 'annotations'] as const) {
        const changes = write[field];
        if (changes === undefined) continue;
        const map: Record<string, string> = { ...(metadata[field] ?? {}) };
        for (const [k, v] of Object.entries(changes)) {
          if (v === null) delete map[k];
          else map[k] = v;
        }
        if (Object.keys(map).length > 0) metadata[field] = map;
        else delete metadata[field];
      }
      const next: Mutable = { ...found, metadata };
      setItem(key, next);
      notify('updated', next);
      return { ok: true, value: next as unknown as StoredResourceOf<K> };
    },

    async delete(kind: KargoKind, ref: StoreRef): Promise<StoreResult<void>> {
      const stop = cancelled<void>(ref, `delete ${kind}`);
      if (stop) return stop;
      const key = keyOf(kind, ref.namespace, ref.name);
      const found = items.get(key);
      if (found === undefined) return notFound(kind, ref);
      removeItem(key, found.kind);
      notify('deleted', found);
      return { ok: true, value: undefined };
    },

    subscribe(listener: (change: StoreChange) => void): () => void {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },

    load(resources: readonly KargoResource[]): void {
      for (const resource of resources) {
        const name = resource?.metadata?.name;
        if (typeof name !== 'string' || name === '') continue;
        const key = keyOf(resource.kind, resource.metadata.namespace, name);
        const existed = items.has(key);
        const stored = put(resource, true);
        setItem(key, stored);
        notify(existed ? 'updated' : 'created', stored);
      }
    },

    snapshot(): KargoResource[] {
      return [...items.entries()]
        .sort((a, b) => compare(a[0], b[0]))
        .map(([, r]) => copy(r) as unknown as KargoResource);
    },
  };
  if (options.resources !== undefined) store.load(options.resources);
  return store;
}
