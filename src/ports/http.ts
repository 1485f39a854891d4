/**
 * The port through which the `http` promotion step sends requests.
 * @packageDocumentation
 */
import type { PortCallOptions, PortResult } from './registry.js';

/** One request header; a name may appear more than once. */
export interface HttpHeader {
  readonly name: string;
  readonly value: string;
}

/** An HTTP request to send. */
export interface HttpRequest extends PortCallOptions {
  /** `GET`, `POST`, `PUT`, `PATCH`, `DELETE`, `HEAD`, ... */
  readonly method: string;
  /** The absolute URL, query included. */
  readonly url: string;
  readonly headers?: readonly HttpHeader[] | undefined;
  readonly body?: string | undefined;
  /** Milliseconds after which the request is given up, as a retryable `transport` failure. */
  readonly timeout?: number | undefined;
  readonly insecureSkipTLSVerify?: boolean | undefined;
  /** An `http://` or `https://` proxy URL to send the request through. */
  readonly proxy?: string | undefined;
}

/**
 * What the server answered. Any status is a response, 404 and 500 included: only a request that
 * got no answer is a failure.
 */
export interface HttpResponse {
  readonly status: number;
  /** Response headers by lower-case name; a header sent more than once has several values. */
  readonly headers: Readonly<Record<string, readonly string[]>>;
  /** The body, as text (UTF-8). */
  readonly body: string;
}

/**
 * Sends HTTP requests. Implementations: `createMemoryHttp(handler)` in
 * `waybill/adapters/memory`, a `fetch`-based one, or your own; all must pass `httpContract` from
 * `waybill/testing`. `send` resolves to a `PortResult` and never rejects: a server that cannot be
 * reached or does not answer in time is a retryable `transport` failure, a fired signal a
 * `cancelled` one.
 */
export interface HttpPort {
  send(request: HttpRequest): Promise<PortResult<HttpResponse>>;
}
