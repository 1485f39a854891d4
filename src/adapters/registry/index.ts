/**
 * The container registry adapter: waybill's registry port over the OCI distribution API with
 * `fetch` (Docker Hub, GHCR, ECR Public and any v2 registry), for listing tags and reading image
 * digests, creation times, annotations and platforms. The port and this adapter are not published
 * yet; this subpath currently only describes itself, so that tools can list it.
 * @packageDocumentation
 */
import type { AdapterDescription } from '../../ports/index.js';

/** What this subpath provides. `available` turns `true` when the adapter ships. */
export const registryAdapter: AdapterDescription = {
  name: 'registry',
  subpath: 'waybill/adapters/registry',
  implements: ['RegistryPort'],
  available: false,
  summary: 'Image tags and metadata from OCI distribution (v2) registries over fetch.',
};
