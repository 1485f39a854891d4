import type { PortFailure } from '../../ports/index.js';
import { failure } from '../registry/failures.js';
import type { ChartCredentials } from './options.js';

/** What one index download needs. */
export interface IndexRequest {
  readonly url: string;
  /** Names the repository in failure messages; never holds credentials. */
  readonly subject: string;
  readonly credentials: ChartCredentials | undefined;
  readonly fetch: typeof fetch;
  readonly signal?: AbortSignal | undefined;
  readonly timeoutMs: number;
  readonly retries: number;
  readonly backoffMs: number;
  readonly maxBytes: number;
  readonly userAgent: string;
}

/** The index text, or why there is none. */
export type IndexOutcome = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly failure: PortFailure };

const RETRYABLE_STATUS = new Set([408, 429, 500, 502, 503, 504]);
const MAX_REDIRECTS = 5;
/** However many retries are allowed, one pause never exceeds this. */
const MAX_BACKOFF_MS = 30_000;

class Cancelled extends Error {}
class TooLarge extends Error {}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new Cancelled());
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new Cancelled());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Reads a body chunk by chunk, giving up as soon as it passes `maxBytes`, so a huge index is never held whole. */
async function readLimited(response: Response, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw new TooLarge();
  }
  if (response.body === null) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw new TooLarge();
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.byteLength;
  }
  return body;
}

/** A failure for a non-200 answer to the index request. */
function failureForIndexStatus(status: number, subject: string): PortFailure {
  const detail = `received unexpected HTTP ${status} when querying the repository index`;
  if (status === 404) return failure('not-found', `${subject} not found (${detail})`, false, status);
  if (status === 401 || status === 403) return failure('unauthorized', `${subject}: access denied (${detail}); check the repository credentials`, false, status);
  if (RETRYABLE_STATUS.has(status) || status >= 500) return failure('transport', `${subject}: ${detail}`, true, status);
  return failure('invalid-response', `${subject}: ${detail}`, false, status);
}

type Attempt = { readonly kind: 'reply'; readonly status: number; readonly text: string } | { readonly kind: 'failure'; readonly failure: PortFailure } | { readonly kind: 'transport' };

/**
 * One GET of the index, following redirects by hand so that basic credentials are sent only to
 * the origin they were configured for, never to another host a redirect points at.
 */
async function attempt(request: IndexRequest): Promise<Attempt> {
  const origin = new URL(request.url).origin;
  let url = request.url;
  const timeout = AbortSignal.timeout(request.timeoutMs);
  const signal = request.signal === undefined ? timeout : AbortSignal.any([request.signal, timeout]);
  try {
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      const headers: Record<string, string> = { 'user-agent': request.userAgent, accept: 'application/yaml, text/yaml, */*' };
      if (request.credentials !== undefined && new URL(url).origin === origin) {
        headers.authorization = `Basic ${Buffer.from(`${request.credentials.username}:${request.credentials.password}`, 'utf8').toString('base64')}`;
      }
      const response = await request.fetch(url, { method: 'GET', headers, redirect: 'manual', signal });
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location !== null) {
        await response.body?.cancel();
        const next = new URL(location, url);
        if (next.protocol !== 'http:' && next.protocol !== 'https:') {
          return { kind: 'failure', failure: failure('invalid-response', `${request.subject}: the index redirects to a non-HTTP location`, false, response.status) };
        }
        url = next.toString();
        continue;
      }
      if (response.status !== 200) {
        await response.body?.cancel();
        return { kind: 'reply', status: response.status, text: '' };
      }
      const body = await readLimited(response, request.maxBytes);
      return { kind: 'reply', status: 200, text: new TextDecoder('utf-8').decode(body) };
    }
    return { kind: 'failure', failure: failure('invalid-response', `${request.subject}: more than ${MAX_REDIRECTS} redirects`, false) };
  } catch (error) {
    if (error instanceof TooLarge) return { kind: 'failure', failure: failure('invalid-response', `${request.subject}: the index is larger than ${request.maxBytes} bytes`, false, 200) };
    if (request.signal?.aborted) throw new Cancelled();
    // The error text of fetch can echo request details; only its kind is kept.
    return { kind: 'transport' };
  }
}

/**
 * Downloads a repository's `index.yaml`: bounded time per request, bounded retries with
 * exponential back-off for 408, 429, 5xx and network errors, a size limit, and failures that name
 * the repository and never the credentials.
 */
export async function fetchIndex(request: IndexRequest): Promise<IndexOutcome> {
  const cancelled = { ok: false, failure: failure('cancelled', `${request.subject}: cancelled`, false) } as const;
  try {
    for (let tries = 0; ; tries++) {
      if (request.signal?.aborted) return cancelled;
      const outcome = await attempt(request);
      const last = tries >= request.retries;
      if (outcome.kind === 'failure') return { ok: false, failure: outcome.failure };
      if (outcome.kind === 'reply') {
        if (outcome.status === 200) return { ok: true, text: outcome.text };
        if (last || !RETRYABLE_STATUS.has(outcome.status)) return { ok: false, failure: failureForIndexStatus(outcome.status, request.subject) };
      } else if (last) {
        return { ok: false, failure: failure('transport', `${request.subject}: the repository could not be reached or did not answer in ${request.timeoutMs} ms (after ${tries + 1} attempts)`, true) };
      }
      await sleep(Math.min(MAX_BACKOFF_MS, request.backoffMs * 2 ** tries), request.signal);
    }
  } catch (error) {
    if (error instanceof Cancelled) return cancelled;
    return { ok: false, failure: failure('transport', `${request.subject}: the index could not be read`, true) };
  }
}
