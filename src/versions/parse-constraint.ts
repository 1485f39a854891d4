import { createIssue } from '../errors/issue.js';
import type { Issue } from '../errors/issue.js';
import { err, ok, type Result } from '../result.js';
import type {
  Comparator,
  ComparatorKind,
  ComparatorWildcard,
  Constraint,
  ConstraintGroup,
  ConstraintOperator,
} from './constraint.js';
import { rewriteRanges, scanGroup, type GroupScanFailure, type ScannedComparator } from './scan-constraint.js';
import { scanVersion, type ScanMode, type VersionScanFailure } from './scan-version.js';
import { createPositionTracker, quoteText } from './text-position.js';

// Written by hand rather than translated into node-semver ranges: the two dialects disagree on
// prereleases, wildcards, `!=`, commas and several operators, and Kargo users rely on Masterminds'
// answers.

const LOOSE: ScanMode = { strict: false, allowV: true };
const MAX_ISSUES = 20;

const KINDS: Record<ConstraintOperator, ComparatorKind> = {
  '': 'eq',
  '=': 'eq',
  '!=': 'ne',
  '>': 'gt',
  '<': 'lt',
  '>=': 'ge',
  '=>': 'ge',
  '<=': 'le',
  '=<': 'le',
  '~': 'tilde',
  '~>': 'tilde',
  '^': 'caret',
};

function isWildcard(segment: string): boolean {
  return segment === 'x' || segment === 'X' || segment === '*';
}

function isDigits(s: string): boolean {
  if (s === '') return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** Explains why the base version of a comparator does not parse. */
function describeBadComparator(segments: readonly string[], versionText: string, failure: VersionScanFailure): string {
  if (failure.reason === 'segment-overflow') {
    return `${quoteText(versionText)} has a number larger than 18446744073709551615`;
  }
  if (failure.reason === 'prerelease-leading-zero') {
    return `${quoteText(versionText)} has a numeric prerelease identifier with a leading zero`;
  }
  const bad = segments.find((s) => !isDigits(s) && !isWildcard(s));
  if (bad !== undefined) {
    const within = bad === versionText ? '' : ` in ${quoteText(versionText)}`;
    return `${quoteText(bad)}${within} is neither a number nor a wildcard (x, X or *)`;
  }
  return `${quoteText(versionText)} is not a valid version`;
}

/** Builds a comparator the way Masterminds does: wildcards and missing parts become 0. */
function buildComparator(group: string, scanned: ScannedComparator): Comparator | string {
  const span = scanned.version;
  const versionText = group.slice(span.start, span.end);
  const major = group.slice(span.majorStart, span.majorEnd);
  const minor = span.minorStart < 0 ? '' : group.slice(span.minorStart, span.minorEnd);
  const patch = span.patchStart < 0 ? '' : group.slice(span.patchStart, span.patchEnd);
  const pre = span.preStart < 0 ? '' : `-${group.slice(span.preStart, span.preEnd)}`;
  let base: string;
  let wildcard: ComparatorWildcard;
  let used: string[];
  if (isWildcard(major)) {
    base = `0.0.0${pre}`;
    wildcard = 'major';
    used = [];
  } else if (minor === '' || isWildcard(minor)) {
    base = `${major}.0.0${pre}`;
    wildcard = 'minor';
    used = [major];
  } else if (patch === '' || isWildcard(patch)) {
    base = `${major}.${minor}.0${pre}`;
    wildcard = 'patch';
    used = [major, minor];
  } else {
    // A complete version keeps its `v` and metadata; the metadata never matters to precedence.
    base = versionText;
    wildcard = 'none';
    used = [major, minor, patch];
  }
  const failure: VersionScanFailure = { reason: 'empty', offset: 0 };
  const version = scanVersion(base, LOOSE, failure);
  if (version === undefined) return describeBadComparator(used, versionText, failure);
  return {
    operator: scanned.operator,
    kind: KINDS[scanned.operator],
    text: scanned.operator + versionText,
    version,
    wildcard,
  };
}

function describeInvalidGroup(
  text: string,
  exact: boolean,
  parts: readonly string[],
  index: number,
  failure: GroupScanFailure,
): string {
  const part = parts[index] ?? '';
  const head = `invalid constraint ${quoteText(text)}`;
  if (failure.kind === 'empty') {
    if (parts.length > 1) return `${head}: alternative ${index + 1} is empty ("||" needs a constraint on each side)`;
    return `${head}: it is empty (leave the field unset to mean "no constraint")`;
  }
  let where = parts.length > 1 ? `alternative ${index + 1} (${quoteText(part)}): ` : '';
  if (!exact) {
    // The hyphen range took the spaces around it, so the text no longer reads as the user wrote it.
    where =
      `after rewriting hyphen ranges the text reads ${quoteText(parts.join('||'))} ` +
      '(a range swallows the spaces around it: put it first or after a comma); ' +
      where;
  }
  return `${head}: ${where}${describeGroupFailure(part, failure)}`;
}

function describeGroupFailure(group: string, failure: GroupScanFailure): string {
  if (failure.kind === 'empty') return 'is empty';
  const rest = group.slice(failure.offset);
  const found = rest === '' ? 'the end' : quoteText(rest, 12);
  if (failure.kind === 'expected-separator') {
    const hint = rest.startsWith('&&') ? ' ("&&" is not an operator: a space or a comma already means AND)' : '';
    return `expected a space or a comma before ${found}${hint}`;
  }
  let hint = '';
  if (rest.startsWith('&')) hint = ' ("&&" is not an operator: a space or a comma already means AND)';
  else if (rest.startsWith('=')) hint = ' ("~=" and "==" are not operators; use "~" or "=")';
  else if (rest.startsWith('V')) hint = ' (only a lowercase "v" prefix is allowed)';
  else if (rest.startsWith('-')) hint = ' (a hyphen range needs spaces around the "-": "1.2 - 1.4")';
  else if (rest.startsWith('!')) hint = ' (use "!=")';
  return `expected a version at ${found}${hint}`;
}

/**
 * Parses a constraint in the Masterminds semver v3 dialect that Kargo uses (not node-semver's).
 *
 * - `||` separates alternatives; inside one, comparators joined by spaces or commas must all hold.
 * - Operators: `=` (or none), `!=`, `>`, `<`, `>=` (`=>`), `<=` (`=<`), `~` (`~>`), `^`; a space may
 *   follow the operator (`>= 1.2`).
 * - Versions may start with `v` and be partial or use wildcards `x`, `X`, `*` (`1`, `1.2`, `1.x`, `*`).
 * - `A - B` (spaces required) means `>= A, <= B`; `1.2-1.4` is the version 1.2.0-1.4, not a range.
 * - The empty text is not a constraint.
 *
 * Never throws; an invalid constraint gives `VERSION_INVALID_CONSTRAINT` issues, one per bad part,
 * with the column where it goes wrong when that can be known.
 */
export function parseConstraint(text: string): Result<Constraint> {
  if (typeof text !== 'string') {
    return err(
      createIssue('VERSION_INVALID_CONSTRAINT', `expected a constraint string, got ${text === null ? 'null' : typeof text}`),
    );
  }
  const rewritten = rewriteRanges(text);
  // Columns are only reported when no range was rewritten: then offsets map 1:1 onto the input.
  const exact = rewritten === text;
  const parts = rewritten.split('||');
  const issues: Issue[] = [];
  const groups: ConstraintGroup[] = [];
  const positionAt = createPositionTracker(text);
  let offset = 0;
  let dropped = 0;
  parts.forEach((part, index) => {
    if (issues.length >= MAX_ISSUES) {
      // A pathological text (thousands of empty alternatives) must not produce thousands of issues.
      const rest = scanGroup(part);
      if (!Array.isArray(rest) || rest.some((c) => typeof buildComparator(part, c) === 'string')) dropped++;
      offset += part.length + 2;
      return;
    }
    const scanned = scanGroup(part);
    if (!Array.isArray(scanned)) {
      const position = exact ? positionAt(offset + scanned.offset) : undefined;
      issues.push(
        createIssue('VERSION_INVALID_CONSTRAINT', describeInvalidGroup(text, exact, parts, index, scanned), {
          line: position?.line,
          column: position?.column,
        }),
      );
    } else {
      const comparators: Comparator[] = [];
      let includesPrerelease = false;
      for (const s of scanned) {
        const built = buildComparator(part, s);
        if (typeof built === 'string') {
          const position = exact ? positionAt(offset + s.version.start) : undefined;
          issues.push(
            createIssue('VERSION_INVALID_CONSTRAINT', `invalid constraint ${quoteText(text)}: ${built}`, {
              line: position?.line,
              column: position?.column,
            }),
          );
        } else {
          if (built.version.prerelease !== '') includesPrerelease = true;
          comparators.push(built);
        }
      }
      groups.push({ comparators, includesPrerelease });
    }
    offset += part.length + 2;
  });
  if (dropped > 0) {
    issues.push(
      createIssue('VERSION_INVALID_CONSTRAINT', `invalid constraint ${quoteText(text)}: ${dropped} more alternatives are invalid`),
    );
  }
  if (issues.length > 0) return err(issues);
  const normalized = groups.map((g) => g.comparators.map((c) => c.text).join(' ')).join(' || ');
  return ok({ text, groups, normalized });
}
