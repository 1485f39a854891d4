import { createIssue } from '../errors/issue.js';
import { err, ok, type Result } from '../result.js';

/**
 * Globs with the rules of Go's `bmatcuk/doublestar/v4` (`ValidatePattern` + `MatchUnvalidated`),
 * which is what Kargo uses for `glob:` names and paths. No npm glob library has these exact rules
 * (picomatch and minimatch differ on `**` inside a segment, on `a/**` matching `a`, on empty
 * classes and on escapes inside classes), so waybill carries its own matcher.
 *
 * Rules, with `/` as the only separator:
 * - `*` matches any run of characters other than `/`;
 * - `**` as a whole path segment (`a/**∕b`, `**∕b`, `a/**`) matches zero or more segments; anywhere
 *   else it behaves like `*`;
 * - `?` matches one character other than `/`;
 * - `[...]` matches one character (never `/`... unless listed) from a non-empty class of characters
 *   and `lo-hi` ranges, negated by a leading `!` or `^`; `\` escapes inside a class;
 * - `{a,b,...}` matches any of the alternatives, which may nest and contain any of the above;
 * - `\c` matches `c` literally.
 *
 * The match is over the whole string and works on Unicode code points.
 */

const SEP = 0x2f; // '/'
const BACKSLASH = 0x5c;
const STAR = 0x2a;
const QUESTION = 0x3f;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;
const LBRACE = 0x7b;
const RBRACE = 0x7d;
const COMMA = 0x2c;
const BANG = 0x21;
const CARET = 0x5e;
const DASH = 0x2d;
const MAX_RUNE = 0x10ffff;

const GLOB_META = /[*?[\]{}\\]/;

/**
 * True when `glob` is a well-formed doublestar pattern: every `[` class is closed and not empty,
 * every `{` has its `}` (and no `}` comes without a `{`), and the pattern does not end in a lone `\`.
 */
export function isValidGlob(glob: string): boolean {
  return validateCodes(toCodes(glob));
}

/**
 * Compiles a doublestar glob into a predicate that tests whole strings. A malformed glob gives a
 * `PATTERN_INVALID_GLOB` issue. Compile once and reuse the predicate: it keeps the pattern decoded.
 */
export function compileGlob(glob: string): Result<(s: string) => boolean> {
  const pattern = toCodes(glob);
  if (!validateCodes(pattern)) {
    return err(
      createIssue('PATTERN_INVALID_GLOB', `invalid glob pattern ${JSON.stringify(glob)}: ${describeGlobProblem(pattern)}`),
    );
  }
  // A glob without metacharacters can only match itself: skip the matcher entirely.
  if (!GLOB_META.test(glob)) return ok((s: string) => s === glob);
  return ok((s: string) => matchCodes(pattern, toCodes(s), -1, -1, -1, -1, 0, 0));
}

function toCodes(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) out.push(ch.codePointAt(0) ?? 0);
  return out;
}

function validateCodes(s: readonly number[]): boolean {
  let altDepth = 0;
  const l = s.length;
  outer: for (let i = 0; i < l; i++) {
    const c = s[i];
    if (c === BACKSLASH) {
      i++;
      if (i >= l) return false;
      continue;
    }
    if (c === LBRACKET) {
      i++;
      if (i >= l) return false;
      if (s[i] === CARET || s[i] === BANG) i++;
      if (i >= l || s[i] === RBRACKET) return false;
      for (; i < l; i++) {
        if (s[i] === BACKSLASH) i++;
        else if (s[i] === RBRACKET) continue outer;
      }
      return false;
    }
    if (c === LBRACE) {
      altDepth++;
    } else if (c === RBRACE) {
      if (altDepth === 0) return false;
      altDepth--;
    }
  }
  return altDepth === 0;
}

function describeGlobProblem(s: readonly number[]): string {
  if (s.length > 0 && s[s.length - 1] === BACKSLASH) return 'it ends with an unfinished escape `\\`';
  const text = String.fromCodePoint(...s.slice(0, 10_000));
  if (text.includes('[')) return 'a character class `[...]` is empty or not closed, or an escape is unfinished';
  return 'braces `{...}` are unbalanced or an escape is unfinished';
}

/** Index of the `}` closing an alternative group whose `{` is just before `from`, or -1. */
function indexClosingAlt(p: readonly number[], from: number, to: number): number {
  let alts = 1;
  for (let i = from; i < to; i++) {
    const c = p[i];
    if (c === BACKSLASH) i++;
    else if (c === LBRACE) alts++;
    else if (c === RBRACE) {
      alts--;
      if (alts === 0) return i;
    }
  }
  return -1;
}

/** Index of the next top-level `,` in `p[from, to)`, or -1. */
function indexNextAlt(p: readonly number[], from: number, to: number): number {
  let alts = 1;
  for (let i = from; i < to; i++) {
    const c = p[i];
    if (c === BACKSLASH) i++;
    else if (c === LBRACE) alts++;
    else if (c === RBRACE) alts--;
    else if (c === COMMA && alts === 1) return i;
  }
  return -1;
}

/** Index of the first unescaped `]` at or after `from`, or -1. */
function indexClosingClass(p: readonly number[], from: number): number {
  for (let i = from; i < p.length; i++) {
    if (p[i] === BACKSLASH) i++;
    else if (p[i] === RBRACKET) return i;
  }
  return -1;
}

/**
 * The matcher: a left-to-right scan with one backtrack point for `*` and one for `**∕`, and
 * alternatives tried by splicing each one into the pattern. Only valid patterns reach it.
 */
function matchCodes(
  pattern: readonly number[],
  name: readonly number[],
  dsPatBack: number,
  dsNameBack: number,
  starPatBack: number,
  starNameBack: number,
  patIdx: number,
  nameIdx: number,
): boolean {
  const patLen = pattern.length;
  const nameLen = name.length;
  let startOfSegment = true;
  scan: while (nameIdx < nameLen) {
    let advanced = false;
    if (patIdx < patLen) {
      const pc = pattern[patIdx] as number;
      if (pc === STAR) {
        patIdx++;
        let isDoubleStar = false;
        if (patIdx < patLen && pattern[patIdx] === STAR) {
          patIdx++;
          if (startOfSegment) {
            if (patIdx >= patLen) return true; // trailing `/**` takes everything left
            if (pattern[patIdx] === SEP) {
              patIdx++;
              dsPatBack = patIdx;
              dsNameBack = nameIdx;
              starPatBack = -1;
              starNameBack = -1;
              isDoubleStar = true;
            }
          }
        }
        if (isDoubleStar) continue;
        startOfSegment = false;
        starPatBack = patIdx;
        starNameBack = nameIdx;
        continue;
      } else if (pc === QUESTION) {
        startOfSegment = false;
        if (name[nameIdx] !== SEP) {
          patIdx++;
          nameIdx++;
          advanced = true;
        }
      } else if (pc === LBRACKET) {
        startOfSegment = false;
        patIdx++;
        const nc = name[nameIdx] as number;
        let matched = false;
        const negate = pattern[patIdx] === BANG || pattern[patIdx] === CARET;
        if (negate) patIdx++;
        let last = MAX_RUNE;
        while (patIdx < patLen && pattern[patIdx] !== RBRACKET) {
          let c = pattern[patIdx] as number;
          patIdx++;
          if (last < MAX_RUNE && c === DASH && patIdx < patLen && pattern[patIdx] !== RBRACKET) {
            if (pattern[patIdx] === BACKSLASH) patIdx++;
            c = pattern[patIdx] as number;
            patIdx++;
            if (last <= nc && nc <= c) {
              matched = true;
              break;
            }
            last = MAX_RUNE;
            continue;
          }
          if (c === BACKSLASH) {
            c = pattern[patIdx] as number;
            patIdx++;
          }
          if (c === nc) {
            matched = true;
            break;
          }
          last = c;
        }
        if (matched !== negate) {
          const closing = indexClosingClass(pattern, patIdx);
          if (closing === -1) return false;
          patIdx = closing + 1;
          nameIdx++;
          advanced = true;
        }
      } else if (pc === LBRACE) {
        startOfSegment = false;
        const before = patIdx;
        patIdx++;
        const closing = indexClosingAlt(pattern, patIdx, patLen);
        if (closing === -1) return false;
        const head = pattern.slice(0, before);
        const tail = pattern.slice(closing + 1);
        for (;;) {
          const comma = indexNextAlt(pattern, patIdx, closing);
          if (comma === -1) break;
          const spliced = [...head, ...pattern.slice(patIdx, comma), ...tail];
          if (matchCodes(spliced, name, dsPatBack, dsNameBack, starPatBack, starNameBack, before, nameIdx)) return true;
          patIdx = comma + 1;
        }
        const spliced = [...head, ...pattern.slice(patIdx, closing), ...tail];
        return matchCodes(spliced, name, dsPatBack, dsNameBack, starPatBack, starNameBack, before, nameIdx);
      } else {
        let literalIdx = patIdx;
        if (pc === BACKSLASH) {
          literalIdx = patIdx + 1;
          if (literalIdx >= patLen) return false;
        }
        const lc = pattern[literalIdx] as number;
        if (lc === name[nameIdx]) {
          patIdx = literalIdx + 1;
          nameIdx++;
          startOfSegment = lc === SEP;
          advanced = true;
        }
      }
    }
    if (advanced) continue;

    // No progress: backtrack to the last `*` unless that would make it swallow a separator.
    if (starPatBack >= 0 && name[starNameBack] !== SEP) {
      starNameBack++;
      patIdx = starPatBack;
      nameIdx = starNameBack;
      startOfSegment = false;
      continue;
    }
    // Then to the last `**∕`, which swallows one more whole segment.
    if (dsPatBack >= 0) {
      nameIdx = dsNameBack;
      while (nameIdx < nameLen) {
        const c = name[nameIdx];
        nameIdx++;
        if (c === SEP) {
          dsNameBack = nameIdx;
          patIdx = dsPatBack;
          startOfSegment = true;
          continue scan;
        }
      }
    }
    return false;
  }
  return matchesEmpty(pattern.slice(patIdx));
}

/** True when what is left of the pattern can match the empty string (`*`, `**`, `/**`, `{,x}`...). */
function matchesEmpty(p: readonly number[]): boolean {
  const n = p.length;
  if (n === 0) return true;
  if (n === 1 && p[0] === STAR) return true;
  if (n === 2 && p[0] === STAR && p[1] === STAR) return true;
  if (n === 3) {
    if (p[0] === SEP && p[1] === STAR && p[2] === STAR) return true;
    if (p[0] === STAR && p[1] === STAR && p[2] === SEP) return true;
  }
  if (n === 4 && p[0] === SEP && p[1] === STAR && p[2] === STAR && p[3] === SEP) return true;
  if (p[0] === LBRACE) {
    const closing = indexClosingAlt(p, 1, n);
    if (closing === -1) return false;
    const tail = p.slice(closing + 1);
    let idx = 1;
    for (;;) {
      const comma = indexNextAlt(p, idx, closing);
      if (comma === -1) break;
      if (matchesEmpty([...p.slice(idx, comma), ...tail])) return true;
      idx = comma + 1;
    }
    return matchesEmpty([...p.slice(idx, closing), ...tail]);
  }
  return false;
}
