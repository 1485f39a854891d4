import { describe, expect, it } from 'vitest';
import { evaluateExpression } from '../../../src/expressions/index.js';
import { evalErr, evalOk } from './helpers.js';

describe('member access reads own data only', () => {
  const env = { m: { x: 1 }, arr: [1], s: 'abc', f: (): number => 1 };

  it.each(['m.__proto__', 'm.constructor', 'm.toString', 'm.hasOwnProperty', 'm["__proto__"]', 'm["constructor"]', '$env.constructor', 'constructor', '__proto__', 'toString'])(
    '%s is nil',
    (expr) => {
      expect(evalOk(expr, env)).toBeNull();
    },
  );

  it('cannot reach Function through any path', () => {
    expect(evalErr('m.constructor.constructor', env).message).toContain('cannot fetch constructor from <nil>');
    expect(evalErr('m.constructor("return 1")', env).code).toBe('EXPR_RUNTIME');
    expect(evalErr('s.length', env).code).toBe('EXPR_RUNTIME');
    expect(evalErr('arr.length', env).code).toBe('EXPR_RUNTIME');
    expect(evalErr('arr.map', env).code).toBe('EXPR_RUNTIME');
  });

  it('treats functions in the env as nil and never calls them', () => {
    expect(evalOk('f', env)).toBeNull();
    expect(evalErr('f()', env).code).toBe('EXPR_RUNTIME');
  });

  it('does not run getters, inherited or not', () => {
    let calls = 0;
    const withGetter = Object.defineProperty({}, 'secret', { get: () => ++calls, enumerable: true });
    const proto = { get inherited(): number { return ++calls; } };
    const child = Object.create(proto) as object;
    expect(evalOk('o.secret', { o: withGetter })).toBeNull();
    expect(evalOk('o.inherited', { o: child })).toBeNull();
    expect(evalOk('"secret" in o', { o: withGetter })).toBe(true);
    expect(calls).toBe(0);
  });

  it('reads class instances as data (own enumerable fields only)', () => {
    class Point {
      x = 1;
      private hidden(): number {
        return 2;
      }
      read(): number {
        return this.hidden();
      }
    }
    const p = new Point();
    expect(evalOk('p.x', { p })).toBe(1);
    expect(evalOk('p.read', { p })).toBeNull();
    expect(evalOk('keys(p)', { p })).toEqual(['x']);
  });

  it('hides non-enumerable and symbol keys', () => {
    const o = Object.defineProperty({ a: 1, [Symbol('s')]: 2 }, 'hidden', { value: 3, enumerable: false });
    expect(evalOk('o.hidden', { o })).toBeNull();
    expect(evalOk('keys(o)', { o })).toEqual(['a']);
  });

  it('cannot pollute prototypes through map literals or fromPairs', () => {
    evalOk('{"__proto__": {"polluted": true}}');
    evalOk('fromPairs([["__proto__", {"polluted": true}]])');
    evalOk('fromJSON(s)', { s: '{"__proto__": {"polluted": true}}' });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

describe('the work budget', () => {
  it('stops huge ranges quickly', () => {
    const start = Date.now();
    expect(evalErr('1..1000000000 | map(#)').code).toBe('EXPR_BUDGET_EXCEEDED');
    expect(evalErr('len(1..2000000)').code).toBe('EXPR_BUDGET_EXCEEDED');
    expect(Date.now() - start).toBeLessThan(2000);
  });

  it('stops huge strings and nested loops', () => {
    expect(evalErr('repeat("x", 100000000)').code).toBe('EXPR_BUDGET_EXCEEDED');
    expect(evalErr('map(1..2000, map(1..2000, #))').code).toBe('EXPR_BUDGET_EXCEEDED');
    expect(evalErr('reduce(1..100000, #acc + "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "")').code).toBe('EXPR_BUDGET_EXCEEDED');
  });

  it('lets ordinary work through and takes a larger budget when asked', () => {
    expect(evalOk('sum(1..1000)')).toBe(500500);
    expect(evalErr('len(1..2000)', {}, { budget: 100 }).code).toBe('EXPR_BUDGET_EXCEEDED');
    expect(evalOk('len(1..2000000)', {}, { budget: 5_000_000 })).toBe(2_000_000);
  });
});

describe('deep input never overflows the stack', () => {
  it('gives an issue for deeply nested source', () => {
    for (const src of ['('.repeat(10_000) + '1' + ')'.repeat(10_000), '['.repeat(10_000) + ']'.repeat(10_000), '{a: '.repeat(5_000) + '1' + '}'.repeat(5_000), 'not '.repeat(10_000) + 'true', '-'.repeat(10_000) + '1']) {
      const r = evaluateExpression(src, {});
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.issues[0]?.code).toBe('EXPR_TOO_DEEP');
    }
  });

  it('gives an issue for deeply nested or cyclic env values', () => {
    let nested: unknown = 1;
    for (let i = 0; i < 100_000; i++) nested = [nested];
    expect(evalErr('x', { x: nested }).code).toBe('EXPR_TOO_DEEP');
    expect(evalErr('toJSON(x)', { x: nested }).code).toBe('EXPR_RUNTIME');
    let twin: unknown = 1;
    for (let i = 0; i < 100_000; i++) twin = [twin];
    expect(evalErr('x == y', { x: nested, y: twin }).code).toBe('EXPR_TOO_DEEP');
    expect(evalOk('x == y', { x: nested, y: [[[1]]] })).toBe(false);
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic['self'] = cyclic;
    expect(evalOk('x.self.self.a', { x: cyclic })).toBe(1);
    expect(evalErr('x', { x: cyclic }).code).toBe('EXPR_TOO_DEEP');
    expect(evalErr('string(x) + toJSON(x)', { x: cyclic }).code).toBe('EXPR_RUNTIME');
    expect(evalErr('flatten(x)', { x: nested }).code).toBe('EXPR_TOO_DEEP');
  });
});

describe('bad input never throws', () => {
  it.each([null, undefined, 42, 'str', [], () => 1])('accepts an env of %s', (env) => {
    expect(evaluateExpression('1 + 1', env as unknown as object).ok).toBe(true);
    expect(evaluateExpression('x', env as unknown as object)).toMatchObject({ ok: true, value: null });
  });

  it('rejects a non-string expression with an issue', () => {
    expect(evaluateExpression(42 as unknown as string, {}).ok).toBe(false);
  });
});
