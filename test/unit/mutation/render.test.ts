import { describe, expect, it } from 'vitest';
import { isPlainSafe, readsAsNonString } from '../../../src/mutation/index.js';
import { quoteDouble, quoteSingle, renderNumber, renderValue } from '../../../src/mutation/yaml-render.js';

describe('plain safety', () => {
  it.each([
    'true', 'False', 'yes', 'No', 'on', 'OFF', 'y', 'n', '~', 'null', 'NULL', '42', '-1', '0x1F', '0o17', '017', '1_000',
    '1.10', '.5', '1e3', '.inf', '.NaN', '12:30:00', '2024-01-02', '2001-12-14 21:59:43.10 -5', '<<', '=',
  ])('quotes %j, which YAML 1.1 or 1.2 reads as something else', (s) => {
    expect(readsAsNonString(s)).toBe(true);
    expect(isPlainSafe(s, false)).toBe(false);
  });
  it.each(['1.2.3', 'v1.10', 'nginx:1.25', 'ghcr.io/acme/app', 'sha256:abc', 'Dark side', 'T', 'a#b', 'ключ'])('keeps %j plain', (s) => {
    expect(isPlainSafe(s, false)).toBe(true);
  });
  it.each(['', ' a', 'a ', '-a', '?a', ':a', '#a', '&a', '*a', '!a', '|', '>', "'a", '"a', '%a', '@a', '`a', 'a: b', 'a #b', 'a:', 'a\nb', 'a\u0007', '...x'])(
    'quotes %j, which is not a plain scalar',
    (s) => {
      expect(isPlainSafe(s, false)).toBe(false);
    },
  );
  it('refuses flow indicators only inside flow collections', () => {
    expect(isPlainSafe('a,b', false)).toBe(true);
    expect(isPlainSafe('a,b', true)).toBe(false);
    expect(isPlainSafe('[x]y', true)).toBe(false);
  });
});

describe('rendering values', () => {
  it('writes numbers as JavaScript prints them, with YAML names for the special ones', () => {
    expect([1000000, 1.5, 0.00001, 1e-7, 1e21, NaN, Infinity, -Infinity].map(renderNumber)).toEqual([
      '1000000', '1.5', '0.00001', '1e-7', '1e+21', '.nan', '.inf', '-.inf',
    ]);
  });
  it('escapes double-quoted strings', () => {
    expect(quoteDouble('a"b\\c\nd\te\u0007')).toBe('"a\\"b\\\\c\\nd\\te\\u0007"');
  });
  it('doubles single quotes and refuses line breaks in single quotes', () => {
    expect(quoteSingle("it's")).toBe("'it''s'");
    expect(quoteSingle('a\nb')).toBeUndefined();
  });
  it('writes collections in flow style with flow-safe strings', () => {
    const r = renderValue({ a: 'x', b: [1, 'y,z', true, null], 'c d': {} }, { style: 'plain', flow: false });
    expect(r).toEqual({ ok: true, text: '{a: x, b: [1, "y,z", true, null], c d: {}}' });
  });
  it('refuses functions, symbols, class instances and cycles', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    for (const v of [() => 1, Symbol('s'), new Map(), cyclic]) expect(renderValue(v, { style: 'plain', flow: false }).ok).toBe(false);
  });
});
