import type { RegistryAdapterOptions } from '../registry/index.js';
import type { RegistryPort } from '../../ports/index.js';

/** What a chart credentials lookup is asked about. */
export interface ChartCredentialsTarget {
  /** The repository as the subscription writes it: `https://charts.example.com/stable` or `oci://ghcr.io/org/charts/app`. */
  readonly repoURL: string;
  /** `classic` for `index.yaml` repositories, `oci` for charts in an OCI registry. */
  readonly kind: 'classic' | 'oci';
}

/** A user name and password (or an access token used as the password) for a chart repository. */
export interface ChartCredentials {
  readonly username: string;
  readonly password: string;
}

/** Looks up the credentials of a chart repository; `undefined` means anonymous access. */
export type ChartCredentialsLookup = (target: ChartCredentialsTarget) => ChartCredentials | undefined | Promise<ChartCredentials | undefined>;

/** Options of `createHelmAdapter`. Every field has a sensible default. */
export interface HelmAdapterOptions {
  /**
   * Credentials per repository, sent as HTTP basic auth to a classic repository (never across a
   * redirect to another origin) and to the OCI registry of an `oci://` chart. They never appear in
   * failure messages.
   */
  readonly credentials?: ChartCredentialsLookup | undefined;
  /** The `fetch` used for classic repositories (default: the global one). */
  readonly fetch?: typeof fetch | undefined;
  /**
   * The `fetch` used when a request asks for `insecureSkipTLSVerify`, typically one bound to an
   * undici `Agent` with `connect: { rejectUnauthorized: false }`. Without it such requests verify
   * certificates as usual.
   */
  readonly insecureFetch?: typeof fetch | undefined;
  /** How long one HTTP request may take, in milliseconds (default 30 000). */
  readonly timeoutMs?: number | undefined;
  /** How many times a request is repeated after a 408, 429, 5xx or network error (default 3). */
  readonly retries?: number | undefined;
  /** The first back-off delay in milliseconds; it doubles each retry (default 200). */
  readonly backoffMs?: number | undefined;
  /** The largest `index.yaml` read, in bytes (default 64 MiB); a bigger one is an `invalid-response`. */
  readonly maxIndexBytes?: number | undefined;
  /** The most YAML alias references an index may use (default 100), against "billion laughs" documents. */
  readonly maxAliasCount?: number | undefined;
  /** How long a fetched index is reused for the same URL, in milliseconds (default 60 000; 0 turns caching off). */
  readonly cacheTtlMs?: number | undefined;
  /** The clock the cache reads, in epoch milliseconds (default `Date.now`). */
  readonly now?: (() => number) | undefined;
  /** The `User-Agent` header (default `waybill`). */
  readonly userAgent?: string | undefined;
  /**
   * The registry port OCI charts are listed through. By default one is made with
   * `createRegistryAdapter` from {@link HelmAdapterOptions.registryOptions}, with
   * {@link HelmAdapterOptions.credentials} answering its credential lookups.
   */
  readonly registry?: RegistryPort | undefined;
  /** Options of the registry adapter made for OCI charts (its `credentials` come from this adapter's). */
  readonly registryOptions?: Omit<RegistryAdapterOptions, 'credentials'> | undefined;
}
