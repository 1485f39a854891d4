import { describe, expect, it } from 'vitest';
import { evalErr, evalOk } from './helpers.js';

const env = {
  arr: [3, 1, 2],
  strs: ['b', 'a', 'c'],
  users: [
    { name: 'alice', age: 30, team: 'x' },
    { name: 'bob', age: 25, team: 'y' },
    { name: 'carol', age: 35, team: 'x' },
  ],
  m: { b: 2, a: 1 },
  empty: [],
};

describe('collection builtins', () => {
  it.each([
    ['all(arr, # > 0)', true],
    ['any(arr, # > 2)', true],
    ['none(arr, # > 5)', true],
    ['one(arr, # == 1)', true],
    ['filter(arr, # > 1)', [3, 2]],
    ['map(arr, # * 2)', [6, 2, 4]],
    ['map(strs, #index)', [0, 1, 2]],
    ['find(users, .age < 30).name', 'bob'],
    ['findIndex(arr, # == 2)', 2],
    ['findLast(users, .team == "x").name', 'carol'],
    ['findLastIndex(arr, # > 5)', -1],
    ['count(users, .team == "x")', 2],
    ['count([true, false, true])', 2],
    ['sum(arr)', 6],
    ['sum([1, 2])', 3],
    ['sum(users, .age)', 90],
    ['groupBy(users, .team).y[0].name', 'bob'],
    ['map(sortBy(users, .age), .name)', ['bob', 'alice', 'carol']],
    ['map(sortBy(users, .name, "desc"), .name)', ['carol', 'bob', 'alice']],
    ['reduce(arr, #acc + #, 10)', 16],
    ['reduce(strs, #acc + #)', 'bac'],
    ['sort(arr)', [1, 2, 3]],
    ['sort(strs, "desc")', ['c', 'b', 'a']],
    ['sort(keys(m))', ['a', 'b']],
    ['sort(values(m))', [1, 2]],
    ['len(users)', 3],
    ['len(m)', 2],
    ['first(arr)', 3],
    ['last(arr)', 2],
    ['first(empty)', null],
    ['take(arr, 2)', [3, 1]],
    ['take(arr, 10)', [3, 1, 2]],
    ['reverse(arr)', [2, 1, 3]],
    ['uniq([1, 1, 2, 1.0])', [1, 2]],
    ['concat([1], [2, 3])', [1, 2, 3]],
    ['flatten([1, [2, [3, [4]]]])', [1, 2, 3, 4]],
    ['toPairs({a: 1})', [['a', 1]]],
    ['fromPairs([["a", 1], ["b", 2]])', { a: 1, b: 2 }],
    ['get(arr, -1)', 2],
    ['get(arr, 9)', null],
    ['get(m, "a")', 1],
    ['max(arr)', 3],
    ['min(arr, 0)', 0],
    ['mean([1, 2, 3, 4])', 2.5],
    ['median([5, 1, 3])', 3],
    ['map(map(arr, [#, #index]), #[1])', [0, 1, 2]],
    ['map(arr, map([1, 2], # * 10))', [[10, 20], [10, 20], [10, 20]]],
    ['filter(users, {let a = .age; a > 26}) | map(.name)', ['alice', 'carol']],
  ])('%s is %j', (expr, expected) => {
    expect(evalOk(expr, env)).toEqual(expected);
  });

  it('checks predicate results and arguments', () => {
    expect(evalErr('filter(arr, #)', env).message).toContain('not bool');
    expect(evalErr('filter(arr, 1)', env).code).toBe('EXPR_SYNTAX');
    expect(evalErr('map(arr, #acc)', env).message).toContain('unknown pointer #acc');
    expect(evalErr('any(nope, true)', env).code).toBe('EXPR_RUNTIME');
    expect(evalErr('reduce(empty, #acc)', env).message).toContain('reduce of empty array');
    expect(evalErr('take(arr, -1)', env).code).toBe('EXPR_RUNTIME');
    expect(evalErr('len(5)').code).toBe('EXPR_SYNTAX');
    expect(evalErr('len(nope)', env).code).toBe('EXPR_RUNTIME');
    expect(evalErr('reverse("abc")').message).toContain('cannot reverse string');
    expect(evalErr('sort(arr, "up")', env).message).toContain('invalid order');
    expect(evalErr('abs(1, 2)').message).toContain('invalid number of arguments (expected 1, got 2)');
  });
});

describe('string builtins', () => {
  it.each([
    ['trim("  a b  ")', 'a b'],
    ['trim("--a--", "-")', 'a'],
    ['trimPrefix("v1.2", "v")', '1.2'],
    ['trimSuffix("file.yaml", ".yaml")', 'file'],
    ['upper("abc")', 'ABC'],
    ['lower("ÀB")', 'àb'],
    ['split("a,b,,c", ",")', ['a', 'b', '', 'c']],
    ['split("a,b,c", ",", 2)', ['a', 'b,c']],
    ['split("abc", "")', ['a', 'b', 'c']],
    ['splitAfter("a,b", ",")', ['a,', 'b']],
    ['replace("a-b-c", "-", "+")', 'a+b+c'],
    ['replace("a-b-c", "-", "+", 1)', 'a+b-c'],
    ['repeat("ab", 3)', 'ababab'],
    ['join(["a", "b"], "/")', 'a/b'],
    ['indexOf("héllo", "l")', 3],
    ['lastIndexOf("hello", "l")', 3],
    ['hasPrefix("hello", "he")', true],
    ['hasSuffix("hello", "x")', false],
  ])('%s is %j', (expr, expected) => {
    expect(evalOk(expr)).toEqual(expected);
  });

  it('needs string arguments', () => {
    expect(evalErr('upper(x)', { x: 1 }).message).toContain('interface conversion: interface {} is float64, not string');
    expect(evalErr('split("a")').message).toContain('not enough arguments to call split');
    expect(evalErr('repeat("a", -1)').message).toContain('expected positive integer');
    expect(evalErr('join(["a", 1])').code).toBe('EXPR_RUNTIME');
  });
});

describe('conversion, math and bit builtins', () => {
  it.each([
    ['int("42")', 42],
    ['int(3.9)', 3],
    ['int(x)', 7],
    ['float("1.5")', 1.5],
    ['float(2)', 2],
    ['string(1.5)', '1.5'],
    ['string(3)', '3'],
    ['string(1000000.0)', '1e+06'],
    ['string(nil)', '<nil>'],
    ['string([1, "a"])', '[1 a]'],
    ['string({b: 1, a: true})', 'map[a:true b:1]'],
    ['abs(-3)', 3],
    ['abs(-2.5)', 2.5],
    ['ceil(1.2)', 2],
    ['floor(-1.2)', -2],
    ['round(2.5)', 3],
    ['round(-2.5)', -3],
    ['bitand(12, 10)', 8],
    ['bitor(12, 10)', 14],
    ['bitxor(12, 10)', 6],
    ['bitnand(12, 10)', 4],
    ['bitnot(5)', -6],
    ['bitshl(1, 10)', 1024],
    ['bitshr(-16, 2)', -4],
    ['bitushr(-1, 63)', 1],
    ['type(1)', 'int'],
    ['type(x)', 'float'],
    ['type("")', 'string'],
    ['type({})', 'map'],
    ['type(true)', 'bool'],
  ])('%s is %j', (expr, expected) => {
    expect(evalOk(expr, { x: 7.2 })).toEqual(expected);
  });

  it('rejects bad conversions', () => {
    expect(evalErr('int("1.5")').message).toContain('invalid operation: int(1.5)');
    expect(evalErr('float("abc")').message).toContain('invalid operation: float(abc)');
    expect(evalErr('float(nil)').code).toBe('EXPR_SYNTAX');
    expect(evalErr('bitand(x, 1)', { x: 1.5 }).code).toBe('EXPR_RUNTIME');
  });
});

describe('encoding builtins', () => {
  it('writes JSON like Go (sorted keys, two-space indent, HTML escaping)', () => {
    expect(evalOk('toJSON({b: 1, a: ["<x>", 1.5, nil]})')).toBe('{\n  "a": [\n    "\\u003cx\\u003e",\n    1.5,\n    null\n  ],\n  "b": 1\n}');
    expect(evalOk('toJSON("x")')).toBe('"x"');
  });

  it('reads JSON into floats, arrays and maps', () => {
    expect(evalOk('fromJSON(s).a[1] + 1', { s: '{"a": [1, 2]}' })).toBe(3);
    expect(evalOk('type(fromJSON("1"))')).toBe('float');
    expect(evalErr('fromJSON("{")').code).toBe('EXPR_RUNTIME');
  });

  it('encodes and decodes base64 over UTF-8', () => {
    expect(evalOk('toBase64("héllo")')).toBe('aMOpbGxv');
    expect(evalOk('fromBase64("aMOpbGxv")')).toBe('héllo');
    expect(evalErr('fromBase64("%%")').code).toBe('EXPR_RUNTIME');
  });
});
