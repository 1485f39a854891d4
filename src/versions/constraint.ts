import type { Version } from './version.js';

/** A comparison operator as written in a constraint (`''` is a bare version, which means `=`). */
export type ConstraintOperator = '' | '=' | '!=' | '>' | '<' | '>=' | '=>' | '<=' | '=<' | '~' | '~>' | '^';

/** What a comparator does, with the aliases folded (`=>` is `>=`, `~>` is `~`, a bare version is `=`). */
export type ComparatorKind = 'eq' | 'ne' | 'gt' | 'lt' | 'ge' | 'le' | 'tilde' | 'caret';

/**
 * Which part of the comparator's version is a wildcard (`x`, `X`, `*`) or left out; the parts after
 * it are ignored. `'major'`: `*`, `x.1.2`; `'minor'`: `1`, `1.x`; `'patch'`: `1.2`, `1.2.*`.
 * Masterminds calls such a comparator "dirty".
 */
export type ComparatorWildcard = 'none' | 'major' | 'minor' | 'patch';

/** One comparison, such as `>=1.2` or `^v1`. */
export interface Comparator {
  readonly operator: ConstraintOperator;
  readonly kind: ComparatorKind;
  /** Operator and version as written, without spaces (`>= 1.2` becomes `>=1.2`). */
  readonly text: string;
  /**
   * The base version: wildcard or missing parts become 0 and build metadata of a wildcard
   * comparator is dropped (`1.2.x-rc` has base `1.2.0-rc`).
   */
  readonly version: Version;
  readonly wildcard: ComparatorWildcard;
}

/** A group of comparators that must all accept a version (joined by spaces or commas). */
export interface ConstraintGroup {
  readonly comparators: readonly Comparator[];
  /**
   * True when some comparator of the group has a prerelease. Only then may a prerelease version
   * satisfy the group (and then whatever its major, minor and patch).
   */
  readonly includesPrerelease: boolean;
}

/** A parsed constraint: OR-groups (`||`) of AND-ed comparators. */
export interface Constraint {
  /** The text as given. */
  readonly text: string;
  readonly groups: readonly ConstraintGroup[];
  /** Comparators joined by a space and groups by ` || ` (Masterminds `String()`). */
  readonly normalized: string;
}
