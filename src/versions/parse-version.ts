import { createIssue } from '../errors/issue.js';
import { err, ok, type Result } from '../result.js';
import { scanVersion, type ScanMode, type VersionFailureReason, type VersionScanFailure } from './scan-version.js';
import { positionOf, quoteText } from './text-position.js';
import type { Version } from './version.js';

/** Options of {@link parseVersion}. */
export interface ParseVersionOptions {
  /**
   * Kargo's strict check (`strictSemvers`, on by default for tag discovery): on top of the loose
   * rules, all three numbers must be present and none may have a leading zero. `v1.2.3` passes;
   * `1.2`, `1` and `01.2.3` do not. Default `false` (the loose Masterminds parser).
   */
  readonly strict?: boolean;
  /**
   * Accept one lowercase `v` before the major number. Default `true`. `{ strict: true, vPrefix:
   * false }` is Masterminds' `StrictNewVersion`, which Kargo applies to OCI chart tags.
   */
  readonly vPrefix?: boolean;
}

const LOOSE: ScanMode = { strict: false, allowV: true };
const STRICT: ScanMode = { strict: true, allowV: true };
const LOOSE_NO_V: ScanMode = { strict: false, allowV: false };
const STRICT_NO_V: ScanMode = { strict: true, allowV: false };

function modeOf(options: ParseVersionOptions | undefined): ScanMode {
  if (options === undefined) return LOOSE;
  const noV = options.vPrefix === false;
  if (options.strict === true) return noV ? STRICT_NO_V : STRICT;
  return noV ? LOOSE_NO_V : LOOSE;
}

/**
 * Parses a version the way Kargo does (Masterminds semver v3 `NewVersion`, and Kargo's strict
 * check when `strict` is set). Returns `undefined` for anything that is not a version; use
 * {@link parseVersionResult} to learn why.
 *
 * Loose rules: an optional lowercase `v`; minor and patch may be left out (`1.2` is 1.2.0);
 * leading zeros in the numbers are accepted (`01.02.03` is 1.2.3); each number fits in a uint64;
 * prerelease and metadata identifiers are non-empty `[0-9A-Za-z-]`, and a numeric prerelease
 * identifier has no leading zero. No surrounding whitespace.
 */
export function parseVersion(text: string, options?: ParseVersionOptions): Version | undefined {
  if (typeof text !== 'string') return undefined;
  return scanVersion(text, modeOf(options));
}

/** True when {@link parseVersion} accepts the text with these options. */
export function isVersion(text: string, options?: ParseVersionOptions): boolean {
  return parseVersion(text, options) !== undefined;
}

const REASONS: Record<VersionFailureReason, string> = {
  empty: 'the text is empty',
  'v-prefix-not-allowed': 'a "v" prefix is not allowed here',
  'expected-digit': 'expected a digit',
  'unexpected-character': 'unexpected character',
  'segment-overflow': 'the number is larger than 18446744073709551615',
  'empty-prerelease-identifier': 'a prerelease identifier is empty',
  'prerelease-leading-zero': 'a numeric prerelease identifier has a leading zero',
  'empty-metadata-identifier': 'a build metadata identifier is empty',
  'strict-missing-segment': 'strict mode needs all three numbers (MAJOR.MINOR.PATCH)',
  'strict-leading-zero': 'strict mode does not allow a leading zero in MAJOR, MINOR or PATCH',
};

/** Describes why a text is not a version, in words, e.g. `unexpected character "V" at column 1`. */
export function describeVersionFailure(text: string, failure: VersionScanFailure): string {
  const base = REASONS[failure.reason];
  if (failure.reason === 'empty' || failure.reason === 'strict-missing-segment') return base;
  const ch = text.charAt(failure.offset);
  const found = ch === '' ? 'at the end' : `${JSON.stringify(ch)} at column ${failure.offset + 1}`;
  if (failure.reason === 'expected-digit' || failure.reason === 'unexpected-character') {
    return `${base}, found ${found}`;
  }
  return `${base} (column ${failure.offset + 1})`;
}

/**
 * Like {@link parseVersion}, but returns a `Result` whose `VERSION_INVALID` issue says why the text
 * is not a version and where (1-based column within the text).
 */
export function parseVersionResult(text: string, options?: ParseVersionOptions): Result<Version> {
  if (typeof text !== 'string') {
    return err(createIssue('VERSION_INVALID', `expected a version string, got ${text === null ? 'null' : typeof text}`));
  }
  const failure: VersionScanFailure = { reason: 'empty', offset: 0 };
  const version = scanVersion(text, modeOf(options), failure);
  if (version !== undefined) return ok(version);
  const position = failure.reason === 'empty' ? undefined : positionOf(text, failure.offset);
  return err(
    createIssue('VERSION_INVALID', `${quoteText(text)} is not a valid version: ${describeVersionFailure(text, failure)}`, {
      line: position?.line,
      column: position?.column,
    }),
  );
}
