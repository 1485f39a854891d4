import { describe, expect, it } from 'vitest';
import { ExprDuration, ExprTime, fromJS, getOwnData, goTypeOf, toJS, toSafeNumber, typeOf } from '../../../src/expressions/index.js';

describe('value model', () => {
  it('normalizes env values one level at a time', () => {
    expect(fromJS(undefined)).toBeNull();
    expect(fromJS(() => 1)).toBeNull();
    expect(fromJS(1.5)).toBe(1.5);
    expect(fromJS(2n ** 70n)).toBe(0n);
    expect(fromJS(new Date('2024-01-01T00:00:00Z'))).toBeInstanceOf(ExprTime);
    const arr = [1, undefined];
    expect(fromJS(arr)).toBe(arr);
  });

  it('converts to plain JavaScript', () => {
    expect(toJS([1n, 2n ** 60n, { a: null }, new ExprDuration(5n)])).toEqual([1, 2n ** 60n, { a: null }, 5]);
    expect(toJS(Number.NaN, { nonFinite: 'null' })).toBeNull();
    expect(toJS(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
    expect(toSafeNumber(-(2n ** 53n) + 1n)).toBe(-(2 ** 53) + 1);
  });

  it('names types the way expr does', () => {
    expect([null, true, 1n, 1.5, 's', [], {}, new ExprDuration(1n)].map((v) => typeOf(v))).toEqual(['nil', 'bool', 'int', 'float', 'string', 'array', 'map', 'time.Duration']);
    expect([null, 1n, 1.5, [], {}].map((v) => goTypeOf(v))).toEqual(['<nil>', 'int', 'float64', '[]interface {}', 'map[string]interface {}']);
  });

  it('reads only own enumerable data properties', () => {
    expect(getOwnData({ a: 1 }, 'a')).toBe(1);
    expect(getOwnData({}, 'toString')).toBeUndefined();
    expect(getOwnData(Object.defineProperty({}, 'g', { get: () => 1, enumerable: true }), 'g')).toBeUndefined();
  });
});
