import { printKustomizeYaml } from './print-yaml.js';
import { splitApiVersion } from './resource.js';
import type { KustomizeBuild, KustomizeOutputResource } from './types.js';

/** One resource as `kustomize build` prints it. */
export function renderKustomizeResource(resource: KustomizeOutputResource): string {
  return printKustomizeYaml(resource.object);
}

/** A whole build as `kustomize build` prints it: the resources in order, separated by `---`. */
export function renderKustomizeBuild(build: KustomizeBuild): string {
  return build.resources.map(renderKustomizeResource).join('---\n');
}

/** Kargo's file name for a resource in a directory output: `[namespace-]kind-name.yaml`, lowercased. */
export function kargoManifestFileName(resource: KustomizeOutputResource): string {
  const parts = resource.namespace !== '' ? [resource.namespace, resource.kind, resource.name] : [resource.kind, resource.name];
  return `${parts.join('-')}.yaml`.toLowerCase();
}

/**
 * The file name `kustomize build -o dir/` gives a resource: `[namespace_]group_version_kind_name.yaml`
 * (empty parts left out), lowercased; the namespace only when the build spans several namespaces.
 */
export function kustomizeManifestFileName(resource: KustomizeOutputResource, multipleNamespaces: boolean): string {
  const { group, version } = splitApiVersion(resource.apiVersion);
  const gvk = [group, version, resource.kind].filter((p) => p !== '').join('_');
  const base = `${gvk.toLowerCase()}_${resource.name.toLowerCase()}.yaml`;
  return multipleNamespaces && resource.namespace !== '' ? `${resource.namespace.toLowerCase()}_${base}` : base;
}
