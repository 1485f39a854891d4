/**
 * A fault-injecting HTTP proxy for adapter tests: it listens on 127.0.0.1 (a free port) in front of
 * a real upstream (a `docker-registry`, a git smart-HTTP server) and answers each request according
 * to a script: pass it through, answer an error status, answer 429 with `Retry-After`, answer late,
 * cut the body short, send a different body, or drop the connection. Every request and the fault it
 * got are logged, so tests can count attempts. A request cap keeps a runaway retry loop bounded.
 */
import { createServer, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** What the proxy does with one request. */
export type Fault =
  /** Forwards the request and the answer unchanged. */
  | { readonly kind: 'pass' }
  /** Answers this status (500, 502, 503, 429 …) without asking the upstream. */
  | { readonly kind: 'status'; readonly status: number; readonly retryAfter?: string; readonly body?: string }
  /** Forwards, but holds the answer back this long first. */
  | { readonly kind: 'slow'; readonly delayMs: number }
  /**
   * Forwards, then sends only the first `fraction` of the body. `clean`: the length header is
   * dropped and the answer ends normally (the client sees a short but complete-looking body);
   * `reset`: the length header is kept and the socket is destroyed after the partial body.
   */
  | { readonly kind: 'truncate'; readonly fraction: number; readonly mode: 'clean' | 'reset' }
  /** Forwards, then replaces the body with `rewrite(body)`, keeping the upstream's headers except `dropHeaders`. */
  | { readonly kind: 'rewrite'; readonly rewrite: (body: Buffer) => Buffer | string; readonly dropHeaders?: readonly string[] }
  /** Destroys the connection before any answer (`before`) or after the headers and half the body (`during`). */
  | { readonly kind: 'drop'; readonly when: 'before' | 'during' };

/** Which requests a rule applies to, and how many times. */
export interface FaultRule {
  readonly fault: Fault;
  /** Only requests whose `METHOD path?query` matches (default: every request). */
  readonly match?: RegExp;
  /** How many matching requests it serves before it is used up (default 1; `Infinity` for a persistent fault). */
  readonly times?: number;
}

/** One request the proxy saw. */
export interface ProxyLogEntry {
  readonly method: string;
  /** The path and query. */
  readonly path: string;
  /** The fault applied (`pass` when none). */
  readonly fault: Fault['kind'] | 'limit';
  /** The status sent, when one was sent. */
  readonly status?: number;
}

/** A running proxy. */
export interface FaultProxy {
  /** `127.0.0.1:<port>` */
  readonly host: string;
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly log: readonly ProxyLogEntry[];
  /** Adds rules; earlier rules are tried first, and a used-up rule is dropped. */
  inject(...rules: readonly FaultRule[]): void;
  /** Removes every rule: all later requests pass through. */
  heal(): void;
  /** Empties the log. */
  clearLog(): void;
  /** The log entries whose `METHOD path` matches. */
  requests(match?: RegExp): readonly ProxyLogEntry[];
  /** Closes every connection and the listener, and cancels delayed answers. */
  stop(): Promise<void>;
}

/** Options of {@link startFaultProxy}. */
export interface FaultProxyOptions {
  /** After this many requests every further one is dropped, so no client loop runs forever (default 1000). */
  readonly maxRequests?: number;
  /**
   * Headers added to every request sent upstream (an `authorization` for a server that demands
   * one), so the client under test never sees the upstream's challenge.
   */
  readonly upstreamHeaders?: Readonly<Record<string, string>>;
}

/** Hop-by-hop headers are the proxy's own business, never forwarded. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer']);

interface UpstreamAnswer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

const readAll = (stream: IncomingMessage): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });

const forwardable = (headers: IncomingHttpHeaders): Record<string, string | string[]> => {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name)) out[name] = value;
  }
  return out;
};

/** Starts a proxy in front of `upstream` (`http://host:port`). */
export async function startFaultProxy(upstream: string, options: FaultProxyOptions = {}): Promise<FaultProxy> {
  const target = new URL(upstream);
  const maxRequests = options.maxRequests ?? 1000;
  const rules: { fault: Fault; match?: RegExp; left: number }[] = [];
  const log: ProxyLogEntry[] = [];
  /** Delayed answers, resolved early when the proxy stops so no handler waits forever. */
  const timers = new Map<NodeJS.Timeout, () => void>();
  const sockets = new Set<Socket>();
  let stopped = false;

  const pick = (line: string): Fault => {
    const at = rules.findIndex((r) => r.match === undefined || r.match.test(line));
    const rule = at < 0 ? undefined : rules[at];
    if (rule === undefined) return { kind: 'pass' };
    rule.left -= 1;
    if (rule.left <= 0) rules.splice(at, 1);
    return rule.fault;
  };

  const askUpstream = (req: IncomingMessage, body: Buffer): Promise<UpstreamAnswer> =>
    new Promise((resolve, reject) => {
      const headers = forwardable(req.headers);
      headers.host = target.host;
      Object.assign(headers, options.upstreamHeaders);
      if (body.length > 0) headers['content-length'] = String(body.length);
      const out = httpRequest({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers }, (res) => {
        readAll(res).then((b) => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: b }), reject);
      });
      out.on('error', reject);
      out.end(body);
    });

  const wait = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.set(timer, resolve);
    });

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const method = req.method ?? 'GET';
    const path = req.url ?? '/';
    const requestBody = await readAll(req);
    if (log.length >= maxRequests) {
      log.push({ method, path, fault: 'limit' });
      req.socket.destroy();
      return;
    }
    const fault = pick(`${method} ${path}`);
    // Logged on arrival, so requests still held back by a slow fault are counted too.
    const entry: { method: string; path: string; fault: Fault['kind']; status?: number } = { method, path, fault: fault.kind };
    log.push(entry);
    if (fault.kind === 'drop' && fault.when === 'before') {
      req.socket.destroy();
      return;
    }
    if (fault.kind === 'status') {
      entry.status = fault.status;
      const body = fault.body ?? JSON.stringify({ errors: [{ code: 'UNAVAILABLE', message: 'injected fault' }] });
      res.writeHead(fault.status, {
        'content-type': 'application/json',
        'content-length': String(Buffer.byteLength(body)),
        ...(fault.retryAfter !== undefined ? { 'retry-after': fault.retryAfter } : {}),
      });
      res.end(body);
      return;
    }
    let answer: UpstreamAnswer;
    try {
      answer = await askUpstream(req, requestBody);
    } catch {
      entry.status = 502;
      if (!res.headersSent) res.writeHead(502, { 'content-length': '0' });
      res.end();
      return;
    }
    if (fault.kind === 'slow') {
      await wait(fault.delayMs);
      if (stopped || res.destroyed) return;
    }
    const headers = forwardable(answer.headers);
    entry.status = answer.status;
    if (fault.kind === 'truncate') {
      const cut = answer.body.subarray(0, Math.floor(answer.body.length * fault.fraction));
      if (fault.mode === 'clean') {
        delete headers['content-length'];
        res.writeHead(answer.status, { ...headers, connection: 'close' });
        res.end(cut);
      } else {
        headers['content-length'] = String(answer.body.length);
        res.writeHead(answer.status, headers);
        res.write(cut, () => req.socket.destroy());
      }
      return;
    }
    if (fault.kind === 'drop') {
      delete headers['content-length'];
      res.writeHead(answer.status, headers);
      res.write(answer.body.subarray(0, Math.floor(answer.body.length / 2)), () => req.socket.destroy());
      return;
    }
    let body = answer.body;
    if (fault.kind === 'rewrite') {
      const rewritten = fault.rewrite(answer.body);
      body = typeof rewritten === 'string' ? Buffer.from(rewritten, 'utf8') : rewritten;
      for (const name of fault.dropHeaders ?? []) delete headers[name.toLowerCase()];
    }
    if (headers['content-length'] !== undefined || fault.kind === 'rewrite') headers['content-length'] = String(body.length);
    res.writeHead(answer.status, headers);
    res.end(body);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      req.socket.destroy();
    });
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;

  return {
    host: `127.0.0.1:${port}`,
    url: `http://127.0.0.1:${port}`,
    log,
    inject(...added) {
      for (const r of added) rules.push({ fault: r.fault, ...(r.match !== undefined ? { match: r.match } : {}), left: r.times ?? 1 });
    },
    heal() {
      rules.length = 0;
    },
    clearLog() {
      log.length = 0;
    },
    requests(match) {
      return match === undefined ? [...log] : log.filter((e) => match.test(`${e.method} ${e.path}`));
    },
    async stop() {
      stopped = true;
      rules.length = 0;
      for (const [timer, resolve] of timers) {
        clearTimeout(timer);
        resolve();
      }
      timers.clear();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
