import { RE2JS } from 're2js';
import { createIssue } from '../errors/issue.js';
import { err, ok, type Result } from '../result.js';

/**
 * Compiles a Go RE2 regular expression (the dialect of Kargo's `regex:` names, tag filters and
 * path filters) with `re2js`: linear-time matching, no lookaround or backreferences. The predicate
 * is unanchored, as Go's `MatchString`: `test` matches `my-test-stage`; anchor with `^...$` to
 * match whole strings. A malformed expression gives a `PATTERN_INVALID_REGEX` issue whose message
 * carries the parser's reason (for example `missing closing )`).
 */
export function compileRegex(source: string): Result<(s: string) => boolean> {
  let re: RE2JS;
  try {
    re = RE2JS.compile(source);
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    return err(createIssue('PATTERN_INVALID_REGEX', `invalid regular expression ${JSON.stringify(source)}: ${reason}`));
  }
  return ok((s: string) => re.test(s));
}
