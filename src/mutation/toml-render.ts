import { TomlDate } from 'smol-toml';
import type { TomlNodeKind } from './toml-index.js';

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/**
 * Writes a value as a TOML scalar the way go-toml/v2 (Kargo's encoder) writes it: strings as
 * 'literal' strings unless they hold a `'`, a line break or a control character (then "basic",
 * with escapes), booleans as `true`/`false`, finite non-integral numbers in plain decimal
 * (never an exponent), NaN and the infinities as `nan`/`inf`/`-inf`, bigints as integers and
 * dates as RFC 3339 (a smol-toml `TomlDate` keeps its own local or offset form). A JavaScript
 * number has no int/float distinction, so an integral number is written as an integer unless
 * `target` (the kind of the value it replaces) is `Float`, where it gets go-toml's `.0`; the
 * value keeps the type the file gave it. `undefined` when the value is not a TOML scalar.
 */
export function renderTomlValue(value: unknown, target?: TomlNodeKind): string | undefined {
  switch (typeof value) {
    case 'string':
      return renderTomlString(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      return value >= INT64_MIN && value <= INT64_MAX ? value.toString() : undefined;
    case 'number':
      return renderTomlNumber(value, target === 'Float');
    case 'object':
      if (value instanceof Date) return renderTomlDate(value);
      return undefined;
    default:
      return undefined;
  }
}

/** A string as go-toml/v2 writes it: literal when it can be, basic with escapes otherwise. */
export function renderTomlString(text: string): string {
  if (!needsBasicString(text)) return `'${text}'`;
  let out = '"';
  for (const ch of text) {
    switch (ch) {
      case '\\':
        out += '\\\\';
        break;
      case '"':
        out += '\\"';
        break;
      case '\b':
        out += '\\b';
        break;
      case '\f':
        out += '\\f';
        break;
      case '\n':
        out += '\\n';
        break;
      case '\r':
        out += '\\r';
        break;
      case '\t':
        out += '\\t';
        break;
      default: {
        const code = ch.codePointAt(0) ?? 0;
        out += code < 0x20 || code === 0x7f ? `\\u00${code.toString(16).toUpperCase().padStart(2, '0')}` : ch;
      }
    }
  }
  return `${out}"`;
}

function needsBasicString(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x27 || code === 0x0a || code === 0x0d || code === 0x7f) return true;
    if (code < 0x20 && code !== 0x09) return true;
  }
  return false;
}

function renderTomlNumber(n: number, asFloat: boolean): string {
  if (Number.isNaN(n)) return 'nan';
  if (n === Number.POSITIVE_INFINITY) return 'inf';
  if (n === Number.NEGATIVE_INFINITY) return '-inf';
  if (Number.isInteger(n)) {
    if (!asFloat && Number.isSafeInteger(n)) return String(n === 0 ? 0 : n);
    // Integral doubles are exact integers, so BigInt prints every digit, as Go's 'f' format does.
    return `${Object.is(n, -0) ? '-0' : BigInt(n).toString()}.0`;
  }
  return plainDecimal(n);
}

/** The shortest digits that read back as `n` (as `String(n)` finds them), without an exponent. */
function plainDecimal(n: number): string {
  const text = String(n);
  const e = text.indexOf('e');
  if (e < 0) return text;
  const negative = text.startsWith('-');
  const mantissa = text.slice(negative ? 1 : 0, e);
  const exponent = Number(text.slice(e + 1));
  const dot = mantissa.indexOf('.');
  const digits = mantissa.replace('.', '');
  const point = (dot < 0 ? mantissa.length : dot) + exponent;
  let out: string;
  if (point <= 0) out = `0.${'0'.repeat(-point)}${digits}`;
  else if (point >= digits.length) out = `${digits}${'0'.repeat(point - digits.length)}.0`;
  else out = `${digits.slice(0, point)}.${digits.slice(point)}`;
  return negative ? `-${out}` : out;
}

function renderTomlDate(date: Date): string | undefined {
  if (Number.isNaN(date.getTime())) return undefined;
  if (date instanceof TomlDate) return date.toISOString();
  // Go's RFC 3339 form: UTC as `Z`, fractional seconds only when there are some, trailing zeros cut.
  const iso = date.toISOString();
  return iso.replace(/\.(\d+)Z$/, (_, frac: string) => {
    const cut = frac.replace(/0+$/, '');
    return cut === '' ? 'Z' : `.${cut}Z`;
  });
}
