import * as z from 'zod';
import { buildKustomization, kargoManifestFileName, kustomizeManifestFileName, renderKustomizeBuild, renderKustomizeResource, type KustomizeOutputResource } from '../../kustomize/index.js';
import { defineStep } from '../registry.js';
import { confinePath } from '../secure-path.js';
import { stepErrored, stepSucceeded } from '../step-results.js';
import type { WorkTree } from '../work-tree.js';
import { describeIssues, errorText, joinPath, workTreeOf } from './support.js';

const configSchema = z.strictObject({
  path: z.string().min(1),
  outPath: z.string().min(1),
  outputFormat: z.enum(['kargo', 'kustomize']).optional(),
  // Options for kustomize's Helm chart inflation. waybill refuses kustomizations with helmCharts
  // (with an issue naming the field), so these are accepted for compatibility and change nothing.
  plugin: z
    .strictObject({
      helm: z.strictObject({ apiVersions: z.array(z.string().min(1)).optional(), kubeVersion: z.string().optional() }).optional(),
    })
    .optional(),
});

/**
 * `kustomize-build`: builds the kustomization in `path` (waybill's kustomize build: see the
 * kustomize area for what it supports; anything else fails the step with the issue) and writes
 * the manifests to `outPath`: one file when it ends in `.yaml` or `.yml`, otherwise one file per
 * resource in that directory, named `[namespace-]kind-name.yaml` (`outputFormat: kargo`, the
 * default) or `[namespace_]group_version_kind_name.yaml` (`outputFormat: kustomize`, as
 * `kustomize build -o dir/` names them). Like Kargo, resources are written in the order the
 * build met them (Kargo builds without kustomize's reordering) unless the kustomization sets
 * `sortOptions`. Paths stay inside the work directory.
 */
export const kustomizeBuildStep = defineStep({
  uses: 'kustomize-build',
  configSchema,
  run: async (config, context) => {
    const wt = workTreeOf(context, 'kustomize-build');
    if ('result' in wt) return wt.result;
    let built;
    try {
      built = await buildKustomization(wt.tree, confinePath(config.path), { order: 'fifo' });
    } catch (e) {
      return stepErrored(`error building ${JSON.stringify(config.path)}: ${errorText(e)}`);
    }
    if (!built.ok) return stepErrored(`failed to build kustomization in ${JSON.stringify(config.path)}: ${describeIssues(built.issues)}`);
    const outPath = confinePath(config.outPath);
    try {
      if (/\.ya?ml$/.test(lastSegment(outPath))) {
        await wt.tree.writeFile(outPath, renderKustomizeBuild(built.value), { mode: 0o600 });
        return stepSucceeded();
      }
      const written = await writeIndividualFiles(wt.tree, outPath, built.value.resources, config.outputFormat ?? 'kargo');
      if (written !== undefined) return stepErrored(`failed to write built manifests to ${JSON.stringify(config.outPath)}: ${written}`);
      return stepSucceeded();
    } catch (e) {
      return stepErrored(`failed to write built manifests to ${JSON.stringify(config.outPath)}: ${errorText(e)}`);
    }
  },
});

function lastSegment(path: string): string {
  const parts = path.split('/');
  return parts[parts.length - 1] ?? '';
}

async function writeIndividualFiles(tree: WorkTree, dir: string, resources: readonly KustomizeOutputResource[], format: 'kargo' | 'kustomize'): Promise<string | undefined> {
  // As kustomize groups them: namespaced resources by namespace (none meaning `default`);
  // cluster-scoped resources never carry a namespace in their file name.
  const namespaces = new Set(resources.filter((r) => !r.clusterScoped).map((r) => (r.namespace === '' ? 'default' : r.namespace)));
  const multipleNamespaces = namespaces.size > 1;
  for (const resource of resources) {
    const name = format === 'kargo' ? kargoManifestFileName(resource) : kustomizeManifestFileName(resource, multipleNamespaces && !resource.clusterScoped);
    // Names come from the manifests: refuse anything that is not a plain file name.
    if (name.includes('/') || name.includes('\\') || name === '.' || name === '..' || name.includes('\0')) return `invalid file name ${JSON.stringify(name)} for ${resource.kind} ${JSON.stringify(resource.name)}`;
    await tree.writeFile(joinPath(dir, name), renderKustomizeResource(resource), { mode: 0o600 });
  }
  return undefined;
}
