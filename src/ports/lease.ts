/**
 * The port through which controller replicas elect a leader: a `coordination.k8s.io/v1` Lease.
 * @packageDocumentation
 */
import type { PortCallOptions } from './registry.js';
import type { StoreResult } from './store.js';

/** The `spec` of a Lease, with the fields leader election uses (times are RFC 3339 with microseconds, as Kubernetes writes them). */
export interface LeaseSpec {
  readonly holderIdentity?: string | undefined;
  readonly leaseDurationSeconds?: number | undefined;
  readonly acquireTime?: string | undefined;
  readonly renewTime?: string | undefined;
  readonly leaseTransitions?: number | undefined;
}

/** A Lease as read: its spec and the version to write it back with. */
export interface LeaseRecord {
  readonly namespace: string;
  readonly name: string;
  readonly spec: LeaseSpec;
  readonly resourceVersion: string;
}

/** Which Lease. */
export interface LeaseRef extends PortCallOptions {
  readonly namespace: string;
  readonly name: string;
}

/**
 * Reads and writes one Lease with optimistic concurrency. Contract (checked by `leaseContract` in
 * `waybill/testing`): `get` of a missing Lease is `ok` with `undefined`; `create` of an existing one
 * fails with `already-exists`; `update` with a stale `resourceVersion` fails with `conflict`; every
 * successful write returns a new `resourceVersion`.
 */
export interface LeasePort {
  get(ref: LeaseRef): Promise<StoreResult<LeaseRecord | undefined>>;
  create(ref: LeaseRef & { readonly spec: LeaseSpec }): Promise<StoreResult<LeaseRecord>>;
  update(ref: LeaseRef & { readonly spec: LeaseSpec; readonly resourceVersion: string }): Promise<StoreResult<LeaseRecord>>;
}
