import { createIssue, prefixIssuePath, type Issue } from '../errors/index.js';
import { compileExpression, runExpression, type CompiledExpression, type ExprValue } from '../expressions/index.js';
import { err, ok, type Result } from '../result.js';

const GO_TRUE = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const GO_FALSE = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);

/**
 * Reads an expression result as Kargo does: a boolean is used as it is; anything else is printed
 * as Go would print it and read with Go's `strconv.ParseBool` (`1`, `t`, `TRUE`, `false`, ...).
 * Undefined when the result cannot be read as a boolean.
 */
export function readGoBool(value: ExprValue): boolean | undefined {
  if (typeof value === 'boolean') return value;
  let text: string | undefined;
  if (typeof value === 'string') text = value;
  else if (typeof value === 'bigint') text = value.toString();
  else if (typeof value === 'number' && Number.isFinite(value) && Number.isInteger(value) && Math.abs(value) < 1e21) text = String(value);
  if (text === undefined) return undefined;
  if (GO_TRUE.has(text)) return true;
  if (GO_FALSE.has(text)) return false;
  return undefined;
}

/** A compiled `expressionFilter`: whether a candidate's env passes, or why it could not be told. */
export type ExpressionFilter = (env: Record<string, unknown>) => Result<boolean>;

/**
 * Compiles a Git subscription's `expressionFilter` (undefined when there is none). The returned
 * function evaluates it against a candidate's env; an evaluation error or a result that is not a
 * boolean gives a `DISCOVERY_EXPRESSION_FILTER_FAILED` issue, which fails selection as in Kargo.
 */
export function compileExpressionFilter(source: string | undefined, issues: Issue[]): ExpressionFilter | undefined {
  if (source === undefined || source.trim() === '') return undefined;
  const compiled = compileExpression(source);
  if (!compiled.ok) {
    for (const issue of compiled.issues) {
      issues.push(prefixIssuePath(createIssue('DISCOVERY_INVALID_EXPRESSION_FILTER', `error compiling filter expression: ${issue.message}`), ['expressionFilter']));
    }
    return undefined;
  }
  const program: CompiledExpression = compiled.value;
  return (env) => {
    const result = runExpression(program, env);
    const value = result.ok ? readGoBool(result.value) : undefined;
    if (value !== undefined) return ok(value);
    const why = result.ok ? `result ${describe(result.value)} is not a boolean` : (result.issues[0]?.message ?? 'evaluation failed');
    return err(createIssue('DISCOVERY_EXPRESSION_FILTER_FAILED', `error filtering by expression: ${why}`, { path: ['expressionFilter'] }));
  };
}

function describe(value: ExprValue): string {
  if (value === null) return 'nil';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return Array.isArray(value) ? 'an array' : 'a map or object';
}
