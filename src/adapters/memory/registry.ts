import { normalizeImageURL } from '../../discovery/index.js';
import { WaybillError } from '../../errors/index.js';
import { sha1Hex } from '../../freight/index.js';
import type {
  GetImageRequest,
  ImageMetadata,
  ImagePlatformMetadata,
  ListImageTagsRequest,
  Page,
  PortCallOptions,
  PortFailure,
  PortResult,
  RegistryPort,
} from '../../ports/index.js';

/** One platform of an image index pushed to a {@link MemoryRegistry}. */
export interface MemoryImagePlatform {
  readonly os: string;
  readonly arch: string;
  readonly variant?: string | undefined;
  /** Made up from the content when left out. */
  readonly digest?: string | undefined;
  readonly createdAt?: string | Date | undefined;
  readonly annotations?: Readonly<Record<string, string>> | undefined;
}

/** An image pushed to a {@link MemoryRegistry}: a tag, and what the registry knows about it. */
export interface MemoryImage {
  readonly tag: string;
  /** Made up (`sha256:` + 64 hex digits, derived from the content) when left out. */
  readonly digest?: string | undefined;
  /** For an index, defaults to the newest platform's time. */
  readonly createdAt?: string | Date | undefined;
  readonly annotations?: Readonly<Record<string, string>> | undefined;
  /** Present for a multi-platform image (an index); absent for a single-platform one. */
  readonly platforms?: readonly MemoryImagePlatform[] | undefined;
}

/** What a failure injected with `fail` looks like; `kind` defaults to `transport`. */
export interface InjectedFailure {
  readonly kind?: PortFailure['kind'] | undefined;
  readonly message?: string | undefined;
  readonly retryable?: boolean | undefined;
  readonly status?: number | undefined;
}

/** A {@link RegistryPort} held in memory, with ways to push images and to make it fail. */
export interface MemoryRegistry extends RegistryPort {
  /**
   * Pushes an image under a tag (moving the tag if it exists; a new tag goes last in the listing
   * order). `repository` may be written any way Kargo accepts (`nginx`, `docker.io/library/nginx`).
   */
  push(repository: string, image: MemoryImage): void;
  /** Pushes many single-platform images at once: a fast way to fill a repository with tags. */
  pushTags(repository: string, tags: readonly string[]): void;
  /** Deletes a tag; true when it existed. */
  remove(repository: string, tag: string): boolean;
  /** Makes every call about `repository` fail with `failure` until {@link MemoryRegistry.heal}. */
  fail(repository: string, failure?: InjectedFailure): void;
  /** Ends an injected failure. */
  heal(repository: string): void;
  /** Every call made, in order: `listTags <repository>` and `getImage <repository>:<tag>`. */
  readonly requests: readonly string[];
}

/** Options of {@link createMemoryRegistry}. */
export interface MemoryRegistryOptions {
  /** The largest page `listTags` returns (default 1000). */
  readonly maxPageSize?: number | undefined;
}

interface StoredRepository {
  /** Tags in listing order. */
  tags: string[];
  /** Every tag, for lookups. */
  known: Set<string>;
  /** What was pushed with `push`; tags from `pushTags` have no entry. */
  readonly images: Map<string, MemoryImage>;
}

const DEFAULT_PAGE_SIZE = 1000;

/** Reads an RFC 3339 time (or Date) given to a memory adapter; a bad one is a mistake in the calling test. */
export function memoryTime(value: string | Date | undefined, what: string): string | undefined {
  if (value === undefined) return undefined;
  const ms = value instanceof Date ? value.getTime() : Date.parse(value);
  if (Number.isNaN(ms)) throw new WaybillError('INTERNAL', `${what} is not a valid time: ${String(value)}`);
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** A made-up but well-formed sha256 digest, the same for the same seed. */
export function memoryDigest(seed: string): string {
  return `sha256:${(sha1Hex(`a:${seed}`) + sha1Hex(`b:${seed}`)).slice(0, 64)}`;
}

/** A `PortFailure` built from an injected one. */
export function injectedFailure(subject: string, injected: InjectedFailure): PortFailure {
  const kind = injected.kind ?? 'transport';
  const failure: PortFailure = {
    kind,
    message: injected.message ?? `${subject}: simulated ${kind} failure`,
    retryable: injected.retryable ?? kind === 'transport',
  };
  return injected.status === undefined ? failure : { ...failure, status: injected.status };
}

/** The `cancelled` failure a fired signal gets, or undefined. */
export function cancelledFailure(options: PortCallOptions, subject: string): PortFailure | undefined {
  return options.signal?.aborted ? { kind: 'cancelled', message: `${subject}: cancelled`, retryable: false } : undefined;
}

/** Cuts one page out of a list, with the offset as the cursor. */
export function pageOf<T>(items: readonly T[], cursor: string | undefined, pageSize: number | undefined, maxPageSize: number): PortResult<Page<T>> {
  const start = cursor === undefined || cursor === '' ? 0 : Number(cursor);
  if (!Number.isSafeInteger(start) || start < 0 || start > items.length) {
    return { ok: false, failure: { kind: 'invalid-response', message: `unknown page cursor ${JSON.stringify(cursor)}`, retryable: false } };
  }
  const size = pageSize !== undefined && Number.isInteger(pageSize) && pageSize > 0 ? Math.min(pageSize, maxPageSize) : maxPageSize;
  const end = Math.min(items.length, start + size);
  const page: Page<T> = end < items.length ? { items: items.slice(start, end), next: String(end) } : { items: items.slice(start, end) };
  return { ok: true, value: page };
}

function describeImage(repository: string, image: MemoryImage): ImageMetadata {
  const seed = JSON.stringify([repository, image.tag, image.createdAt ?? null, image.annotations ?? null, image.platforms ?? null]);
  const platforms = image.platforms?.map((p, i): ImagePlatformMetadata => {
    const createdAt = memoryTime(p.createdAt, `platform ${i} createdAt`);
    return {
      os: p.os,
      arch: p.arch,
      ...(p.variant ? { variant: p.variant } : {}),
      digest: p.digest ?? memoryDigest(`${seed}#${p.os}/${p.arch}/${p.variant ?? ''}`),
      ...(createdAt !== undefined ? { createdAt } : {}),
      ...(p.annotations !== undefined ? { annotations: { ...p.annotations } } : {}),
    };
  });
  let createdAt = memoryTime(image.createdAt, `createdAt of ${image.tag}`);
  if (createdAt === undefined && platforms !== undefined) {
    // An index without its own time takes the newest of its platforms', as Kargo reads it.
    for (const p of platforms) if (p.createdAt !== undefined && (createdAt === undefined || p.createdAt > createdAt)) createdAt = p.createdAt;
  }
  return {
    tag: image.tag,
    digest: image.digest ?? memoryDigest(seed),
    ...(createdAt !== undefined ? { createdAt } : {}),
    ...(image.annotations !== undefined ? { annotations: { ...image.annotations } } : {}),
    ...(platforms !== undefined ? { platforms } : {}),
  };
}

/**
 * Creates an empty in-memory container registry. Tags are listed in the order they were first
 * pushed, in pages whose cursor is an offset. Digests that are not given are derived from the
 * image's content, so the same pushes always give the same digests.
 */
export function createMemoryRegistry(options: MemoryRegistryOptions = {}): MemoryRegistry {
  const maxPageSize = options.maxPageSize ?? DEFAULT_PAGE_SIZE;
  const repositories = new Map<string, StoredRepository>();
  const failures = new Map<string, InjectedFailure>();
  const requests: string[] = [];
  const key = (repository: string): string => normalizeImageURL(repository);
  const stored = (repository: string): StoredRepository => {
    let repo = repositories.get(key(repository));
    if (repo === undefined) {
      repo = { tags: [], known: new Set(), images: new Map() };
      repositories.set(key(repository), repo);
    }
    return repo;
  };
  const checkTag = (tag: unknown): void => {
    if (typeof tag !== 'string' || tag === '') throw new WaybillError('INTERNAL', `an image needs a non-empty tag, got ${JSON.stringify(tag)}`);
  };
  const precheck = (request: PortCallOptions & { repository: string }, subject: string): PortFailure | undefined => {
    requests.push(subject);
    const cancelled = cancelledFailure(request, subject);
    if (cancelled !== undefined) return cancelled;
    const injected = failures.get(key(request.repository));
    return injected === undefined ? undefined : injectedFailure(subject, injected);
  };
  return {
    push(repository, image) {
      checkTag(image?.tag);
      // Times are checked now, so that a mistake shows up where it was made.
      describeImage(key(repository), image);
      const repo = stored(repository);
      if (!repo.known.has(image.tag)) {
        repo.known.add(image.tag);
        repo.tags.push(image.tag);
      }
      repo.images.set(image.tag, image);
    },
    pushTags(repository, tags) {
      for (const tag of tags) checkTag(tag);
      const repo = stored(repository);
      // Tags alone, without image objects: a million of them must stay cheap.
      if (repo.tags.length === 0) {
        repo.known = new Set(tags);
        repo.tags = repo.known.size === tags.length ? [...tags] : [...repo.known];
        return;
      }
      for (const tag of tags) {
        if (repo.known.has(tag)) continue;
        repo.known.add(tag);
        repo.tags.push(tag);
      }
    },
    remove(repository, tag) {
      const repo = repositories.get(key(repository));
      if (repo === undefined || !repo.known.delete(tag)) return false;
      repo.images.delete(tag);
      repo.tags.splice(repo.tags.indexOf(tag), 1);
      return true;
    },
    fail(repository, failure = {}) {
      failures.set(key(repository), failure);
    },
    heal(repository) {
      failures.delete(key(repository));
    },
    get requests() {
      return requests;
    },
    async listTags(request: ListImageTagsRequest): Promise<PortResult<Page<string>>> {
      const failure = precheck(request, `listTags ${request.repository}`);
      if (failure !== undefined) return { ok: false, failure };
      const repo = repositories.get(key(request.repository));
      if (repo === undefined) return { ok: false, failure: { kind: 'not-found', message: `repository ${request.repository} not found`, retryable: false, status: 404 } };
      return pageOf(repo.tags, request.cursor, request.pageSize, maxPageSize);
    },
    async getImage(request: GetImageRequest): Promise<PortResult<ImageMetadata>> {
      const failure = precheck(request, `getImage ${request.repository}:${request.tag}`);
      if (failure !== undefined) return { ok: false, failure };
      const repo = repositories.get(key(request.repository));
      if (repo === undefined) return { ok: false, failure: { kind: 'not-found', message: `repository ${request.repository} not found`, retryable: false, status: 404 } };
      if (!repo.known.has(request.tag)) return { ok: false, failure: { kind: 'not-found', message: `tag ${request.tag} not found in ${request.repository}`, retryable: false, status: 404 } };
      const image = repo.images.get(request.tag) ?? { tag: request.tag };
      return { ok: true, value: describeImage(key(request.repository), image) };
    },
  };
}
