import type { CallContext, ExprFunction } from '../../../../src/expressions/functions.js';
import { ExprRuntimeError, toJS, type ExprValue } from '../../../../src/expressions/values.js';

/** Calls an expression function directly, the way the evaluator would. */
export function call(fn: ExprFunction, ...args: ExprValue[]): ExprValue {
  const ctx: CallContext = {
    name: fn.name,
    charge: () => undefined,
    fail: (message: string): never => {
      throw new ExprRuntimeError(message);
    },
    now: () => {
      throw new ExprRuntimeError('no time given');
    },
  };
  return fn.call(args, ctx);
}

/** Calls a function and returns its result as plain JavaScript. */
export function callJS(fn: ExprFunction, ...args: ExprValue[]): unknown {
  return toJS(call(fn, ...args));
}
