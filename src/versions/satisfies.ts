import { createIssue } from '../errors/issue.js';
import { err, ok, type Result } from '../result.js';
import { checkComparator, type RejectionReason } from './check-comparator.js';
import type { Constraint } from './constraint.js';
import { parseConstraint } from './parse-constraint.js';
import { parseVersionResult } from './parse-version.js';
import { scanVersion, type ScanMode } from './scan-version.js';
import type { Version } from './version.js';

const LOOSE: ScanMode = { strict: false, allowV: true };

// Callers often pass the same constraint text for every tag; parsing it once per text keeps
// `satisfies(tag, "^1.2")` in a loop cheap. Bounded so that a stream of distinct texts cannot grow
// it without limit.
const CACHE_LIMIT = 256;
const constraintCache = new Map<string, Constraint | null>();

function constraintOf(constraint: string | Constraint): Constraint | undefined {
  if (typeof constraint !== 'string') {
    return typeof constraint === 'object' && constraint !== null ? constraint : undefined;
  }
  const cached = constraintCache.get(constraint);
  if (cached !== undefined) return cached ?? undefined;
  const parsed = parseConstraint(constraint);
  if (constraintCache.size >= CACHE_LIMIT) constraintCache.clear();
  constraintCache.set(constraint, parsed.ok ? parsed.value : null);
  return parsed.ok ? parsed.value : undefined;
}

function versionOf(version: string | Version): Version | undefined {
  if (typeof version === 'string') return scanVersion(version, LOOSE);
  return typeof version === 'object' && version !== null ? version : undefined;
}

/** True when some OR-group of the parsed constraint accepts the parsed version. */
export function satisfiesParsed(version: Version, constraint: Constraint): boolean {
  const groups = constraint.groups;
  for (let g = 0; g < groups.length; g++) {
    const group = groups[g]!;
    const comparators = group.comparators;
    const includePrerelease = group.includesPrerelease;
    let accepted = true;
    for (let i = 0; i < comparators.length; i++) {
      if (checkComparator(version, comparators[i]!, includePrerelease) !== undefined) {
        accepted = false;
        break;
      }
    }
    if (accepted) return true;
  }
  return false;
}

/**
 * True when the version satisfies the constraint, with Masterminds semver v3 semantics (those of
 * Kargo's `constraint` and `semverConstraint` fields). Strings are parsed (the version with the
 * loose parser); a version or constraint that does not parse satisfies nothing, so check with
 * `parseVersionResult` / `parseConstraint` when you need to tell the cases apart.
 *
 * Prereleases: a prerelease version can only satisfy an OR-group that has a comparator with a
 * prerelease, and then it is compared normally whatever its numbers (`>=1.2.3-alpha` admits
 * `1.5.0-beta`).
 */
export function satisfies(version: string | Version, constraint: string | Constraint): boolean {
  const c = constraintOf(constraint);
  if (c === undefined) return false;
  const v = versionOf(version);
  if (v === undefined) return false;
  return satisfiesParsed(v, c);
}

/** One comparator (or, for the prerelease gate, one whole group) that rejected a version. */
export interface ComparatorRejection {
  /** Index of the OR-group. */
  readonly group: number;
  /** Index of the comparator within the group; `null` when the whole group rejects (prerelease gate). */
  readonly index: number | null;
  /** The comparator as written (`>=1.2`), or the group's comparators joined by spaces. */
  readonly comparator: string;
  readonly reason: RejectionReason;
  /** The same in words. */
  readonly message: string;
}

/** Why a version does or does not satisfy a constraint. */
export interface ConstraintExplanation {
  readonly satisfied: boolean;
  /** The first OR-group that accepts the version, or `null`. */
  readonly matchedGroup: number | null;
  /** Every rejection in every group when the version is not satisfied; empty when it is. */
  readonly rejections: readonly ComparatorRejection[];
}

function describeRejection(version: string, comparator: string, reason: RejectionReason): string {
  switch (reason) {
    case 'prerelease-excluded':
      return `${version} is a prerelease, and "${comparator}" admits prereleases only when one of its comparisons has a prerelease (e.g. ">=1.0.0-0")`;
    case 'too-low':
      return `${version} is too low for "${comparator}"`;
    case 'too-high':
      return `${version} is too high for "${comparator}"`;
    case 'not-equal':
      return `${version} is not equal to "${comparator}"`;
    case 'equal':
      return `${version} is excluded by "${comparator}"`;
    case 'major-differs':
      return `${version} has a different major version than "${comparator}" allows`;
    case 'minor-differs':
      return `${version} has a different minor version than "${comparator}" allows`;
    case 'patch-differs':
      return `${version} has a different patch version than "${comparator}" allows`;
  }
}

/**
 * Says which comparators reject a version, group by group, for messages such as "why was tag
 * 1.5.0-rc.1 not picked?". Fails with `VERSION_INVALID` or `VERSION_INVALID_CONSTRAINT` when an
 * input does not parse.
 */
export function explainConstraint(version: string | Version, constraint: string | Constraint): Result<ConstraintExplanation> {
  let c: Constraint;
  if (typeof constraint === 'string') {
    const parsed = parseConstraint(constraint);
    if (!parsed.ok) return parsed;
    c = parsed.value;
  } else if (typeof constraint === 'object' && constraint !== null) {
    c = constraint;
  } else {
    return err(createIssue('VERSION_INVALID_CONSTRAINT', 'expected a constraint string or a parsed constraint'));
  }
  let v: Version;
  if (typeof version === 'string') {
    const parsed = parseVersionResult(version);
    if (!parsed.ok) return parsed;
    v = parsed.value;
  } else if (typeof version === 'object' && version !== null) {
    v = version;
  } else {
    return err(createIssue('VERSION_INVALID', 'expected a version string or a parsed version'));
  }

  const rejections: ComparatorRejection[] = [];
  for (let g = 0; g < c.groups.length; g++) {
    const group = c.groups[g]!;
    if (v.prerelease !== '' && !group.includesPrerelease) {
      const text = group.comparators.map((x) => x.text).join(' ');
      rejections.push({
        group: g,
        index: null,
        comparator: text,
        reason: 'prerelease-excluded',
        message: describeRejection(v.original, text, 'prerelease-excluded'),
      });
      continue;
    }
    let accepted = true;
    group.comparators.forEach((comparator, index) => {
      const reason = checkComparator(v, comparator, group.includesPrerelease);
      if (reason === undefined) return;
      accepted = false;
      rejections.push({
        group: g,
        index,
        comparator: comparator.text,
        reason,
        message: describeRejection(v.original, comparator.text, reason),
      });
    });
    if (accepted) return ok({ satisfied: true, matchedGroup: g, rejections: [] });
  }
  return ok({ satisfied: false, matchedGroup: null, rejections });
}
