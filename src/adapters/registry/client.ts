import type { PortFailure } from '../../ports/index.js';
import type { RepositoryAddress } from './address.js';
import { parseChallenge, type AuthChallenge } from './challenge.js';
import { failure, failureForStatus } from './failures.js';
import type { RegistryAdapterOptions, RegistryCredentials } from './options.js';

/** An HTTP answer read in full. */
export interface HttpReply {
  readonly status: number;
  readonly headers: Headers;
  readonly body: Uint8Array;
  /** The URL that answered, after redirects. */
  readonly url: string;
}

/** An HTTP answer, or why there was none. */
export type HttpOutcome = { readonly ok: true; readonly reply: HttpReply } | { readonly ok: false; readonly failure: PortFailure };

/** What one registry request needs. */
export interface RegistryRequest {
  readonly address: RepositoryAddress;
  /** A path under the registry (`/v2/…`) or an absolute URL. */
  readonly target: string;
  readonly accept?: string | undefined;
  readonly signal?: AbortSignal | undefined;
  readonly insecure?: boolean | undefined;
  /** Names what is asked for in failure messages (repository, tag); never holds credentials. */
  readonly subject: string;
}

/** Sends registry requests with authentication, retries, time limits and bounded concurrency. */
export interface RegistryClient {
  send(request: RegistryRequest): Promise<HttpOutcome>;
}

/** Registries send small JSON documents; anything bigger than this is not what was asked for. */
const MAX_BODY_BYTES = 32 * 1024 * 1024;
const RETRYABLE_STATUS = new Set([408, 429, 500, 502, 503, 504]);
/** Tokens without `expires_in` live 60 s by the token spec; renew a little early. */
const DEFAULT_TOKEN_SECONDS = 60;
const TOKEN_MARGIN_MS = 5_000;

class Cancelled extends Error {}

/** A counting semaphore: at most `limit` holders at once, served in arrival order. */
function createLimiter(limit: number): <T>(work: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async (work) => {
    if (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    else active++;
    try {
      return await work();
    } finally {
      const next = waiting.shift();
      if (next !== undefined) next();
      else active--;
    }
  };
}

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

/** The wait a `Retry-After` header asks for, in ms (seconds or an HTTP date); undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, nowMs: number): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

const positive = (value: number | undefined, fallback: number, min = 1): number => (typeof value === 'number' && Number.isFinite(value) && value >= min ? value : fallback);

async function readBody(response: Response): Promise<Uint8Array | undefined> {
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > MAX_BODY_BYTES) {
    await response.body?.cancel();
    return undefined;
  }
  const body = new Uint8Array(await response.arrayBuffer());
  return body.byteLength > MAX_BODY_BYTES ? undefined : body;
}

function basicHeader(credentials: { username: string; password: string }): string {
  return `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`, 'utf8').toString('base64')}`;
}

/** Creates the HTTP machinery shared by every call of one adapter. */
export function createRegistryClient(options: RegistryAdapterOptions): RegistryClient {
  const baseFetch = options.fetch ?? globalThis.fetch;
  const timeoutMs = positive(options.timeoutMs, 30_000);
  const retries = Math.floor(positive(options.retries, 3, 0));
  const backoffMs = positive(options.backoffMs, 200, 0);
  const maxDelayMs = positive(options.maxDelayMs, 30_000, 0);
  const limit = createLimiter(Math.floor(positive(options.concurrency, 8)));
  const userAgent = options.userAgent ?? 'waybill';
  /** Authorization headers that worked, per registry and scope; bearer ones with their expiry. */
  const authorizations = new Map<string, { header: string; expiresAt: number }>();

  /** One HTTP exchange, no retries: an answer, or a transport/cancel failure. */
  async function once(url: string, headers: Record<string, string>, request: RegistryRequest): Promise<HttpOutcome | 'transport-error'> {
    const fetcher = request.insecure === true && options.insecureFetch !== undefined ? options.insecureFetch : baseFetch;
    return limit(async () => {
      if (request.signal?.aborted) throw new Cancelled();
      const timeout = AbortSignal.timeout(timeoutMs);
      const signal = request.signal === undefined ? timeout : AbortSignal.any([request.signal, timeout]);
      try {
        const response = await fetcher(url, { method: 'GET', headers: { 'user-agent': userAgent, ...headers }, redirect: 'follow', signal });
        const body = await readBody(response);
        if (body === undefined) return { ok: false, failure: failure('invalid-response', `${request.subject}: the answer is larger than ${MAX_BODY_BYTES} bytes`, false, response.status) };
        return { ok: true, reply: { status: response.status, headers: response.headers, body, url: response.url || url } };
      } catch {
        // The error text of fetch can echo request details; only its kind is kept.
        if (request.signal?.aborted) throw new Cancelled();
        return 'transport-error';
      }
    });
  }

  /** One request with retries and back-off for 5xx, 429 and transport errors. */
  async function exchange(url: string, headers: Record<string, string>, request: RegistryRequest): Promise<HttpOutcome> {
    for (let attempt = 0; ; attempt++) {
      const outcome = await once(url, headers, request);
      const last = attempt >= retries;
      if (outcome !== 'transport-error' && (!outcome.ok || !RETRYABLE_STATUS.has(outcome.reply.status))) return outcome;
      let delay = Math.min(maxDelayMs, backoffMs * 2 ** attempt) * (0.5 + Math.random() / 2);
      if (outcome !== 'transport-error' && outcome.ok) {
        const asked = retryAfterMs(outcome.reply.headers.get('retry-after'), Date.now());
        // A registry that asks for a longer pause than allowed gets a retryable failure at once.
        if (last || (asked !== undefined && asked > maxDelayMs)) return outcome;
        if (asked !== undefined) delay = asked;
      } else if (last) {
        return { ok: false, failure: failure('transport', `${request.subject}: the registry at ${request.address.baseUrl} could not be reached or did not answer in ${timeoutMs} ms (after ${attempt + 1} attempts)`, true) };
      }
      await sleep(delay, request.signal);
    }
  }

  async function lookupCredentials(request: RegistryRequest): Promise<RegistryCredentials | undefined | PortFailure> {
    if (options.credentials === undefined) return undefined;
    try {
      return await options.credentials({ registry: request.address.registry, repository: request.address.name });
    } catch {
      return failure('unauthorized', `${request.subject}: the credentials lookup for ${request.address.registry} failed`, false);
    }
  }

  /** Answers a challenge: the Authorization header to send, undefined when there is none to offer, or a failure. */
  async function authorize(challenge: AuthChallenge, scope: string, request: RegistryRequest): Promise<{ header: string; expiresAt: number } | undefined | PortFailure> {
    const credentials = await lookupCredentials(request);
    if (credentials !== undefined && 'kind' in credentials) return credentials;
    if (challenge.scheme === 'basic') {
      if (credentials === undefined || !('username' in credentials)) return undefined;
      return { header: basicHeader(credentials), expiresAt: Number.POSITIVE_INFINITY };
    }
    if (challenge.scheme !== 'bearer') return undefined;
    if (credentials !== undefined && 'bearerToken' in credentials) return { header: `Bearer ${credentials.bearerToken}`, expiresAt: Number.POSITIVE_INFINITY };
    const realm = challenge.params.realm;
    let tokenUrl: URL;
    try {
      tokenUrl = new URL(realm ?? '');
    } catch {
      return failure('invalid-response', `${request.subject}: the registry asked for a token without a usable realm`, false);
    }
    if (tokenUrl.protocol !== 'https:' && tokenUrl.protocol !== 'http:') return failure('invalid-response', `${request.subject}: the token realm is not an HTTP URL`, false);
    if (challenge.params.service !== undefined) tokenUrl.searchParams.set('service', challenge.params.service);
    tokenUrl.searchParams.set('scope', challenge.params.scope ?? scope);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (credentials !== undefined && 'username' in credentials) headers.authorization = basicHeader(credentials);
    const outcome = await exchange(tokenUrl.toString(), headers, { ...request, subject: `${request.subject} (token service)` });
    if (!outcome.ok) return outcome.failure;
    const { reply } = outcome;
    if (reply.status !== 200) return failureForStatus(reply.status, reply.body, `${request.subject}: the token service`);
    let token: unknown;
    let expiresIn: unknown;
    try {
      const parsed = JSON.parse(new TextDecoder().decode(reply.body)) as { token?: unknown; access_token?: unknown; expires_in?: unknown };
      token = parsed.token ?? parsed.access_token;
      expiresIn = parsed.expires_in;
    } catch {
      token = undefined;
    }
    if (typeof token !== 'string' || token === '') return failure('invalid-response', `${request.subject}: the token service answered without a token`, false);
    const seconds = typeof expiresIn === 'number' && expiresIn > 0 ? expiresIn : DEFAULT_TOKEN_SECONDS;
    return { header: `Bearer ${token}`, expiresAt: Date.now() + seconds * 1000 - TOKEN_MARGIN_MS };
  }

  return {
    async send(request) {
      const scope = `repository:${request.address.name}:pull`;
      const key = `${request.address.baseUrl} ${scope}`;
      const headers: Record<string, string> = request.accept === undefined ? {} : { accept: request.accept };
      try {
        const url = new URL(request.target, request.address.baseUrl).toString();
        let cached = authorizations.get(key);
        if (cached !== undefined && cached.expiresAt <= Date.now()) {
          authorizations.delete(key);
          cached = undefined;
        }
        let outcome = await exchange(url, cached === undefined ? headers : { ...headers, authorization: cached.header }, request);
        if (!outcome.ok || outcome.reply.status !== 401) return outcome;
        authorizations.delete(key);
        const challenge = parseChallenge(outcome.reply.headers.get('www-authenticate'));
        if (challenge === undefined) return outcome;
        const granted = await authorize(challenge, scope, request);
        if (granted === undefined) return outcome;
        if ('kind' in granted) return { ok: false, failure: granted };
        outcome = await exchange(url, { ...headers, authorization: granted.header }, request);
        if (outcome.ok && outcome.reply.status !== 401 && outcome.reply.status !== 403) authorizations.set(key, granted);
        return outcome;
      } catch (error) {
        if (error instanceof Cancelled) return { ok: false, failure: failure('cancelled', `${request.subject}: cancelled`, false) };
        return { ok: false, failure: failure('transport', `${request.subject}: the request failed unexpectedly`, true) };
      }
    },
  };
}
