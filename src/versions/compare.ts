import { scanVersion, type ScanMode } from './scan-version.js';
import { compareVersionSegments, MAX_VERSION_SEGMENT, type Version, type VersionSegment } from './version.js';

const LOOSE: ScanMode = { strict: false, allowV: true };

/**
 * The value of a prerelease identifier when Go's `strconv.ParseUint(s, 10, 64)` accepts it (only
 * digits, at most uint64), else `undefined` (the identifier is alphanumeric).
 */
function numericIdentifier(s: string): VersionSegment | undefined {
  const n = s.length;
  if (n === 0) return undefined;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return undefined;
  }
  if (n <= 15) return Number(s);
  const big = BigInt(s);
  if (big > MAX_VERSION_SEGMENT) return undefined;
  return big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
}

/** Compares one prerelease identifier with another, as Masterminds does. */
function compareIdentifiers(s: string, o: string): -1 | 0 | 1 {
  if (s === o) return 0;
  // A missing identifier (the shorter prerelease ran out) is lower.
  if (s === '') return -1;
  if (o === '') return 1;
  const sn = numericIdentifier(s);
  const on = numericIdentifier(o);
  if (sn === undefined && on === undefined) return s > o ? 1 : -1;
  if (on === undefined) return -1;
  if (sn === undefined) return 1;
  // Masterminds answers -1 for numerically equal identifiers that differ in text ("1" vs "01",
  // which no parsed version holds); kept so that hand-built versions order exactly as in Kargo.
  return sn > on ? 1 : -1;
}

/**
 * Compares two prerelease strings (without their `-`) by precedence: identifier by identifier; a
 * missing identifier is lower; numeric identifiers compare as numbers and sort below
 * alphanumeric ones; alphanumeric identifiers compare bytewise (`Alpha` < `alpha`); a run of
 * digits too large for uint64 counts as alphanumeric.
 */
export function comparePrereleases(a: string, b: string): -1 | 0 | 1 {
  if (a === b) return 0;
  const as = a.split('.');
  const bs = b.split('.');
  const n = Math.max(as.length, bs.length);
  for (let i = 0; i < n; i++) {
    const d = compareIdentifiers(as[i] ?? '', bs[i] ?? '');
    if (d !== 0) return d;
  }
  return 0;
}

/** Precedence of two parsed versions (the hot path: no parsing, no allocation for releases). */
export function compareParsedVersions(a: Version, b: Version): -1 | 0 | 1 {
  const ma = a.major;
  const mb = b.major;
  if (ma !== mb) {
    const d = compareVersionSegments(ma, mb);
    if (d !== 0) return d;
  }
  const na = a.minor;
  const nb = b.minor;
  if (na !== nb) {
    const d = compareVersionSegments(na, nb);
    if (d !== 0) return d;
  }
  const pa = a.patch;
  const pb = b.patch;
  if (pa !== pb) {
    const d = compareVersionSegments(pa, pb);
    if (d !== 0) return d;
  }
  const ra = a.prerelease;
  const rb = b.prerelease;
  if (ra === rb) return 0;
  // A release is above any of its prereleases.
  if (ra === '') return 1;
  if (rb === '') return -1;
  return comparePrereleases(ra, rb);
}

function toVersion(v: string | Version): Version | undefined {
  if (typeof v === 'string') return scanVersion(v, LOOSE);
  return typeof v === 'object' && v !== null ? v : undefined;
}

/**
 * Compares two versions by semantic version precedence, exactly as Masterminds `Compare` (and so
 * Kargo) does: major, minor and patch as numbers; a release above its prereleases; prereleases
 * identifier by identifier (see {@link comparePrereleases}); build metadata ignored, so
 * `1.0.0+a` equals `1.0.0+b`, and `1.0` equals `v1.0.0`.
 *
 * Strings are parsed with the loose parser. A string that is not a version sorts below every
 * version, and two such strings compare bytewise, so the result is still a total preorder that
 * sorts can rely on; check with {@link parseVersion} first when invalid input matters.
 */
export function compareVersions(a: string | Version, b: string | Version): -1 | 0 | 1 {
  const va = toVersion(a);
  const vb = toVersion(b);
  if (va !== undefined && vb !== undefined) return compareParsedVersions(va, vb);
  if (va !== undefined) return 1;
  if (vb !== undefined) return -1;
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/**
 * The order Kargo sorts discovered versions in, ascending: by precedence, and versions of equal
 * precedence (`1.0` and `1.0.0`, `v1.0.0` and `1.0.0`, differing metadata) by their original text,
 * bytewise. Reverse it (or use {@link sortVersionsDescending}) for Kargo's best-first order, in
 * which `v1.0.0 > v1 > 1.0.0 > 1.0 > 1`.
 */
export function compareVersionsWithOriginal(a: Version, b: Version): -1 | 0 | 1 {
  const d = compareParsedVersions(a, b);
  if (d !== 0) return d;
  const oa = a.original;
  const ob = b.original;
  return oa < ob ? -1 : oa > ob ? 1 : 0;
}

/** Returns a new array of the versions, best first, in Kargo's discovery order. */
export function sortVersionsDescending<V extends Version>(versions: readonly V[]): V[] {
  return [...versions].sort((a, b) => compareVersionsWithOriginal(b, a));
}

/** Returns a new array of the versions, lowest first (precedence, then original text). */
export function sortVersionsAscending<V extends Version>(versions: readonly V[]): V[] {
  return [...versions].sort(compareVersionsWithOriginal);
}
