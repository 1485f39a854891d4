/**
 * A model of Kargo's yaml-update edit, used only to compare its output with waybill's in the
 * YAML edit fidelity page. It is not a waybill feature: it models Kargo's documented behaviour
 * (find the target scalar's line and column, then rewrite that line as everything before the
 * value plus the new value, dropping whatever followed the value on that line), so that the page
 * can show what each approach does to real files.
 *
 * What it models: the first document is the only one searched; mapping keys match on their
 * scalar text (first match wins); sequence parts are parsed as integers with no bounds check
 * (an out-of-range index is reported as the crash it is in Kargo); the node starts at its anchor
 * when it has one; the column counts characters but cuts the line in bytes; lines are read
 * without their line break (one trailing `\r` stripped) and written back with `\n`, so CRLF turns
 * into LF and a missing final newline is added; two edits on one line keep the last; values are
 * printed the way Go's `%v` prints them after Kargo's "quote if necessary" rule.
 *
 * What it does not model: explicit tags before the value (the fidelity walker never targets
 * tagged scalars) and the exact escapes of Go's `%q` (JSON escapes are used instead; they only
 * differ for rare control characters).
 */
import { isAlias, isMap, isScalar, isSeq, parseAllDocuments, type Document, type Node } from 'yaml';

/** A value to set with Kargo's key syntax, as in the yaml-update step's `updates`. */
export interface KargoUpdate {
  readonly key: string;
  readonly value: unknown;
}

/** The outcome of the modelled splice: the new text, or the error Kargo would report. */
export type KargoSpliceResult = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly message: string };

/** Longest line Go's line scanner accepts by default (1 MiB). */
const MAX_LINE_BYTES = 1024 * 1024;

/** Splits a key on unescaped dots the way Kargo does (`\.` and `\:` are literal, a leading `:` is dropped). */
export function splitKargoKey(key: string): string[] | string {
  const trimmed = key.trim();
  if (trimmed === '') return 'empty key';
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < trimmed.length; i++) {
    const ch = trimmed[i] as string;
    if (ch === '\\') {
      const next = trimmed[i + 1];
      if (next === undefined) break;
      if (next !== '.' && next !== ':') return `invalid escape sequence in key "${key}"`;
      current += next;
      i++;
    } else if (ch === '.') {
      if (current === '') return `empty key part in key "${key}"`;
      parts.push(current);
      current = '';
    } else if (ch === ':') {
      if (current !== '') return `unexpected colon in key "${key}"`;
    } else {
      current += ch;
    }
  }
  if (current === '') return `empty key part in key "${key}"`;
  parts.push(current);
  return parts;
}

const goFloatPattern = /^[+-]?(?:(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|0[xX](?:[\da-fA-F_]+\.?[\da-fA-F_]*|\.[\da-fA-F_]+)[pP][+-]?\d+|inf|infinity|nan)$/i;
const goBools = new Set(['1', 't', 'T', 'TRUE', 'true', 'True', '0', 'f', 'F', 'FALSE', 'false', 'False']);

function isValidJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Prints a number as Go's `%v` prints a float64: shortest digits, exponent form below 1e-4 or from 1e6. */
export function formatGoFloat(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? '+Inf' : '-Inf';
  if (n === 0) return Object.is(n, -0) ? '-0' : '0';
  const exponential = n.toExponential();
  const [mantissa = '', exp = '0'] = exponential.split('e');
  const e = Number(exp);
  if (e < -4 || e >= 6) {
    const sign = e < 0 ? '-' : '+';
    return `${mantissa}e${sign}${String(Math.abs(e)).padStart(2, '0')}`;
  }
  return String(n);
}

/** Prints a value the way Kargo writes it into the spliced line (its quote rule, then Go's `%v`). */
export function formatKargoValue(value: unknown): string {
  if (typeof value === 'string') {
    if (goFloatPattern.test(value) || goBools.has(value) || isValidJson(value)) return JSON.stringify(value);
    return value;
  }
  if (typeof value === 'number') return formatGoFloat(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value === null || value === undefined) return '<nil>';
  if (Array.isArray(value)) return `[${value.map(formatKargoValue).join(' ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `map[${entries.map(([k, v]) => `${k}:${formatKargoValue(v)}`).join(' ')}]`;
  }
  return String(value);
}

/** Finds the offset where Kargo's parser says the target node starts (its anchor, if it has one). */
function locateTarget(text: string, root: Node | null, parts: readonly string[]): number | string {
  let node: unknown = root;
  for (const part of parts) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && scalarText(p.key) === part);
      if (!pair) return 'key path not found';
      node = pair.value;
    } else if (isSeq(node)) {
      if (!/^[+-]?\d+$/.test(part)) return `strconv.Atoi: parsing "${part}": invalid syntax`;
      const index = Number(part);
      const item: unknown = node.items[index];
      if (index < 0 || index >= node.items.length) return `panic: index out of range [${part}] with length ${node.items.length}`;
      node = item;
    } else {
      return 'key path not found';
    }
  }
  if (isAlias(node) || !isScalar(node) || !node.range) return 'key path does not address a scalar node';
  const start = node.range[0];
  if (node.anchor) {
    const at = text.lastIndexOf(`&${node.anchor}`, start);
    if (at >= 0) return at;
  }
  return start;
}

function scalarText(node: { readonly value: unknown; readonly source?: string }): string {
  return typeof node.source === 'string' ? node.source : String(node.value);
}

function firstDocumentOf(text: string): Document | undefined {
  const docs = parseAllDocuments(text);
  return Array.isArray(docs) ? docs[0] : undefined;
}

/** Reads lines the way Go's line scanner does: split on `\n`, one trailing `\r` dropped, no empty last line. */
function scanLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (text.endsWith('\n')) lines.pop();
  return lines.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: false });

/**
 * Applies updates the way Kargo's yaml-update does: locate each target's line and column in the
 * first document, then re-emit the text line by line, replacing each target line by its bytes up
 * to the column, a space if needed, and the new value. `firstDocument` may be passed when the
 * caller has already parsed `text` (it is only read), to save a parse.
 */
export function spliceYamlLikeKargo(text: string, updates: readonly KargoUpdate[], firstDocument?: Document): KargoSpliceResult {
  const first = firstDocument ?? firstDocumentOf(text);
  if (first && first.errors.length > 0) return { ok: false, message: `error unmarshaling input: ${first.errors[0]?.message ?? ''}` };
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const changes = new Map<number, { readonly column: number; readonly value: unknown }>();
  for (const update of updates) {
    const parts = splitKargoKey(update.key);
    if (typeof parts === 'string') return { ok: false, message: parts };
    const at = locateTarget(text, (first?.contents ?? null) as Node | null, parts);
    if (typeof at === 'string') return { ok: false, message: at };
    let line = 0;
    while (line + 1 < lineStarts.length && (lineStarts[line + 1] as number) <= at) line++;
    const column = [...text.slice(lineStarts[line] as number, at)].length;
    changes.set(line, { column, value: update.value });
  }
  const out: string[] = [];
  const lines = scanLines(text);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const bytes = encoder.encode(line);
    if (bytes.length > MAX_LINE_BYTES) return { ok: false, message: 'bufio.Scanner: token too long' };
    const change = changes.get(i);
    if (!change) {
      out.push(line, '\n');
      continue;
    }
    // The column counts characters but is used as a byte offset, as in Kargo.
    const prefix = decoder.decode(bytes.slice(0, change.column));
    out.push(prefix, prefix.endsWith(' ') ? '' : ' ', formatKargoValue(change.value), '\n');
  }
  return { ok: true, text: out.join('') };
}
