import { ExprRuntimeError, type ExprTime, type ExprValue } from './values.js';

/**
 * The work budget of one evaluation. Every loop iteration, every element of a built array and every
 * few characters of a built string cost one unit, so a hostile expression (`1..1000000000 | map(#)`,
 * `repeat("x", 1e9)`) stops early with an `EXPR_BUDGET_EXCEEDED` issue. The default limit is expr's
 * memory budget of one million.
 */
export class Budget {
  /** Units left before the evaluation is stopped. */
  remaining: number;
  /** The limit this budget started with. */
  readonly limit: number;

  constructor(limit: number = DEFAULT_BUDGET) {
    this.limit = limit;
    this.remaining = limit;
  }

  /** Spends `units`; throws an `EXPR_BUDGET_EXCEEDED` runtime error once the budget is gone. */
  charge(units: number): void {
    this.remaining -= units;
    if (this.remaining < 0) {
      throw new ExprRuntimeError(`memory budget exceeded (limit ${this.limit})`, 'EXPR_BUDGET_EXCEEDED');
    }
  }
}

/** expr's default memory budget, reused as waybill's default work budget. */
export const DEFAULT_BUDGET = 1_000_000;

/** What a function supplied from outside the language can use while it runs. */
export interface CallContext {
  /** Spends work units (for example one per element a function builds); throws when the budget is gone. */
  charge(units: number): void;
  /** Stops the evaluation with an `EXPR_RUNTIME` issue carrying `message` and the call's position. */
  fail(message: string): never;
  /**
   * The current time as the caller gave it in the run options (`now()` returns the same instant).
   * Fails with an `EXPR_RUNTIME` issue when the caller gave no time: the core never reads the clock.
   */
  now(): ExprTime;
  /** The function's name as written in the expression (useful in messages). */
  readonly name: string;
}

/**
 * A function supplied from outside the language (Kargo's `warehouse`, `imageFrom`, `quote`, ...).
 * Arguments arrive evaluated, as expression values (see values.ts: ints are bigints, env numbers are
 * floats). The function returns a value or calls `ctx.fail(...)` (or throws an `ExprRuntimeError`).
 * Any other exception it throws is turned into an `EXPR_RUNTIME` issue as well.
 */
export interface ExprFunction {
  /** The name expressions call it by. */
  readonly name: string;
  /**
   * Allowed argument counts, checked before the call: a wrong count is an `EXPR_RUNTIME` issue
   * `invalid number of arguments (expected N, got M)`. Leave out to accept any count.
   */
  readonly arity?: { readonly min: number; readonly max?: number };
  /** Runs the function. */
  call(args: readonly ExprValue[], ctx: CallContext): ExprValue;
}

/** Functions by name, as handed to the evaluator. A supplied name shadows a builtin of the same name. */
export type FunctionTable = Readonly<Record<string, ExprFunction>>;

/** Builds an {@link ExprFunction} from a name, an optional arity and a body. */
export function defineFunction(
  name: string,
  call: (args: readonly ExprValue[], ctx: CallContext) => ExprValue,
  arity?: { min: number; max?: number },
): ExprFunction {
  return arity === undefined ? { name, call } : { name, call, arity };
}
