import { compareParsedVersions, comparePrereleases } from './compare.js';
import type { Comparator } from './constraint.js';
import { compareVersionSegments, type Version } from './version.js';

/**
 * Why a comparator rejects a version. `'prerelease-excluded'`: the version is a prerelease and no
 * comparator of its group has one. `'too-low'` / `'too-high'`: outside the bound.
 * `'not-equal'` / `'equal'`: failed `=` / `!=`. `'major-differs'`, `'minor-differs'`,
 * `'patch-differs'`: above the floor of `~`, `^` or a wildcard, but outside its window.
 */
export type RejectionReason =
  | 'prerelease-excluded'
  | 'too-low'
  | 'too-high'
  | 'not-equal'
  | 'equal'
  | 'major-differs'
  | 'minor-differs'
  | 'patch-differs';

// Every operator below follows Masterminds branch for branch, including the branches that look
// surprising (`<=*` admitting only 0.0.x, `^*` only 0.0.0, `!=1.2.x` with prereleases); Kargo
// users' constraints depend on them.

function checkTilde(v: Version, c: Comparator): RejectionReason | undefined {
  const base = c.version;
  if (compareParsedVersions(v, base) < 0) return 'too-low';
  // ~0.0.0, ~* and ~x accept everything at or above the base.
  if (base.major === 0 && base.minor === 0 && base.patch === 0 && c.wildcard !== 'minor' && c.wildcard !== 'patch') {
    return undefined;
  }
  if (compareVersionSegments(v.major, base.major) !== 0) return 'major-differs';
  if (c.wildcard !== 'minor' && compareVersionSegments(v.minor, base.minor) !== 0) return 'minor-differs';
  return undefined;
}

function checkCaret(v: Version, c: Comparator): RejectionReason | undefined {
  const base = c.version;
  if (compareParsedVersions(v, base) < 0) return 'too-low';
  if (base.major > 0 || c.wildcard === 'minor') {
    return compareVersionSegments(v.major, base.major) === 0 ? undefined : 'major-differs';
  }
  if (v.major > 0) return 'major-differs';
  if (base.minor > 0 || c.wildcard === 'patch') {
    return compareVersionSegments(v.minor, base.minor) === 0 ? undefined : 'minor-differs';
  }
  if (v.minor > 0) return 'minor-differs';
  return compareVersionSegments(v.patch, base.patch) === 0 ? undefined : 'patch-differs';
}

function checkNotEqual(v: Version, c: Comparator): RejectionReason | undefined {
  const base = c.version;
  const w = c.wildcard;
  if (w !== 'none') {
    if (compareVersionSegments(base.major, v.major) !== 0) return undefined;
    if (w === 'minor') return 'equal';
    if (w !== 'patch' && compareVersionSegments(base.minor, v.minor) !== 0) return undefined;
    if (w === 'patch') {
      if (compareVersionSegments(base.minor, v.minor) !== 0) return undefined;
      if (v.prerelease !== '' || base.prerelease !== '') {
        return comparePrereleases(v.prerelease, base.prerelease) !== 0 ? undefined : 'equal';
      }
      return 'equal';
    }
    if (compareVersionSegments(base.patch, v.patch) !== 0) return undefined;
  }
  return compareParsedVersions(v, base) === 0 ? 'equal' : undefined;
}

function checkGreater(v: Version, c: Comparator): RejectionReason | undefined {
  const base = c.version;
  const w = c.wildcard;
  if (w !== 'none') {
    const d = compareVersionSegments(v.major, base.major);
    if (d > 0) return undefined;
    if (d < 0) return 'too-low';
    // `>1` means 2.0.0 or above and `>1.2` means 1.3.0 or above.
    if (w === 'minor') return 'too-low';
    if (w === 'patch') return v.minor > base.minor ? undefined : 'too-low';
  }
  return compareParsedVersions(v, base) > 0 ? undefined : 'too-low';
}

function checkLessOrEqual(v: Version, c: Comparator): RejectionReason | undefined {
  const base = c.version;
  const w = c.wildcard;
  if (w === 'none') return compareParsedVersions(v, base) <= 0 ? undefined : 'too-high';
  // `<=1.2` admits all of 1.2.x and `<=1` all of 1.x.x; `<=*` only 0.0.x.
  const d = compareVersionSegments(v.major, base.major);
  if (d > 0) return 'too-high';
  if (d === 0 && w !== 'minor' && v.minor > base.minor) return 'too-high';
  return undefined;
}

/**
 * Checks one comparator against a version. `includePrerelease` is the group's gate: when false, a
 * prerelease version fails. Returns `undefined` when the comparator accepts the version.
 */
export function checkComparator(v: Version, c: Comparator, includePrerelease: boolean): RejectionReason | undefined {
  if (v.prerelease !== '' && !includePrerelease) return 'prerelease-excluded';
  switch (c.kind) {
    case 'eq':
      if (c.wildcard !== 'none') return checkTilde(v, c);
      return compareParsedVersions(v, c.version) === 0 ? undefined : 'not-equal';
    case 'ne':
      return checkNotEqual(v, c);
    case 'gt':
      return checkGreater(v, c);
    case 'lt':
      return compareParsedVersions(v, c.version) < 0 ? undefined : 'too-high';
    case 'ge':
      return compareParsedVersions(v, c.version) >= 0 ? undefined : 'too-low';
    case 'le':
      return checkLessOrEqual(v, c);
    case 'tilde':
      return checkTilde(v, c);
    case 'caret':
      return checkCaret(v, c);
  }
}
