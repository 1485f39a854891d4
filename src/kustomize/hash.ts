import { isObject } from './resource.js';
import { sha256Hex } from './sha256.js';
import type { JsonObject } from './types.js';

/**
 * Encodes a value as Go's encoding/json does, which kustomize hashes: map keys sorted by code
 * point, `<`, `>`, `&`, U+2028 and U+2029 escaped, no spaces.
 */
export function goJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return goJsonString(value);
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (Array.isArray(value)) return `[${value.map(goJson).join(',')}]`;
  if (isObject(value)) {
    const keys = Object.keys(value).sort(compareCodePoints);
    return `{${keys.map((k) => `${goJsonString(k)}:${goJson(value[k])}`).join(',')}}`;
  }
  return 'null';
}

function compareCodePoints(a: string, b: string): number {
  const ac = Array.from(a);
  const bc = Array.from(b);
  for (let i = 0; i < ac.length && i < bc.length; i++) {
    const d = (ac[i] as string).codePointAt(0)! - (bc[i] as string).codePointAt(0)!;
    if (d !== 0) return d;
  }
  return ac.length - bc.length;
}

function goJsonString(s: string): string {
  let out = '"';
  for (const c of s) {
    const cp = c.codePointAt(0) as number;
    if (c === '"') out += '\\"';
    else if (c === '\\') out += '\\\\';
    else if (c === '\n') out += '\\n';
    else if (c === '\r') out += '\\r';
    else if (c === '\t') out += '\\t';
    else if (c === '\b') out += '\\b';
    else if (c === '\f') out += '\\f';
    else if (cp < 0x20 || c === '<' || c === '>' || c === '&' || cp === 0x2028 || cp === 0x2029) out += `\\u${cp.toString(16).padStart(4, '0')}`;
    else if (cp >= 0xd800 && cp <= 0xdfff) out += '\\ufffd';
    else out += c;
  }
  return `${out}"`;
}

/** kustomize's short form of a hex digest: its first ten characters with 0, 1, 3, a, e spelled as g, h, k, m, t. */
export function encodeHashSuffix(hex: string): string {
  const swap: Record<string, string> = { '0': 'g', '1': 'h', '3': 'k', a: 'm', e: 't' };
  return Array.from(hex.slice(0, 10), (c) => swap[c] ?? c).join('');
}

/**
 * The content hash kustomize appends to a generated ConfigMap or Secret name: the ConfigMap's
 * kind, data (and binaryData when present) — or the Secret's kind, type, data (and stringData
 * when present) — as Go JSON, through SHA-256, shortened. Any other object hashes as its whole
 * JSON. kustomize also puts a `name` field in the hashed document, but looks it up with a path
 * that never resolves, so it is always empty; waybill does the same so the names agree.
 */
export function kustomizeHash(obj: JsonObject): string {
  const kind = obj['kind'];
  const field = (v: unknown) => (v === undefined || v === null ? '' : v);
  let encoded: string;
  if (kind === 'ConfigMap') {
    const m: JsonObject = { kind: 'ConfigMap', name: '', data: field(obj['data']) };
    if (isObject(obj['binaryData'])) m['binaryData'] = obj['binaryData'];
    encoded = goJson(m);
  } else if (kind === 'Secret') {
    const m: JsonObject = { kind: 'Secret', type: field(obj['type']), name: '', data: field(obj['data']) };
    if (isObject(obj['stringData'])) m['stringData'] = obj['stringData'];
    encoded = goJson(m);
  } else {
    encoded = goJson(obj);
  }
  return encodeHashSuffix(sha256Hex(encoded));
}
