import type { Clock, LeasePort, LeaseRecord, LeaseSpec, StoreFailure, StoreResult } from '../../ports/index.js';

/** One successful write to a {@link MemoryLease}, in order. */
export interface MemoryLeaseWrite {
  readonly operation: 'create' | 'update';
  readonly record: LeaseRecord;
  /** When it was made, by the clock given to {@link createMemoryLease} (absent without one). */
  readonly at?: string | undefined;
}

/** A {@link LeasePort} in memory, with what tests need to look inside. */
export interface MemoryLease extends LeasePort {
  /** The stored Lease, as a copy, without going through the port. */
  peek(namespace: string, name: string): LeaseRecord | undefined;
  /** Every successful write so far, oldest first. */
  writes(): readonly MemoryLeaseWrite[];
  /** Makes the next call of `method` fail with `failure` instead of running (for testing how callers cope). */
  failNext(method: 'get' | 'create' | 'update', failure: StoreFailure): void;
}

const copySpec = (spec: LeaseSpec): LeaseSpec => Object.fromEntries(Object.entries(spec).filter(([, v]) => v !== undefined)) as LeaseSpec;
const copyRecord = (record: LeaseRecord): LeaseRecord => ({ ...record, spec: copySpec(record.spec) });

/**
 * Creates Leases in memory that keep the {@link LeasePort} contract exactly like the Kubernetes
 * API server does: every write gets a new `resourceVersion` (a counter), an update must name the
 * current one or fail with `conflict`, a create of an existing Lease fails with `already-exists`,
 * and every result is a copy. Several leader electors over one memory Lease model replicas
 * sharing a cluster. With a `clock`, each write is stamped in {@link MemoryLease.writes}.
 */
export function createMemoryLease(clock?: Clock): MemoryLease {
  const leases = new Map<string, LeaseRecord>();
  const log: MemoryLeaseWrite[] = [];
  const injected = new Map<'get' | 'create' | 'update', StoreFailure>();
  let version = 0;
  const keyOf = (namespace: string, name: string): string => `${namespace}/${name}`;

  const precheck = (method: 'get' | 'create' | 'update', ref: { namespace: string; name: string; signal?: AbortSignal | undefined }): StoreFailure | undefined => {
    if (ref.signal?.aborted) return { kind: 'cancelled', message: `Lease ${ref.namespace}/${ref.name}: cancelled`, retryable: false };
    const failure = injected.get(method);
    if (failure !== undefined) {
      injected.delete(method);
      return failure;
    }
    return undefined;
  };
  const write = (operation: 'create' | 'update', namespace: string, name: string, spec: LeaseSpec): LeaseRecord => {
    version += 1;
    const record: LeaseRecord = { namespace, name, spec: copySpec(spec), resourceVersion: String(version) };
    leases.set(keyOf(namespace, name), record);
    log.push({ operation, record: copyRecord(record), ...(clock === undefined ? {} : { at: clock.now().toISOString() }) });
    return copyRecord(record);
  };

  return {
    async get(ref): Promise<StoreResult<LeaseRecord | undefined>> {
      const failure = precheck('get', ref);
      if (failure !== undefined) return { ok: false, failure };
      const found = leases.get(keyOf(ref.namespace, ref.name));
      return { ok: true, value: found === undefined ? undefined : copyRecord(found) };
    },
    async create(ref): Promise<StoreResult<LeaseRecord>> {
      const failure = precheck('create', ref);
      if (failure !== undefined) return { ok: false, failure };
      if (leases.has(keyOf(ref.namespace, ref.name))) {
        return { ok: false, failure: { kind: 'already-exists', message: `Lease ${ref.namespace}/${ref.name} already exists`, retryable: false, status: 409 } };
      }
      return { ok: true, value: write('create', ref.namespace, ref.name, ref.spec) };
    },
    async update(ref): Promise<StoreResult<LeaseRecord>> {
      const failure = precheck('update', ref);
      if (failure !== undefined) return { ok: false, failure };
      const found = leases.get(keyOf(ref.namespace, ref.name));
      if (found === undefined) return { ok: false, failure: { kind: 'not-found', message: `Lease ${ref.namespace}/${ref.name} not found`, retryable: false, status: 404 } };
      if (found.resourceVersion !== ref.resourceVersion) {
        return {
          ok: false,
          failure: { kind: 'conflict', message: `Lease ${ref.namespace}/${ref.name} changed since it was read (resourceVersion ${ref.resourceVersion}, now ${found.resourceVersion})`, retryable: true, status: 409 },
        };
      }
      return { ok: true, value: write('update', ref.namespace, ref.name, ref.spec) };
    },
    peek(namespace, name) {
      const found = leases.get(keyOf(namespace, name));
      return found === undefined ? undefined : copyRecord(found);
    },
    writes: () => log.map((w) => ({ ...w, record: copyRecord(w.record) })),
    failNext(method, failure) {
      injected.set(method, failure);
    },
  };
}
