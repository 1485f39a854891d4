/**
 * One of a version's three numbers. Masterminds stores them as uint64; JavaScript numbers are exact
 * only up to 2^53 - 1, so a segment above `Number.MAX_SAFE_INTEGER` is a `bigint` and every other
 * segment is a plain `number`.
 */
export type VersionSegment = number | bigint;

/**
 * A parsed semantic version, as Masterminds semver v3 (the library Kargo uses) understands it.
 * Objects are plain data: they can be cloned, compared with deep equality and spread.
 */
export interface Version {
  readonly major: VersionSegment;
  readonly minor: VersionSegment;
  readonly patch: VersionSegment;
  /** The prerelease without its leading `-` (`rc.1`), or `''`. */
  readonly prerelease: string;
  /** The build metadata without its leading `+` (`build.5`), or `''`. Ignored by precedence. */
  readonly metadata: string;
  /** The text exactly as given, `v` prefix and leading zeros included (Masterminds `Original()`). */
  readonly original: string;
  /** `MAJOR.MINOR.PATCH[-PRERELEASE][+METADATA]`, without `v` or leading zeros (Masterminds `String()`). */
  readonly normalized: string;
}

/** The largest value a segment may hold (Go's `math.MaxUint64`). */
export const MAX_VERSION_SEGMENT = 18446744073709551615n;

/** Builds the normalized text of a version from its parts. */
export function formatVersion(parts: {
  readonly major: VersionSegment;
  readonly minor: VersionSegment;
  readonly patch: VersionSegment;
  readonly prerelease: string;
  readonly metadata: string;
}): string {
  let text = `${parts.major}.${parts.minor}.${parts.patch}`;
  if (parts.prerelease !== '') text += `-${parts.prerelease}`;
  if (parts.metadata !== '') text += `+${parts.metadata}`;
  return text;
}

/** Compares two segments numerically, whether each is a `number` or a `bigint`. */
export function compareVersionSegments(a: VersionSegment, b: VersionSegment): -1 | 0 | 1 {
  // Relational operators compare number and bigint exactly, so mixed pairs need no conversion.
  return a < b ? -1 : a > b ? 1 : 0;
}
