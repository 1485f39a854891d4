/**
 * Measures how faithfully three ways of editing one YAML value keep the rest of a file: waybill's
 * `updateYaml`, a round trip through the `yaml` package (parse, `setIn`, print) and Kargo's line
 * splice (modelled in test/support/kargo-splice.ts), over the files of the test corpus. The result
 * is rendered as docs/guides/yaml-edit-fidelity.md; a test renders it again and compares.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments, parseDocument, type Document } from 'yaml';
import { updateYaml } from '../src/index.js';
import { spliceYamlLikeKargo } from '../test/support/kargo-splice.js';
import { scalarPaths, setAtPath, type ScalarPath } from '../test/unit/mutation/support/scalar-paths.js';

/** The ways of editing a value that the page compares. */
export const fidelityMethods = ['waybill', 'roundTrip', 'kargoSplice'] as const;

/** One of {@link fidelityMethods}. */
export type FidelityMethod = (typeof fidelityMethods)[number];

/** A corpus file: the folder it sits in, its name and its text. */
export interface CorpusFile {
  readonly folder: string;
  readonly name: string;
  readonly text: string;
}

/** One edit made to a file: the key (Kargo's syntax), the path as data, the old and the new value. */
export interface FidelityEdit {
  readonly key: string;
  readonly path: readonly (string | number)[];
  readonly from: string | number | boolean;
  readonly to: string | number | boolean;
  /** Offsets of the target scalar in the input (start and end of its token). */
  readonly range: readonly [number, number];
}

/**
 * What one method did with one edit. `kept`: every byte outside the target value is unchanged;
 * `reformatted`: the output reads back as the right data but other bytes changed; `broken`: the
 * edit was refused, or the output does not parse, or it parses to the wrong data.
 */
export type FidelityVerdict = 'kept' | 'reformatted' | 'broken';

/** The measurement of one method on one edit. */
export interface EditOutcome {
  readonly verdict: FidelityVerdict;
  /** Lines other than the target's that were changed, added or removed (a line diff). */
  readonly otherLines: number;
  /** Whether the target's line kept the bytes before and after the value. */
  readonly targetLineKept: boolean;
  /** Why the outcome is broken: the method's error, a parse error, or `wrong data`. */
  readonly problem?: string;
}

/** All measurements for one corpus file. */
export interface FileFidelity {
  readonly folder: string;
  readonly name: string;
  readonly edits: readonly FidelityEdit[];
  readonly outcomes: Readonly<Record<FidelityMethod, readonly EditOutcome[]>>;
}

/** Reads the corpus folders (in the given order) under `root`, files sorted by name. */
export function readCorpus(root: string, folders: readonly string[]): CorpusFile[] {
  const files: CorpusFile[] = [];
  for (const folder of folders) {
    const names = readdirSync(join(root, folder)).filter((n) => /\.ya?ml$/.test(n)).sort();
    for (const name of names) files.push({ folder, name, text: readFileSync(join(root, folder, name), 'utf8') });
  }
  return files;
}

/** A new value of the same type: another string, another number, the other boolean. */
export function nextValue(value: string | number | boolean): string | number | boolean {
  if (typeof value === 'boolean') return !value;
  if (typeof value === 'number') return value + 1;
  if (value === '') return 'edited';
  // A multi-line string keeps its trailing line breaks, so block scalars stay block-shaped.
  return value.includes('\n') ? `edited ${value}` : `${value}-edited`;
}

function isEditable(p: ScalarPath): p is ScalarPath & { readonly value: string | number | boolean } {
  return typeof p.value === 'string' || typeof p.value === 'boolean' || (typeof p.value === 'number' && Number.isFinite(p.value));
}

/**
 * Chooses up to three edits deterministically: the first, middle and last editable scalar leaf
 * (a string, number or boolean reachable without aliases, merge keys or tags).
 */
export function chooseEdits(doc: Document): FidelityEdit[] {
  const leaves = scalarPaths(doc).filter(isEditable);
  if (leaves.length === 0) return [];
  const picks = [...new Set([0, Math.floor((leaves.length - 1) / 2), leaves.length - 1])];
  return picks.map((i) => {
    const leaf = leaves[i] as ScalarPath & { readonly value: string | number | boolean };
    return { key: leaf.key, path: leaf.path, from: leaf.value, to: nextValue(leaf.value), range: [leaf.range[0], leaf.range[1]] };
  });
}

type Parsed = { readonly ok: true; readonly data: readonly unknown[] } | { readonly ok: false; readonly message: string };

function parseData(text: string): Parsed {
  const docs = parseAllDocuments(text);
  return readDocuments(Array.isArray(docs) ? docs : []);
}

function readDocuments(docs: readonly Document[]): Parsed {
  for (const d of docs) {
    const first = d.errors[0];
    if (first) return { ok: false, message: `does not parse (${first.code})` };
  }
  try {
    return { ok: true, data: docs.map((d) => d.toJS({ maxAliasCount: -1 }) as unknown) };
  } catch (e) {
    // An alias whose anchor was lost reads as an error, not as data.
    return { ok: false, message: `does not read back (${e instanceof Error ? e.name : 'error'})` };
  }
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (a instanceof Map || b instanceof Map || a instanceof Set || b instanceof Set) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  const rb = b as Record<string, unknown>;
  return ka.every((k) => Object.hasOwn(rb, k) && deepEqual((a as Record<string, unknown>)[k], rb[k]));
}

/** Splits into lines on `\n`, keeping any `\r`, so a changed line ending counts as a change. */
function lines(text: string): string[] {
  return text.split('\n');
}

/** Past this many inserted plus removed lines the diff stops and counts the whole differing middle. */
const MAX_EDIT_DISTANCE = 4000;

/**
 * Which lines of `a` and `b` a shortest line diff keeps (Myers' O(ND) algorithm, written here for
 * one measurement rather than adding a dependency). Returns `undefined` past the distance limit.
 */
function matchLines(a: readonly string[], b: readonly string[]): Int32Array | undefined {
  const n = a.length;
  const m = b.length;
  const max = Math.min(n + m, MAX_EDIT_DISTANCE);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= max && found < 0; d++) {
    // Round d reads only diagonals -d-1 .. d+1 of the previous round, so only those are kept.
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && (v[offset + k - 1] as number) < (v[offset + k + 1] as number)) ? (v[offset + k + 1] as number) : (v[offset + k - 1] as number) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
  }
  if (found < 0) return undefined;
  // matchA[i] is the index in b of the line a[i] was kept as, or -1.
  const matchA = new Int32Array(n).fill(-1);
  let x = n;
  let y = m;
  for (let d = found; d >= 0; d--) {
    const prev = trace[d] as Int32Array;
    const at = (diagonal: number): number => prev[diagonal + d + 1] as number;
    const k = x - y;
    let prevK: number;
    if (d === 0) prevK = 0;
    else prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : at(prevK);
    const prevY = prevX - prevK;
    const startX = d === 0 ? 0 : prevK === k + 1 ? prevX : prevX + 1;
    while (x > startX && y > startX - k) {
      x--;
      y--;
      matchA[x] = y;
    }
    x = prevX;
    y = prevY;
  }
  return matchA;
}

/** Line-level comparison of an output with its input around one target span. */
function compareLines(input: string, output: string, range: readonly [number, number]): { otherLines: number; targetLineKept: boolean } {
  const a = lines(input);
  const b = lines(output);
  const firstTarget = lineOf(input, range[0]);
  const lastTarget = lineOf(input, Math.max(range[0], range[1] - 1));
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);
  const match = matchLines(midA, midB);
  const matchA = new Int32Array(a.length).fill(-1);
  for (let i = 0; i < head; i++) matchA[i] = i;
  for (let i = 0; i < tail; i++) matchA[a.length - 1 - i] = b.length - 1 - i;
  if (match) match.forEach((j, i) => (matchA[head + i] = j < 0 ? -1 : head + j));
  let removedOther = 0;
  let removedTarget = 0;
  let kept = 0;
  matchA.forEach((j, i) => {
    if (j >= 0) kept++;
    else if (i >= firstTarget && i <= lastTarget) removedTarget++;
    else removedOther++;
  });
  const added = b.length - kept;
  const otherLines = Math.max(removedOther, added - removedTarget, 0);
  // The output lines standing where the target's lines stood: between the nearest kept neighbours.
  let before = firstTarget - 1;
  while (before >= 0 && (matchA[before] as number) < 0) before--;
  let after = lastTarget + 1;
  while (after < a.length && (matchA[after] as number) < 0) after++;
  const inStart = offsetOfLine(a, before + 1);
  const inEnd = offsetOfLine(a, after);
  const outStart = before >= 0 ? offsetOfLine(b, (matchA[before] as number) + 1) : 0;
  const outEnd = after < a.length ? offsetOfLine(b, matchA[after] as number) : output.length + 1;
  const lead = input.slice(inStart, range[0]);
  const trail = input.slice(range[1], inEnd - 1);
  const segment = output.slice(outStart, outEnd - 1);
  const targetLineKept = segment.length >= lead.length + trail.length && segment.startsWith(lead) && segment.endsWith(trail);
  return { otherLines, targetLineKept };
}

function lineOf(text: string, offset: number): number {
  let line = 0;
  for (let i = 0; i < offset && i < text.length; i++) if (text[i] === '\n') line++;
  return line;
}

/** Offset of the start of line `index` (one past the end of the text for the line after the last). */
function offsetOfLine(ls: readonly string[], index: number): number {
  let offset = 0;
  for (let i = 0; i < index && i < ls.length; i++) offset += (ls[i] as string).length + 1;
  return offset;
}

type Attempt = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly message: string };

/**
 * Runs one method. `parsed` is the input's only document, when it has exactly one: the round trip
 * then starts from a copy of it, which is what `parseDocument(text)` would build, without a second parse.
 */
function editWith(method: FidelityMethod, text: string, edit: FidelityEdit, parsed: Document | undefined): Attempt {
  if (method === 'waybill') {
    const r = updateYaml(text, [{ key: edit.key, value: edit.to }]);
    return r.ok ? { ok: true, text: r.value.text } : { ok: false, message: r.issues[0]?.code ?? 'refused' };
  }
  if (method === 'kargoSplice') return spliceYamlLikeKargo(text, [{ key: edit.key, value: edit.to }], parsed);
  try {
    const doc = parsed ? parsed.clone() : parseDocument(text);
    doc.setIn(edit.path, edit.to);
    return { ok: true, text: String(doc) };
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
}

/** Measures every method on every chosen edit of one file. */
export function measureFile(file: CorpusFile): FileFidelity {
  const { text } = file;
  const all = parseAllDocuments(text);
  const docs = Array.isArray(all) ? all : [];
  const first = docs[0];
  const clean = docs.every((d) => d.errors.length === 0);
  const edits = first && clean ? chooseEdits(first) : [];
  const only = docs.length === 1 && clean ? first : undefined;
  const input = readDocuments(docs);
  const cache = new Map<string, Parsed>();
  const outcomes = {} as Record<FidelityMethod, EditOutcome[]>;
  for (const method of fidelityMethods) {
    outcomes[method] = edits.map((edit) => {
      const attempt = editWith(method, text, edit, only);
      if (!attempt.ok) return { verdict: 'broken', otherLines: 0, targetLineKept: false, problem: `refused: ${attempt.message}` };
      const out = attempt.text;
      const { otherLines, targetLineKept } = compareLines(text, out, edit.range);
      let parsed = cache.get(out);
      if (!parsed) {
        parsed = parseData(out);
        cache.set(out, parsed);
      }
      if (!parsed.ok) return { verdict: 'broken', otherLines, targetLineKept, problem: parsed.message };
      const expected = input.ok ? structuredClone(input.data as unknown[]) : [];
      expected[0] = setAtPath(expected[0], edit.path, edit.to);
      if (!deepEqual(parsed.data, expected)) return { verdict: 'broken', otherLines, targetLineKept, problem: 'wrong data' };
      const prefix = text.slice(0, edit.range[0]);
      const suffix = text.slice(edit.range[1]);
      const bytesKept = out.length >= prefix.length + suffix.length && out.startsWith(prefix) && out.endsWith(suffix);
      return { verdict: bytesKept ? 'kept' : 'reformatted', otherLines, targetLineKept };
    });
  }
  return { folder: file.folder, name: file.name, edits, outcomes };
}

/** Measures every file. */
export function measureCorpus(files: readonly CorpusFile[]): FileFidelity[] {
  return files.map(measureFile);
}
