/**
 * The lexer of the expression language. Written for waybill because no JavaScript library speaks
 * expr-lang's token rules (number forms with `_`, `not in`, `?.`, `??`, `#` pointers, `..` ranges).
 */

/** What kind of token it is. */
export type TokenKind = 'identifier' | 'number' | 'string' | 'operator' | 'bracket' | 'eof';

/** One token with its 0-based start offset. */
export interface Token {
  readonly kind: TokenKind;
  readonly value: string;
  readonly pos: number;
}

/** A lexing or parsing failure at a source offset. */
export class SyntaxFailure extends Error {
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(message);
    this.name = 'SyntaxFailure';
    this.offset = offset;
  }
}

const WORD_OPERATORS = new Set(['in', 'or', 'and', 'matches', 'contains', 'startsWith', 'endsWith', 'let', 'if', 'else']);
const NEGATABLE = new Set(['in', 'matches', 'contains', 'startsWith', 'endsWith']);

/** True for characters that may start an identifier (letters, `_`, `$`). */
export function isIdentStart(ch: string): boolean {
  const c = ch.charCodeAt(0);
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 36;
  return /^\p{L}$/u.test(ch);
}

function isIdentPart(ch: string): boolean {
  const c = ch.charCodeAt(0);
  if (c < 128) return isAsciiIdentPart(c);
  return /^[\p{L}\p{Nd}]$/u.test(ch);
}

function isAsciiIdentPart(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95 || code === 36;
}

function isSpace(ch: string): boolean {
  return /^\s$/u.test(ch);
}

/** Splits source text into tokens; throws {@link SyntaxFailure} on a bad character or literal. */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = source.length;
  while (i < n) {
    const ch = source[i] as string;
    const code = source.charCodeAt(i);
    if (code === 32 || code === 9 || code === 10 || code === 13 || (code > 127 && isSpace(charAt(source, i)))) {
      i += code > 127 ? charAt(source, i).length : 1;
      continue;
    }
    const start = i;
    if (ch === '"' || ch === "'") {
      const [value, end] = scanQuoted(source, i);
      tokens.push({ kind: 'string', value, pos: start });
      i = end;
      continue;
    }
    if (ch === '`') {
      const end = source.indexOf('`', i + 1);
      if (end < 0) throw new SyntaxFailure('literal not terminated', start);
      tokens.push({ kind: 'string', value: source.slice(i + 1, end).replace(/\r\n?/g, '\n'), pos: start });
      i = end + 1;
      continue;
    }
    if (code >= 48 && code <= 57) {
      i = scanNumber(source, i, tokens);
      continue;
    }
    if (ch === '.') {
      const next = source.charCodeAt(i + 1);
      if (next >= 48 && next <= 57) {
        i = scanNumber(source, i, tokens);
        continue;
      }
      if (source[i + 1] === '.') {
        tokens.push({ kind: 'operator', value: '..', pos: start });
        i += 2;
      } else {
        tokens.push({ kind: 'operator', value: '.', pos: start });
        i += 1;
      }
      continue;
    }
    if (ch === '?') {
      const next = source[i + 1];
      if (next === '.' || next === '?') {
        tokens.push({ kind: 'operator', value: `?${next}`, pos: start });
        i += 2;
      } else {
        tokens.push({ kind: 'operator', value: '?', pos: start });
        i += 1;
      }
      continue;
    }
    if (ch === '/') {
      if (source[i + 1] === '/') {
        const nl = source.indexOf('\n', i);
        i = nl < 0 ? n : nl + 1;
        continue;
      }
      if (source[i + 1] === '*') {
        const close = source.indexOf('*/', i + 2);
        if (close < 0) throw new SyntaxFailure('unclosed comment', start);
        i = close + 2;
        continue;
      }
      tokens.push({ kind: 'operator', value: '/', pos: start });
      i += 1;
      continue;
    }
    if (ch === '#') {
      // `#` alone, `##` is not special: expr accepts one extra `#`.
      let j = i + 1;
      if (source[j] === '#') j++;
      tokens.push({ kind: 'operator', value: source.slice(i, j), pos: start });
      i = j;
      let k = i;
      while (k < n && isIdentPart(charAt(source, k))) k += charAt(source, k).length;
      if (k > i) {
        tokens.push({ kind: 'identifier', value: source.slice(i, k), pos: i });
        i = k;
      }
      continue;
    }
    if (ch === '|' || ch === ':') {
      const two = source[i + 1] === ch;
      tokens.push({ kind: 'operator', value: two ? ch + ch : ch, pos: start });
      i += two ? 2 : 1;
      continue;
    }
    if ('([{)]}'.includes(ch)) {
      tokens.push({ kind: 'bracket', value: ch, pos: start });
      i += 1;
      continue;
    }
    if (',;%+-^'.includes(ch)) {
      tokens.push({ kind: 'operator', value: ch, pos: start });
      i += 1;
      continue;
    }
    if ('&!=*<>'.includes(ch)) {
      const next = source[i + 1];
      const two = next !== undefined && '&=*'.includes(next);
      tokens.push({ kind: 'operator', value: two ? ch + next : ch, pos: start });
      i += two ? 2 : 1;
      continue;
    }
    const full = code < 128 ? ch : charAt(source, i);
    if (isIdentStart(full)) {
      let j = i;
      while (j < n) {
        const c = source.charCodeAt(j);
        if (c < 128) {
          if (!isAsciiIdentPart(c)) break;
          j++;
        } else {
          const r = charAt(source, j);
          if (!isIdentPart(r)) break;
          j += r.length;
        }
      }
      const word = source.slice(i, j);
      i = j;
      if (word === 'not') {
        tokens.push({ kind: 'operator', value: 'not', pos: start });
        // `not in`, `not matches`, ...: the following word is an operator too.
        let k = i;
        while (k < n && isSpace(charAt(source, k))) k += charAt(source, k).length;
        let m = k;
        while (m < n && isIdentPart(charAt(source, m))) m += charAt(source, m).length;
        const after = source.slice(k, m);
        if (NEGATABLE.has(after)) {
          tokens.push({ kind: 'operator', value: after, pos: k });
          i = m;
        }
        continue;
      }
      tokens.push({ kind: WORD_OPERATORS.has(word) ? 'operator' : 'identifier', value: word, pos: start });
      continue;
    }
    throw new SyntaxFailure(`unrecognized character: ${describeChar(full)}`, start);
  }
  tokens.push({ kind: 'eof', value: '', pos: n });
  return tokens;
}

function charAt(source: string, i: number): string {
  const c = source.codePointAt(i) ?? 0;
  return String.fromCodePoint(c);
}

function describeChar(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')} '${ch}'`;
}

function scanNumber(source: string, start: number, tokens: Token[]): number {
  let i = start;
  let digits = /[0-9_]/;
  if (source[i] === '0') {
    i++;
    const p = source[i];
    if (p === 'x' || p === 'X') {
      digits = /[0-9a-fA-F_]/;
      i++;
    } else if (p === 'o' || p === 'O') {
      digits = /[0-7_]/;
      i++;
    } else if (p === 'b' || p === 'B') {
      digits = /[01_]/;
      i++;
    }
  }
  while (i < source.length && digits.test(source[i] as string)) i++;
  if (source[i] === '.' && source[i + 1] !== '.') {
    i++;
    while (i < source.length && digits.test(source[i] as string)) i++;
  }
  if (source[i] === 'e' || source[i] === 'E') {
    i++;
    if (source[i] === '+' || source[i] === '-') i++;
    while (i < source.length && digits.test(source[i] as string)) i++;
  }
  if (i < source.length && isIdentPart(charAt(source, i))) {
    throw new SyntaxFailure(`bad number syntax: "${source.slice(start, i + 1)}"`, start);
  }
  tokens.push({ kind: 'number', value: source.slice(start, i), pos: start });
  return i;
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  a: '\u0007',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
  "'": "'",
  '"': '"',
  '`': '`',
};

function scanQuoted(source: string, start: number): [string, number] {
  const quote = source[start];
  let i = start + 1;
  let out = '';
  while (true) {
    if (i >= source.length) throw new SyntaxFailure('literal not terminated', start);
    const ch = source[i] as string;
    if (ch === quote) return [out, i + 1];
    if (ch === '\n') throw new SyntaxFailure('literal not terminated', start);
    if (ch === '\r') {
      out += '\n';
      i += source[i + 1] === '\n' ? 2 : 1;
      continue;
    }
    if (ch !== '\\') {
      out += ch;
      i++;
      continue;
    }
    const esc = source[i + 1];
    if (esc === undefined) throw new SyntaxFailure('literal not terminated', start);
    const simple = SIMPLE_ESCAPES[esc];
    if (simple !== undefined) {
      out += simple;
      i += 2;
      continue;
    }
    const hexLength = esc === 'x' ? 2 : esc === 'u' ? 4 : esc === 'U' ? 8 : 0;
    if (hexLength > 0) {
      const hex = source.slice(i + 2, i + 2 + hexLength);
      if (!new RegExp(`^[0-9a-fA-F]{${hexLength}}$`).test(hex)) throw new SyntaxFailure('invalid char escape', i + 1);
      const cp = parseInt(hex, 16);
      if (cp > 0x10ffff || (esc !== 'x' && cp >= 0xd800 && cp <= 0xdfff)) throw new SyntaxFailure('invalid char escape', i + 1);
      out += String.fromCodePoint(cp);
      i += 2 + hexLength;
      continue;
    }
    if (esc >= '0' && esc <= '7') {
      const oct = source.slice(i + 1, i + 4);
      if (!/^[0-7]{3}$/.test(oct) || parseInt(oct, 8) > 255) throw new SyntaxFailure('invalid char escape', i + 1);
      out += String.fromCharCode(parseInt(oct, 8));
      i += 4;
      continue;
    }
    throw new SyntaxFailure('invalid char escape', i + 1);
  }
}
