import { createIssue, type Issue } from '../errors/index.js';
import { err, ok, type Result } from '../result.js';
import type { ExprNode } from './ast.js';
import { compileProgram, type Program, type Runtime } from './evaluator.js';
import { Budget, type FunctionTable } from './functions.js';
import { SyntaxFailure } from './lexer.js';
import { positionOf } from './parse-expression.js';
import { NestingFailure, parse } from './parser.js';
import { templateFunctions } from './template/template-functions.js';
import { toExprTime } from './time.js';
import { ExprRuntimeError, toJS, type ExprTime, type ExprValue } from './values.js';

/** A parsed and checked expression, ready to run any number of times against different envs. */
export interface CompiledExpression {
  /** The source text it was compiled from. */
  readonly source: string;
  /** The syntax tree. */
  readonly ast: ExprNode;
}

/** Options of {@link runExpression}. */
export interface RunOptions {
  /**
   * Functions supplied from outside the language. They shadow plain builtins of the same name
   * (`len`, `upper`, ...); the builtins that take predicates (`map`, `filter`, ...) cannot be shadowed.
   */
  functions?: FunctionTable;
  /** Work budget: a limit (default one million units) or a shared {@link Budget}. */
  budget?: number | Budget;
  /** The time `now()` returns. Without it, `now()` fails: the core never reads the clock. */
  now?: Date | string;
}

/** Options of {@link evaluateExpression}. */
export interface EvaluateOptions extends RunOptions {
  /**
   * Functions available to the expression. Default: the functions every Kargo template has
   * (`quote`, `unsafeQuote`, `asJSON`, `asYAML`); pass your own table to replace them.
   */
  functions?: FunctionTable;
}

// The compiled program rides on the expression object under a module-private symbol: a WeakMap
// would do too, but with thousands of entries it makes every garbage collection slower.
const PROGRAM = Symbol('program');

interface CompiledWithProgram extends CompiledExpression {
  readonly [PROGRAM]: Program;
}

function programOf(compiled: CompiledExpression): Program | undefined {
  return (compiled as Partial<CompiledWithProgram>)[PROGRAM];
}

/** Most compiled expressions the cache keeps; past that the least recently used half is dropped. */
export const COMPILE_CACHE_SIZE = 1000;
let cache = new Map<string, Result<CompiledExpression>>();

function issueAt(code: Issue['code'], message: string, source: string, offset: number): Issue {
  const { line, column } = positionOf(source, offset);
  return createIssue(code, `${message} (${line}:${column})`, { line, column });
}

/**
 * Compiles an expression: lexes, parses and checks it as expr-lang would without a typed env.
 * Results (including failures) are cached by source text in a bounded LRU, so compiling the same
 * text again is a map lookup. Failures carry `EXPR_SYNTAX` (or `EXPR_TOO_DEEP` for nesting beyond
 * the limit) with the line and column.
 */
export function compileExpression(source: string): Result<CompiledExpression> {
  const hit = cache.get(source);
  if (hit !== undefined) {
    cache.delete(source);
    cache.set(source, hit);
    return hit;
  }
  const result = compileUncached(source);
  cache.set(source, result);
  // Trimming in batches keeps the cost amortized O(1); deleting the oldest entry on every insert
  // makes Map iteration skip ever more tombstones.
  if (cache.size > COMPILE_CACHE_SIZE) {
    const keep = [...cache].slice(-Math.floor(COMPILE_CACHE_SIZE / 2));
    cache = new Map(keep);
  }
  return result;
}

function compileUncached(source: string): Result<CompiledExpression> {
  if (typeof source !== 'string') return err(createIssue('EXPR_SYNTAX', 'an expression must be a string'));
  try {
    const ast = parse(source);
    const program = compileProgram(ast);
    const compiled: CompiledWithProgram = Object.freeze({ source, ast, [PROGRAM]: program });
    return ok(compiled);
  } catch (e) {
    if (e instanceof NestingFailure) return err(issueAt('EXPR_TOO_DEEP', e.message, source, e.offset));
    if (e instanceof SyntaxFailure) return err(issueAt('EXPR_SYNTAX', e.message, source, e.offset));
    if (e instanceof RangeError) return err(createIssue('EXPR_TOO_DEEP', 'expression is nested too deeply'));
    return err(createIssue('EXPR_SYNTAX', `cannot compile expression: ${e instanceof Error ? e.message : String(e)}`));
  }
}

/**
 * Runs a compiled expression against an env (an object whose own enumerable properties are the
 * variables) and returns the raw expression value (ints as bigints; see values.ts). Failures are
 * `EXPR_RUNTIME`, `EXPR_BUDGET_EXCEEDED` or `EXPR_TOO_DEEP` issues with the column of the failing
 * operation. `now()` returns `options.now`, and fails when it is not given.
 */
export function runExpression(compiled: CompiledExpression, env: object, options: RunOptions = {}): Result<ExprValue> {
  let program = programOf(compiled);
  if (program === undefined) {
    // A structurally copied CompiledExpression: compile its source again.
    const again = compileExpression(compiled.source);
    if (!again.ok) return again;
    program = programOf(again.value);
    if (program === undefined) return err(createIssue('EXPR_SYNTAX', 'expression could not be compiled'));
  }
  let now: ExprTime | undefined;
  if (options.now !== undefined) {
    now = toExprTime(options.now);
    if (now === undefined) return err(createIssue('EXPR_RUNTIME', `the now option is not a valid time: ${String(options.now)}`));
  }
  const budget = options.budget instanceof Budget ? options.budget : new Budget(options.budget ?? undefined);
  const rt: Runtime = {
    env: typeof env === 'object' && env !== null ? env : {},
    slots: program.slotCount > 0 ? new Array<ExprValue>(program.slotCount).fill(null) : [],
    ptr: null,
    idx: 0n,
    acc: null,
    budget,
    functions: options.functions,
    now,
    pos: 0,
  };
  try {
    return ok(program.evaluate(rt));
  } catch (e) {
    return err(runtimeIssue(e, compiled.source, rt.pos));
  }
}

function runtimeIssue(e: unknown, source: string, pos: number): Issue {
  if (e instanceof ExprRuntimeError) return issueAt(e.code, e.message, source, e.offset ?? pos);
  if (e instanceof RangeError) return issueAt('EXPR_TOO_DEEP', 'evaluation is nested too deeply', source, pos);
  return issueAt('EXPR_RUNTIME', e instanceof Error ? e.message : String(e), source, pos);
}

/**
 * Compiles (with caching) and runs an expression, returning plain JavaScript: ints as numbers (as
 * bigints beyond 2^53), floats as numbers, maps as plain objects, nil as `null`, durations as
 * nanoseconds and times as RFC 3339 text; NaN and the infinities stay JavaScript numbers. Kargo's template functions (`quote`, ...) are available
 * unless `options.functions` replaces them; `now()` needs `options.now`.
 */
export function evaluateExpression(expr: string, env: object, options: EvaluateOptions = {}): Result<unknown> {
  const compiled = compileExpression(expr);
  if (!compiled.ok) return compiled;
  const run = runExpression(compiled.value, env, { ...options, functions: options.functions ?? templateFunctions });
  if (!run.ok) return run;
  try {
    return ok(toJS(run.value));
  } catch (e) {
    return err(runtimeIssue(e, expr, 0));
  }
}
