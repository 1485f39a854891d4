import type { LabelSelector } from '../../ports/index.js';

/**
 * Whether a set of labels matches a Kubernetes label selector: every `matchLabels` pair must be
 * present with that value, and every requirement must hold (`In`: the label is present with one
 * of the values; `NotIn`: it is absent or has none of them; `Exists`; `DoesNotExist`). An empty
 * selector matches everything, as in Kubernetes.
 */
export function matchesLabelSelector(selector: LabelSelector, labels: Readonly<Record<string, string>> | undefined): boolean {
  const have = labels ?? {};
  const valueOf = (key: string): string | undefined => (Object.hasOwn(have, key) ? have[key] : undefined);
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (valueOf(key) !== value) return false;
  }
  for (const requirement of selector.matchExpressions ?? []) {
    const value = valueOf(requirement.key);
    const values = requirement.values ?? [];
    switch (requirement.operator) {
      case 'In':
        if (value === undefined || !values.includes(value)) return false;
        break;
      case 'NotIn':
        if (value !== undefined && values.includes(value)) return false;
        break;
      case 'Exists':
        if (value === undefined) return false;
        break;
      case 'DoesNotExist':
        if (value !== undefined) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}
