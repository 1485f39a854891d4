import type { ClusterPort, LeasePort } from '../../ports/index.js';
import { createApplicationsPort } from './applications.js';
import { createCallRunner } from './call.js';
import { lazyClient } from './client.js';
import { createLeasePort } from './lease.js';
import type { KubernetesAdapterOptions } from './options.js';
import { createResourceStore, type KargoResourceStore } from './resource-store.js';

/** A cluster through the Kubernetes API: the Argo CD {@link ClusterPort} and the Kargo resource store. */
export interface KubernetesAdapter extends ClusterPort {
  /** Kargo resources: get, list, watch, status updates with optimistic concurrency, creation. */
  readonly kargo: KargoResourceStore;
  /** `coordination.k8s.io/v1` Leases, for leader election between controller replicas. */
  readonly lease: LeasePort;
}

/**
 * Creates the Kubernetes adapter. Nothing is loaded or contacted until a method first runs: then
 * `@kubernetes/client-node` is imported (a missing package makes every call fail with a message
 * saying how to install it) and the kubeconfig is read. Every method resolves to a result and
 * never rejects; credentials never appear in failure messages.
 */
export function createKubernetesAdapter(options: KubernetesAdapterOptions = {}): KubernetesAdapter {
  const retries = options.maxConflictRetries;
  const maxConflictRetries = retries !== undefined && Number.isInteger(retries) && retries >= 0 ? retries : 5;
  const run = createCallRunner(lazyClient(options));
  const applications = createApplicationsPort(run, maxConflictRetries);
  return {
    getApplication: (request) => applications.getApplication(request),
    listApplications: (request) => applications.listApplications(request),
    patchApplication: (request) => applications.patchApplication(request),
    kargo: createResourceStore(run, maxConflictRetries),
    lease: createLeasePort(run),
  };
}
