import type { ChartRepositoryPort } from '../ports/index.js';
import { addScopedIssues, DiscoveryStopped, omitEmpty, readAllPages, type SubscriptionScope } from './discover-support.js';
import type { ChartDiscoveryResult } from './discover-types.js';
import { selectChartVersions } from './select-chart-versions.js';
import type { ChartSubscriptionFields, ChartSubscriptionLike } from './types.js';

function select(scope: SubscriptionScope, sub: ChartSubscriptionFields, versions: readonly string[]): string[] {
  const selected = selectChartVersions(sub as ChartSubscriptionLike, versions);
  if (!selected.ok) {
    addScopedIssues(scope, selected.issues);
    throw new DiscoveryStopped();
  }
  return selected.value;
}

/**
 * Discovers the versions of one chart subscription: every version the repository lists (a
 * classic repository's index entries for the chart, or an OCI chart's tags), selected by
 * `semverConstraint` and cut to `discoveryLimit`. A classic repository without the chart gives an
 * empty result; failures stop discovery with an issue naming the subscription and its repository.
 */
export async function discoverChartSubscription(scope: SubscriptionScope, charts: ChartRepositoryPort, sub: ChartSubscriptionFields, subscriptionName: string | undefined): Promise<ChartDiscoveryResult> {
  select(scope, sub, []);
  const listed = await readAllPages<string>(scope, 'listing the chart versions', (cursor) =>
    charts.listVersions({ repoURL: sub.repoURL, name: sub.name || undefined, cursor, pageSize: scope.pageSize, signal: scope.signal, insecureSkipTLSVerify: (sub as { insecureSkipTLSVerify?: boolean }).insecureSkipTLSVerify === true }),
  );
  return omitEmpty<ChartDiscoveryResult>({
    repoURL: sub.repoURL,
    name: sub.name,
    semverConstraint: sub.semverConstraint,
    versions: select(scope, sub, listed),
    subscriptionName,
  });
}
