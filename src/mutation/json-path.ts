import { parseIndex } from './key-path.js';

/** One part of a json-update key: its text, and whether a leading `:` marked it as an object key. */
export interface JsonKeyPart {
  readonly text: string;
  readonly objectKey: boolean;
}

/**
 * Splits a key the way sjson (which Kargo's json-update uses) reads paths: `.` separates parts,
 * a backslash makes the next character literal, and a `:` opening a part marks a numeric part
 * as an object key. Returns `undefined` for an empty key or an empty part.
 */
export function splitJsonKey(key: string): JsonKeyPart[] | undefined {
  const parts: JsonKeyPart[] = [];
  let text = '';
  let objectKey = false;
  let started = false;
  for (let i = 0; i < key.length; i++) {
    const ch = key[i] as string;
    if (ch === '\\' && i + 1 < key.length) {
      text += key[++i];
      started = true;
    } else if (ch === '.') {
      if (text === '') return undefined;
      parts.push({ text, objectKey });
      text = '';
      objectKey = false;
      started = false;
    } else if (ch === ':' && !started) {
      objectKey = true;
      started = true;
    } else if (ch !== '\\') {
      text += ch;
      started = true;
    }
  }
  if (text === '') return undefined;
  parts.push({ text, objectKey });
  return parts;
}

/** The array index a part names: a non-negative integer, `-1` (append), or `undefined` when it is not an index. */
export function jsonIndex(part: JsonKeyPart): number | undefined {
  if (part.objectKey || !/^-?[0-9]+$/.test(part.text)) return undefined;
  return parseIndex(part.text);
}

/** The value a missing path creates: numeric parts open arrays (padded with nulls), others objects. */
export function buildJsonValue(parts: readonly JsonKeyPart[], value: unknown): unknown {
  let out: unknown = value;
  for (let i = parts.length - 1; i >= 0; i--) {
    const part = parts[i] as JsonKeyPart;
    const index = jsonIndex(part);
    if (index !== undefined && index >= -1) {
      const arr: unknown[] = index > 0 ? new Array<unknown>(index).fill(null) : [];
      arr.push(out);
      out = arr;
    } else {
      out = { [part.text]: out };
    }
  }
  return out;
}
