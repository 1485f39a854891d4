import { compileGlob } from '../../patterns/index.js';
import type { Issue } from '../../errors/index.js';
import { err, ok, type Result } from '../../result.js';

interface IgnoreRule {
  readonly negate: boolean;
  readonly directoryOnly: boolean;
  readonly match: (path: string) => boolean;
}

/**
 * Compiles gitignore-style lines (one pattern a line; `#` comments; `!` re-includes; a trailing
 * `/` matches directories only; a pattern with a `/` inside is anchored at the copied directory,
 * one without matches at any depth) into a predicate over relative paths. The last matching line
 * decides. The globs themselves follow doublestar rules (`**` spans directories).
 */
export function compileIgnoreRules(text: string): Result<(path: string, isDirectory: boolean) => boolean> {
  const rules: IgnoreRule[] = [];
  const issues: Issue[] = [];
  for (const raw of text.split(/\r?\n/)) {
    let line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const negate = line.startsWith('!');
    if (negate) line = line.slice(1);
    const directoryOnly = line.endsWith('/');
    line = line.replace(/\/+$/, '');
    const anchored = line.includes('/');
    line = line.replace(/^\/+/, '');
    if (line === '') continue;
    const glob = compileGlob(anchored ? line : `**/${line}`);
    if (!glob.ok) {
      issues.push(...glob.issues);
      continue;
    }
    rules.push({ negate, directoryOnly, match: glob.value });
  }
  if (issues.length > 0) return err(issues);
  return ok((path: string, isDirectory: boolean) => {
    let ignored = false;
    for (const rule of rules) {
      if (rule.directoryOnly && !isDirectory) continue;
      if (rule.match(path)) ignored = !rule.negate;
    }
    return ignored;
  });
}
