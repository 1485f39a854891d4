import { createIssue, prefixIssuePath, type Issue } from '../errors/index.js';
import { err, ok, type Result } from '../result.js';
import type { LabelSelectorRequirementLike } from './types.js';

/** A Kubernetes label selector: `matchLabels` and `matchExpressions`, both optional. */
export interface LabelSelectorLike {
  readonly matchLabels?: Readonly<Record<string, string>> | null | undefined;
  readonly matchExpressions?: readonly LabelSelectorRequirementLike[] | null | undefined;
}

const OPERATORS = new Set(['In', 'NotIn', 'Exists', 'DoesNotExist']);

/** Checks a label selector the way Kubernetes does before using it; an empty list means valid. */
export function validateLabelSelector(selector: LabelSelectorLike): Issue[] {
  const issues: Issue[] = [];
  (selector.matchExpressions ?? []).forEach((req, i) => {
    const path = ['matchExpressions', i];
    const op = req?.operator ?? '';
    const values = req?.values ?? [];
    if (!req?.key) issues.push(createIssue('POLICY_INVALID_SELECTOR', 'a label selector requirement needs a key', { path: [...path, 'key'] }));
    if (!OPERATORS.has(op)) {
      issues.push(createIssue('POLICY_INVALID_SELECTOR', `${JSON.stringify(op)} is not a valid label selector operator`, { path: [...path, 'operator'] }));
    } else if ((op === 'In' || op === 'NotIn') && values.length === 0) {
      issues.push(createIssue('POLICY_INVALID_SELECTOR', `operator ${op} needs at least one value`, { path: [...path, 'values'] }));
    } else if ((op === 'Exists' || op === 'DoesNotExist') && values.length > 0) {
      issues.push(createIssue('POLICY_INVALID_SELECTOR', `operator ${op} takes no values`, { path: [...path, 'values'] }));
    }
  });
  return issues;
}

/**
 * Compiles a label selector into a predicate over a label map, with Kubernetes semantics: every
 * `matchLabels` pair must be present with that value, and every requirement must hold (`NotIn`
 * and `DoesNotExist` also hold when the label is absent). An empty selector matches everything.
 */
export function compileLabelSelector(selector: LabelSelectorLike): Result<(labels: Readonly<Record<string, string>> | null | undefined) => boolean> {
  const issues = validateLabelSelector(selector);
  if (issues.length > 0) return err(issues);
  const pairs = Object.entries(selector.matchLabels ?? {});
  const requirements = (selector.matchExpressions ?? []).map((r) => ({
    key: r.key ?? '',
    operator: r.operator ?? '',
    values: new Set(r.values ?? []),
  }));
  return ok((labels) => {
    const has = (k: string) => labels !== null && labels !== undefined && Object.hasOwn(labels, k);
    for (const [k, v] of pairs) if (!has(k) || labels![k] !== v) return false;
    for (const r of requirements) {
      const present = has(r.key);
      switch (r.operator) {
        case 'In':
          if (!present || !r.values.has(labels![r.key]!)) return false;
          break;
        case 'NotIn':
          if (present && r.values.has(labels![r.key]!)) return false;
          break;
        case 'Exists':
          if (!present) return false;
          break;
        default:
          if (present) return false;
      }
    }
    return true;
  });
}

/** Prefixes every issue's path (helper for selectors nested in resources). */
export function nestIssues(issues: readonly Issue[], prefix: readonly (string | number)[]): Issue[] {
  return issues.map((i) => prefixIssuePath(i, prefix));
}
