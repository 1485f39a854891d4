import { createIssue, prefixIssuePath, type Issue, type PathSegment } from '../errors/index.js';
import type { Page, PortFailure, PortResult } from '../ports/index.js';

/** Where one subscription is being discovered, for the issues its port calls may raise. */
export interface SubscriptionScope {
  /** `["spec", "subscriptions", i, <type>]`. */
  readonly path: readonly PathSegment[];
  /** `image repository "nginx"`, for messages. */
  readonly subject: string;
  readonly signal: AbortSignal | undefined;
  readonly issues: Issue[];
  readonly pageSize: number;
}

/** Thrown inside discovery (and caught by `discover`) to stop at the first failure, as Kargo does. */
export class DiscoveryStopped {
  readonly stopped = true;
}

const describeError = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Turns a port failure into an issue that names the subscription and its repository. */
export function failureIssue(scope: SubscriptionScope, failure: PortFailure, doing: string): Issue {
  const detail = typeof failure?.message === 'string' && failure.message !== '' ? `: ${failure.message}` : '';
  const path = scope.path;
  switch (failure?.kind) {
    case 'cancelled':
      return createIssue('DISCOVERY_CANCELLED', `discovery was cancelled while ${doing} for ${scope.subject}`, { path });
    case 'not-found':
      return createIssue('DISCOVERY_REPOSITORY_NOT_FOUND', `${scope.subject}: not found while ${doing}${detail}`, { path });
    case 'unauthorized':
      return createIssue('DISCOVERY_ACCESS_DENIED', `${scope.subject}: access denied while ${doing}${detail}`, { path });
    default: {
      const retry = failure?.retryable ? 'retryable' : 'not retryable';
      return createIssue('DISCOVERY_TRANSPORT_FAILED', `${scope.subject}: ${doing} failed (${retry})${detail}`, { path });
    }
  }
}

/** Stops discovery with `DISCOVERY_CANCELLED` when the signal has fired. */
export function checkCancelled(scope: SubscriptionScope, doing: string): void {
  if (scope.signal?.aborted) {
    scope.issues.push(createIssue('DISCOVERY_CANCELLED', `discovery was cancelled before ${doing} for ${scope.subject}`, { path: scope.path }));
    throw new DiscoveryStopped();
  }
}

/**
 * Makes one port call: stops first if cancelled, and turns a failure (or an adapter that threw
 * instead of resolving to a failure) into an issue and a stop. `tolerate` lists failure kinds the
 * caller handles itself; those come back as the failure.
 */
export async function callPort<T>(scope: SubscriptionScope, doing: string, call: () => Promise<PortResult<T>>, tolerate: readonly PortFailure['kind'][] = []): Promise<PortResult<T>> {
  checkCancelled(scope, doing);
  let result: PortResult<T>;
  try {
    result = await call();
  } catch (error) {
    const kind = scope.signal?.aborted ? 'cancelled' : 'transport';
    result = { ok: false, failure: { kind, message: `the adapter threw: ${describeError(error)}`, retryable: false } };
  }
  if (typeof result !== 'object' || result === null || typeof result.ok !== 'boolean') {
    result = { ok: false, failure: { kind: 'invalid-response', message: 'the adapter returned something that is not a port result', retryable: false } };
  }
  if (result.ok || tolerate.includes(result.failure.kind)) return result;
  scope.issues.push(failureIssue(scope, result.failure, doing));
  throw new DiscoveryStopped();
}

/** Reads every page of a listing, guarding against a cursor that leads back to itself. */
export async function readAllPages<T>(scope: SubscriptionScope, doing: string, read: (cursor: string | undefined) => Promise<PortResult<Page<T>>>): Promise<T[]> {
  const items: T[] = [];
  const seen = new Set<string>();
  let cursor: string | undefined;
  for (;;) {
    const page = await callPort(scope, doing, () => read(cursor));
    if (!page.ok) return items;
    const listed: unknown = page.value?.items;
    if (!Array.isArray(listed)) {
      scope.issues.push(failureIssue(scope, { kind: 'invalid-response', message: 'a page has no list of items', retryable: false }, doing));
      throw new DiscoveryStopped();
    }
    for (const item of listed as T[]) items.push(item);
    const next = page.value.next;
    if (next === undefined || next === null) return items;
    if (seen.has(next)) {
      scope.issues.push(failureIssue(scope, { kind: 'invalid-response', message: `the page cursor ${JSON.stringify(next)} came back twice`, retryable: false }, doing));
      throw new DiscoveryStopped();
    }
    seen.add(next);
    cursor = next;
  }
}

/** Adds selection issues (whose paths are relative to the subscription body) under the subscription's path. */
export function addScopedIssues(scope: SubscriptionScope, issues: readonly Issue[]): void {
  for (const issue of issues) scope.issues.push(prefixIssuePath(issue, scope.path));
}

/** Copies the fields whose value is neither undefined nor empty text (Kargo's `omitempty`). */
export function omitEmpty<T extends object>(fields: { readonly [K in keyof T]-?: T[K] | undefined }): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) if (value !== undefined && value !== '') out[key] = value;
  return out as T;
}
