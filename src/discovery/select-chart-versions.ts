import { createIssue, type Issue } from '../errors/index.js';
import { err, ok, type Result } from '../result.js';
import { readDiscoveryLimit } from './limits.js';
import { CHART_FIELDS, readSubscription } from './read-subscription.js';
import { allowedBy, compareVersionedDescending, readConstraint, readVersion, type Versioned } from './semver-support.js';
import type { ChartSubscriptionFields, ChartSubscriptionLike } from './types.js';

/**
 * Picks chart versions for a chart subscription, best first, cut to `discoveryLimit`, with Kargo's
 * rules, which depend on the repository kind (the case-sensitive `repoURL` prefix):
 * - `http://`/`https://` (a classic repository's index): versions that parse loosely (`v1.2`, `1`
 *   are accepted and reported as written) and satisfy `semverConstraint`.
 * - `oci://` (tags): every `_` becomes `+` first (OCI tags cannot hold `+`), then only whole
 *   `M.m.p` versions without a `v` prefix count; they are reported in the converted form.
 * Highest version first; equal versions go to the original text, descending.
 */
export function selectChartVersions(subscription: ChartSubscriptionLike, versions: readonly string[]): Result<string[]> {
  const issues: Issue[] = [];
  const sub = readSubscription<ChartSubscriptionFields>(subscription, CHART_FIELDS, 'chart', issues);
  if (sub === undefined) return err(issues);
  const repoURL = sub.repoURL ?? '';
  const classic = repoURL.startsWith('http://') || repoURL.startsWith('https://');
  const oci = repoURL.startsWith('oci://');
  if (!classic && !oci) {
    issues.push(createIssue('DISCOVERY_INVALID_CHART_REPO_URL', `repository URL ${JSON.stringify(repoURL)} is invalid`, { path: ['repoURL'] }));
  }
  const constraint = readConstraint(sub.semverConstraint, 'semverConstraint', issues);
  const limit = readDiscoveryLimit(sub.discoveryLimit, issues);
  if (!Array.isArray(versions)) issues.push(createIssue('DISCOVERY_INVALID_INPUT', 'chart versions must be a list of strings', { path: ['versions'] }));
  if (issues.length > 0) return err(issues);
  const kept: Versioned<string>[] = [];
  for (const raw of versions) {
    if (typeof raw !== 'string') continue;
    const text = oci ? raw.replaceAll('_', '+') : raw;
    if (oci && text.startsWith('v')) continue;
    const version = readVersion(text, oci);
    if (version !== undefined && allowedBy(version, constraint)) kept.push({ version, item: text });
  }
  kept.sort(compareVersionedDescending);
  return ok(kept.slice(0, limit).map((k) => k.item));
}
