import type { GetImageRequest, ImageMetadata, ListImageTagsRequest, Page, PortResult, RegistryPort } from '../../ports/index.js';
import { resolveRepository } from './address.js';
import { createRegistryClient } from './client.js';
import { failure } from './failures.js';
import { listTagPage } from './list-tags.js';
import type { RegistryAdapterOptions } from './options.js';
import { readImage, type ReadContext } from './read-image.js';

/** Tags are 1 to 128 characters of `[A-Za-z0-9_.-]`, not starting with `.` or `-`. */
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

/**
 * Creates a {@link RegistryPort} that reads OCI distribution (v2) registries over `fetch`: Docker
 * Hub, GHCR, ECR, Harbor, `distribution` and the like. Tags are listed with `Link` pagination;
 * images are read with digest verification, their config blobs give build times, indexes give
 * platforms. Anonymous, basic and bearer-token authentication are handled; rate limits, server
 * errors and network errors are retried with back-off. Every outcome is a `PortResult`.
 */
export function createRegistryAdapter(options: RegistryAdapterOptions = {}): RegistryPort {
  const client = createRegistryClient(options);
  const context = (repository: string, signal: AbortSignal | undefined, insecure: boolean | undefined): ReadContext | undefined => {
    const address = typeof repository === 'string' ? resolveRepository(repository, options.plainHttp) : undefined;
    return address === undefined ? undefined : { client, address, repository, signal, insecure };
  };
  const notARepository = (repository: unknown) =>
    ({ ok: false, failure: failure('not-found', `${JSON.stringify(repository)} is not an image repository reference`, false) }) as const;
  const cancelled = (subject: string) => ({ ok: false, failure: failure('cancelled', `${subject}: cancelled`, false) }) as const;
  return {
    async listTags(request: ListImageTagsRequest): Promise<PortResult<Page<string>>> {
      if (request.signal?.aborted) return cancelled(`repository ${request.repository}`);
      const ctx = context(request.repository, request.signal, request.insecureSkipTLSVerify);
      if (ctx === undefined) return notARepository(request.repository);
      return listTagPage(ctx, request.cursor, request.pageSize);
    },
    async getImage(request: GetImageRequest): Promise<PortResult<ImageMetadata>> {
      if (request.signal?.aborted) return cancelled(`image ${request.repository}:${request.tag}`);
      const ctx = context(request.repository, request.signal, request.insecureSkipTLSVerify);
      if (ctx === undefined) return notARepository(request.repository);
      if (typeof request.tag !== 'string' || !TAG.test(request.tag)) {
        return { ok: false, failure: failure('not-found', `${JSON.stringify(request.tag)} is not a valid tag of ${request.repository}`, false) };
      }
      return readImage(ctx, request.tag);
    },
  };
}
