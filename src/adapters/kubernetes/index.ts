/**
 * The Kubernetes adapter: Kargo resources (`kargo.akuity.io/v1alpha1`) and Argo CD Applications
 * in a cluster, through `@kubernetes/client-node`. That package is an optional peer dependency:
 * only this subpath uses it, and only when an adapter method first runs.
 * @packageDocumentation
 */
import type { AdapterDescription } from '../../ports/index.js';

export { createKubernetesAdapter } from './adapter.js';
export type { KubernetesAdapter } from './adapter.js';
export type { KubernetesAdapterOptions, KubernetesClientModule } from './options.js';
export type { KubernetesFailure, KubernetesFailureKind, KubernetesResult } from './failures.js';
export type { KargoResourceStore, ResourceRef, ResourceQuery, ResourceList, ResourceEvent, WatchQuery, ResourceWatch, StatusOf, StatusUpdate } from './resource-store.js';
export { KIND_ROUTES } from './kinds.js';
export type { KindRoute, ResourceOf } from './kinds.js';
export { formatLabelSelector } from './label-selector.js';

/** What this subpath provides. */
export const kubernetesAdapter: AdapterDescription = {
  name: 'kubernetes',
  subpath: 'waybill/adapters/kubernetes',
  implements: ['ClusterPort', 'KargoResourceStore'],
  available: true,
  summary: 'Kargo resources and Argo CD Applications in a cluster, via @kubernetes/client-node.',
};
