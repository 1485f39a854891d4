/**
 * The Kubernetes adapter: waybill's cluster port for reading and writing Kargo resources and
 * Argo CD Applications through `@kubernetes/client-node`, an optional peer dependency that only
 * this subpath will load. The port and this adapter are not published yet; this subpath currently
 * only describes itself, so that tools can list it.
 * @packageDocumentation
 */
import type { AdapterDescription } from '../../ports/index.js';

/** What this subpath provides. `available` turns `true` when the adapter ships. */
export const kubernetesAdapter: AdapterDescription = {
  name: 'kubernetes',
  subpath: 'waybill/adapters/kubernetes',
  implements: ['ClusterPort'],
  available: false,
  summary: 'Kargo resources and Argo CD Applications in a cluster, via @kubernetes/client-node.',
};
