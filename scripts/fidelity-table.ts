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
  /** Whether the target sits inside a flow collection (`[a, b]`, `{a: 1}`). */
  readonly inFlow: boolean;
  /** Whether the target's token runs over more than one line of the input. */
  readonly spansLines: boolean;
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
  /** Whether every byte outside the target value's token is unchanged (whatever the data check says). */
  readonly bytesKept: boolean;
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
export function chooseEdits(doc: Document, text: string): FidelityEdit[] {
  const leaves = scalarPaths(doc).filter(isEditable);
  if (leaves.length === 0) return [];
  const picks = [...new Set([0, Math.floor((leaves.length - 1) / 2), leaves.length - 1])];
  return picks.map((i) => {
    const leaf = leaves[i] as ScalarPath & { readonly value: string | number | boolean };
    return {
      key: leaf.key,
      path: leaf.path,
      from: leaf.value,
      to: nextValue(leaf.value),
      range: [leaf.range[0], leaf.range[1]],
      inFlow: leaf.inFlow,
      spansLines: text.slice(leaf.range[0], leaf.range[1]).trimEnd().includes('\n'),
    };
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
 * then edits it (and restores it), which gives what `parseDocument(text)` would, without a second parse.
 */
function editWith(method: FidelityMethod, text: string, edit: FidelityEdit, parsed: Document | undefined): Attempt {
  if (method === 'waybill') {
    const r = updateYaml(text, [{ key: edit.key, value: edit.to }]);
    return r.ok ? { ok: true, text: r.value.text } : { ok: false, message: r.issues[0]?.code ?? 'refused' };
  }
  if (method === 'kargoSplice') return spliceYamlLikeKargo(text, [{ key: edit.key, value: edit.to }], parsed);
  try {
    if (!parsed) {
      const doc = parseDocument(text);
      doc.setIn(edit.path, edit.to);
      return { ok: true, text: String(doc) };
    }
    // Setting a scalar's value and setting it back leaves the document as parsed, so the parsed
    // input is reused instead of parsed (or copied) again for every edit.
    parsed.setIn(edit.path, edit.to);
    try {
      return { ok: true, text: String(parsed) };
    } finally {
      parsed.setIn(edit.path, edit.from);
    }
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
}

/**
 * Whether the new token ends the way the old one did. Prefix and suffix checks alone would miss a
 * line break added after a value that ends the file (the suffix is then empty).
 */
function sameEnding(text: string, out: string, edit: FidelityEdit, prefix: string, suffix: string): boolean {
  const oldToken = text.slice(edit.range[0], edit.range[1]);
  const newToken = out.slice(prefix.length, out.length - suffix.length);
  return suffix !== '' || oldToken.endsWith('\n') === newToken.endsWith('\n');
}

/** Measures every method on every chosen edit of one file. */
export function measureFile(file: CorpusFile): FileFidelity {
  const { text } = file;
  const all = parseAllDocuments(text);
  const docs = Array.isArray(all) ? all : [];
  const first = docs[0];
  const clean = docs.every((d) => d.errors.length === 0);
  const edits = first && clean ? chooseEdits(first, text) : [];
  const only = docs.length === 1 && clean ? first : undefined;
  const input = readDocuments(docs);
  const cache = new Map<string, Parsed>();
  const expectations = new Map<FidelityEdit, unknown[]>();
  // The input's data with the edit applied; a copy keeps aliases' shared collections shared, so an
  // edit inside an anchored collection shows at its aliases too, as it does in the output.
  const expectedData = (edit: FidelityEdit): unknown[] => {
    let expected = expectations.get(edit);
    if (!expected) {
      expected = input.ok ? structuredClone(input.data as unknown[]) : [];
      expected[0] = setAtPath(expected[0], edit.path, edit.to);
      expectations.set(edit, expected);
    }
    return expected;
  };
  const outcomes = {} as Record<FidelityMethod, EditOutcome[]>;
  for (const method of fidelityMethods) {
    outcomes[method] = edits.map((edit): EditOutcome => {
      const attempt = editWith(method, text, edit, only);
      if (!attempt.ok) return { verdict: 'broken', otherLines: 0, targetLineKept: false, bytesKept: false, problem: `refused: ${attempt.message}` };
      const out = attempt.text;
      const { otherLines, targetLineKept } = compareLines(text, out, edit.range);
      const prefix = text.slice(0, edit.range[0]);
      const suffix = text.slice(edit.range[1]);
      const bytesKept = out.length >= prefix.length + suffix.length && out.startsWith(prefix) && out.endsWith(suffix) && sameEnding(text, out, edit, prefix, suffix);
      let parsed = cache.get(out);
      if (!parsed) {
        parsed = parseData(out);
        cache.set(out, parsed);
      }
      const base = { otherLines, targetLineKept, bytesKept };
      if (!parsed.ok) return { verdict: 'broken', ...base, problem: parsed.message };
      if (!deepEqual(parsed.data, expectedData(edit))) return { verdict: 'broken', ...base, problem: 'wrong data' };
      return { verdict: bytesKept ? 'kept' : 'reformatted', ...base };
    });
  }
  return { folder: file.folder, name: file.name, edits, outcomes };
}

/** Measures every file. */
export function measureCorpus(files: readonly CorpusFile[]): FileFidelity[] {
  return files.map(measureFile);
}

/** Headings of the methods in the page. */
const methodTitles: Readonly<Record<FidelityMethod, string>> = {
  waybill: 'waybill',
  roundTrip: 'yaml round trip',
  kargoSplice: 'Kargo splice',
};

/** The worst verdict over a file's edits: one broken edit makes the file broken. */
export function fileVerdict(outcomes: readonly EditOutcome[]): FidelityVerdict {
  if (outcomes.some((o) => o.verdict === 'broken')) return 'broken';
  if (outcomes.some((o) => o.verdict === 'reformatted')) return 'reformatted';
  return 'kept';
}

/** Per method: how many files (with at least one edit) each verdict covers. */
export function summarize(results: readonly FileFidelity[]): Record<FidelityMethod, Record<FidelityVerdict, number>> {
  const summary = {} as Record<FidelityMethod, Record<FidelityVerdict, number>>;
  for (const method of fidelityMethods) {
    const counts: Record<FidelityVerdict, number> = { kept: 0, reformatted: 0, broken: 0 };
    for (const file of results) if (file.edits.length > 0) counts[fileVerdict(file.outcomes[method])]++;
    summary[method] = counts;
  }
  return summary;
}

/** Shows a corpus file name (`owner__repo__path`) as `owner/repo/path`. */
function displayName(name: string): string {
  return name.split('__').join('/');
}

function brokenReason(problem: string | undefined): string {
  if (problem === undefined) return 'broken';
  if (problem.startsWith('refused')) return 'refused';
  if (problem === 'wrong data') return 'wrong data';
  return 'no parse';
}

function renderEdit(outcome: EditOutcome): string {
  if (outcome.verdict === 'broken') return `✗ ${brokenReason(outcome.problem)}`;
  if (outcome.verdict === 'kept') return '0';
  return `${outcome.otherLines}${outcome.targetLineKept ? '' : ' ✂'}`;
}

function renderCell(outcomes: readonly EditOutcome[]): string {
  const verdict = fileVerdict(outcomes);
  if (verdict === 'kept') return 'kept';
  const label = verdict === 'broken' ? '**broken**' : 'reformatted';
  return `${label}: ${outcomes.map(renderEdit).join(', ')}`;
}

function countEdits(results: readonly FileFidelity[], method: FidelityMethod, test: (o: EditOutcome) => boolean): number {
  return results.reduce((n, file) => n + file.outcomes[method].filter(test).length, 0);
}

/** Why the modelled Kargo splice broke an edit, judged from the edit's target. */
export type SpliceBreakCause = 'multiLine' | 'flow' | 'continued' | 'syntax';

/**
 * Sorts a broken splice edit by cause: a multi-line string written raw, a value inside a flow
 * collection (the rest of the line dropped), a value written over several lines in the input (the
 * old continuation lines stay), or a new value that, written unquoted, reads as YAML syntax.
 */
export function spliceBreakCause(edit: FidelityEdit): SpliceBreakCause {
  if (typeof edit.from === 'string' && edit.from.includes('\n')) return 'multiLine';
  if (edit.inFlow) return 'flow';
  if (edit.spansLines) return 'continued';
  return 'syntax';
}

const causeTexts: Readonly<Record<SpliceBreakCause, string>> = {
  multiLine: 'set a multi-line string, written raw so that its lines become YAML structure',
  flow: 'target a value inside a flow collection (`[a, b]`, `{a: 1}`), whose rest is dropped',
  continued: 'target a value written over several lines: the new value goes on the first line and the old continuation lines stay, read as part of it',
  syntax: 'write a value that reads as YAML syntax when unquoted (`{{ … }}` opens a flow mapping, `*` an alias)',
};

function renderWhy(results: readonly FileFidelity[]): string[] {
  const out: string[] = ['## Why edits change or break files', ''];
  const waybillBroken = results.flatMap((f) =>
    f.outcomes.waybill.flatMap((o, i) => (o.verdict === 'broken' ? [`\`${displayName(f.name)}\` (\`${f.edits[i]?.key ?? ''}\`: ${o.problem ?? 'broken'})`] : [])),
  );
  out.push(
    waybillBroken.length === 0
      ? '- **waybill** kept the data right and every other byte in place on every edit.'
      : `- **waybill** kept every other byte in place on every edit; the data read back was not right on ${waybillBroken.length} edit${waybillBroken.length === 1 ? '' : 's'}: ${waybillBroken.join('; ')}.`,
  );
  out.push(
    '- **yaml round trip** prints the whole document again in the `yaml` package\'s default style, so',
    '  files written in another style change far from the edited value: block sequences under a',
    '  mapping key are indented, long plain strings are re-wrapped at 80 columns, and flow collections',
    '  get spaces inside their brackets.',
  );
  const causes = new Map<SpliceBreakCause, number>();
  let brokenSplices = 0;
  for (const f of results) {
    f.outcomes.kargoSplice.forEach((o, i) => {
      const edit = f.edits[i];
      if (o.verdict !== 'broken' || !edit) return;
      brokenSplices++;
      const cause = spliceBreakCause(edit);
      causes.set(cause, (causes.get(cause) ?? 0) + 1);
    });
  }
  out.push(`- **Kargo splice** broke ${brokenSplices} edits:`);
  for (const cause of ['multiLine', 'flow', 'continued', 'syntax'] as const) {
    const n = causes.get(cause) ?? 0;
    if (n > 0) out.push(`  - ${n} ${causeTexts[cause]}`);
  }
  out.push(
    '',
    'Where the data stayed right, the Kargo splice changed other bytes in only two ways: it dropped',
    'what followed the value on its line (an inline comment, trailing spaces), or it rewrote line',
    'endings (a final newline added, CRLF turned into LF).',
    '',
  );
  return out;
}

/** Folder headings of the per-file table. */
const folderTitles: Readonly<Record<string, string>> = {
  values: 'Helm values files',
  charts: 'Chart.yaml files',
  kustomize: 'Kustomizations',
};

/**
 * Renders the fidelity page: what is measured, a summary per method and a per-file table grouped
 * by corpus folder. Deterministic, so a test can compare it with the committed page.
 */
export function renderFidelityPage(results: readonly FileFidelity[]): string {
  const edited = results.filter((f) => f.edits.length > 0);
  const edits = edited.reduce((n, f) => n + f.edits.length, 0);
  const summary = summarize(results);
  const out: string[] = [
    '# How faithfully YAML edits keep the rest of a file',
    '',
    '<!-- Generated by `npx tsx scripts/generate-fidelity-table.ts` from test/fixtures/corpus. Do not edit by hand. -->',
    '',
    'Regenerate this page with `npx tsx scripts/generate-fidelity-table.ts`. A unit test renders it',
    'again from the corpus and fails when the committed page is out of date.',
    '',
    '## What is measured',
    '',
    `waybill's test corpus holds ${results.length} real YAML files from public repositories: Helm values`,
    `files, Chart.yaml files and kustomizations. In each of the ${edited.length} files that hold an editable value,`,
    'up to three values are edited, one at a time: the first, the middle and the last string, number or',
    'boolean leaf reachable by a plain key path (no alias, merge key or tag on the way). Each gets a new',
    'value of the same type: a string gets `-edited` appended (a multi-line string gets `edited ` in',
    `front), a number grows by 1, a boolean flips. That makes ${edits} edits, each made three ways:`,
    '',
    '- **waybill**: `updateYaml(text, [{ key, value }])`.',
    '- **yaml round trip**: `YAML.parseDocument(text)`, `doc.setIn(path, value)`, `String(doc)`, with the',
    '  `yaml` package\'s default options: what a program that loads, changes and saves a document gets.',
    '- **Kargo splice**: a model of Kargo\'s yaml-update step, which finds the old value\'s line and',
    '  column, keeps the line up to the value, writes the new value (printed with Go\'s `%v`, quoted',
    '  only when Go would read it as a number, a boolean or JSON) and drops whatever followed the value on',
    '  that line. It writes every line back with `\\n`, so it also adds a missing final newline. See',
    '  [Differences from Kargo](../differences-from-kargo.md).',
    '',
    'Each output is judged twice:',
    '',
    '- **Data.** The output must parse and read back as the input\'s data with the one value changed.',
    '  If the edit was refused, or the output does not parse, or it reads back as other data, the edit',
    '  is **broken**: a broken file is worse than a reformatted one.',
    '- **Bytes.** The edit **kept** the file if every byte before and after the edited value\'s token is',
    '  identical to the input. Otherwise the file was **reformatted**, and a line diff counts the lines',
    '  other than the value\'s own that were changed, added or removed, and checks whether the value\'s',
    '  line kept what stood before and after the value (an inline comment, a closing quote).',
    '',
    '## Summary',
    '',
    `Files with at least one edit (${edited.length}); a file counts under the worst of its edits.`,
    '',
    '| Method | Every edit kept all other bytes | Reformatted (data right) | Broken or wrong data |',
    '| --- | ---: | ---: | ---: |',
  ];
  for (const method of fidelityMethods) {
    const c = summary[method];
    out.push(`| ${methodTitles[method]} | ${c.kept} | ${c.reformatted} | ${c.broken} |`);
  }
  out.push('', `Per edit (${edits} edits):`, '', '| Method | Kept | Reformatted | Value line lost other content | Broken |', '| --- | ---: | ---: | ---: | ---: |');
  for (const method of fidelityMethods) {
    const kept = countEdits(results, method, (o) => o.verdict === 'kept');
    const reformatted = countEdits(results, method, (o) => o.verdict === 'reformatted');
    const cut = countEdits(results, method, (o) => o.verdict !== 'kept' && !o.targetLineKept);
    const broken = countEdits(results, method, (o) => o.verdict === 'broken');
    out.push(`| ${methodTitles[method]} | ${kept} | ${reformatted} | ${cut} | ${broken} |`);
  }
  out.push('', ...renderWhy(results));
  out.push(
    '## Per file',
    '',
    'A cell says `kept` when every edit of the file kept all other bytes. Otherwise it gives the file\'s',
    'worst verdict and, for each edit in order (first, middle, last value), the number of lines other',
    'than the value\'s own that changed; `✂` marks an edit whose value line lost what stood before or',
    'after the value, and `✗` an edit that broke the file (`no parse`, `wrong data` or `refused`). File',
    'names are `owner/repository/path`.',
    '',
  );
  const folders = [...new Set(results.map((f) => f.folder))];
  for (const folder of folders) {
    const files = results.filter((f) => f.folder === folder);
    out.push(`### ${folderTitles[folder] ?? folder} (${folder}, ${files.length} files)`, '');
    out.push('| File | Edits | waybill | yaml round trip | Kargo splice |', '| --- | ---: | --- | --- | --- |');
    for (const file of files) {
      const cells = file.edits.length === 0 ? fidelityMethods.map(() => 'no value to edit') : fidelityMethods.map((m) => renderCell(file.outcomes[m]));
      out.push(`| \`${displayName(file.name)}\` | ${file.edits.length} | ${cells.join(' | ')} |`);
    }
    out.push('');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

/** The corpus folders measured, in the order the page shows them. */
export const corpusFolders = ['values', 'charts', 'kustomize'] as const;
