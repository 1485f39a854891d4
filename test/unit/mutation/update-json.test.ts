import { describe, expect, it } from 'vitest';
import { updateJson } from '../../../src/mutation/index.js';

const text = (input: string, updates: { key: string; value: unknown }[]) => {
  const r = updateJson(input, updates);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value.text;
};
const codes = (input: string, updates: { key: string; value: unknown }[]) => {
  const r = updateJson(input, updates);
  return r.ok ? [] : r.issues.map((i) => i.code);
};

describe('updateJson', () => {
  const pretty = '{\n    "name": "app",\n    "image": {\n        "tag": "v1"\n    },\n    "ports": [\n        80\n    ]\n}\n';
  it('replaces only the value and keeps the layout', () => {
    expect(text(pretty, [{ key: 'image.tag', value: 'v2' }])).toBe(pretty.replace('"v1"', '"v2"'));
  });
  it('creates members in the indentation and spacing of their siblings', () => {
    expect(text(pretty, [{ key: 'image.digest', value: 'sha256:1' }, { key: 'ports.-1', value: 443 }])).toBe(
      '{\n    "name": "app",\n    "image": {\n        "tag": "v1",\n        "digest": "sha256:1"\n    },\n    "ports": [\n        80,\n        443\n    ]\n}\n',
    );
  });
  it('creates missing parents, compact in compact files', () => {
    expect(text('{"a":1}', [{ key: 'b.c', value: true }])).toBe('{"a":1,"b":{"c":true}}');
    expect(text('', [{ key: 'a', value: 1 }])).toBe('{"a":1}');
  });
  it('pads arrays with null up to a far index, as sjson does', () => {
    expect(text('{"l":[1]}', [{ key: 'l.3', value: 4 }])).toBe('{"l":[1,null,null,4]}');
  });
  it('reads numeric parts marked with ":" as object keys', () => {
    expect(text('{}', [{ key: ':1', value: 'x' }])).toBe('{"1":"x"}');
  });
  it('applies updates in order', () => {
    expect(text('{"a":1}', [{ key: 'a', value: 2 }, { key: 'a', value: 3 }])).toBe('{"a":3}');
  });
  it('refuses values that are not scalars, and every bad update at once', () => {
    expect(codes('{"a":1}', [{ key: 'a', value: null }, { key: 'b', value: [1] }, { key: 'c', value: NaN }, { key: '', value: 1 }])).toEqual([
      'JSON_VALUE_NOT_SCALAR',
      'JSON_VALUE_NOT_SCALAR',
      'JSON_VALUE_NOT_SCALAR',
      'JSON_INVALID_KEY',
    ]);
  });
  it('reports invalid JSON with its position', () => {
    const r = updateJson('{\n  "a": 1,\n}', [{ key: 'a', value: 2 }]);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]).toMatchObject({ code: 'JSON_PARSE', line: 3, column: 1 });
  });
  it('refuses a non-numeric part on an array', () => {
    expect(codes('{"l":[1]}', [{ key: 'l.x', value: 1 }])).toEqual(['JSON_INVALID_INDEX']);
  });
  it('records changes', () => {
    const r = updateJson('{"a":{"b":1}}', [{ key: 'a.b', value: 2 }, { key: 'a.c', value: 'x' }]);
    expect(r.ok && r.value.changes).toEqual([
      { op: 'replace', path: ['a', 'b'], key: 'a.b', from: 1, value: 2, line: 1, column: 11 },
      { op: 'add', path: ['a', 'c'], key: 'a.c', value: 'x', line: 1, column: 12 },
    ]);
  });
});
