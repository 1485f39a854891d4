import { MAX_VERSION_SEGMENT, type Version, type VersionSegment } from './version.js';

// A hand-written single pass over the text instead of a regular expression: discovery parses
// hundreds of thousands of tags, and this scanner does no backtracking and allocates only the
// result. It accepts exactly the language of Masterminds' loose version regex plus its follow-up
// checks (uint64 segments, no leading zero in a numeric prerelease identifier).

/** Why a text failed to scan, for messages. Filled only when a caller asks for it. */
export interface VersionScanFailure {
  reason: VersionFailureReason;
  /** 0-based offset of the offending character in the text. */
  offset: number;
}

/** The kinds of failure the version scanner reports. */
export type VersionFailureReason =
  | 'empty'
  | 'v-prefix-not-allowed'
  | 'expected-digit'
  | 'unexpected-character'
  | 'segment-overflow'
  | 'empty-prerelease-identifier'
  | 'prerelease-leading-zero'
  | 'empty-metadata-identifier'
  | 'strict-missing-segment'
  | 'strict-leading-zero';

/** How strictly to scan. */
export interface ScanMode {
  /** Require all three numbers and no leading zeros in them (Kargo's strict check). */
  readonly strict: boolean;
  /** Accept one lowercase `v` before the major number. */
  readonly allowV: boolean;
}

const DOT = 46;
const DASH = 45;
const PLUS = 43;
const LOWER_V = 118;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** `[0-9A-Za-z-]`: the characters of prerelease and metadata identifiers. */
export function isIdentifierChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === DASH;
}

function fail(into: VersionScanFailure | undefined, reason: VersionFailureReason, offset: number): undefined {
  if (into !== undefined) {
    into.reason = reason;
    into.offset = offset;
  }
  return undefined;
}

/**
 * Reads the digits in `text[start, end)` as a uint64, returning a number when it is safe and a
 * bigint above that, or `undefined` when it overflows uint64. `approx` is the value accumulated
 * in floating point while scanning: it is exact whenever it is at most `MAX_SAFE_INTEGER`.
 */
function segmentValue(text: string, start: number, end: number, approx: number): VersionSegment | undefined {
  if (approx <= Number.MAX_SAFE_INTEGER) return approx;
  const big = BigInt(text.slice(start, end));
  return big > MAX_VERSION_SEGMENT ? undefined : big;
}

/**
 * Scans one identifier list (`a.b.c`) starting at `i`; returns the index after it, or a negative
 * number (`-1 - offset`) where it failed. Numeric prerelease identifiers may not have leading zeros.
 */
function scanIdentifiers(
  text: string,
  i: number,
  prerelease: boolean,
  into: VersionScanFailure | undefined,
): number {
  const n = text.length;
  for (;;) {
    const start = i;
    let numeric = true;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (isDigit(c)) {
        i++;
      } else if (isIdentifierChar(c)) {
        numeric = false;
        i++;
      } else {
        break;
      }
    }
    if (i === start) {
      fail(into, prerelease ? 'empty-prerelease-identifier' : 'empty-metadata-identifier', start);
      return -1 - start;
    }
    if (prerelease && numeric && i - start > 1 && text.charCodeAt(start) === 48) {
      fail(into, 'prerelease-leading-zero', start);
      return -1 - start;
    }
    if (i < n && text.charCodeAt(i) === DOT) {
      i++;
      continue;
    }
    return i;
  }
}

/**
 * Scans `text` as a version. Returns the version, or `undefined` (filling `into`, when given, with
 * the reason). Never throws for any string.
 */
export function scanVersion(text: string, mode: ScanMode, into?: VersionScanFailure): Version | undefined {
  const n = text.length;
  if (n === 0) return fail(into, 'empty', 0);
  let i = 0;
  let hasV = false;
  if (text.charCodeAt(0) === LOWER_V) {
    if (!mode.allowV) return fail(into, 'v-prefix-not-allowed', 0);
    hasV = true;
    i = 1;
  }

  // Major, then optional minor and patch; each a run of digits.
  let canonical = true;
  let leadingZeroAt = -1;
  let segments = 0;
  let major: VersionSegment = 0;
  let minor: VersionSegment = 0;
  let patch: VersionSegment = 0;
  for (;;) {
    const start = i;
    let approx = 0;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c < 48 || c > 57) break;
      approx = approx * 10 + (c - 48);
      i++;
    }
    if (i === start) return fail(into, 'expected-digit', start);
    if (i - start > 1 && text.charCodeAt(start) === 48) {
      canonical = false;
      if (leadingZeroAt < 0) leadingZeroAt = start;
    }
    const value = segmentValue(text, start, i, approx);
    if (value === undefined) return fail(into, 'segment-overflow', start);
    if (segments === 0) major = value;
    else if (segments === 1) minor = value;
    else patch = value;
    segments++;
    if (segments === 3 || i >= n || text.charCodeAt(i) !== DOT) break;
    i++;
  }

  let prerelease = '';
  let metadata = '';
  if (i < n && text.charCodeAt(i) === DASH) {
    const end = scanIdentifiers(text, i + 1, true, into);
    if (end < 0) return undefined;
    prerelease = text.slice(i + 1, end);
    i = end;
  }
  if (i < n && text.charCodeAt(i) === PLUS) {
    const end = scanIdentifiers(text, i + 1, false, into);
    if (end < 0) return undefined;
    metadata = text.slice(i + 1, end);
    i = end;
  }
  if (i !== n) return fail(into, 'unexpected-character', i);

  if (mode.strict) {
    if (segments < 3) return fail(into, 'strict-missing-segment', n);
    if (!canonical) return fail(into, 'strict-leading-zero', leadingZeroAt);
  }

  let normalized: string;
  if (canonical && segments === 3) {
    normalized = hasV ? text.slice(1) : text;
  } else {
    normalized = `${major}.${minor}.${patch}`;
    if (prerelease !== '') normalized += `-${prerelease}`;
    if (metadata !== '') normalized += `+${metadata}`;
  }
  return { major, minor, patch, prerelease, metadata, original: text, normalized };
}
