import type { ConstraintOperator } from './constraint.js';
import { isIdentifierChar } from './scan-version.js';

// Hand-written scanners for the Masterminds constraint grammar. They accept exactly what its
// regular expressions accept (Go RE2, leftmost-first), including the odd corners: a version
// segment is any run of `[0-9|xX*]` (so `x.1|2` is a wildcard and `1|2` reaches the version
// parser and fails there), `\s` is only `[\t\n\f\r ]`, and hyphen ranges are found as substrings.

const DOT = 46;
const DASH = 45;
const PLUS = 43;
const COMMA = 44;
const LOWER_V = 118;

/** Go RE2 `\s`: tab, newline, form feed, carriage return, space (not vertical tab, not Unicode). */
export function isConstraintSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 12 || c === 13;
}

/** `[0-9|xX*]`: the characters of a constraint version segment (the `|` is Masterminds' own). */
function isSegmentChar(c: number): boolean {
  return (c >= 48 && c <= 57) || c === 120 || c === 88 || c === 42 || c === 124;
}

/** Offsets of one version inside a constraint (end offsets exclusive; -1 when absent). */
export interface VersionSpan {
  readonly start: number;
  readonly end: number;
  readonly majorStart: number;
  readonly majorEnd: number;
  readonly minorStart: number;
  readonly minorEnd: number;
  readonly patchStart: number;
  readonly patchEnd: number;
  /** The prerelease without its `-`. */
  readonly preStart: number;
  readonly preEnd: number;
}

function skipSpaces(text: string, i: number): number {
  const n = text.length;
  while (i < n && isConstraintSpace(text.charCodeAt(i))) i++;
  return i;
}

function skipSegment(text: string, i: number): number {
  const n = text.length;
  while (i < n && isSegmentChar(text.charCodeAt(i))) i++;
  return i;
}

function skipIdentifiers(text: string, i: number): number {
  const n = text.length;
  for (;;) {
    while (i < n && isIdentifierChar(text.charCodeAt(i))) i++;
    if (i + 1 < n && text.charCodeAt(i) === DOT && isIdentifierChar(text.charCodeAt(i + 1))) {
      i++;
      continue;
    }
    return i;
  }
}

/**
 * Scans the longest constraint version starting at `i`:
 * `v?SEG(.SEG)?(.SEG)?(-ID(.ID)*)?(+ID(.ID)*)?`. Each optional part is taken only when the
 * character after its delimiter can continue it, which is also what the regular expression's
 * preference and backtracking end up choosing.
 */
export function scanConstraintVersion(text: string, i: number): VersionSpan | undefined {
  const n = text.length;
  const start = i;
  if (i < n && text.charCodeAt(i) === LOWER_V) i++;
  const majorStart = i;
  i = skipSegment(text, i);
  if (i === majorStart) return undefined;
  const majorEnd = i;
  let minorStart = -1;
  let minorEnd = -1;
  let patchStart = -1;
  let patchEnd = -1;
  if (i + 1 < n && text.charCodeAt(i) === DOT && isSegmentChar(text.charCodeAt(i + 1))) {
    minorStart = i + 1;
    i = minorEnd = skipSegment(text, minorStart);
    if (i + 1 < n && text.charCodeAt(i) === DOT && isSegmentChar(text.charCodeAt(i + 1))) {
      patchStart = i + 1;
      i = patchEnd = skipSegment(text, patchStart);
    }
  }
  let preStart = -1;
  let preEnd = -1;
  if (i + 1 < n && text.charCodeAt(i) === DASH && isIdentifierChar(text.charCodeAt(i + 1))) {
    preStart = i + 1;
    i = preEnd = skipIdentifiers(text, preStart);
  }
  if (i + 1 < n && text.charCodeAt(i) === PLUS && isIdentifierChar(text.charCodeAt(i + 1))) {
    i = skipIdentifiers(text, i + 1);
  }
  return { start, end: i, majorStart, majorEnd, minorStart, minorEnd, patchStart, patchEnd, preStart, preEnd };
}

/** Reads the operator at `i` (the longest one; `''` when none). */
export function scanOperator(text: string, i: number): { operator: ConstraintOperator; end: number } {
  const c = text.charCodeAt(i);
  const next = text.charCodeAt(i + 1);
  switch (c) {
    case 61: // =
      if (next === 62) return { operator: '=>', end: i + 2 };
      if (next === 60) return { operator: '=<', end: i + 2 };
      return { operator: '=', end: i + 1 };
    case 33: // !
      if (next === 61) return { operator: '!=', end: i + 2 };
      return { operator: '', end: i };
    case 62: // >
      if (next === 61) return { operator: '>=', end: i + 2 };
      return { operator: '>', end: i + 1 };
    case 60: // <
      if (next === 61) return { operator: '<=', end: i + 2 };
      return { operator: '<', end: i + 1 };
    case 126: // ~
      if (next === 62) return { operator: '~>', end: i + 2 };
      return { operator: '~', end: i + 1 };
    case 94: // ^
      return { operator: '^', end: i + 1 };
    default:
      return { operator: '', end: i };
  }
}

/** One comparison found in a group: its operator and version. */
export interface ScannedComparator {
  readonly operator: ConstraintOperator;
  /** Offset of the operator (or of the version, for a bare version). */
  readonly start: number;
  readonly version: VersionSpan;
}

/** Why a group does not scan, and where (0-based offset within the group). */
export interface GroupScanFailure {
  readonly kind: 'empty' | 'expected-version' | 'expected-separator';
  readonly offset: number;
}

/**
 * Scans one OR-group: `\s* OP \s* VER \s* ((\s+ | ,\s*) OP \s* VER \s*)*` covering the whole text.
 * Returns the comparators, or where the text stops fitting the grammar.
 */
export function scanGroup(text: string): ScannedComparator[] | GroupScanFailure {
  const n = text.length;
  let i = skipSpaces(text, 0);
  if (i === n) return { kind: 'empty', offset: i };
  const out: ScannedComparator[] = [];
  for (;;) {
    const start = i;
    const op = scanOperator(text, i);
    i = skipSpaces(text, op.end);
    const version = scanConstraintVersion(text, i);
    if (version === undefined) return { kind: 'expected-version', offset: i };
    out.push({ operator: op.operator, start, version });
    const afterVersion = version.end;
    i = skipSpaces(text, afterVersion);
    if (i === n) return out;
    if (text.charCodeAt(i) === COMMA) {
      i = skipSpaces(text, i + 1);
    } else if (i === afterVersion) {
      return { kind: 'expected-separator', offset: i };
    }
  }
}

/** True when the text has a `-` with whitespace on both sides: only then can it hold a hyphen range. */
function mayHoldRange(text: string): boolean {
  let from = 0;
  for (;;) {
    const k = text.indexOf('-', from);
    if (k < 0) return false;
    if (k > 0 && isConstraintSpace(text.charCodeAt(k - 1)) && isConstraintSpace(text.charCodeAt(k + 1))) return true;
    from = k + 1;
  }
}

interface RangeMatch {
  readonly end: number;
  readonly text: string;
  readonly low: string;
  readonly high: string;
}

/** Matches `\s*VER\s+-\s+VER\s*` at exactly `p`, the way the leftmost-first engine would. */
function matchRangeAt(text: string, p: number): RangeMatch | undefined {
  const n = text.length;
  const lowStart = skipSpaces(text, p);
  const low = scanConstraintVersion(text, lowStart);
  if (low === undefined) return undefined;
  // A shorter version would be followed by a version character, never by the required space,
  // so only the longest one can start a range.
  let i = low.end;
  if (i >= n || !isConstraintSpace(text.charCodeAt(i))) return undefined;
  i = skipSpaces(text, i);
  if (text.charCodeAt(i) !== DASH) return undefined;
  i++;
  if (i >= n || !isConstraintSpace(text.charCodeAt(i))) return undefined;
  const highStart = skipSpaces(text, i);
  const high = scanConstraintVersion(text, highStart);
  if (high === undefined) return undefined;
  const end = skipSpaces(text, high.end);
  return {
    end,
    text: text.slice(p, end),
    low: text.slice(lowStart, low.end),
    high: text.slice(highStart, high.end),
  };
}

/**
 * Rewrites hyphen ranges (`A - B`, spaces required around the `-`) into `>= A, <= B `, exactly
 * as Masterminds does before anything else: every match is found first, then each matched text
 * is replaced at its first occurrence. The match swallows the spaces around it, so `>=1 2 - 3`
 * becomes `>=1>= 2, <= 3 ` (which then fails to parse, as it does in Kargo).
 */
export function rewriteRanges(text: string): string {
  if (!mayHoldRange(text)) return text;
  const matches: RangeMatch[] = [];
  const n = text.length;
  let p = 0;
  while (p < n) {
    const m = matchRangeAt(text, p);
    if (m === undefined) {
      p++;
    } else {
      matches.push(m);
      p = m.end;
    }
  }
  let out = text;
  for (const m of matches) {
    const at = out.indexOf(m.text);
    if (at >= 0) out = `${out.slice(0, at)}>= ${m.low}, <= ${m.high} ${out.slice(at + m.text.length)}`;
  }
  return out;
}
