import { createIssue, type Issue } from '../errors/index.js';

/**
 * Reads `discoveryLimit`: a positive integer caps the result, 0 or unset means no limit (what Kargo
 * does for a subscription that skipped its admission defaults). Anything else is reported.
 */
export function readDiscoveryLimit(limit: number | undefined, issues: Issue[]): number {
  if (limit === undefined || limit === 0) return Number.POSITIVE_INFINITY;
  if (!Number.isInteger(limit) || limit < 0) {
    issues.push(createIssue('DISCOVERY_INVALID_LIMIT', `discoveryLimit must be a whole number of zero or more, got ${String(limit)}`, { path: ['discoveryLimit'] }));
    return Number.POSITIVE_INFINITY;
  }
  return limit;
}
