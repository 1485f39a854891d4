/**
 * The Helm chart adapter: waybill's chart repository port for classic `index.yaml` repositories
 * and OCI-hosted charts, for listing the versions a chart subscription selects from.
 * @packageDocumentation
 * @module waybill/adapters/helm
 */
import type { AdapterDescription } from '../../ports/index.js';

export { createHelmAdapter } from './adapter.js';
export type { ChartCredentials, ChartCredentialsLookup, ChartCredentialsTarget, HelmAdapterOptions } from './options.js';

/** What this subpath provides. */
export const helmAdapter: AdapterDescription = {
  name: 'helm',
  subpath: 'waybill/adapters/helm',
  implements: ['ChartRepositoryPort'],
  available: true,
  summary: 'Chart versions from index.yaml repositories and OCI registries.',
};
