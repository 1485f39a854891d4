import type { Issue } from './errors/issue.js';
import { WaybillError } from './errors/waybill-error.js';

/**
 * The outcome of a function that judges user input. Expected failures are data, never throws:
 * `ok: false` carries at least one error-level issue. An `ok: true` result may still carry
 * warnings (for example a deprecated field), so callers can show them without failing.
 */
export type Result<T> = Ok<T> | Err;

/** A successful result, with any warnings found on the way. */
export interface Ok<T> {
  readonly ok: true;
  readonly value: T;
  readonly issues: readonly Issue[];
}

/** A failed result: at least one issue of severity `error`, possibly warnings too. */
export interface Err {
  readonly ok: false;
  readonly issues: readonly Issue[];
}

/** Wraps a value as a successful result, with optional warnings. */
export function ok<T>(value: T, issues: readonly Issue[] = []): Ok<T> {
  return { ok: true, value, issues };
}

/** Wraps issues as a failed result. */
export function err(issues: Issue | readonly Issue[]): Err {
  return { ok: false, issues: Array.isArray(issues) ? issues : [issues as Issue] };
}

/** True when any issue in the list has severity `error`. */
export function hasErrors(issues: readonly Issue[]): boolean {
  return issues.some((i) => i.severity === 'error');
}

/**
 * Builds a result from a value and the issues found while producing it: failed if any issue is an
 * error, successful (with the warnings) otherwise.
 */
export function toResult<T>(value: T, issues: readonly Issue[]): Result<T> {
  return hasErrors(issues) ? err(issues) : ok(value, issues);
}

/** Returns the value of a successful result, or throws a `WaybillError` carrying the issues. */
export function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  const first = result.issues[0];
  throw new WaybillError(first?.code ?? 'INTERNAL', first?.message ?? 'operation failed', result.issues);
}

/** Maps the value of a successful result; a failed result passes through unchanged. */
export function mapResult<T, U>(result: Result<T>, fn: (value: T) => U): Result<U> {
  return result.ok ? ok(fn(result.value), result.issues) : result;
}
