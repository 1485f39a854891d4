import { gvkOf, idOf } from './resource.js';
import type { Gvk, JsonObject } from './types.js';

/** The kinds `kustomize build` prints first, in this order (its legacy sort order). */
export const LEGACY_ORDER_FIRST: readonly string[] = [
  'Namespace',
  'ResourceQuota',
  'StorageClass',
  'CustomResourceDefinition',
  'ServiceAccount',
  'PodSecurityPolicy',
  'Role',
  'ClusterRole',
  'RoleBinding',
  'ClusterRoleBinding',
  'ConfigMap',
  'Secret',
  'Endpoints',
  'Service',
  'LimitRange',
  'PriorityClass',
  'PersistentVolume',
  'PersistentVolumeClaim',
  'Deployment',
  'StatefulSet',
  'CronJob',
  'PodDisruptionBudget',
];

/** The kinds `kustomize build` prints last, in this order. */
export const LEGACY_ORDER_LAST: readonly string[] = ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'];

const gvkSortString = (g: Gvk) => `${g.group || '~G'}_${g.version || '~V'}_${g.kind || '~K'}`;

/**
 * Sorts objects as `kustomize build` does by default: by kind rank (the first list, then every
 * other kind, then the last list), then by group/version/kind, then by namespace and name.
 */
export function sortLegacy<T extends { obj: JsonObject }>(items: readonly T[], orderFirst: readonly string[] = LEGACY_ORDER_FIRST, orderLast: readonly string[] = LEGACY_ORDER_LAST): T[] {
  const rank = new Map<string, number>();
  orderFirst.forEach((k, i) => rank.set(k, -orderFirst.length + i));
  orderLast.forEach((k, i) => rank.set(k, 1 + i));
  const keyed = items.map((item) => {
    const id = idOf(item.obj);
    const gvk = gvkOf(item.obj);
    const gvkString = `${gvk.kind || '[noKind]'}.${gvk.version || '[noVer]'}.${gvk.group || '[noGrp]'}`;
    return { item, gvk, r: rank.get(gvk.kind) ?? 0, idString: [gvkString, id.namespace || '~X', id.name || '~N'].join('|') };
  });
  keyed.sort((a, b) => {
    const sameGvk = a.gvk.group === b.gvk.group && a.gvk.version === b.gvk.version && a.gvk.kind === b.gvk.kind;
    if (!sameGvk) {
      if (a.r !== b.r) return a.r - b.r;
      const as = gvkSortString(a.gvk);
      const bs = gvkSortString(b.gvk);
      // Two Namespace kinds, one without a group, sort in reverse (a kustomize quirk kept for its output order).
      if (a.gvk.kind === 'Namespace' && b.gvk.kind === 'Namespace' && (a.gvk.group === '' || b.gvk.group === '')) return as > bs ? -1 : as < bs ? 1 : 0;
      return as < bs ? -1 : as > bs ? 1 : 0;
    }
    return a.idString < b.idString ? -1 : a.idString > b.idString ? 1 : 0;
  });
  return keyed.map((k) => k.item);
}
