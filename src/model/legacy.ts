import { KARGO_API_VERSION } from './common.js';
import type { ProjectConfig } from './project.js';
import { isKargoResource, type ManifestResource } from './resource.js';

/**
 * The ProjectConfig of a Project among parsed resources: the real ProjectConfig named like the
 * Project (in its namespace, or with no namespace given) when there is one; otherwise one built
 * from the deprecated `Project.spec.promotionPolicies` of older Kargo versions; otherwise
 * `undefined` (the Project has no policies, so nothing auto-promotes).
 */
export function projectConfigOf(resources: readonly ManifestResource[], projectName: string): ProjectConfig | undefined {
  let legacy: ProjectConfig | undefined;
  for (const resource of resources) {
    if (!isKargoResource(resource)) continue;
    if (resource.kind === 'ProjectConfig') {
      const { name, namespace } = resource.metadata;
      if (name === projectName && (namespace === undefined || namespace === projectName)) return resource;
    } else if (resource.kind === 'Project' && legacy === undefined && resource.metadata.name === projectName) {
      const policies = resource.spec?.promotionPolicies;
      if (policies !== undefined) {
        legacy = {
          apiVersion: KARGO_API_VERSION,
          kind: 'ProjectConfig',
          metadata: { name: projectName, namespace: projectName },
          spec: { promotionPolicies: policies },
        };
      }
    }
  }
  return legacy;
}
