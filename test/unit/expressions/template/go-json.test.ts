import { describe, expect, it } from 'vitest';
import { GoJSONError, marshalGoJSON, parseGoJSON, quoteGoJSON } from '../../../../src/expressions/template/go-json.js';
import { ExprDuration } from '../../../../src/expressions/values.js';
import { marshalGoYAML } from '../../../../src/expressions/template/go-yaml.js';
import { makeFreightOrigin, makeImage } from '../../../../src/expressions/kargo/structs.js';

describe('marshalGoJSON (encoding/json)', () => {
  it('sorts map keys and keeps array order', () => {
    expect(marshalGoJSON({ b: 2, a: [1, 'x', true, null] })).toBe('{"a":[1,"x",true,null],"b":2}');
  });

  it('writes ints exactly and floats in the shortest form', () => {
    expect(marshalGoJSON(9223372036854775807n)).toBe('9223372036854775807');
    expect(marshalGoJSON(1.5)).toBe('1.5');
    expect(marshalGoJSON(1e21)).toBe('1e+21');
    expect(marshalGoJSON(1e-7)).toBe('1e-7');
    expect(marshalGoJSON(123456789)).toBe('123456789');
    expect(marshalGoJSON(-0)).toBe('-0');
  });

  it('escapes HTML characters and line separators as Go does', () => {
    expect(quoteGoJSON('<a href="x">&</a>')).toBe('"\\u003ca href=\\"x\\"\\u003e\\u0026\\u003c/a\\u003e"');
    expect(quoteGoJSON('\u2028\u2029\b\f\u0001')).toBe('"\\u2028\\u2029\\b\\f\\u0001"');
    expect(quoteGoJSON('\ud800')).toBe('"\\ufffd"');
  });

  it('fails on NaN and infinities with Go messages', () => {
    expect(() => marshalGoJSON(NaN)).toThrow(new GoJSONError('json: unsupported value: NaN'));
    expect(() => marshalGoJSON([Infinity])).toThrow('json: unsupported value: +Inf');
    expect(() => marshalGoJSON({ a: -Infinity })).toThrow('json: unsupported value: -Inf');
  });

  it('writes durations as nanoseconds and indents like MarshalIndent', () => {
    expect(marshalGoJSON(new ExprDuration(1500n))).toBe('1500');
    expect(marshalGoJSON({ b: [1, 2], a: {} }, { indent: '  ' })).toBe('{\n  "a": {},\n  "b": [\n    1,\n    2\n  ]\n}');
  });

  it('stops on cyclic data instead of looping', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    expect(() => marshalGoJSON(cyclic)).toThrow(GoJSONError);
  });
});

describe('parseGoJSON', () => {
  it('accepts JSON with surrounding whitespace', () => {
    expect(parseGoJSON(' {"a": [1, null]} ')).toEqual({ ok: true, value: { a: [1, null] } });
  });

  it('rejects invalid JSON and numbers beyond float64', () => {
    expect(parseGoJSON("{'a': 1}").ok).toBe(false);
    expect(parseGoJSON('[1e400]').ok).toBe(false);
    expect(parseGoJSON('').ok).toBe(false);
  });
});

describe('marshalGoYAML (asYAML)', () => {
  it('lays out like yaml.v3: sorted keys, 4-space indents, Go floats, quoted YAML 1.1 booleans', () => {
    expect(marshalGoYAML({ b: [1, 'yes'], a: { c: 1000000 }, d: 2n, e: null })).toBe('a:\n    c: 1e+06\nb:\n    - 1\n    - "yes"\nd: 2\ne: null\n');
    expect(marshalGoYAML(['one', 'two'])).toBe('- one\n- two\n');
    expect(marshalGoYAML(NaN)).toBe('.nan\n');
  });
});

describe('marshalGoYAML of Go values', () => {
  it('writes durations as text and Kargo structs with lower-cased Go field names', () => {
    expect(marshalGoYAML({ d: new ExprDuration(3_600_000_000_000n) })).toBe('d: 1h0m0s\n');
    expect(marshalGoYAML(makeFreightOrigin('Warehouse', 'w'))).toBe('kind: Warehouse\nname: w\n');
    expect(marshalGoYAML(makeImage({ repoURL: 'r', tag: '1.10' }))).toBe('repourl: r\ntag: "1.10"\ndigest: ""\nannotations: {}\nsubscriptionname: ""\n');
  });
});
