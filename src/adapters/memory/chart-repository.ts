import { WaybillError } from '../../errors/index.js';
import type { ChartRepositoryPort, ListChartVersionsRequest, Page, PortResult } from '../../ports/index.js';
import { cancelledFailure, injectedFailure, pageOf, type InjectedFailure } from './registry.js';

/** A chart version published to a {@link MemoryChartRepository}. */
export interface MemoryChartInput {
  /** The chart's name in a classic repository; leave it out for `oci://` URLs (the URL names the chart). */
  readonly name?: string | undefined;
  /** The version; in an OCI repository a `+` is stored as `_`, as OCI tags cannot hold `+`. */
  readonly version: string;
}

/** A {@link ChartRepositoryPort} held in memory, with ways to publish charts and to make it fail. */
export interface MemoryChartRepository extends ChartRepositoryPort {
  /** Publishes a chart version (publishing it again does nothing). */
  push(repoURL: string, chart: MemoryChartInput): void;
  /** Makes every call about `repoURL` fail with `failure` until {@link MemoryChartRepository.heal}. */
  fail(repoURL: string, failure?: InjectedFailure): void;
  /** Ends an injected failure. */
  heal(repoURL: string): void;
  /** Every call made, in order: `listVersions <repoURL>[ <name>]`. */
  readonly requests: readonly string[];
}

// Repositories are keyed by URL without trailing slashes, which is how the index URL is built.
const keyOf = (repoURL: string): string => repoURL.replace(/\/+$/, '');

/**
 * Creates an empty set of in-memory chart repositories: classic ones (`http://`, `https://`)
 * hold named charts, OCI ones (`oci://…/chart`) hold the versions of one chart as tags. Versions
 * are listed in publishing order.
 */
export function createMemoryChartRepository(): MemoryChartRepository {
  const classic = new Map<string, Map<string, string[]>>();
  const oci = new Map<string, string[]>();
  const failures = new Map<string, InjectedFailure>();
  const requests: string[] = [];
  const isOci = (repoURL: string): boolean => repoURL.startsWith('oci://');
  return {
    push(repoURL, chart) {
      if (typeof chart?.version !== 'string' || chart.version === '') throw new WaybillError('INTERNAL', 'a chart needs a non-empty version');
      if (isOci(repoURL)) {
        if (chart.name) throw new WaybillError('INTERNAL', `an OCI chart is named by its URL; leave out name ${JSON.stringify(chart.name)}`);
        const tags = oci.get(keyOf(repoURL)) ?? [];
        const tag = chart.version.replaceAll('+', '_');
        if (!tags.includes(tag)) tags.push(tag);
        oci.set(keyOf(repoURL), tags);
        return;
      }
      if (!chart.name) throw new WaybillError('INTERNAL', `a chart in the classic repository ${repoURL} needs a name`);
      const charts = classic.get(keyOf(repoURL)) ?? new Map<string, string[]>();
      const versions = charts.get(chart.name) ?? [];
      if (!versions.includes(chart.version)) versions.push(chart.version);
      charts.set(chart.name, versions);
      classic.set(keyOf(repoURL), charts);
    },
    fail(repoURL, failure = {}) {
      failures.set(keyOf(repoURL), failure);
    },
    heal(repoURL) {
      failures.delete(keyOf(repoURL));
    },
    get requests() {
      return requests;
    },
    async listVersions(request: ListChartVersionsRequest): Promise<PortResult<Page<string>>> {
      const subject = `listVersions ${request.repoURL}${request.name ? ` ${request.name}` : ''}`;
      requests.push(subject);
      const cancelled = cancelledFailure(request, subject);
      if (cancelled !== undefined) return { ok: false, failure: cancelled };
      const injected = failures.get(keyOf(request.repoURL));
      if (injected !== undefined) return { ok: false, failure: injectedFailure(subject, injected) };
      const notFound = { ok: false as const, failure: { kind: 'not-found' as const, message: `chart repository ${request.repoURL} not found`, retryable: false, status: 404 } };
      if (isOci(request.repoURL)) {
        const tags = oci.get(keyOf(request.repoURL));
        return tags === undefined ? notFound : pageOf(tags, request.cursor, request.pageSize, 1000);
      }
      const charts = classic.get(keyOf(request.repoURL));
      if (charts === undefined) return notFound;
      // A chart the index does not list is no versions, not an error.
      return pageOf(charts.get(request.name ?? '') ?? [], request.cursor, request.pageSize, 1000);
    },
  };
}
