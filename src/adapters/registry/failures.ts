import type { PortFailure, PortFailureKind } from '../../ports/index.js';

/** A failure value; `status` is set only when there was an HTTP answer. */
export function failure(kind: PortFailureKind, message: string, retryable: boolean, status?: number): PortFailure {
  return status === undefined ? { kind, message, retryable } : { kind, message, retryable, status };
}

/** The first `code` of a registry's JSON error body (`{"errors":[{"code":"NAME_UNKNOWN"}]}`), if any. */
export function registryErrorCode(body: Uint8Array): string | undefined {
  try {
    const parsed: unknown = JSON.parse(new TextDecoder().decode(body));
    const errors = (parsed as { errors?: unknown }).errors;
    const code = Array.isArray(errors) ? (errors[0] as { code?: unknown } | undefined)?.code : undefined;
    return typeof code === 'string' && /^[A-Z_]{1,64}$/.test(code) ? code : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Turns an HTTP answer that is not a success into a failure naming `subject` (the repository,
 * tag or blob asked for): 404 is `not-found`, 401/403 `unauthorized`, 408/429/5xx a retryable
 * `transport` failure, anything else an `invalid-response`.
 */
export function failureForStatus(status: number, body: Uint8Array, subject: string): PortFailure {
  const code = registryErrorCode(body);
  const detail = `HTTP ${status}${code === undefined ? '' : ` ${code}`}`;
  if (status === 404) return failure('not-found', `${subject} not found (${detail})`, false, status);
  if (status === 401 || status === 403) return failure('unauthorized', `${subject}: access denied (${detail}); check the registry credentials`, false, status);
  if (status === 408 || status === 429 || status >= 500) return failure('transport', `${subject}: the registry answered ${detail}`, true, status);
  return failure('invalid-response', `${subject}: unexpected answer ${detail}`, false, status);
}
