/**
 * kustomize builds, for the `kustomize-build` promotion step and for users who render
 * kustomizations themselves: resources, components, generators with kustomize's content hashes,
 * patches, labels, images, replicas, name references, and output in `kustomize build` order and
 * style.
 * @packageDocumentation
 */
export { buildKustomization } from './build.js';
export { renderKustomizeBuild, renderKustomizeResource, kargoManifestFileName, kustomizeManifestFileName } from './render.js';
export { kustomizeHash } from './hash.js';
export { printKustomizeYaml, sortKeys as sortKustomizeKeys } from './print-yaml.js';
export { LEGACY_ORDER_FIRST as KUSTOMIZE_LEGACY_ORDER_FIRST, LEGACY_ORDER_LAST as KUSTOMIZE_LEGACY_ORDER_LAST } from './sort.js';
export type { KustomizeReader, KustomizeBuild, KustomizeOutputResource, BuildKustomizationOptions } from './types.js';
