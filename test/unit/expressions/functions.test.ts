import { describe, expect, it } from 'vitest';
import { Budget, compileExpression, defineFunction, ExprRuntimeError, runExpression, type ExprFunction, type ExprValue, type FunctionTable } from '../../../src/expressions/index.js';
import { evalErr, evalOk } from './helpers.js';

const greet = defineFunction('greet', (args) => `hello ${String(args[0])}`, { min: 1, max: 1 });
const seen: ExprValue[][] = [];
const record: ExprFunction = {
  name: 'record',
  call(args) {
    seen.push([...args]);
    return args.length === 0 ? null : (args[0] ?? null);
  },
};
const failing = defineFunction('failing', (_args, ctx) => ctx.fail('no such warehouse'));
const throwing = defineFunction('throwing', () => {
  throw new TypeError('boom');
});
const expensive = defineFunction('expensive', (args, ctx) => {
  ctx.charge(Number(args[0]));
  return true;
});
const clock = defineFunction('clock', (_args, ctx) => ctx.now().getMethod('Year')?.([]) ?? null);
const functions: FunctionTable = { greet, record, failing, throwing, expensive, clock, len: defineFunction('len', () => 'shadowed') };

describe('functions supplied by the caller', () => {
  it('are called with evaluated arguments as expression values', () => {
    seen.length = 0;
    expect(evalOk('greet(vars.name) + "!"', { vars: { name: 'kargo' } }, { functions })).toBe('hello kargo!');
    expect(evalOk('record(1, 2.5, "s", [1], {a: nil})', {}, { functions })).toBe(1);
    expect(seen[0]).toEqual([1n, 2.5, 's', [1n], { a: null }]);
  });

  it('work with pipes and inside predicates', () => {
    expect(evalOk('"x" | greet()', {}, { functions })).toBe('hello x');
    expect(evalOk('map(["a", "b"], greet(#))', {}, { functions })).toEqual(['hello a', 'hello b']);
  });

  it('have their arity checked', () => {
    expect(evalErr('greet()', {}, { functions }).message).toContain('invalid number of arguments (expected 1, got 0)');
  });

  it('fail with an EXPR_RUNTIME issue at the call', () => {
    const issue = evalErr('1 + failing()', {}, { functions });
    expect(issue.code).toBe('EXPR_RUNTIME');
    expect(issue.message).toBe('no such warehouse (1:5)');
    expect(issue.column).toBe(5);
    expect(evalErr('throwing()', {}, { functions }).message).toContain('throwing(): boom');
  });

  it('charge the shared budget', () => {
    expect(evalErr('expensive(2000000)', {}, { functions }).code).toBe('EXPR_BUDGET_EXCEEDED');
    const budget = new Budget(100);
    const c = compileExpression('expensive(60)');
    if (!c.ok) throw new Error('compile');
    expect(runExpression(c.value, {}, { functions, budget }).ok).toBe(true);
    expect(runExpression(c.value, {}, { functions, budget }).ok).toBe(false);
  });

  it('see the caller-given time', () => {
    expect(evalOk('clock()', {}, { functions, now: '2031-05-01T00:00:00Z' })).toBe(2031);
    expect(evalErr('clock()', {}, { functions }).code).toBe('EXPR_RUNTIME');
  });

  it('shadow builtins of the same name', () => {
    expect(evalOk('len([1, 2])', {}, { functions })).toBe('shadowed');
    expect(evalOk('len([1, 2])')).toBe(2);
  });

  it('are unknown when not supplied', () => {
    expect(evalErr('greet("x")').message).toContain('unknown function greet()');
  });

  it('include the template functions by default in evaluateExpression', () => {
    expect(evalOk('quote(42)')).toBe('"42"');
    expect(evalOk('quote("a")')).toBe('"a"');
    expect(evalErr('quote(42)', {}, { functions: {} }).code).toBe('EXPR_RUNTIME');
  });

  it('may throw ExprRuntimeError directly', () => {
    const direct = defineFunction('direct', () => {
      throw new ExprRuntimeError('direct failure');
    });
    expect(evalErr('direct()', {}, { functions: { direct } }).message).toBe('direct failure (1:1)');
  });
});
