import { createIssue, type Issue } from '../errors/index.js';
import { compareVersionsWithOriginal, parseConstraint, parseVersion, satisfiesParsed, type Constraint, type Version } from '../versions/index.js';

/** A candidate paired with its parsed version, so each text is parsed once. */
export interface Versioned<T> {
  readonly version: Version;
  readonly item: T;
}

/**
 * Parses a subscription's Masterminds constraint; an empty or missing constraint means "any".
 * A bad constraint is reported at `field`.
 */
export function readConstraint(text: string | undefined, field: string, issues: Issue[]): Constraint | undefined {
  if (text === undefined || text === '') return undefined;
  const parsed = parseConstraint(text);
  if (parsed.ok) return parsed.value;
  const reason = parsed.issues[0]?.message ?? 'invalid constraint';
  issues.push(createIssue('DISCOVERY_INVALID_CONSTRAINT', `error parsing semver constraint ${JSON.stringify(text)}: ${reason}`, { path: [field] }));
  return undefined;
}

/** Parses a version with Kargo's rules (loose, or also strict `M.m.p` when `strict`). */
export function readVersion(text: string, strict: boolean): Version | undefined {
  return parseVersion(text, { strict });
}

/** True when the version satisfies the constraint, or there is none. */
export function allowedBy(version: Version, constraint: Constraint | undefined): boolean {
  return constraint === undefined || satisfiesParsed(version, constraint);
}

/**
 * Orders best first: higher precedence first; equal precedence (`1.0` and `1.0.0`, `v1.0.0` and
 * `1.0.0`, different build metadata) goes to the original text compared bytewise, descending.
 */
export function compareVersionedDescending<T>(a: Versioned<T>, b: Versioned<T>): number {
  return compareVersionsWithOriginal(b.version, a.version);
}
