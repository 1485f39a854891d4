import type { ImageMetadata, RegistryPort } from '../ports/index.js';
import type { Issue } from '../errors/index.js';
import { formatKubeTime } from './dates.js';
import { addScopedIssues, callPort, DiscoveryStopped, omitEmpty, readAllPages, type SubscriptionScope } from './discover-support.js';
import type { DiscoveredImage, ImageDiscoveryResult } from './discover-types.js';
import { normalizeImageURL } from '../urls/index.js';
import { matchesPlatform, parsePlatform, type PlatformConstraint } from './platform.js';
import { selectImages } from './select-images.js';
import type { ImageCandidate, ImageSubscriptionFields, ImageSubscriptionLike } from './types.js';

/** Selection with the issues moved under the subscription's path; stops discovery on an error. */
function select(scope: SubscriptionScope, sub: ImageSubscriptionFields, candidates: readonly ImageCandidate[]): ImageCandidate[] {
  const selected = selectImages(sub as ImageSubscriptionLike, candidates);
  if (!selected.ok) {
    addScopedIssues(scope, selected.issues);
    throw new DiscoveryStopped();
  }
  return selected.value;
}

async function readImage(scope: SubscriptionScope, registry: RegistryPort, repository: string, tag: string, sub: ImageSubscriptionFields, tolerateMissing = false): Promise<ImageMetadata | undefined> {
  const read = await callPort(
    scope,
    `reading the image ${repository}:${tag}`,
    () => registry.getImage({ repository, tag, signal: scope.signal, insecureSkipTLSVerify: sub.insecureSkipTLSVerify === true }),
    tolerateMissing ? ['not-found'] : [],
  );
  return read.ok ? read.value : undefined;
}

/** The reference Kargo records for an image; with a platform, its annotations overlay the index's. */
function toReference(image: ImageCandidate, platform: PlatformConstraint | undefined): DiscoveredImage {
  let annotations = image.annotations;
  if (platform !== undefined) {
    const entry = (image.platforms as ImageMetadata['platforms'])?.find((p) => p.os === platform.os && p.arch === platform.arch && (p.variant ?? '') === platform.variant);
    if (entry?.annotations !== undefined) annotations = { ...annotations, ...entry.annotations };
  }
  return omitEmpty<DiscoveredImage>({
    tag: image.tag,
    digest: image.digest ?? '',
    annotations: annotations !== undefined && Object.keys(annotations).length > 0 ? { ...annotations } : undefined,
    createdAt: image.createdAt === undefined ? undefined : formatKubeTime(image.createdAt),
  });
}

/** Runs `work` over `items` with at most `limit` in flight, keeping the input order in the output. */
async function mapConcurrently<T, U>(items: readonly T[], limit: number, work: (item: T) => Promise<U>): Promise<U[]> {
  const out: U[] = new Array<U>(items.length);
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    // After one failure no new work starts: Kargo aborts the whole pass on the first error.
    while (next < items.length && !failed) {
      const index = next++;
      try {
        out[index] = await work(items[index] as T);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return out;
}

/**
 * Reads images in the selector's order, one at a time, until `limit` of them satisfy the platform
 * constraint (misses do not count), as Kargo does for SemVer and Lexical. The order is asked of the
 * selector for a growing prefix, so a repository with a million tags never gets a full sort when
 * the first few images are enough.
 */
async function readInOrder(scope: SubscriptionScope, registry: RegistryPort, repository: string, sub: ImageSubscriptionFields, tags: readonly ImageCandidate[], limit: number, platform: PlatformConstraint | undefined): Promise<ImageMetadata[]> {
  const unconstrained: ImageSubscriptionFields = { ...sub, platform: undefined };
  const read: ImageMetadata[] = [];
  let kept = 0;
  let prefix = Number.isFinite(limit) ? limit : 0;
  let done = 0;
  for (;;) {
    const order = select(scope, { ...unconstrained, discoveryLimit: prefix }, tags);
    for (; done < order.length && kept < limit; done++) {
      const image = await readImage(scope, registry, repository, (order[done] as ImageCandidate).tag, sub);
      if (image === undefined) continue;
      read.push(image);
      if (matchesPlatform(image, platform)) kept++;
    }
    // A shorter order than asked for means every eligible tag has been seen.
    if (kept >= limit || prefix === 0 || order.length < prefix) return read;
    prefix *= 2;
  }
}

/**
 * Discovers the images of one image subscription through a registry, in Kargo's order of work:
 * SemVer and Lexical read image metadata in selection order until the limit is met; NewestBuild
 * reads every eligible tag (the creation time decides); Digest reads the one tag it follows, and a
 * tag that does not exist is an empty result. Failures stop discovery with an issue naming the
 * subscription and its repository.
 */
export async function discoverImageSubscription(scope: SubscriptionScope, registry: RegistryPort, sub: ImageSubscriptionFields, subscriptionName: string | undefined, concurrency: number): Promise<ImageDiscoveryResult> {
  // Settings are checked before anything is listed, as Kargo builds its selector first.
  select(scope, sub, []);
  const repository = normalizeImageURL(sub.repoURL);
  const strategy = sub.imageSelectionStrategy || 'SemVer';
  const platformIssues: Issue[] = [];
  const platform = sub.platform ? parsePlatform(sub.platform, platformIssues) : undefined;
  let selected: ImageCandidate[];
  if (strategy === 'Digest') {
    const image = await readImage(scope, registry, repository, sub.constraint ?? '', sub, true);
    selected = image === undefined ? [] : select(scope, sub, [image]);
  } else {
    const tags = (await readAllPages(scope, `listing the tags of ${repository}`, (cursor) =>
      registry.listTags({ repository, cursor, pageSize: scope.pageSize, signal: scope.signal, insecureSkipTLSVerify: sub.insecureSkipTLSVerify === true }),
    )).map((tag): ImageCandidate => ({ tag: String(tag) }));
    const limit = sub.discoveryLimit === undefined || sub.discoveryLimit === 0 ? Number.POSITIVE_INFINITY : sub.discoveryLimit;
    let images: ImageMetadata[];
    if (strategy === 'NewestBuild') {
      // Every tag that passes the name filters is read; the creation times decide the order.
      const eligible = select(scope, { ...sub, imageSelectionStrategy: 'Lexical', platform: undefined, discoveryLimit: 0 }, tags);
      const read = await mapConcurrently(eligible, concurrency, (c) => readImage(scope, registry, repository, c.tag, sub));
      images = read.filter((i): i is ImageMetadata => i !== undefined);
    } else {
      images = await readInOrder(scope, registry, repository, sub, tags, limit, platform);
    }
    selected = select(scope, sub, images);
  }
  return omitEmpty<ImageDiscoveryResult>({
    repoURL: sub.repoURL,
    platform: sub.platform,
    references: selected.map((image) => toReference(image, platform)),
    subscriptionName,
  });
}
