import { expect } from 'vitest';
import type { Issue } from '../../../src/errors/index.js';
import { evaluateExpression, type EvaluateOptions } from '../../../src/expressions/index.js';

/** Evaluates and returns the value, failing the test on issues. */
export function evalOk(expr: string, env: object = {}, options: EvaluateOptions = {}): unknown {
  const r = evaluateExpression(expr, env, options);
  if (!r.ok) throw new Error(`${expr}: ${r.issues.map((i) => `${i.code} ${i.message}`).join('; ')}`);
  return r.value;
}

/** Evaluates and returns the first issue, failing the test when the expression succeeds. */
export function evalErr(expr: string, env: object = {}, options: EvaluateOptions = {}): Issue {
  const r = evaluateExpression(expr, env, options);
  expect(r.ok, `${expr} should fail`).toBe(false);
  if (r.ok) throw new Error('unreachable');
  const first = r.issues[0];
  if (first === undefined) throw new Error('a failed result without issues');
  return first;
}
