import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  chooseEdits,
  corpusFolders,
  fileVerdict,
  measureCorpus,
  measureFile,
  nextValue,
  readCorpus,
  renderFidelityPage,
  type FileFidelity,
} from '../../../scripts/fidelity-table.js';
import { formatGoFloat, formatKargoValue, spliceYamlLikeKargo, splitKargoKey } from '../../support/kargo-splice.js';

const corpusRoot = fileURLToPath(new URL('../../fixtures/corpus', import.meta.url));
const pagePath = fileURLToPath(new URL('../../../docs/guides/yaml-edit-fidelity.md', import.meta.url));

describe('YAML edit fidelity page', () => {
  let results: FileFidelity[] = [];

  beforeAll(() => {
    results = measureCorpus(readCorpus(corpusRoot, corpusFolders));
  }, 120_000);

  it('is up to date with the corpus (regenerate with `npx tsx scripts/generate-fidelity-table.ts`)', () => {
    expect(readFileSync(pagePath, 'utf8')).toBe(renderFidelityPage(results));
  });

  it('measures every corpus folder, with up to three edits per file', () => {
    expect(new Set(results.map((r) => r.folder))).toEqual(new Set(corpusFolders));
    expect(results.filter((r) => r.edits.length > 0).length).toBeGreaterThan(300);
    for (const r of results) expect(r.edits.length).toBeLessThanOrEqual(3);
  });

  it('shows waybill keeping every byte outside the edited value, in every file', () => {
    const changedElsewhere = results.flatMap((r) =>
      r.outcomes.waybill.filter((o) => !o.bytesKept || o.otherLines !== 0 || !o.targetLineKept).map(() => r.name),
    );
    expect(changedElsewhere).toEqual([]);
    expect(results.every((r) => fileVerdict(r.outcomes.waybill) !== 'reformatted')).toBe(true);
  });

  it('shows waybill writing the right data on every edit', () => {
    const broken = results.filter((r) => fileVerdict(r.outcomes.waybill) === 'broken').map((r) => r.name);
    expect(broken).toEqual([]);
  });
});

describe('edit choice', () => {
  it('takes the first, middle and last editable leaf and gives each a new value of the same type', () => {
    const text = 'a: x\nb: &k 1\nc: *k\nd: null\ne: [true, 2.5]\nf: last\n';
    const edits = chooseEdits(parseDocument(text), text);
    expect(edits.map((e) => e.key)).toEqual(['a', 'e.0', 'f']);
    expect(edits.map((e) => e.to)).toEqual(['x-edited', false, 'last-edited']);
  });

  it('changes strings, numbers and booleans without changing their type', () => {
    expect(nextValue('')).toBe('edited');
    expect(nextValue('line\n')).toBe('edited line\n');
    expect(nextValue(41)).toBe(42);
    expect(nextValue(false)).toBe(true);
  });
});

describe('measurement', () => {
  const measure = (text: string) => measureFile({ folder: 'values', name: 'owner__repo__values.yaml', text });

  it('calls an edit kept when only the value changes', () => {
    const r = measure('a: 1 # one\nb: x\n');
    expect(r.outcomes.waybill.map((o) => o.verdict)).toEqual(['kept', 'kept']);
  });

  it('counts lines a round trip reformats, and flags a value line that lost its comment', () => {
    const r = measure('list:\n- a\n- b\nkey: "v"   # note\n');
    const last = r.outcomes.roundTrip[2];
    expect(last?.verdict).toBe('reformatted');
    expect(last?.otherLines).toBe(2);
    const splice = r.outcomes.kargoSplice[2];
    expect(splice).toMatchObject({ verdict: 'reformatted', otherLines: 0, targetLineKept: false });
  });

  it('calls an output that does not parse, or reads back wrong, broken', () => {
    const r = measure('m: {a: 1, b: 2}\ns: |\n  one\n  two\n');
    expect(r.outcomes.kargoSplice.map((o) => o.verdict)).toEqual(['broken', 'broken', 'broken']);
    expect(r.outcomes.waybill.map((o) => o.verdict)).toEqual(['kept', 'kept', 'kept']);
  });

  it('counts a final newline added after the last value as a change', () => {
    const r = measure('a: 1\nb: x');
    expect(r.outcomes.kargoSplice[1]).toMatchObject({ verdict: 'reformatted', otherLines: 1 });
    expect(r.outcomes.waybill[1]?.verdict).toBe('kept');
  });
});

describe('model of the Kargo line splice', () => {
  const splice = (text: string, key: string, value: unknown) => spliceYamlLikeKargo(text, [{ key, value }]);

  it('drops what followed the value on its line', () => {
    expect(splice('image:\n  tag: v1 # pinned\n', 'image.tag', 'v2')).toEqual({ ok: true, text: 'image:\n  tag: v2\n' });
    expect(splice('foo: {a: 1, b: 2}\n', 'foo.a', 3)).toEqual({ ok: true, text: 'foo: {a: 3\n' });
    expect(splice('a: "x" # c\n', 'a', 'y')).toEqual({ ok: true, text: 'a: y\n' });
  });

  it('rewrites CRLF as LF, adds a final newline and strips the anchor on the target', () => {
    expect(splice('a: 1\r\nb: 2', 'b', 3)).toEqual({ ok: true, text: 'a: 1\nb: 3\n' });
    expect(splice('a: &x 1\nb: *x\n', 'a', 2)).toEqual({ ok: true, text: 'a: 2\nb: *x\n' });
  });

  it('keeps the last of two edits on one line', () => {
    const r = spliceYamlLikeKargo('m: {a: 1, b: 2}\n', [{ key: 'm.a', value: 5 }, { key: 'm.b', value: 6 }]);
    expect(r).toEqual({ ok: true, text: 'm: {a: 1, b: 6\n' });
  });

  it('cuts a line with non-ASCII text before the value in bytes at a character column', () => {
    const r = splice('ключ: old\n', 'ключ', 'new');
    expect(r.ok && r.text.startsWith('клю')).toBe(true);
    expect(r.ok && r.text.endsWith(' new\n')).toBe(true);
  });

  it('prints values the way Go prints them after the quote rule', () => {
    expect(formatGoFloat(1000000)).toBe('1e+06');
    expect(formatGoFloat(1234567)).toBe('1.234567e+06');
    expect(formatGoFloat(123456)).toBe('123456');
    expect(formatGoFloat(0.00001)).toBe('1e-05');
    expect(formatGoFloat(1.5)).toBe('1.5');
    expect(formatKargoValue('true')).toBe('"true"');
    expect(formatKargoValue('1.10')).toBe('"1.10"');
    expect(formatKargoValue('a: b')).toBe('a: b');
    expect(formatKargoValue(null)).toBe('<nil>');
    expect(formatKargoValue({ b: 1, a: 'x' })).toBe('map[a:x b:1]');
    expect(formatKargoValue([1, 'x', true])).toBe('[1 x true]');
  });

  it('reports missing keys, bad indexes and non-scalar targets as errors', () => {
    expect(splice('a: 1\n', 'b', 2)).toEqual({ ok: false, message: 'key path not found' });
    expect(splice('l: [1]\n', 'l.3', 2).ok).toBe(false);
    expect(splice('l: [1]\n', 'l.x', 2).ok).toBe(false);
    expect(splice('m: {a: 1}\n', 'm', 2)).toEqual({ ok: false, message: 'key path does not address a scalar node' });
  });

  it('splits keys with escaped dots and colons', () => {
    expect(splitKargoKey('a\\.b.c')).toEqual(['a.b', 'c']);
    expect(splitKargoKey('list.:0')).toEqual(['list', '0']);
    expect(splitKargoKey('a..b')).toBe('empty key part in key "a..b"');
  });
});
