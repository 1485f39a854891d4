import { createIssue, type Issue } from '../errors/index.js';
import { compileBaseDir, compileGlob, compileRegex } from '../patterns/index.js';
import { err, ok, type Result } from '../result.js';
import { PATH_FILTER_FIELDS, readSubscription } from './read-subscription.js';
import type { PathFilters } from './types.js';

/** A compiled path selector: true when it selects the path. */
export type PathSelector = (path: string) => boolean;

/**
 * Compiles one `includePaths`/`excludePaths` entry: `glob:` (doublestar, whole path), `regex:` or
 * `regexp:` (RE2, unanchored), anything else a base directory.
 */
export function compilePathSelector(selector: string): Result<PathSelector> {
  let compiled: Result<PathSelector>;
  if (selector.startsWith('glob:')) compiled = compileGlob(selector.slice(5));
  else if (selector.startsWith('regex:')) compiled = compileRegex(selector.slice(6));
  else if (selector.startsWith('regexp:')) compiled = compileRegex(selector.slice(7));
  // Plain entries are base directories (Kargo's rule): `apps` selects `apps/x.yaml`, not `apps2/x`.
  else return ok(compileBaseDir(selector));
  if (compiled.ok) return compiled;
  const reason = compiled.issues[0]?.message ?? 'invalid pattern';
  return err(createIssue('DISCOVERY_INVALID_PATH_SELECTOR', `parse error path selector ${JSON.stringify(selector)}: ${reason}`));
}

/** Compiled include and exclude selectors; an empty list means "not configured". */
export interface CompiledPathFilters {
  readonly include: readonly PathSelector[];
  readonly exclude: readonly PathSelector[];
  /** True when either list has entries, i.e. commits must be checked against changed paths. */
  readonly configured: boolean;
}

/** Compiles both lists; issues name the list and the index of each bad entry. */
export function compilePathFilters(filters: PathFilters, issues: Issue[]): CompiledPathFilters {
  const compileList = (field: 'includePaths' | 'excludePaths', list: readonly string[]): PathSelector[] => {
    const out: PathSelector[] = [];
    list.forEach((selector, index) => {
      const compiled = compilePathSelector(selector);
      if (compiled.ok) out.push(compiled.value);
      else for (const issue of compiled.issues) issues.push({ ...issue, path: [field, index] });
    });
    return out;
  };
  const include = compileList('includePaths', filters.includePaths ?? []);
  const exclude = compileList('excludePaths', filters.excludePaths ?? []);
  const configured = (filters.includePaths ?? []).length > 0 || (filters.excludePaths ?? []).length > 0;
  return { include, exclude, configured };
}

/**
 * Applies compiled filters to a commit's changed paths: true when at least one path is included
 * (no include selectors, or any of them selects it) and not excluded (no exclude selector selects
 * it). A commit that changed nothing is never selected.
 */
export function pathsPassFilters(filters: CompiledPathFilters, changedPaths: readonly string[]): boolean {
  for (const path of changedPaths) {
    const included = filters.include.length === 0 || filters.include.some((s) => s(path));
    if (included && !filters.exclude.some((s) => s(path))) return true;
  }
  return false;
}

/**
 * Decides whether a commit that changed `changedPaths` passes a Git subscription's path filters,
 * with Kargo's rules (see {@link compilePathSelector} and `pathsPassFilters`). A selector
 * that does not compile gives a `DISCOVERY_INVALID_PATH_SELECTOR` issue naming its list and index.
 */
export function matchesPathFilters(filters: PathFilters, changedPaths: readonly string[]): Result<boolean> {
  const issues: Issue[] = [];
  const read = readSubscription<PathFilters>(filters ?? {}, PATH_FILTER_FIELDS, 'path filter', issues);
  const compiled = compilePathFilters(read ?? {}, issues);
  const paths = Array.isArray(changedPaths) ? changedPaths.filter((p): p is string => typeof p === 'string') : [];
  if (!Array.isArray(changedPaths)) issues.push(createIssue('DISCOVERY_INVALID_INPUT', 'changed paths must be a list of text', { path: ['changedPaths'] }));
  if (issues.length > 0) return err(issues);
  return ok(pathsPassFilters(compiled, paths));
}
