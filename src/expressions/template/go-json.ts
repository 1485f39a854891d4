// Go's encoding/json, as Kargo uses it to turn non-string expression results into text. Written
// here because JSON.stringify differs: Go sorts map keys, escapes <, > and & (HTML-safe output),
// rejects NaN and infinities, and prints ints that do not fit a double exactly.
import { ExprObject, fromJS, getOwnData, ownDataKeys } from '../values.js';

/** Why a value could not be written as JSON, in Go's words (`json: unsupported value: NaN`). */
export class GoJSONError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GoJSONError';
  }
}

/** Options of {@link marshalGoJSON}. */
export interface MarshalOptions {
  /** Indent unit; when set, output is laid out like Go's `json.MarshalIndent(v, "", indent)`. */
  indent?: string;
  /** Deepest nesting written before failing (protects against cyclic data). Default 1000. */
  maxDepth?: number;
}

/**
 * Writes a value as Go's `json.Marshal` would: nil as `null`, ints exactly, floats in Go's shortest
 * form, strings HTML-escaped, map keys sorted, structs (objects of the value model) in field order.
 * Throws {@link GoJSONError} for NaN, infinities and data nested too deeply.
 */
export function marshalGoJSON(value: unknown, options: MarshalOptions = {}): string {
  const indent = options.indent ?? '';
  return write(fromJS(value), indent, '', options.maxDepth ?? 1000, true);
}

function write(value: unknown, indent: string, prefix: string, depth: number, sortKeys: boolean): string {
  switch (typeof value) {
    case 'string':
      return quoteGoJSON(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      return value.toString();
    case 'number':
      return formatGoJSONFloat(value);
    case 'object': {
      if (value === null) return 'null';
      if (depth <= 0) throw new GoJSONError('json: unsupported value: encountered a cycle or data nested too deeply');
      if (value instanceof ExprObject) {
        // A struct keeps its field order; maps inside it are sorted again.
        const plain = value.toJS();
        return write(plain, indent, prefix, depth, false);
      }
      if (value instanceof Date) return write(fromJS(value), indent, prefix, depth, sortKeys);
      const inner = prefix + indent;
      if (Array.isArray(value)) {
        if (value.length === 0) return '[]';
        const parts = value.map((v: unknown) => write(fromJS(v), indent, inner, depth - 1, true));
        return indent === '' ? `[${parts.join(',')}]` : `[\n${inner}${parts.join(`,\n${inner}`)}\n${prefix}]`;
      }
      const keys = ownDataKeys(value);
      if (sortKeys) keys.sort(compareCodePoints);
      if (keys.length === 0) return '{}';
      const sep = indent === '' ? ':' : ': ';
      const parts = keys.map((k) => `${quoteGoJSON(k)}${sep}${write(fromJS(getOwnData(value, k)), indent, inner, depth - 1, true)}`);
      return indent === '' ? `{${parts.join(',')}}` : `{\n${inner}${parts.join(`,\n${inner}`)}\n${prefix}}`;
    }
    default:
      return 'null';
  }
}

/** Compares two strings by Unicode code point, the order Go's byte-wise UTF-8 sort gives. */
export function compareCodePoints(a: string, b: string): number {
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const x = ia.next();
    const y = ib.next();
    if (x.done === true) return y.done === true ? 0 : -1;
    if (y.done === true) return 1;
    const cx = x.value.codePointAt(0) ?? 0;
    const cy = y.value.codePointAt(0) ?? 0;
    if (cx !== cy) return cx < cy ? -1 : 1;
  }
}

/** Formats a float as Go's encoding/json does; throws {@link GoJSONError} for NaN and infinities. */
export function formatGoJSONFloat(value: number): string {
  if (Number.isNaN(value)) throw new GoJSONError('json: unsupported value: NaN');
  if (!Number.isFinite(value)) throw new GoJSONError(`json: unsupported value: ${value > 0 ? '+Inf' : '-Inf'}`);
  if (Object.is(value, -0)) return '-0';
  // ES number-to-string uses the same thresholds (1e-6, 1e21) and shortest digits as Go here.
  return String(value);
}

/** Quotes a string as Go's encoding/json does (HTML-safe, U+2028/2029 escaped, bad UTF-16 replaced). */
export function quoteGoJSON(text: string): string {
  let out = '"';
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0xfffd;
    switch (cp) {
      case 0x22:
        out += '\\"';
        continue;
      case 0x5c:
        out += '\\\\';
        continue;
      case 0x0a:
        out += '\\n';
        continue;
      case 0x0d:
        out += '\\r';
        continue;
      case 0x09:
        out += '\\t';
        continue;
      case 0x08:
        out += '\\b';
        continue;
      case 0x0c:
        out += '\\f';
        continue;
      case 0x3c:
      case 0x3e:
      case 0x26:
      case 0x2028:
      case 0x2029:
        out += `\\u${cp.toString(16).padStart(4, '0')}`;
        continue;
      default:
        break;
    }
    if (cp < 0x20) out += `\\u${cp.toString(16).padStart(4, '0')}`;
    else if (cp >= 0xd800 && cp <= 0xdfff) out += '\\ufffd';
    else out += ch;
  }
  return `${out}"`;
}

/** The outcome of {@link parseGoJSON}. */
export type ParsedJSON = { readonly ok: true; readonly value: unknown } | { readonly ok: false };

/**
 * Parses text as Go's `json.Unmarshal` into `any` would: strict JSON with surrounding whitespace,
 * numbers as floats; a number that overflows a float64 makes the whole text invalid, as in Go.
 */
export function parseGoJSON(text: string): ParsedJSON {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false };
  }
  return hasInfinity(value, 0) ? { ok: false } : { ok: true, value };
}

function hasInfinity(value: unknown, depth: number): boolean {
  if (typeof value === 'number') return !Number.isFinite(value);
  if (typeof value !== 'object' || value === null || depth > 10_000) return false;
  for (const v of Array.isArray(value) ? value : Object.values(value)) {
    if (hasInfinity(v, depth + 1)) return true;
  }
  return false;
}
