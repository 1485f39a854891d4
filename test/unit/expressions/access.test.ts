import { describe, expect, it } from 'vitest';
import { evalErr, evalOk } from './helpers.js';

const env = {
  m: { x: 1, y: { z: 'deep' }, n: null, list: [10, 20, 30], 'a-b': 'dash', in: 5 },
  arr: [1, 2, 3],
  s: 'héllo',
  i: 1.7,
};

describe('member and index access', () => {
  it.each([
    ['m.x', 1],
    ['m["y"].z', 'deep'],
    ["m['a-b']", 'dash'],
    ['m.in', 5],
    ['m.missing', null],
    ['m.list[1]', 20],
    ['arr[-1]', 3],
    ['arr[i]', 2],
    ['$env.arr[0]', 1],
    ["$env['m'].x", 1],
    ['undefinedName', null],
  ])('%s is %j', (expr, expected) => {
    expect(evalOk(expr, env)).toEqual(expected);
  });

  it('fails on nil and on the wrong kind of container', () => {
    expect(evalErr('m.n.x', env).message).toMatch(/^cannot fetch x from <nil> \(1:5\)$/);
    expect(evalErr('m.x.y', env).message).toContain('cannot fetch y from float64');
    expect(evalErr('arr.x', env).message).toContain('invalid operation: int(string)');
    expect(evalErr('arr[3]', env).message).toContain('index out of range: 3 (array length is 3)');
    expect(evalErr('m[1]', env).code).toBe('EXPR_RUNTIME');
  });

  it('stops a whole optional chain at nil', () => {
    expect(evalOk('m.n?.x.y.z', env)).toBeNull();
    expect(evalOk('m?.y?.z', env)).toBe('deep');
    expect(evalOk('nope?.[0]', env)).toBeNull();
    expect(evalOk('nope?.f()', env)).toBeNull();
    expect(evalOk('(m.n?.x ?? "fallback") + "!"', env)).toBe('fallback!');
  });

  it('indexes and slices strings by UTF-8 bytes like Go', () => {
    expect(evalOk('s[0]', env)).toBe(104);
    expect(evalOk('s[1:3]', env)).toBe('é');
    expect(evalOk('s[0:2]', env)).toBe('h\ufffd');
    expect(evalOk('len(s)', env)).toBe(6);
    expect(evalErr('"hello"[1]').code).toBe('EXPR_SYNTAX');
  });

  it('slices arrays with clamping and negative bounds', () => {
    expect(evalOk('arr[1:]', env)).toEqual([2, 3]);
    expect(evalOk('arr[:-1]', env)).toEqual([1, 2]);
    expect(evalOk('arr[-10:10]', env)).toEqual([1, 2, 3]);
    expect(evalOk('arr[2:1]', env)).toEqual([]);
  });

  it('calls methods only on values that have them', () => {
    expect(evalErr('m.keys()', env).message).toContain('cannot call nil');
    expect(evalErr('m.x()', env).message).toContain('cannot call float64');
  });
});
