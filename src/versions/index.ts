/**
 * Versions and constraints in the Masterminds semver v3 dialect, exactly as Kargo uses them for
 * image tags, Git tags and Helm chart versions.
 */
export type { Version, VersionSegment } from './version.js';
export { formatVersion, compareVersionSegments, MAX_VERSION_SEGMENT } from './version.js';
export { parseVersion, parseVersionResult, isVersion } from './parse-version.js';
export type { ParseVersionOptions } from './parse-version.js';
export {
  compareVersions,
  compareParsedVersions,
  comparePrereleases,
  compareVersionsWithOriginal,
  sortVersionsDescending,
  sortVersionsAscending,
} from './compare.js';
export type {
  Constraint,
  ConstraintGroup,
  Comparator,
  ComparatorKind,
  ComparatorWildcard,
  ConstraintOperator,
} from './constraint.js';
export { parseConstraint } from './parse-constraint.js';
export { satisfies, satisfiesParsed, explainConstraint } from './satisfies.js';
export type { ComparatorRejection, ConstraintExplanation } from './satisfies.js';
export type { RejectionReason } from './check-comparator.js';
