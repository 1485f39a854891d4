import { createIssue, WaybillError, type Issue, type PathSegment } from '../errors/index.js';
import { subscriptionTypeOf } from '../model/index.js';
import type { ChartRepositoryPort, GitPort, RegistryPort } from '../ports/index.js';
import { err, ok, type Result } from '../result.js';
import { formatKubeTime, toEpochMillis } from './dates.js';
import { discoverChartSubscription } from './discover-chart.js';
import { discoverGitSubscription } from './discover-git.js';
import { discoverImageSubscription } from './discover-image.js';
import { DiscoveryStopped, type SubscriptionScope } from './discover-support.js';
import type {
  ChartDiscoveryResult,
  DiscoverableWarehouse,
  DiscoveredArtifactsStatus,
  DiscoverOptions,
  DiscoveryPorts,
  GitDiscoveryResult,
  ImageDiscoveryResult,
} from './discover-types.js';
import type { ChartSubscriptionFields, GitSubscriptionFields, ImageSubscriptionFields } from './types.js';

/** Kargo's admission default for `discoveryLimit`, applied when a subscription leaves it unset. */
const DEFAULT_DISCOVERY_LIMIT = 20;
const DEFAULT_PAGE_SIZE = 1000;
const DEFAULT_CONCURRENCY = 8;

const PORT_FOR: Readonly<Record<string, keyof DiscoveryPorts>> = { image: 'registry', git: 'git', chart: 'charts' };
const SUBJECT_FOR: Readonly<Record<string, string>> = { image: 'image repository', git: 'Git repository', chart: 'chart repository' };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A positive whole number from an option, or the fallback. */
const positive = (value: number | undefined, fallback: number): number => (typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : fallback);

/**
 * Discovers the artifacts of a Warehouse through ports, as Kargo's Warehouse reconciler does, and
 * reports them in its `status.discoveredArtifacts` shape, ready for `createFreight`:
 * - subscriptions are served one after the other in spec order, and each kind's results keep that
 *   order;
 * - images: SemVer and Lexical read image metadata in selection order until `discoveryLimit`
 *   images qualify (images without the wanted platform do not count); NewestBuild reads every
 *   eligible tag; Digest reads the one tag it follows, and a missing tag is an empty result;
 * - Git: NewestFromBranch pages through the branch history until `discoveryLimit` commits pass the
 *   filters; tag strategies list every tag, then walk them through the path filters;
 * - charts: every version the repository lists, selected by constraint.
 * An unset `discoveryLimit` means Kargo's default of 20. The first failure (bad settings, a
 * repository that cannot be read, a missing port, cancellation through `options.signal`) stops
 * discovery, as in Kargo; its issue has the subscription's path (`["spec", "subscriptions", i,
 * "image"]`) and its message names the repository. Empty results are not failures.
 */
export async function discover(warehouse: DiscoverableWarehouse, ports: DiscoveryPorts, options: DiscoverOptions = {}): Promise<Result<DiscoveredArtifactsStatus>> {
  const issues: Issue[] = [];
  const subscriptions: unknown = isRecord(warehouse) && isRecord(warehouse.spec) ? warehouse.spec.subscriptions : undefined;
  if (!Array.isArray(subscriptions) || subscriptions.length === 0) {
    return err(createIssue('DISCOVERY_INVALID_INPUT', 'the Warehouse has no subscriptions (spec.subscriptions must be a non-empty list)', { path: ['spec', 'subscriptions'] }));
  }
  let discoveredAt: string | undefined;
  if (options.now !== undefined) {
    if (toEpochMillis(options.now) === undefined) return err(createIssue('DISCOVERY_INVALID_INPUT', `now ${JSON.stringify(String(options.now))} is not a time`, { path: ['now'] }));
    discoveredAt = formatKubeTime(options.now);
  }
  const git: GitDiscoveryResult[] = [];
  const images: ImageDiscoveryResult[] = [];
  const charts: ChartDiscoveryResult[] = [];
  const pageSize = positive(options.pageSize, DEFAULT_PAGE_SIZE);
  const concurrency = positive(options.concurrency, DEFAULT_CONCURRENCY);
  try {
    for (let i = 0; i < subscriptions.length; i++) {
      const entry: unknown = subscriptions[i];
      const entryPath: PathSegment[] = ['spec', 'subscriptions', i];
      const type = isRecord(entry) ? subscriptionTypeOf(entry) : undefined;
      if (!isRecord(entry) || type === undefined) {
        issues.push(createIssue('DISCOVERY_INVALID_INPUT', 'a subscription must be an object with exactly one key naming its type (image, git or chart) besides an optional name', { path: entryPath }));
        return err(issues);
      }
      const port = PORT_FOR[type];
      if (port === undefined) {
        issues.push(createIssue('DISCOVERY_UNSUPPORTED_SUBSCRIPTION', `subscriptions of type ${JSON.stringify(type)} cannot be discovered (only image, git and chart)`, { path: [...entryPath, type] }));
        return err(issues);
      }
      const body = entry[type];
      const path = [...entryPath, type];
      if (!isRecord(body) || typeof body['repoURL'] !== 'string' || body['repoURL'] === '') {
        issues.push(createIssue('DISCOVERY_INVALID_INPUT', `the ${type} subscription needs a repoURL`, { path: [...path, 'repoURL'] }));
        return err(issues);
      }
      const name = typeof entry['name'] === 'string' && entry['name'] !== '' ? entry['name'] : undefined;
      const sub = body['discoveryLimit'] === undefined || body['discoveryLimit'] === null ? { ...body, discoveryLimit: DEFAULT_DISCOVERY_LIMIT } : body;
      const scope: SubscriptionScope = { path, subject: `${SUBJECT_FOR[type]} ${JSON.stringify(body['repoURL'])}`, signal: options.signal, issues, pageSize };
      const served = ports?.[port];
      if (served === undefined || served === null) {
        issues.push(createIssue('DISCOVERY_PORT_MISSING', `no ${port} port was given, so the ${scope.subject} cannot be read`, { path }));
        return err(issues);
      }
      if (type === 'image') images.push(await discoverImageSubscription(scope, served as RegistryPort, sub as unknown as ImageSubscriptionFields, name, concurrency));
      else if (type === 'git') git.push(await discoverGitSubscription(scope, served as GitPort, sub as unknown as GitSubscriptionFields, name));
      else charts.push(await discoverChartSubscription(scope, served as ChartRepositoryPort, sub as unknown as ChartSubscriptionFields, name));
    }
  } catch (error) {
    // A copy: reads still in flight when discovery stopped must not change the returned issues.
    if (error instanceof DiscoveryStopped) return err([...issues]);
    throw new WaybillError('INTERNAL', `discovery failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`, issues, { cause: error });
  }
  const out: { -readonly [K in keyof DiscoveredArtifactsStatus]: DiscoveredArtifactsStatus[K] } = {};
  if (discoveredAt !== undefined) out.discoveredAt = discoveredAt;
  if (git.length > 0) out.git = git;
  if (images.length > 0) out.images = images;
  if (charts.length > 0) out.charts = charts;
  return ok(out);
}
