import { createIssue } from '../errors/index.js';
import { err, ok, type Result } from '../result.js';

/** One part of a key: its literal text, and whether it was marked as a map key with a leading `:`. */
export interface KeyPart {
  readonly text: string;
  readonly mapKey: boolean;
}

/**
 * Splits a key in Kargo's key syntax: surrounding white space is trimmed, `.` separates parts,
 * `\.` and `\:` are literal, a `:` opening a part marks it as a map key (and is dropped), a lone
 * trailing `\` is dropped. Any other escape, an empty part, or a `:` inside a part is
 * `YAML_INVALID_KEY`. Written here because no library has this exact dialect.
 */
export function splitKey(key: string): Result<KeyPart[]> {
  const trimmed = key.trim();
  const fail = (why: string): Result<KeyPart[]> =>
    err(createIssue('YAML_INVALID_KEY', `invalid key ${JSON.stringify(key)}: ${why}`, { path: [key] }));
  if (trimmed === '') return fail('the key is empty');
  const parts: KeyPart[] = [];
  let text = '';
  let mapKey = false;
  let partStart = true;
  for (let i = 0; i < trimmed.length; i++) {
    const ch = trimmed[i] as string;
    if (ch === '\\') {
      const next = trimmed[i + 1];
      if (next === undefined) break;
      if (next !== '.' && next !== ':') return fail(`invalid escape sequence "\\${next}"`);
      text += next;
      i++;
      partStart = false;
    } else if (ch === '.') {
      if (text === '') return fail('empty key part');
      parts.push({ text, mapKey });
      text = '';
      mapKey = false;
      partStart = true;
    } else if (ch === ':') {
      if (!partStart) return fail('unexpected colon (":" may only start a part)');
      mapKey = true;
      partStart = false;
    } else {
      text += ch;
      partStart = false;
    }
  }
  if (text === '') return fail('empty key part');
  parts.push({ text, mapKey });
  return ok(parts);
}

/** Reads a key part as a sequence index the way Go's `strconv.Atoi` does: optional sign, decimal digits. */
export function parseIndex(text: string): number | undefined {
  if (!/^[+-]?[0-9]+$/.test(text)) return undefined;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : undefined;
}

