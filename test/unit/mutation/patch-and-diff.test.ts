import jsonpatch from 'fast-json-patch';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { renderDiff, toJsonPatch, toJsonPointer, updateYaml } from '../../../src/mutation/index.js';

describe('toJsonPatch', () => {
  it('encodes paths as JSON Pointers', () => {
    expect(toJsonPointer(['a/b', 'c~d', 0])).toBe('/a~1b/c~0d/0');
    expect(toJsonPointer([])).toBe('');
  });
  it('gives operations that turn the parsed input into the parsed output', () => {
    const input = 'a:\n  b: 1\nl: [x]\n';
    const r = updateYaml(input, [{ key: 'a.b', value: 2 }, { key: 'a.c.d', value: 'e' }, { key: 'l.-1', value: 'y' }], { create: true });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const ops = toJsonPatch(r.value.changes);
    expect(ops).toEqual([
      { op: 'replace', path: '/a/b', value: 2 },
      { op: 'add', path: '/a/c', value: { d: 'e' } },
      { op: 'add', path: '/l/1', value: 'y' },
    ]);
    expect(jsonpatch.validate(ops as jsonpatch.Operation[], parse(input))).toBeUndefined();
    expect(jsonpatch.applyPatch(parse(input), ops as jsonpatch.Operation[]).newDocument).toEqual(parse(r.value.text));
  });
});

describe('renderDiff', () => {
  it('is empty for equal texts', () => {
    expect(renderDiff('a\n', 'a\n')).toBe('');
  });
  it('writes unified hunks with three lines of context, as diff -u does', () => {
    const before = 'a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\n';
    const after = 'a\nb\nC\nd\ne\nf\ng\nh\ni\nj\nK\nl';
    expect(renderDiff(before, after, { file: 'values.yaml' })).toBe(
      '--- a/values.yaml\n+++ b/values.yaml\n@@ -1,6 +1,6 @@\n a\n b\n-c\n+C\n d\n e\n f\n@@ -8,4 +8,5 @@\n h\n i\n j\n-k\n+K\n+l\n\\ No newline at end of file\n',
    );
  });
  it('handles added and removed files', () => {
    expect(renderDiff('', 'x\n')).toBe('--- a/file\n+++ b/file\n@@ -0,0 +1,1 @@\n+x\n');
    expect(renderDiff('x\n', '')).toBe('--- a/file\n+++ b/file\n@@ -1,1 +0,0 @@\n-x\n');
  });
  it('stays fast on a large file with one changed line', () => {
    const lines = Array.from({ length: 100_000 }, (_, i) => `key${i}: ${i}`);
    const before = lines.join('\n') + '\n';
    const after = before.replace('key50000: 50000', 'key50000: 1');
    const started = performance.now();
    const diff = renderDiff(before, after);
    expect(diff).toContain('-key50000: 50000\n+key50000: 1\n');
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
