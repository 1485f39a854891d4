import { describe, expect, it } from 'vitest';
import { compileExpression, runExpression } from '../../../src/expressions/index.js';
import { evalErr, evalOk } from './helpers.js';

function raw(expr: string, env: object = {}): unknown {
  const c = compileExpression(expr);
  if (!c.ok) throw new Error(c.issues[0]?.message);
  const r = runExpression(c.value, env);
  if (!r.ok) throw new Error(r.issues[0]?.message);
  return r.value;
}

describe('literals', () => {
  it('keeps ints and floats apart internally', () => {
    expect(raw('42')).toBe(42n);
    expect(raw('42.0')).toBe(42);
    expect(raw('0x1F + 0o7 + 0b1')).toBe(39n);
    expect(raw('x', { x: 3 })).toBe(3);
  });

  it('builds arrays and maps', () => {
    expect(evalOk('[1, "a", nil, true, [2]]')).toEqual([1, 'a', null, true, [2]]);
    expect(evalOk('{a: 1, "b c": {d: [1.5]}, 7: "n", ("k" + "2"): 2}')).toEqual({ a: 1, 'b c': { d: [1.5] }, '7': 'n', k2: 2 });
  });

  it('returns maps as ordinary objects (a `__proto__` key stays data)', () => {
    const v = evalOk('{"__proto__": 1, a: 2}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect(Object.keys(v)).toEqual(['__proto__', 'a']);
    expect(Object.getOwnPropertyDescriptor(v, '__proto__')?.value).toBe(1);
  });
});

describe('arithmetic', () => {
  it.each([
    ['7 / 2', 3.5],
    ['6 / 3', 2],
    ['7 % 3', 1],
    ['-7 % 3', -1],
    ['2 ^ 3', 8],
    ['2 ** 0.5', Math.SQRT2],
    ['1 + 2.5', 3.5],
    ['3 - 5', -2],
    ['3 * -2', -6],
    ['"a" + "b"', 'ab'],
    ['+5 - -5', 10],
  ])('%s = %j', (expr, expected) => {
    expect(evalOk(expr)).toBe(expected);
  });

  it('wraps int64 overflow like Go', () => {
    expect(raw('9223372036854775807 + 1')).toBe(-9223372036854775808n);
    expect(raw('-9223372036854775807 - 2')).toBe(9223372036854775807n);
    expect(evalOk('9223372036854775807 + 1')).toBe(-9223372036854775808n);
  });

  it('returns ints beyond 2^53 as bigints and smaller ones as numbers', () => {
    expect(evalOk('9007199254740993')).toBe(9007199254740993n);
    expect(evalOk('9007199254740991')).toBe(9007199254740991);
  });

  it('rejects mismatched literal types at compile time and env types at run time', () => {
    expect(evalErr('1 + "a"').code).toBe('EXPR_SYNTAX');
    expect(evalErr('7.5 % 2').code).toBe('EXPR_SYNTAX');
    expect(evalErr('x % 2', { x: 7 }).code).toBe('EXPR_RUNTIME');
    expect(evalErr('x % y', { x: 1, y: 2 }).message).toContain('invalid operation: float64 % float64');
    expect(evalErr('s + n', { s: 'a', n: null }).message).toContain('string + <nil>');
    expect(evalErr('1 % 0').message).toContain('integer divide by zero');
  });
});

describe('comparison and equality', () => {
  it.each([
    ['1 == 1.0', true],
    ['1 < 1.5', true],
    ['"b" > "a"', true],
    ['"10" < "9"', true],
    ['nil == nil', true],
    ['nil == false', false],
    ['"1" == 1', false],
    ['[1, 2] == [1.0, 2.0]', true],
    ['[1, [2]] == [1, [2]]', true],
    ['{a: 1} == {a: 1}', true],
    ['{a: 1} == {a: 1.0}', false],
    ['1 != 2', true],
    ['1 <= 1 && 2 >= 2', true],
  ])('%s is %j', (expr, expected) => {
    expect(evalOk(expr)).toBe(expected);
  });

  it('compares env numbers with literals numerically', () => {
    expect(evalOk('n == 3 && n < 4', { n: 3 })).toBe(true);
  });

  it('refuses to order values of different kinds', () => {
    expect(evalErr('"a" < 1').code).toBe('EXPR_SYNTAX');
    expect(evalErr('a < b', { a: 'x', b: 1 }).code).toBe('EXPR_RUNTIME');
  });
});

describe('logic', () => {
  it('requires bools, with no truthiness', () => {
    expect(evalOk('true and not false')).toBe(true);
    expect(evalOk('!t || f', { t: true, f: false })).toBe(false);
    expect(evalErr('a and b', { a: 1, b: true }).message).toContain('interface conversion');
    expect(evalErr('x or y', { x: false, y: 'no' }).message).toContain('not bool');
    expect(evalErr('1 and true').code).toBe('EXPR_SYNTAX');
    expect(evalErr('not 1').code).toBe('EXPR_SYNTAX');
  });

  it('short-circuits', () => {
    expect(evalOk('f and missing.x.y', { f: false })).toBe(false);
    expect(evalOk('t or missing.x.y', { t: true })).toBe(true);
  });

  it('folds constant operands the way expr optimizes them', () => {
    expect(evalOk('missing.x.y and false')).toBe(false);
    expect(evalOk('s or false', { s: 'kept' })).toBe('kept');
    expect(evalOk('true and s', { s: 'kept' })).toBe('kept');
    expect(evalErr('missing.x or false').message).toContain('cannot fetch x from <nil>');
  });
});

describe('membership and string operators', () => {
  it.each([
    ['2 in [1, 2]', true],
    ['2.0 in [1, 2]', true],
    ['"a" in {a: 1}', true],
    ['"z" not in ["a"]', true],
    ['1 in nil', false],
    ['"ell" in ["hello"]', false],
    ['"hello" contains "ell"', true],
    ['"hello" not contains "z"', true],
    ['"hello" startsWith "he"', true],
    ['"hello" endsWith "lo"', true],
    ['"hello" not startsWith "lo"', true],
    ['"v1.2.3" matches "^v\\\\d+"', true],
    ['"abc" matches "B"', false],
    ['"abc" matches "(?i)B"', true],
  ])('%s is %j', (expr, expected) => {
    expect(evalOk(expr)).toBe(expected);
  });

  it('uses RE2: patterns JavaScript accepts but RE2 does not are errors', () => {
    expect(evalErr('"abc" matches "a(?=b)"').code).toBe('EXPR_SYNTAX');
    expect(evalErr('s matches p', { s: 'abc', p: 'a(?=b)' }).code).toBe('EXPR_RUNTIME');
    expect(evalErr('s matches p', { s: 'abc', p: '(' }).message).toContain('missing closing )');
  });

  it('needs strings on both sides of string operators', () => {
    expect(evalErr('x contains "a"', { x: 1 }).code).toBe('EXPR_RUNTIME');
    expect(evalErr('1 in 5').code).toBe('EXPR_SYNTAX');
  });
});

describe('ranges, conditionals, coalescing, variables', () => {
  it('builds inclusive ranges', () => {
    expect(evalOk('1..4')).toEqual([1, 2, 3, 4]);
    expect(evalOk('3..1')).toEqual([]);
    expect(evalOk('1..n', { n: 2 })).toEqual([1, 2]);
  });

  it('chooses branches and requires a bool condition', () => {
    expect(evalOk('x > 1 ? "big" : "small"', { x: 2 })).toBe('big');
    expect(evalOk('if x > 1 { "big" } else { "small" }', { x: 0 })).toBe('small');
    expect(evalOk('t ?: "other"', { t: true })).toBe(true);
    expect(evalErr('n ? 1 : 2', { n: null }).code).toBe('EXPR_RUNTIME');
    expect(evalErr('1 ? 2 : 3').code).toBe('EXPR_SYNTAX');
  });

  it('coalesces nil only', () => {
    expect(evalOk('m.x ?? "d"', { m: {} })).toBe('d');
    expect(evalOk('m.x ?? "d"', { m: { x: false } })).toBe(false);
    expect(evalOk('nil ?? nil ?? 3')).toBe(3);
  });

  it('binds let variables that shadow the env and may not be redeclared', () => {
    expect(evalOk('let a = 2; let b = a * 3; a + b', { a: 100 })).toBe(8);
    expect(evalErr('let x = 1; let x = 2; x').message).toContain('cannot redeclare variable x');
  });

  it('evaluates sequences to their last value', () => {
    expect(evalOk('(1; "two")')).toBe('two');
  });
});
