import type { Issue } from '../../errors/index.js';
import type { PortFailure, PortFailureKind } from '../../ports/index.js';

/**
 * Why a call of the Kubernetes adapter failed: the port failure kinds, plus `conflict` (the
 * resource changed since it was read: HTTP 409) and `invalid` (the resource the cluster holds,
 * or the one given to write, does not pass waybill's validation; `issues` say why).
 */
export type KubernetesFailureKind = PortFailureKind | 'conflict' | 'invalid';

/** A failed call of the Kubernetes adapter, as data; messages never contain credentials. */
export interface KubernetesFailure {
  readonly kind: KubernetesFailureKind;
  readonly message: string;
  /** True when repeating the same call later may succeed (timeouts, 429, 5xx, conflicts). */
  readonly retryable: boolean;
  /** The HTTP status of the API server's answer, when there was one. */
  readonly status?: number | undefined;
  /** For `invalid`: what is wrong with the resource. */
  readonly issues?: readonly Issue[] | undefined;
}

/** The outcome of a call of the Kubernetes adapter's resource store. */
export type KubernetesResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly failure: KubernetesFailure };

/** Builds a failure, leaving `status` out when there was no answer. */
export function kubeFailure(kind: KubernetesFailureKind, message: string, retryable: boolean, status?: number): KubernetesFailure {
  return status === undefined ? { kind, message, retryable } : { kind, message, retryable, status };
}

/**
 * Narrows a failure to the port's kinds, for {@link ClusterPort} callers: a conflict is a
 * retryable transport failure (status 409) and an invalid resource an invalid response.
 */
export function toPortFailure(failure: KubernetesFailure): PortFailure {
  const kind: PortFailureKind = failure.kind === 'conflict' ? 'transport' : failure.kind === 'invalid' ? 'invalid-response' : failure.kind;
  return failure.status === undefined ? { kind, message: failure.message, retryable: failure.retryable } : { kind, message: failure.message, retryable: failure.retryable, status: failure.status };
}

/** The `message` and `reason` of a Kubernetes `Status` body, if the body is one. */
function statusDetail(body: unknown): string | undefined {
  let parsed = body;
  if (typeof body === 'string') {
    try {
      parsed = JSON.parse(body);
    } catch {
      return undefined;
    }
  }
  if (parsed === null || typeof parsed !== 'object') return undefined;
  const { message, reason } = parsed as { message?: unknown; reason?: unknown };
  if (typeof message === 'string' && message !== '') return message.slice(0, 500);
  return typeof reason === 'string' ? reason.slice(0, 100) : undefined;
}

/** Removes every secret from a message, whatever put it there. */
export function redact(message: string, secrets: readonly string[]): string {
  let out = message;
  for (const secret of secrets) if (secret.length >= 4) out = out.split(secret).join('[redacted]');
  return out;
}

/**
 * Turns whatever the client threw into a failure about `subject`: the client's `ApiException`
 * by its HTTP code (404 not found, 401/403 unauthorized, 409 conflict, 408/429/5xx retryable
 * transport, 400/422 invalid), network errors (refused connections, DNS, timeouts) a retryable
 * transport failure, and a request the client refuses to make a transport failure that is not. Only the API server's own message is kept, and `secrets` are removed.
 */
export function failureFromError(error: unknown, subject: string, secrets: readonly string[]): KubernetesFailure {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'number' && code >= 100 && code < 600) {
    const detail = statusDetail((error as { body?: unknown }).body);
    const said = redact(`HTTP ${code}${detail === undefined ? '' : `: ${detail}`}`, secrets);
    if (code === 404) return kubeFailure('not-found', `${subject} not found (${said})`, false, code);
    if (code === 401 || code === 403) return kubeFailure('unauthorized', `${subject}: the API server refused the credentials (${said}); check the kubeconfig user and its RBAC`, false, code);
    if (code === 409) return kubeFailure('conflict', `${subject} changed since it was read (${said})`, true, code);
    if (code === 408 || code === 429 || code >= 500) return kubeFailure('transport', `${subject}: the API server answered ${said}`, true, code);
    if (code === 400 || code === 422) return kubeFailure('invalid', `${subject}: the API server rejected the request (${said})`, false, code);
    return kubeFailure('invalid-response', `${subject}: unexpected answer ${said}`, false, code);
  }
  // Network errors carry a system code (ECONNREFUSED, ETIMEDOUT, ...) on themselves or their
  // cause; an error without one comes from the client refusing its configuration (for example
  // plain HTTP without skipTLSVerify), which repeating will not fix.
  const own = (error as { code?: unknown; name?: unknown } | null) ?? {};
  const cause = (error as { cause?: { code?: unknown } } | null)?.cause;
  const network = typeof own.code === 'string' || typeof cause?.code === 'string' || own.name === 'FetchError' || own.name === 'TimeoutError';
  const reason = error instanceof Error ? error.message : String(error);
  const said = network ? 'the API server could not be reached' : 'the client could not make the request';
  return kubeFailure('transport', redact(`${subject}: ${said} (${reason.slice(0, 300)})`, secrets), network);
}
