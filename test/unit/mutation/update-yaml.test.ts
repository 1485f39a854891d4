import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { updateYaml } from '../../../src/mutation/index.js';

const text = (input: string, updates: { key: string; value: unknown }[], opts?: { create?: boolean; document?: number }) => {
  const r = updateYaml(input, updates, opts);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value.text;
};
const codes = (input: string, updates: { key: string; value: unknown }[], opts?: { create?: boolean; document?: number }) => {
  const r = updateYaml(input, updates, opts);
  return r.ok ? [] : r.issues.map((i) => i.code);
};

describe('updateYaml: replacing only the target token', () => {
  it('keeps comments on the same line and the rest of flow collections', () => {
    expect(text('tag: v1 # pinned\n', [{ key: 'tag', value: 'v2' }])).toBe('tag: v2 # pinned\n');
    expect(text('foo: {a: 1, b: 2}\n', [{ key: 'foo.a', value: 3 }, { key: 'foo.b', value: 4 }])).toBe('foo: {a: 3, b: 4}\n');
  });
  it('keeps the quote style of the target', () => {
    expect(text('a: "x"\nb: \'y\'\n', [{ key: 'a', value: 'new' }, { key: 'b', value: "it's" }])).toBe('a: "new"\nb: \'it\'\'s\'\n');
  });
  it('quotes a string exactly when a plain scalar would read as something else', () => {
    expect(text('a: x\nb: x\nc: x\n', [{ key: 'a', value: 'yes' }, { key: 'b', value: '1.10' }, { key: 'c', value: '1.2.3' }])).toBe(
      'a: "yes"\nb: "1.10"\nc: 1.2.3\n',
    );
  });
  it('writes a number into a quoted token as a number', () => {
    expect(text('replicas: "1"\n', [{ key: 'replicas', value: 3 }])).toBe('replicas: 3\n');
  });
  it('keeps anchors and tags in front of the value', () => {
    expect(text('a: &x old\nb: !!str "5"\nc: *x\n', [{ key: 'a', value: 'new' }, { key: 'b', value: '6' }])).toBe(
      'a: &x new\nb: !!str "6"\nc: *x\n',
    );
  });
  it('keeps CRLF line endings, a missing final newline and a byte order mark', () => {
    expect(text('\ufeffa: 1\r\nb: 2', [{ key: 'b', value: 3 }])).toBe('\ufeffa: 1\r\nb: 3');
  });
  it('counts columns correctly after non-ASCII text', () => {
    expect(text('ключ: old # комментарий\n', [{ key: 'ключ', value: 'новый' }])).toBe('ключ: новый # комментарий\n');
  });
  it('fills an empty value after the colon, before a comment', () => {
    expect(text('a:\nb: # note\n', [{ key: 'a', value: 1 }, { key: 'b', value: 'x' }])).toBe('a: 1\nb: x # note\n');
    expect(text('- \n- x\n', [{ key: '0', value: 'y z' }])).toBe('- y z\n- x\n');
  });
  it('applies the last of two updates of the same key', () => {
    expect(text('a: 1\n', [{ key: 'a', value: 2 }, { key: 'a', value: 3 }])).toBe('a: 3\n');
  });
  it('edits any document of a multi-document file', () => {
    expect(text('a: 1\n---\nb: 2\n...\n---\nc: 3\n', [{ key: 'c', value: 4 }], { document: 2 })).toBe('a: 1\n---\nb: 2\n...\n---\nc: 4\n');
    expect(codes('a: 1\n', [{ key: 'a', value: 2 }], { document: 1 })).toEqual(['YAML_DOCUMENT_NOT_FOUND']);
  });
  it('leaves the text identical when the rendered value equals the current token', () => {
    const input = 'a: x # c\nb: "1.10"\n';
    const r = updateYaml(input, [{ key: 'a', value: 'x' }, { key: 'b', value: '1.10' }]);
    expect(r.ok && r.value).toEqual({ text: input, changes: [] });
  });
});

describe('updateYaml: block scalars', () => {
  const input = 'script: |\n  echo one\n  echo two\n\nnext: 1\n';
  it('writes a multi-line value as a literal block at the original indentation', () => {
    expect(text(input, [{ key: 'script', value: 'echo three\n' }, { key: 'next', value: 2 }])).toBe('script: |\n  echo three\n\nnext: 2\n');
    expect(text(input, [{ key: 'script', value: 'a\nb' }])).toBe('script: |-\n  a\n  b\n\nnext: 1\n');
  });
  it('replaces the whole block by a single-line value', () => {
    expect(text(input, [{ key: 'script', value: 'true' }])).toBe('script: "true"\n\nnext: 1\n');
  });
  it('falls back to double quotes when a literal block cannot hold the value', () => {
    const out = text(input, [{ key: 'script', value: ' lead\n' }]);
    expect(parse(out)).toEqual({ script: ' lead\n', next: 1 });
  });
  it('replaces trailing spaces of the last line too: they are part of the old value', () => {
    expect(text('a: |\n  x\n  y \n', [{ key: 'a', value: 'z\ny \n' }])).toBe('a: |\n  z\n  y \n');
    expect(text('a: |\n  x  \nb: 1\n', [{ key: 'a', value: 'q' }])).toBe('a: q\nb: 1\n');
  });
  it('appends after a block whose last line ends in spaces without moving them', () => {
    const out = text('a: |\n  y \nb: 1\n', [{ key: 'c', value: 1 }], { create: true });
    expect(parse(out)).toEqual({ a: 'y \n', b: 1, c: 1 });
  });
});

describe('updateYaml: walking errors', () => {
  const input = 'list:\n- name: a\nmap:\n  k: v\nref: *x\n';
  const anchored = 'base: &x {k: 1}\nref: *x\nmerged:\n  <<: *x\n';
  it('reports each failing update with its position, and no text', () => {
    const r = updateYaml(input.replace('*x', 'x'), [
      { key: 'list.first', value: 1 },
      { key: 'list.5', value: 1 },
      { key: 'map', value: 1 },
      { key: 'nope', value: 1 },
      { key: 'a..b', value: 1 },
    ]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => i.code)).toEqual(['YAML_INVALID_INDEX', 'YAML_INDEX_OUT_OF_RANGE', 'YAML_NOT_A_SCALAR', 'YAML_KEY_NOT_FOUND', 'YAML_INVALID_KEY']);
    expect(r.issues[1]).toMatchObject({ line: 2, column: 1 });
  });
  it('does not walk through aliases or merge keys', () => {
    expect(codes(anchored, [{ key: 'ref.k', value: 2 }])).toEqual(['YAML_KEY_NOT_FOUND']);
    expect(codes(anchored, [{ key: 'merged.k', value: 2 }])).toEqual(['YAML_KEY_NOT_FOUND']);
    expect(codes(anchored, [{ key: 'ref', value: 2 }])).toEqual(['YAML_NOT_A_SCALAR']);
  });
  it('treats "-1" and the length as out of range without create', () => {
    expect(codes('l: [1]\n', [{ key: 'l.-1', value: 2 }])).toEqual(['YAML_INDEX_OUT_OF_RANGE']);
    expect(codes('l: [1]\n', [{ key: 'l.1', value: 2 }])).toEqual(['YAML_INDEX_OUT_OF_RANGE']);
  });
  it('reports parse errors with line and column', () => {
    const r = updateYaml('a: 1\nb: [1, 2\n', [{ key: 'a', value: 2 }]);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]).toMatchObject({ code: 'YAML_PARSE', line: expect.any(Number), column: expect.any(Number) });
  });
  it('refuses values that are not data', () => {
    expect(codes('a: 1\n', [{ key: 'a', value: () => 1 }])).toEqual(['YAML_UNSUPPORTED_VALUE']);
  });
});

describe('updateYaml: create', () => {
  it('adds missing keys at the siblings indentation, after the last entry and its comment', () => {
    const input = 'image:\n    repository: app # the app\n# footer\nother: 1\n';
    expect(text(input, [{ key: 'image.tag', value: 'v1' }], { create: true })).toBe(
      'image:\n    repository: app # the app\n    tag: v1\n# footer\nother: 1\n',
    );
  });
  it('creates missing parents as nested block mappings', () => {
    expect(text('a: 1\n', [{ key: 'b.c.d', value: true }], { create: true })).toBe('a: 1\nb:\n  c:\n    d: true\n');
  });
  it('appends to block and flow sequences with -1 or the length', () => {
    expect(text('l:\n  - a\n', [{ key: 'l.-1', value: 'b' }], { create: true })).toBe('l:\n  - a\n  - b\n');
    expect(text('l: [a]\n', [{ key: 'l.1', value: 'b c' }], { create: true })).toBe('l: [a, b c]\n');
  });
  it('adds to flow mappings before the closing brace', () => {
    expect(text('m: {a: 1}\ne: {}\n', [{ key: 'm.b', value: 2 }, { key: 'e.x', value: 'z' }], { create: true })).toBe('m: {a: 1, b: 2}\ne: {x: z}\n');
  });
  it('uses the file line ending and keeps a missing final newline', () => {
    expect(text('a: 1\r\nb: 2', [{ key: 'c', value: 3 }], { create: true })).toBe('a: 1\r\nb: 2\r\nc: 3');
  });
  it('fills an empty value with a nested mapping', () => {
    expect(text('a: # later\nb: 1\n', [{ key: 'a.x', value: 1 }], { create: true })).toBe('a: # later\n  x: 1\nb: 1\n');
  });
  it('writes into an empty file', () => {
    expect(text('', [{ key: 'a.b', value: 1 }], { create: true })).toBe('a:\n  b: 1\n');
    expect(text('# only a comment\n', [{ key: 'a', value: 1 }], { create: true })).toBe('# only a comment\na: 1\n');
  });
  it('applies several creations under the same new parent in order', () => {
    expect(text('z: 0\n', [{ key: 'a.x', value: 1 }, { key: 'a.w', value: 2 }], { create: true })).toBe('z: 0\na:\n  x: 1\n  w: 2\n');
  });
  it('records additions as changes', () => {
    const r = updateYaml('a: 1\n', [{ key: 'b.c', value: 2 }], { create: true });
    expect(r.ok && r.value.changes).toEqual([{ op: 'add', path: ['b'], key: 'b.c', value: { c: 2 }, line: 1, column: 5 }]);
  });
});

describe('updateYaml: change records', () => {
  it('gives the path, the old and new values and the position of each replaced token', () => {
    const r = updateYaml('image:\n  tag: "1.0"\n  replicas: 2\n', [{ key: 'image.tag', value: '1.1' }, { key: 'image.replicas', value: 3 }]);
    expect(r.ok && r.value.changes).toEqual([
      { op: 'replace', path: ['image', 'tag'], key: 'image.tag', from: '1.0', value: '1.1', line: 2, column: 8 },
      { op: 'replace', path: ['image', 'replicas'], key: 'image.replicas', from: 2, value: 3, line: 3, column: 13 },
    ]);
  });
});
