import { createIssue, prefixIssuePath } from '../errors/issue.js';
import { err, ok, type Result } from '../result.js';
import { compileBaseDir } from './base-dir.js';
import { compileGlob } from './glob.js';
import { compileRegex } from './regex.js';

/** How a pattern text is read: by its prefix, or as the fallback for text without one. */
export type PatternKind = 'exact' | 'glob' | 'regex' | 'baseDir';

/** A compiled pattern: what it was compiled from, and its predicate. */
export interface PatternMatcher {
  /** How the text was read. `regexp:` texts have kind `regex`. */
  readonly kind: PatternKind;
  /** The text as given, prefix included. */
  readonly text: string;
  /** The pattern without its prefix (the exact name, the glob, the expression, the directory). */
  readonly pattern: string;
  /** True when `value` matches: whole-string for exact, glob and base directory; unanchored for regex. */
  readonly matches: (value: string) => boolean;
}

/** Options of {@link compilePattern}. */
export interface CompilePatternOptions {
  /**
   * How text without a known prefix is read: `exact` (names: Stage selectors, the default) or
   * `baseDir` (paths: Git `includePaths` / `excludePaths`).
   */
  fallback?: 'exact' | 'baseDir';
  /**
   * What to do with text that has a `:` but whose prefix is not `glob`, `regex` or `regexp`:
   * `error` (the default for `exact`: Kargo's admission webhook rejects such names, since a
   * Kubernetes name cannot hold `:`) or `literal` (read it with the fallback, as Kargo does at run
   * time; the default for `baseDir`).
   */
  unknownPrefix?: 'error' | 'literal';
}

const PREFIXES: readonly (readonly [string, 'glob' | 'regex'])[] = [
  ['glob:', 'glob'],
  ['regex:', 'regex'],
  ['regexp:', 'regex'],
];

/**
 * Compiles one of Kargo's pattern texts: `glob:<doublestar glob>`, `regex:<RE2>` or
 * `regexp:<RE2>` (unanchored), or, without a prefix, an exact name (or a base directory with
 * `fallback: 'baseDir'`). Compile once and reuse the matcher. Bad globs and regexes, and unknown
 * prefixes on names, come back as issues (`PATTERN_INVALID_GLOB`, `PATTERN_INVALID_REGEX`,
 * `PATTERN_UNKNOWN_KIND`).
 */
export function compilePattern(text: string, options: CompilePatternOptions = {}): Result<PatternMatcher> {
  const fallback = options.fallback ?? 'exact';
  for (const [prefix, kind] of PREFIXES) {
    if (!text.startsWith(prefix)) continue;
    const pattern = text.slice(prefix.length);
    const compiled = kind === 'glob' ? compileGlob(pattern) : compileRegex(pattern);
    if (!compiled.ok) return compiled;
    return ok({ kind, text, pattern, matches: compiled.value });
  }
  const unknownPrefix = options.unknownPrefix ?? (fallback === 'exact' ? 'error' : 'literal');
  const colon = text.indexOf(':');
  if (colon >= 0 && unknownPrefix === 'error') {
    const prefix = text.slice(0, colon);
    return err(
      createIssue('PATTERN_UNKNOWN_KIND', `invalid pattern identifier ${JSON.stringify(prefix)}: must be "regex", "regexp" or "glob"`),
    );
  }
  if (fallback === 'baseDir') return ok({ kind: 'baseDir', text, pattern: text, matches: compileBaseDir(text) });
  return ok({ kind: 'exact', text, pattern: text, matches: (value: string) => value === text });
}

/** Compiles a name pattern (exact by default), as Kargo reads `stageSelector.name`. */
export function compileNamePattern(text: string): Result<PatternMatcher> {
  return compilePattern(text);
}

/** Compiles a path pattern (base directory by default), as Kargo reads Git `includePaths`. */
export function compilePathPattern(text: string): Result<PatternMatcher> {
  return compilePattern(text, { fallback: 'baseDir' });
}

/**
 * Compiles a list of pattern texts into one predicate that is true when any of them matches (an
 * empty list matches nothing). Issues carry the index of the offending text as their path.
 */
export function compilePatterns(texts: readonly string[], options: CompilePatternOptions = {}): Result<(value: string) => boolean> {
  const matchers: PatternMatcher[] = [];
  const issues = [];
  for (const [i, text] of texts.entries()) {
    const compiled = compilePattern(text, options);
    if (compiled.ok) matchers.push(compiled.value);
    else issues.push(...compiled.issues.map((issue) => prefixIssuePath(issue, [i])));
  }
  if (issues.length > 0) return err(issues);
  return ok((value: string) => matchers.some((m) => m.matches(value)));
}

/** The kind a pattern text would be read as, without compiling it. */
export function patternKindOf(text: string, fallback: 'exact' | 'baseDir' = 'exact'): PatternKind {
  for (const [prefix, kind] of PREFIXES) if (text.startsWith(prefix)) return kind;
  return fallback;
}
