import type { HealthCheckRequest, MetadataUpdate, StepResult } from './types.js';

/** Extra fields of a successful step result. */
export interface SucceededExtras {
  readonly message?: string;
  readonly healthCheck?: HealthCheckRequest;
  readonly metadataUpdates?: readonly MetadataUpdate[];
}

/** A step that finished well, with its output. */
export function stepSucceeded(output?: Readonly<Record<string, unknown>>, extras: SucceededExtras = {}): StepResult {
  return { status: 'Succeeded', ...(output === undefined ? {} : { output }), ...extras };
}

/** A step that failed for good (a terminal error): the promotion will not retry it. */
export function stepFailed(message: string, output?: Readonly<Record<string, unknown>>): StepResult {
  return { status: 'Failed', error: { message, terminal: true }, ...(output === undefined ? {} : { output }) };
}

/**
 * A step that could not do its work. A retriable error (the default) is retried until the step's
 * error threshold is met; a terminal one ends the step at once.
 */
export function stepErrored(message: string, options: { readonly terminal?: boolean } = {}): StepResult {
  return { status: 'Errored', error: { message, terminal: options.terminal ?? false } };
}

/** A step still waiting on something: the promotion pauses and runs it again after `retryAfter` ms. */
export function stepRunning(options: { readonly retryAfter?: number; readonly message?: string; readonly output?: Readonly<Record<string, unknown>> } = {}): StepResult {
  return { status: 'Running', ...options };
}
