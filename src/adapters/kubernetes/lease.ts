import type { LeasePort, LeaseRecord, LeaseSpec, StoreFailure, StoreResult } from '../../ports/index.js';
import type { CallRunner } from './call.js';
import type { JsonObject, ObjectAddress } from './client.js';
import { kubeFailure, type KubernetesFailure, type KubernetesResult } from './failures.js';
import { toMicroTime } from './micro-time.js';

/** The API group of Leases. */
export const COORDINATION_GROUP = 'coordination.k8s.io';
/** The API version of Leases the adapter reads and writes. */
export const COORDINATION_VERSION = 'v1';

function leaseAddress(namespace: string): ObjectAddress {
  return { group: COORDINATION_GROUP, version: COORDINATION_VERSION, plural: 'leases', namespace };
}

/** Reads the fields of a Lease that leader election uses; `undefined` when the answer is not a Lease. */
function asLeaseRecord(object: unknown, namespace: string, name: string): LeaseRecord | undefined {
  if (object === null || typeof object !== 'object' || Array.isArray(object)) return undefined;
  const meta = (object as JsonObject)['metadata'] as JsonObject | undefined;
  const resourceVersion = meta?.['resourceVersion'];
  if (typeof resourceVersion !== 'string') return undefined;
  const raw = ((object as JsonObject)['spec'] ?? {}) as JsonObject;
  if (typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  const text = (key: string): string | undefined => (typeof raw[key] === 'string' && raw[key] !== '' ? raw[key] : undefined);
  const count = (key: string): number | undefined => (typeof raw[key] === 'number' && Number.isInteger(raw[key]) ? raw[key] : undefined);
  const spec: LeaseSpec = {
    holderIdentity: text('holderIdentity'),
    leaseDurationSeconds: count('leaseDurationSeconds'),
    acquireTime: text('acquireTime'),
    renewTime: text('renewTime'),
    leaseTransitions: count('leaseTransitions'),
  };
  const cleaned = Object.fromEntries(Object.entries(spec).filter(([, v]) => v !== undefined)) as LeaseSpec;
  return {
    namespace: typeof meta?.['namespace'] === 'string' ? meta['namespace'] : namespace,
    name: typeof meta?.['name'] === 'string' ? meta['name'] : name,
    spec: cleaned,
    resourceVersion,
  };
}

/**
 * The spec as the API server takes it: times as MicroTime. With `clear`, fields the spec leaves
 * out are sent as `null`, so that a merge patch removes them (releasing a Lease clears its holder).
 */
function wireSpec(spec: LeaseSpec, subject: string, clear: boolean): KubernetesResult<JsonObject> {
  const out: JsonObject = {};
  const put = (key: keyof LeaseSpec, value: unknown): void => {
    if (value !== undefined) out[key] = value;
    else if (clear) out[key] = null;
  };
  for (const key of ['acquireTime', 'renewTime'] as const) {
    const value = spec[key];
    const micro = value === undefined ? undefined : toMicroTime(value);
    if (value !== undefined && micro === undefined) return { ok: false, failure: kubeFailure('invalid', `${subject}: ${key} ${JSON.stringify(value)} is not an RFC 3339 time`, false) };
    put(key, micro);
  }
  put('holderIdentity', spec.holderIdentity === '' ? undefined : spec.holderIdentity);
  put('leaseDurationSeconds', spec.leaseDurationSeconds);
  put('leaseTransitions', spec.leaseTransitions);
  return { ok: true, value: out };
}

function toLeaseFailure(failure: KubernetesFailure, onConflict: 'already-exists' | 'conflict'): StoreFailure {
  const kind = failure.kind === 'invalid' ? 'invalid-response' : failure.kind === 'conflict' ? onConflict : failure.kind;
  const retryable = kind === 'already-exists' ? false : failure.retryable;
  return failure.status === undefined ? { kind, message: failure.message, retryable } : { kind, message: failure.message, retryable, status: failure.status };
}

function toLease<T>(result: KubernetesResult<T>, onConflict: 'already-exists' | 'conflict'): StoreResult<T> {
  return result.ok ? result : { ok: false, failure: toLeaseFailure(result.failure, onConflict) };
}

/**
 * A {@link LeasePort} over `coordination.k8s.io/v1` Leases, through the adapter's client (the
 * custom-objects API addresses any group's path, Leases included). Updates are JSON merge patches
 * that carry the `resourceVersion`, which the API server checks like an update's: a stale one is
 * a `conflict`. A merge patch leaves the Lease's other fields (labels, owner references, newer
 * spec fields) as they are, where a replace would drop what this port does not know about.
 */
export function createLeasePort(run: CallRunner): LeasePort {
  const notALease = (subject: string): KubernetesResult<never> => ({ ok: false, failure: kubeFailure('invalid-response', `${subject}: the API server sent something that is not a Lease`, false) });
  const subjectOf = (ref: { namespace: string; name: string }): string => `Lease ${ref.namespace}/${ref.name}`;
  return {
    async get(ref) {
      const subject = subjectOf(ref);
      const got = await run(subject, ref.signal, async (client): Promise<KubernetesResult<LeaseRecord>> => {
        const record = asLeaseRecord(await client.get(leaseAddress(ref.namespace), ref.name), ref.namespace, ref.name);
        return record === undefined ? notALease(subject) : { ok: true, value: record };
      });
      if (!got.ok && got.failure.kind === 'not-found') return { ok: true, value: undefined };
      return toLease(got, 'conflict');
    },

    async create(ref) {
      const subject = subjectOf(ref);
      const spec = wireSpec(ref.spec, subject, false);
      if (!spec.ok) return toLease(spec, 'already-exists');
      const body: JsonObject = { apiVersion: `${COORDINATION_GROUP}/${COORDINATION_VERSION}`, kind: 'Lease', metadata: { name: ref.name, namespace: ref.namespace }, spec: spec.value };
      const created = await run(subject, ref.signal, async (client): Promise<KubernetesResult<LeaseRecord>> => {
        const record = asLeaseRecord(await client.create(leaseAddress(ref.namespace), body), ref.namespace, ref.name);
        return record === undefined ? notALease(subject) : { ok: true, value: record };
      });
      return toLease(created, 'already-exists');
    },

    async update(ref) {
      const subject = subjectOf(ref);
      const spec = wireSpec(ref.spec, subject, true);
      if (!spec.ok) return toLease(spec, 'conflict');
      const patch: JsonObject = { metadata: { resourceVersion: ref.resourceVersion }, spec: spec.value };
      const updated = await run(subject, ref.signal, async (client): Promise<KubernetesResult<LeaseRecord>> => {
        const record = asLeaseRecord(await client.mergePatch(leaseAddress(ref.namespace), ref.name, patch), ref.namespace, ref.name);
        return record === undefined ? notALease(subject) : { ok: true, value: record };
      });
      return toLease(updated, 'conflict');
    },
  };
}
