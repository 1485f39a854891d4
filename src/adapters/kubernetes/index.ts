/**
 * The Kubernetes adapter: Kargo resources (`kargo.akuity.io/v1alpha1`), Argo CD Applications and
 * leader-election Leases (`coordination.k8s.io/v1`) in a cluster, through `@kubernetes/client-node`. That package is an optional peer dependency:
 * only this subpath uses it, and only when an adapter method first runs.
 * @packageDocumentation
 * @module waybill/adapters/kubernetes
 */
import type { AdapterDescription } from '../../ports/index.js';

export { createKubernetesAdapter } from './adapter.js';
export type { KubernetesAdapter } from './adapter.js';
export type { KubernetesAdapterOptions, KubernetesClientModule } from './options.js';
export type { KubernetesFailure, KubernetesFailureKind, KubernetesResult } from './failures.js';
export type { KargoResourceStore, ResourceRef, ResourceQuery, ResourceList, ResourceEvent, WatchQuery, ResourceWatch, StatusOf, StatusUpdate, StatusWrite, MetadataPatch } from './resource-store.js';
export { createKubernetesStore } from './store.js';
export type { KubernetesStore, KubernetesStoreOptions } from './store.js';
export { createKubernetesLease } from './kubernetes-lease.js';
export { COORDINATION_GROUP, COORDINATION_VERSION } from './lease.js';
export { toMicroTime } from './micro-time.js';
export { KIND_ROUTES } from './kinds.js';
export type { KindRoute, ResourceOf } from './kinds.js';
export { formatLabelSelector } from './label-selector.js';

/** What this subpath provides. */
export const kubernetesAdapter: AdapterDescription = {
  name: 'kubernetes',
  subpath: 'waybill/adapters/kubernetes',
  implements: ['ClusterPort', 'KargoResourceStore', 'StorePort', 'LeasePort'],
  available: true,
  summary: 'Kargo resources (as a StorePort), Argo CD Applications and leader-election Leases in a cluster, via @kubernetes/client-node.',
};
