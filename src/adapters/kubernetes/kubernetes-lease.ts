import type { LeasePort } from '../../ports/index.js';
import { createKubernetesAdapter, type KubernetesAdapter } from './adapter.js';
import type { KubernetesAdapterOptions } from './options.js';
import { isKubernetesAdapter } from './store.js';

/**
 * Creates a {@link LeasePort} over `coordination.k8s.io/v1` Leases in a cluster, for electing one
 * leader among controller replicas (`createLeaderElector` from `waybill/controller`). Takes an
 * adapter from {@link createKubernetesAdapter} (its connection is shared) or the options to make
 * one. `get` of a missing Lease is `ok` with `undefined`; `create` of an existing one is
 * `already-exists`; `update` with a stale `resourceVersion` is a `conflict`; times are written as
 * Kubernetes MicroTime (RFC 3339 with microseconds, UTC).
 */
export function createKubernetesLease(source: KubernetesAdapter | KubernetesAdapterOptions = {}): LeasePort {
  return (isKubernetesAdapter(source) ? source : createKubernetesAdapter(source)).lease;
}
