/**
 * The port through which waybill reads Helm chart repositories, classic and OCI.
 * @packageDocumentation
 */
import type { Page, PageRequest, PortResult } from './registry.js';

/**
 * Which chart's versions to list. For a classic repository (`http://`, `https://`) `repoURL` is
 * the repository and `name` the chart in its `index.yaml`; for an OCI one (`oci://`) `repoURL`
 * names the chart itself and `name` is absent.
 */
export interface ListChartVersionsRequest extends PageRequest {
  readonly repoURL: string;
  readonly name?: string | undefined;
  readonly insecureSkipTLSVerify?: boolean | undefined;
}

/**
 * A Helm chart repository, as artifact discovery needs it. Implementations:
 * `createMemoryChartRepository()` in `waybill/adapters/memory`, the adapter in
 * `waybill/adapters/helm`, or your own; all must pass `chartRepositoryContract` from
 * `waybill/testing`.
 */
export interface ChartRepositoryPort {
  /**
   * One page of the chart's versions as the repository lists them: the `version` of each index
   * entry of a classic repository, or the raw tags of an OCI repository (`1.0.0_build.1`; the
   * core turns `_` into `+`). A classic repository without the chart gives an empty list; a
   * repository that does not exist is a `not-found` failure.
   */
  listVersions(request: ListChartVersionsRequest): Promise<PortResult<Page<string>>>;
}
