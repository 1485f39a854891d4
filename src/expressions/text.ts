import { ExprObject, fromJS, getOwnData, ownDataKeys, type ExprValue } from './values.js';

/**
 * Text helpers that reproduce Go's view of strings (UTF-8 bytes) and Go's `%v` formatting, which
 * expr-lang's `len`, `indexOf`, slicing and `string()` expose.
 */

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: false });

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 127) return false;
  return true;
}

/** The string's length in UTF-8 bytes (Go's `len`). */
export function byteLength(text: string): number {
  return isAscii(text) ? text.length : encoder.encode(text).length;
}

/** Slices a string by UTF-8 byte offsets; broken characters at the edges become U+FFFD. */
export function sliceBytes(text: string, from: number, to: number): string {
  if (isAscii(text)) return text.slice(from, to);
  return decoder.decode(encoder.encode(text).subarray(from, to));
}

/** The byte at a UTF-8 offset (Go's `s[i]`, a uint8). */
export function byteAt(text: string, index: number): number {
  if (isAscii(text)) return text.charCodeAt(index);
  return encoder.encode(text)[index] ?? 0;
}

/** Converts a UTF-16 index into a UTF-8 byte offset; -1 stays -1. */
export function toByteOffset(text: string, index: number): number {
  if (index < 0) return index;
  return byteLength(text.slice(0, index));
}

/** Number of Unicode code points (Go's `utf8.RuneCountInString`). */
export function runeCount(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

/** Formats a float like Go's `%v` (strconv 'g', shortest digits): `3`, `1.5`, `1e+06`, `1e-05`. */
export function formatGoFloat(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  if (value === 0) return Object.is(value, -0) ? '-0' : '0';
  const [mantissa, expPart] = value.toExponential().split('e') as [string, string];
  const e = Number(expPart);
  // Go switches to exponent form when the decimal exponent is below -4 or at least 6 (shortest 'g').
  if (e < -4 || e >= 6) {
    const abs = Math.abs(e);
    return `${mantissa}e${e < 0 ? '-' : '+'}${abs < 10 ? `0${abs}` : abs}`;
  }
  return String(value);
}

/** Formats any value like Go's `fmt.Sprintf("%v", v)` does for the decoded data expr sees. */
export function formatGoValue(value: ExprValue, depth = 0): string {
  switch (typeof value) {
    case 'string':
      return value;
    case 'bigint':
      return value.toString();
    case 'number':
      return formatGoFloat(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      if (value === null) return '<nil>';
      if (depth > 100) return '...';
      if (Array.isArray(value)) return `[${value.map((v) => formatGoValue(fromJS(v), depth + 1)).join(' ')}]`;
      if (value instanceof ExprObject) return value.toString();
      const keys = ownDataKeys(value).sort();
      return `map[${keys.map((k) => `${k}:${formatGoValue(fromJS(getOwnData(value, k)), depth + 1)}`).join(' ')}]`;
    }
    default:
      return '<nil>';
  }
}
