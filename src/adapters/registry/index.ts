/**
 * The container registry adapter: waybill's registry port over the OCI distribution API with
 * `fetch` (Docker Hub, GHCR, ECR and any v2 registry), for listing tags and reading image
 * digests, creation times, annotations and platforms.
 * @packageDocumentation
 * @module waybill/adapters/registry
 */
import type { AdapterDescription } from '../../ports/index.js';

export { createRegistryAdapter } from './adapter.js';
export type { RegistryAdapterOptions, RegistryCredentials, RegistryCredentialsLookup, RegistryCredentialsTarget } from './options.js';

/** What this subpath provides. */
export const registryAdapter: AdapterDescription = {
  name: 'registry',
  subpath: 'waybill/adapters/registry',
  implements: ['RegistryPort'],
  available: true,
  summary: 'Image tags and metadata from OCI distribution (v2) registries over fetch.',
};
