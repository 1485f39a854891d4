import type { LabelSelector } from '../../ports/index.js';

/**
 * Writes a label selector in the query syntax the Kubernetes API takes (`a=b,env in (x,y),!k`).
 * Values are passed as the caller gave them; the API server rejects malformed ones with a 400,
 * which the adapter reports like any other refused request.
 */
export function formatLabelSelector(selector: LabelSelector | undefined): string | undefined {
  if (selector === undefined) return undefined;
  const parts: string[] = [];
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) parts.push(`${key}=${value}`);
  for (const req of selector.matchExpressions ?? []) {
    const values = [...(req.values ?? [])].join(',');
    if (req.operator === 'In') parts.push(`${req.key} in (${values})`);
    else if (req.operator === 'NotIn') parts.push(`${req.key} notin (${values})`);
    else if (req.operator === 'Exists') parts.push(req.key);
    else parts.push(`!${req.key}`);
  }
  return parts.length === 0 ? undefined : parts.join(',');
}
