/**
 * The port through which a Warehouse reads container image registries, and the failure and paging
 * shapes every discovery port shares.
 * @packageDocumentation
 */

/**
 * Why a port call failed:
 * - `not-found`: the repository, tag, branch or chart does not exist (HTTP 404 and the like);
 * - `unauthorized`: the credentials were refused or are missing;
 * - `transport`: the service could not be reached or answered with a server error;
 * - `invalid-response`: the service answered with something the adapter could not read (for
 *   example an image index with no usable platform, or an unknown media type);
 * - `cancelled`: the caller's `AbortSignal` fired.
 */
export type PortFailureKind = 'not-found' | 'unauthorized' | 'transport' | 'invalid-response' | 'cancelled';

/**
 * A failed port call, as data. Adapters wrap whatever went wrong at their edge into this shape,
 * once, so the core can tell "nothing there" from "try again later".
 */
export interface PortFailure {
  readonly kind: PortFailureKind;
  /** For people: what failed and where (no credentials). */
  readonly message: string;
  /** True when the same call may succeed if repeated later (timeouts, 5xx, rate limits). */
  readonly retryable: boolean;
  /** The HTTP status the service answered with, when there was one. */
  readonly status?: number | undefined;
}

/**
 * The outcome of a port call: the value, or a {@link PortFailure}. Port methods resolve to this
 * and do not reject; a core that composes ports still guards against adapters that do.
 */
export type PortResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly failure: PortFailure };

/** Options every port call takes. */
export interface PortCallOptions {
  /** Cancels the call; an adapter answers a fired signal with a `cancelled` failure. */
  readonly signal?: AbortSignal | undefined;
}

/**
 * Which page of a long listing to read. Listings are paged so that a repository with a million
 * tags never has to be held in one response.
 */
export interface PageRequest extends PortCallOptions {
  /** Where to continue: the `next` of the previous page; absent for the first page. */
  readonly cursor?: string | undefined;
  /** At most this many items (a hint; adapters may return fewer). */
  readonly pageSize?: number | undefined;
}

/** One page of a listing. */
export interface Page<T> {
  readonly items: readonly T[];
  /** The cursor of the following page; absent on the last page. */
  readonly next?: string | undefined;
}

/** Which image repository to list the tags of. */
export interface ListImageTagsRequest extends PageRequest {
  /**
   * The repository, normalized as Kargo addresses registries (`nginx` for Docker Hub's
   * `library/nginx`, `ghcr.io/org/app` elsewhere).
   */
  readonly repository: string;
  readonly insecureSkipTLSVerify?: boolean | undefined;
}

/** Which image to read. */
export interface GetImageRequest extends PortCallOptions {
  /** The normalized repository, as in {@link ListImageTagsRequest}. */
  readonly repository: string;
  readonly tag: string;
  readonly insecureSkipTLSVerify?: boolean | undefined;
}

/** One platform entry of an image index (attestation entries with an `unknown` os are left out). */
export interface ImagePlatformMetadata {
  readonly os: string;
  readonly arch: string;
  readonly variant?: string | undefined;
  /** The digest of this platform's own manifest. */
  readonly digest: string;
  /** RFC 3339: the entry's creation time, from its annotations or its image config. */
  readonly createdAt?: string | undefined;
  readonly annotations?: Readonly<Record<string, string>> | undefined;
}

/**
 * What a registry says about the image behind a tag, read the way Kargo reads it:
 * `digest` is the manifest digest (for an index, the index digest); `createdAt` comes from the
 * `org.opencontainers.image.created` or `org.label-schema.build-date` annotations, else the image
 * config (for an index: its own annotation, else the newest platform); `annotations` are the
 * manifest's (the index's). `platforms` is present only for an index or manifest list.
 */
export interface ImageMetadata {
  readonly tag: string;
  /** `algorithm:hex`, e.g. `sha256:…`. */
  readonly digest: string;
  /** RFC 3339. */
  readonly createdAt?: string | undefined;
  readonly annotations?: Readonly<Record<string, string>> | undefined;
  readonly platforms?: readonly ImagePlatformMetadata[] | undefined;
}

/**
 * A container image registry, as artifact discovery needs it: the tags of a repository, and the
 * metadata of the image behind one tag. Implementations: `createMemoryRegistry()` in
 * `waybill/adapters/memory`, the OCI distribution adapter in `waybill/adapters/registry`, or your
 * own; all must pass `registryContract` from `waybill/testing`.
 */
export interface RegistryPort {
  /**
   * One page of the repository's tags, in the registry's order. Following `next` until it is
   * absent yields every tag exactly once. A missing repository is a `not-found` failure.
   */
  listTags(request: ListImageTagsRequest): Promise<PortResult<Page<string>>>;
  /** The image a tag points to now. A missing repository or tag is a `not-found` failure. */
  getImage(request: GetImageRequest): Promise<PortResult<ImageMetadata>>;
}
