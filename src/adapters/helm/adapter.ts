import type { ChartRepositoryPort, ListChartVersionsRequest, Page, PortFailure, PortResult, RegistryPort } from '../../ports/index.js';
import { createRegistryAdapter } from '../registry/index.js';
import { failure } from '../registry/failures.js';
import { fetchIndex } from './fetch-index.js';
import type { ChartCredentials, ChartCredentialsTarget, HelmAdapterOptions } from './options.js';
import { parseIndex, type ChartIndex } from './parse-index.js';

const MAX_PAGE_SIZE = 1000;

const positive = (value: number | undefined, fallback: number, min = 1): number => (typeof value === 'number' && Number.isFinite(value) && value >= min ? value : fallback);

const fail = (f: PortFailure): { ok: false; failure: PortFailure } => ({ ok: false, failure: f });

/** Cuts one page out of a chart's versions, with the offset as the cursor. */
function pageOf(items: readonly string[], cursor: string | undefined, pageSize: number | undefined, subject: string): PortResult<Page<string>> {
  const start = cursor === undefined || cursor === '' ? 0 : /^\d{1,15}$/.test(cursor) ? Number(cursor) : -1;
  if (start < 0 || start > items.length) return fail(failure('invalid-response', `${subject}: unknown page cursor ${JSON.stringify(cursor)}`, false));
  const size = pageSize !== undefined && Number.isInteger(pageSize) && pageSize > 0 ? Math.min(pageSize, MAX_PAGE_SIZE) : MAX_PAGE_SIZE;
  const end = Math.min(items.length, start + size);
  return { ok: true, value: end < items.length ? { items: items.slice(start, end), next: String(end) } : { items: items.slice(start, end) } };
}

/**
 * Creates a {@link ChartRepositoryPort} for real Helm chart repositories:
 * - classic ones (`http://`, `https://`): `<repoURL>/index.yaml` is downloaded (basic auth when the
 *   credentials lookup gives some, bounded time and retries, a size limit), parsed with an alias
 *   limit, kept for a short while per URL, and the `version` of each entry of the chart is listed;
 *   a chart the index does not list has no versions;
 * - OCI ones (`oci://host/path/chart`): the tags of the repository `host/path/chart` are listed
 *   through the registry adapter, raw (`1.0.0_build.1`; discovery turns `_` into `+`).
 * Every outcome is a `PortResult` whose failure message names the repository.
 */
export function createHelmAdapter(options: HelmAdapterOptions = {}): ChartRepositoryPort {
  const baseFetch = options.fetch ?? globalThis.fetch;
  const timeoutMs = positive(options.timeoutMs, 30_000);
  const retries = Math.floor(positive(options.retries, 3, 0));
  const backoffMs = positive(options.backoffMs, 200, 0);
  const maxBytes = positive(options.maxIndexBytes, 64 * 1024 * 1024);
  const maxAliasCount = Math.floor(positive(options.maxAliasCount, 100, 0));
  const cacheTtlMs = positive(options.cacheTtlMs, 60_000, 0);
  const now = options.now ?? Date.now;
  const userAgent = options.userAgent ?? 'waybill';
  const cache = new Map<string, { index: ChartIndex; expiresAt: number }>();
  /** Downloads in flight per index URL, so that concurrent calls share one. */
  const pending = new Map<string, Promise<PortResult<ChartIndex>>>();

  const lookup = async (target: ChartCredentialsTarget): Promise<ChartCredentials | undefined | PortFailure> => {
    if (options.credentials === undefined) return undefined;
    try {
      const found = await options.credentials(target);
      return found !== undefined && typeof found.username === 'string' && typeof found.password === 'string' ? found : undefined;
    } catch {
      return failure('unauthorized', `chart repository ${target.repoURL}: the credentials lookup failed`, false);
    }
  };

  const registry: RegistryPort =
    options.registry ??
    createRegistryAdapter({
      ...options.registryOptions,
      async credentials({ registry: host, repository }) {
        const found = await lookup({ repoURL: `oci://${host}/${repository}`, kind: 'oci' });
        return found !== undefined && !('kind' in found) ? found : undefined;
      },
    });

  async function loadIndex(repoURL: string, indexURL: string, request: ListChartVersionsRequest, subject: string): Promise<PortResult<ChartIndex>> {
    const credentials = await lookup({ repoURL, kind: 'classic' });
    if (credentials !== undefined && 'kind' in credentials) return fail(credentials);
    const fetcher = request.insecureSkipTLSVerify === true && options.insecureFetch !== undefined ? options.insecureFetch : baseFetch;
    const got = await fetchIndex({ url: indexURL, subject, credentials, fetch: fetcher, signal: request.signal, timeoutMs, retries, backoffMs, maxBytes, userAgent });
    if (!got.ok) return got;
    const parsed = parseIndex(got.text, maxAliasCount);
    if (!parsed.ok) return fail(failure('invalid-response', `${subject}: ${parsed.reason}`, false, 200));
    if (cacheTtlMs > 0) cache.set(indexURL, { index: parsed.index, expiresAt: now() + cacheTtlMs });
    return { ok: true, value: parsed.index };
  }

  async function listClassic(request: ListChartVersionsRequest, subject: string): Promise<PortResult<Page<string>>> {
    const base = request.repoURL.replace(/\/+$/, '');
    let indexURL: string;
    try {
      indexURL = new URL(`${base}/index.yaml`).toString();
    } catch {
      return fail(failure('not-found', `${subject}: repository URL ${JSON.stringify(request.repoURL)} is invalid`, false));
    }
    if (typeof request.name !== 'string' || request.name === '') return fail(failure('not-found', `${subject}: a classic repository needs a chart name`, false));
    let index: ChartIndex | undefined;
    const cached = cache.get(indexURL);
    if (cached !== undefined && cached.expiresAt > now()) index = cached.index;
    else {
      cache.delete(indexURL);
      let download = pending.get(indexURL);
      if (download === undefined || request.signal !== undefined) {
        // A call with its own signal downloads alone, so that cancelling it cancels nobody else.
        download = loadIndex(request.repoURL, indexURL, request, subject);
        if (request.signal === undefined) {
          pending.set(indexURL, download);
          void download.finally(() => pending.delete(indexURL)).catch(() => undefined);
        }
      }
      const loaded = await download;
      if (!loaded.ok) return loaded;
      index = loaded.value;
    }
    return pageOf(index.get(request.name) ?? [], request.cursor, request.pageSize, subject);
  }

  async function listOci(request: ListChartVersionsRequest, subject: string): Promise<PortResult<Page<string>>> {
    const repository = request.repoURL.slice('oci://'.length).replace(/\/+$/, '');
    if (request.name !== undefined && request.name !== '') return fail(failure('not-found', `${subject}: an OCI chart is named by its URL; leave out the chart name`, false));
    const listed = await registry.listTags({ repository, cursor: request.cursor, pageSize: request.pageSize, signal: request.signal, insecureSkipTLSVerify: request.insecureSkipTLSVerify });
    if (listed.ok) return listed;
    // The registry names the bare repository; the failure is restated for the chart repository.
    return fail({ ...listed.failure, message: `chart repository ${request.repoURL}: ${listed.failure.message}` });
  }

  return {
    async listVersions(request: ListChartVersionsRequest): Promise<PortResult<Page<string>>> {
      const repoURL = typeof request?.repoURL === 'string' ? request.repoURL : '';
      const subject = `chart repository ${repoURL}${request?.name ? ` (chart ${request.name})` : ''}`;
      if (request?.signal?.aborted) return fail(failure('cancelled', `${subject}: cancelled`, false));
      try {
        if (repoURL.startsWith('oci://')) return await listOci(request, subject);
        if (repoURL.startsWith('http://') || repoURL.startsWith('https://')) return await listClassic(request, subject);
        return fail(failure('not-found', `repository URL ${JSON.stringify(repoURL)} is invalid: it must start with http://, https:// or oci://`, false));
      } catch {
        // A port resolves and never rejects; anything unforeseen is reported, not thrown.
        return fail(failure('transport', `${subject}: the versions could not be listed`, true));
      }
    },
  };
}
