import type { Issue } from './issue.js';

/**
 * The one exception class waybill throws. It is for states a caller should never produce
 * (a broken invariant, `unwrap` of a failed result), not for bad user input, which comes back as
 * issues in a `Result`. Adapters throw it at their edge with `retryable` set for transport failures.
 */
export class WaybillError extends Error {
  override readonly name = 'WaybillError';
  readonly code: string;
  readonly issues: readonly Issue[];
  readonly retryable: boolean;

  constructor(code: string, message: string, issues: readonly Issue[] = [], options: { retryable?: boolean; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.issues = issues;
    this.retryable = options.retryable ?? false;
  }
}

/** True when `value` is a `WaybillError` (also across copies of the package). */
export function isWaybillError(value: unknown): value is WaybillError {
  return value instanceof WaybillError || (value instanceof Error && value.name === 'WaybillError' && 'code' in value);
}
