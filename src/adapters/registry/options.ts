/** What a credentials lookup is asked about: the registry host (as users name it) and the repository. */
export interface RegistryCredentialsTarget {
  /** The registry as users configure it: `docker.io` for Docker Hub, else the host (with any port). */
  readonly registry: string;
  /** The repository path inside the registry, e.g. `library/nginx`. */
  readonly repository: string;
}

/**
 * Credentials for one registry: a user name and password (or access token used as a password),
 * or a ready-made bearer token sent as it is.
 */
export type RegistryCredentials = { readonly username: string; readonly password: string } | { readonly bearerToken: string };

/** Looks up the credentials for a registry; `undefined` means anonymous access. */
export type RegistryCredentialsLookup = (target: RegistryCredentialsTarget) => RegistryCredentials | undefined | Promise<RegistryCredentials | undefined>;

/** Options of `createRegistryAdapter`. Every field has a sensible default. */
export interface RegistryAdapterOptions {
  /** Credentials per registry. They are sent only to the registry and its token service, never logged nor put in failure messages. */
  readonly credentials?: RegistryCredentialsLookup | undefined;
  /** The `fetch` to use (default: the global one). */
  readonly fetch?: typeof fetch | undefined;
  /**
   * The `fetch` used for requests that ask for `insecureSkipTLSVerify`, typically one bound to an
   * undici `Agent` with `connect: { rejectUnauthorized: false }`. Without it such requests verify
   * certificates as usual.
   */
  readonly insecureFetch?: typeof fetch | undefined;
  /**
   * Registries reached over plain HTTP: `true` for all, or a list of hosts (`host:port`). Loopback
   * hosts (`localhost`, `127.0.0.0/8`, `[::1]`) always use HTTP, as Docker and Kargo do.
   */
  readonly plainHttp?: boolean | readonly string[] | undefined;
  /** How long one HTTP request may take, in milliseconds (default 30 000). */
  readonly timeoutMs?: number | undefined;
  /** How many times a failed request is repeated after a 5xx, 429 or transport error (default 3). */
  readonly retries?: number | undefined;
  /** The first back-off delay in milliseconds; it doubles each retry, with jitter (default 200). */
  readonly backoffMs?: number | undefined;
  /** The longest wait honoured from a `Retry-After` header or back-off, in milliseconds (default 30 000). */
  readonly maxDelayMs?: number | undefined;
  /** How many HTTP requests this adapter keeps in flight at once, across all calls (default 8). */
  readonly concurrency?: number | undefined;
  /** The `User-Agent` header (default `waybill`). */
  readonly userAgent?: string | undefined;
}
