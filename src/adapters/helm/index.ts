/**
 * The Helm chart adapter: waybill's chart repository port for classic `index.yaml` repositories
 * and OCI-hosted charts, for listing the versions a chart subscription selects from. The port and
 * this adapter are not published yet; this subpath currently only describes itself, so that tools
 * can list it.
 * @packageDocumentation
 */
import type { AdapterDescription } from '../../ports/index.js';

/** What this subpath provides. `available` turns `true` when the adapter ships. */
export const helmAdapter: AdapterDescription = {
  name: 'helm',
  subpath: 'waybill/adapters/helm',
  implements: ['ChartRepositoryPort'],
  available: false,
  summary: 'Chart versions from index.yaml repositories and OCI registries.',
};
