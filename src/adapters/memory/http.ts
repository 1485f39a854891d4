import type { HttpPort, HttpRequest, HttpResponse, PortResult } from '../../ports/index.js';
import { cancelledFailure, injectedFailure, type InjectedFailure } from './registry.js';

/**
 * What a {@link MemoryHttpHandler} answers: a response (status default 200; a body that is not a
 * string is sent as JSON with `Content-Type: application/json`), or `{ failure }` for a request
 * that got no answer.
 */
export type MemoryHttpReply =
  | {
      readonly status?: number | undefined;
      /** Header values by name (any case); a list for a header sent more than once. */
      readonly headers?: Readonly<Record<string, string | readonly string[]>> | undefined;
      readonly body?: unknown;
    }
  | { readonly failure: InjectedFailure };

/** Answers one request sent through a {@link MemoryHttp}. */
export type MemoryHttpHandler = (request: Omit<HttpRequest, 'signal'>) => MemoryHttpReply | Promise<MemoryHttpReply>;

/** An {@link HttpPort} that hands every request to a function, and records them. */
export interface MemoryHttp extends HttpPort {
  /** Every request sent, in order (without its signal). */
  readonly requests: readonly Omit<HttpRequest, 'signal'>[];
}

/**
 * Creates an HTTP port that routes each request to `handler` and answers with what it returns.
 * A handler that throws gives a retryable `transport` failure, as an unreachable server would;
 * a fired signal gives a `cancelled` failure without calling the handler. Response header names
 * come back in lower case.
 */
export function createMemoryHttp(handler: MemoryHttpHandler): MemoryHttp {
  const requests: Omit<HttpRequest, 'signal'>[] = [];
  return {
    get requests() {
      return requests;
    },
    async send(request: HttpRequest): Promise<PortResult<HttpResponse>> {
      const subject = `${request.method} ${request.url}`;
      const cancelled = cancelledFailure(request, subject);
      if (cancelled !== undefined) return { ok: false, failure: cancelled };
      const { signal: _signal, ...recorded } = request;
      const copy = { ...recorded, ...(recorded.headers === undefined ? {} : { headers: recorded.headers.map((h) => ({ name: h.name, value: h.value })) }) };
      requests.push(copy);
      let reply: MemoryHttpReply;
      try {
        reply = await handler(copy);
      } catch (e) {
        return { ok: false, failure: { kind: 'transport', message: `${subject}: ${e instanceof Error ? e.message : String(e)}`, retryable: true } };
      }
      if (reply !== null && typeof reply === 'object' && 'failure' in reply) return { ok: false, failure: injectedFailure(subject, reply.failure) };
      return { ok: true, value: responseOf(reply ?? {}) };
    },
  };
}

function responseOf(reply: Exclude<MemoryHttpReply, { readonly failure: InjectedFailure }>): HttpResponse {
  const headers = Object.create(null) as Record<string, string[]>;
  for (const [name, value] of Object.entries(reply.headers ?? {})) {
    const key = name.toLowerCase();
    headers[key] = [...(headers[key] ?? []), ...(typeof value === 'string' ? [value] : value)];
  }
  let body = '';
  if (typeof reply.body === 'string') body = reply.body;
  else if (reply.body !== undefined) {
    body = JSON.stringify(reply.body) ?? '';
    if (headers['content-type'] === undefined) headers['content-type'] = ['application/json'];
  }
  return { status: reply.status ?? 200, headers, body };
}
