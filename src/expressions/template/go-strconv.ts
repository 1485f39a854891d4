// Go's strconv rules, written here because template results are re-typed with exactly these
// rules (ParseFloat, ParseBool, Quote) and JavaScript's Number()/JSON.stringify differ from them.

const DECIMAL_FLOAT = /^[+-]?(?:[0-9_]+(?:\.[0-9_]*)?|\.[0-9_]+)(?:[eE][+-]?[0-9_]+)?$/;
const HEX_FLOAT = /^([+-]?)0[xX]([0-9a-fA-F_]*)(?:\.([0-9a-fA-F_]*))?[pP]([+-]?[0-9_]+)$/;

/**
 * Parses text the way Go's `strconv.ParseFloat(s, 64)` does: decimal and hexadecimal (with a `p`
 * exponent) literals, `_` between digits, an optional sign, `Inf`/`Infinity`/`NaN` in any case.
 * Returns `undefined` for a syntax error and for a finite literal that overflows float64.
 */
export function parseGoFloat(text: string): number | undefined {
  const special = parseSpecial(text);
  if (special !== undefined) return special;
  if (DECIMAL_FLOAT.test(text)) {
    if (text.includes('_') && !underscoresOK(text)) return undefined;
    const value = Number(text.replace(/_/g, ''));
    if (Number.isNaN(value)) return undefined;
    return Number.isFinite(value) ? value : undefined;
  }
  const hex = HEX_FLOAT.exec(text);
  if (hex !== null) {
    if (text.includes('_') && !underscoresOK(text)) return undefined;
    const intDigits = (hex[2] ?? '').replace(/_/g, '');
    const fracDigits = (hex[3] ?? '').replace(/_/g, '');
    if (intDigits.length + fracDigits.length === 0) return undefined;
    const mantissa = BigInt(`0x${intDigits}${fracDigits}`);
    const exponent = Number((hex[4] ?? '0').replace(/_/g, '')) - 4 * fracDigits.length;
    const value = scaleByPowerOfTwo(mantissa, exponent);
    if (!Number.isFinite(value)) return undefined;
    return hex[1] === '-' ? -value : value;
  }
  return undefined;
}

function parseSpecial(text: string): number | undefined {
  let body = text;
  let sign = 1;
  let signed = false;
  if (body.startsWith('+') || body.startsWith('-')) {
    sign = body.startsWith('-') ? -1 : 1;
    body = body.slice(1);
    signed = true;
  }
  const lower = body.toLowerCase();
  if (lower === 'inf' || lower === 'infinity') return sign * Infinity;
  // Go accepts a NaN only without a sign.
  if (!signed && lower === 'nan') return NaN;
  return undefined;
}

// Go allows `_` only between digits, or between a base prefix and a digit.
function underscoresOK(text: string): boolean {
  let s = text;
  if (s.startsWith('+') || s.startsWith('-')) s = s.slice(1);
  let saw = '^';
  let i = 0;
  let hex = false;
  if (s.length >= 2 && s[0] === '0' && 'bBoOxX'.includes(s[1] ?? '')) {
    i = 2;
    saw = '0';
    hex = s[1] === 'x' || s[1] === 'X';
  }
  for (; i < s.length; i++) {
    const c = s[i] ?? '';
    if ((c >= '0' && c <= '9') || (hex && /[a-fA-F]/.test(c))) {
      saw = '0';
      continue;
    }
    if (c === '_') {
      if (saw !== '0') return false;
      saw = '_';
      continue;
    }
    if (saw === '_') return false;
    saw = '!';
  }
  return saw !== '_';
}

function scaleByPowerOfTwo(mantissa: bigint, exponent: number): number {
  if (mantissa === 0n) return 0;
  // Keep the rounding to one step: shift the mantissa into 64 significant bits first.
  let m = mantissa;
  let e = exponent;
  const bits = m.toString(2).length;
  if (bits > 64) {
    const shift = BigInt(bits - 64);
    const sticky = (m & ((1n << shift) - 1n)) !== 0n ? 1n : 0n;
    m = (m >> shift) | sticky;
    e += bits - 64;
  }
  let value = Number(m);
  // Multiply in steps so intermediate powers stay finite and non-zero.
  while (e > 0) {
    const step = Math.min(e, 1000);
    value *= 2 ** step;
    e -= step;
  }
  while (e < 0) {
    const step = Math.max(e, -1000);
    value *= 2 ** step;
    e -= step;
  }
  return value;
}

const TRUE_WORDS = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const FALSE_WORDS = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);

/** Parses text the way Go's `strconv.ParseBool` does; `undefined` when it is not one of its words. */
export function parseGoBool(text: string): boolean | undefined {
  if (TRUE_WORDS.has(text)) return true;
  if (FALSE_WORDS.has(text)) return false;
  return undefined;
}

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

/**
 * Quotes a string the way Go's `strconv.Quote` (`%q`) does: double quotes, `\"` and `\\`, the
 * short escapes `\a \b \f \n \r \t \v`, `\xNN` for other control bytes, `\uNNNN`/`\UNNNNNNNN` for
 * characters that are not printable; printable non-ASCII characters are kept as they are.
 */
export function goQuote(text: string): string {
  let out = '"';
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0xfffd;
    out += escapeRune(ch, cp);
  }
  return `${out}"`;
}

function escapeRune(ch: string, cp: number): string {
  switch (cp) {
    case 0x22:
      return '\\"';
    case 0x5c:
      return '\\\\';
    case 0x07:
      return '\\a';
    case 0x08:
      return '\\b';
    case 0x0c:
      return '\\f';
    case 0x0a:
      return '\\n';
    case 0x0d:
      return '\\r';
    case 0x09:
      return '\\t';
    case 0x0b:
      return '\\v';
    default:
      break;
  }
  if (cp === 0x20) return ch;
  if (cp < 0x20 || cp === 0x7f) return `\\x${cp.toString(16).padStart(2, '0')}`;
  // A lone surrogate is what invalid UTF-8 would be in Go: it prints as the replacement character.
  if (cp >= 0xd800 && cp <= 0xdfff) return '\\ufffd';
  if (PRINTABLE.test(ch)) return ch;
  if (cp < 0x10000) return `\\u${cp.toString(16).padStart(4, '0')}`;
  return `\\U${cp.toString(16).padStart(8, '0')}`;
}
