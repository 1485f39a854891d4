import { createIssue, type Issue } from '../errors/index.js';
import { err, ok, type Result } from '../result.js';
import { compareBytewise } from './compare-bytewise.js';
import { toEpochMillis } from './dates.js';
import { readDiscoveryLimit } from './limits.js';
import { matchesPlatform, parsePlatform, type PlatformConstraint } from './platform.js';
import { allowedBy, compareVersionedDescending, readConstraint, readVersion, type Versioned } from './semver-support.js';
import { IMAGE_FIELDS, readSubscription } from './read-subscription.js';
import { keepBest, takeBest } from './take-best.js';
import { checkDeprecatedTagFields, compileTagFilter, type TagFilter } from './tag-filter.js';
import type { ImageCandidate, ImageSelectionStrategy, ImageSubscriptionFields, ImageSubscriptionLike } from './types.js';

const IMAGE_STRATEGIES: readonly string[] = ['SemVer', 'Lexical', 'NewestBuild', 'Digest'] satisfies ImageSelectionStrategy[];

/** Keeps the well-formed candidates (an object with a string tag) and reports the others. */
export function readImageCandidates(candidates: readonly ImageCandidate[], issues: Issue[]): ImageCandidate[] {
  if (!Array.isArray(candidates)) {
    issues.push(createIssue('DISCOVERY_INVALID_INPUT', 'image candidates must be a list', { path: ['candidates'] }));
    return [];
  }
  const out: ImageCandidate[] = [];
  for (let i = 0; i < candidates.length; i++) {
    const c = candidates[i] as unknown;
    if (typeof c === 'object' && c !== null && typeof (c as { tag?: unknown }).tag === 'string') out.push(c as ImageCandidate);
    else issues.push(createIssue('DISCOVERY_INVALID_INPUT', 'an image candidate must be an object with a string `tag`', { path: ['candidates', i] }));
  }
  return out;
}

// Kargo sorts, then fetches images one by one and skips those without the platform until it has
// `limit`; the platform test depends only on the candidate, so filtering first gives the same list
// and lets the best `limit` be kept in one pass.
function selectBySemVer(sub: ImageSubscriptionFields, candidates: readonly ImageCandidate[], filter: TagFilter, platform: PlatformConstraint | undefined, limit: number, issues: Issue[]): ImageCandidate[] {
  const constraint = readConstraint(sub.constraint, 'constraint', issues);
  const strict = sub.strictSemvers ?? true;
  const best = keepBest<Versioned<ImageCandidate>>(compareVersionedDescending, limit);
  for (const c of candidates) {
    if (!filter(c.tag)) continue;
    const version = readVersion(c.tag, strict);
    if (version !== undefined && allowedBy(version, constraint) && matchesPlatform(c, platform)) best.offer({ version, item: c });
  }
  return best.result().map((k) => k.item);
}

function selectByLexical(candidates: readonly ImageCandidate[], filter: TagFilter, platform: PlatformConstraint | undefined, limit: number): ImageCandidate[] {
  const kept = candidates.filter((c) => filter(c.tag) && matchesPlatform(c, platform));
  return takeBest(kept, (a, b) => compareBytewise(b.tag, a.tag), limit);
}

function selectByNewestBuild(candidates: readonly ImageCandidate[], filter: TagFilter, platform: PlatformConstraint | undefined, limit: number): ImageCandidate[] {
  const kept: { item: ImageCandidate; time: number }[] = [];
  for (const c of candidates) {
    // An image without a readable creation time sorts as the oldest (Go's zero time).
    if (filter(c.tag) && matchesPlatform(c, platform)) kept.push({ item: c, time: toEpochMillis(c.createdAt) ?? Number.NEGATIVE_INFINITY });
  }
  const newestFirst = (a: { item: ImageCandidate; time: number }, b: { item: ImageCandidate; time: number }): number =>
    a.time === b.time ? compareBytewise(b.item.tag, a.item.tag) : a.time < b.time ? 1 : -1;
  return takeBest(kept, newestFirst, limit).map((k) => k.item);
}

function selectByDigest(sub: ImageSubscriptionFields, candidates: readonly ImageCandidate[], platform: PlatformConstraint | undefined, issues: Issue[]): ImageCandidate[] {
  const tag = sub.constraint ?? '';
  if (tag === '') {
    issues.push(createIssue('DISCOVERY_DIGEST_CONSTRAINT_REQUIRED', 'constraint must be set when imageSelectionStrategy is Digest', { path: ['constraint'] }));
    return [];
  }
  // A missing tag is "nothing found", not an error; so is an image without the wanted platform.
  const found = candidates.find((c) => c.tag === tag);
  return found !== undefined && matchesPlatform(found, platform) ? [found] : [];
}

/**
 * Picks images for an image subscription from the tags a registry listed, best first, cut to
 * `discoveryLimit`, with Kargo's rules:
 * - SemVer (the default): tags that pass the allow/ignore regexes, parse as versions (whole
 *   `M.m.p` only when `strictSemvers`, which defaults to true as Kargo's admission sets it) and
 *   satisfy `constraint`; highest version first, ties by original text descending.
 * - Lexical: tags that pass the regexes, in bytewise descending order (`v1.9.0` above `v1.10.0`).
 * - NewestBuild: tags that pass the regexes, newest `createdAt` first, ties by tag descending.
 * - Digest: the single candidate whose tag equals `constraint`, if any.
 * With `platform`, only images whose index lists exactly that platform count (single-platform
 * images never do), and skipped images do not use up the limit.
 * Bad settings (regex, constraint, platform, removed `allowTags`/`ignoreTags`) are issues.
 */
export function selectImages(subscription: ImageSubscriptionLike, candidates: readonly ImageCandidate[]): Result<ImageCandidate[]> {
  const issues: Issue[] = [];
  const sub = readSubscription<ImageSubscriptionFields>(subscription, IMAGE_FIELDS, 'image', issues);
  if (sub === undefined) return err(issues);
  const strategy = sub.imageSelectionStrategy || 'SemVer';
  if (!IMAGE_STRATEGIES.includes(strategy)) {
    issues.push(
      createIssue('DISCOVERY_UNSUPPORTED_STRATEGY', `image selection strategy ${JSON.stringify(strategy)} is not supported (use SemVer, Lexical, NewestBuild or Digest)`, {
        path: ['imageSelectionStrategy'],
      }),
    );
  }
  checkDeprecatedTagFields(sub, issues);
  const limit = readDiscoveryLimit(sub.discoveryLimit, issues);
  const platform = sub.platform ? parsePlatform(sub.platform, issues) : undefined;
  const filter = compileTagFilter(sub, issues);
  const listed = readImageCandidates(candidates, issues);
  let selected: ImageCandidate[] = [];
  switch (strategy) {
    case 'SemVer':
      selected = selectBySemVer(sub, listed, filter, platform, limit, issues);
      break;
    case 'Lexical':
      selected = selectByLexical(listed, filter, platform, limit);
      break;
    case 'NewestBuild':
      selected = selectByNewestBuild(listed, filter, platform, limit);
      break;
    case 'Digest':
      selected = selectByDigest(sub, listed, platform, issues);
      break;
    default:
      break;
  }
  return issues.length > 0 ? err(issues) : ok(selected);
}
