/**
 * A classic Helm chart repository for tests: a `node:http` server on a free loopback port that
 * serves `index.yaml` files (and anything else) from a table of routes, optionally behind basic
 * auth, failing on demand, and recording every request.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { stringify } from 'yaml';

/** What one path answers. */
export interface ChartRoute {
  /** The body of a 200 answer. */
  readonly body?: string;
  /** Answers with this status (and no body) instead. */
  readonly status?: number;
  /** Answers the first `failTimes` requests with this status, then normally. */
  readonly failWith?: { readonly status: number; readonly times: number };
  /** Requires basic auth with this user. */
  readonly user?: { readonly username: string; readonly password: string };
  /** Answers 302 to this location. */
  readonly redirect?: string;
  /** Waits this long before answering, in ms. */
  readonly delayMs?: number;
}

/** One request the server saw. */
export interface ChartServerRequest {
  readonly path: string;
  readonly authorization: string | undefined;
}

/** A running chart server. */
export interface ChartServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** Sets (or replaces) what a path answers. */
  route(path: string, route: ChartRoute): void;
  readonly requests: readonly ChartServerRequest[];
  stop(): Promise<void>;
}

/** The text of a Helm `index.yaml` listing `charts` (name -> versions), as `helm repo index` lays it out. */
export function indexYaml(charts: Readonly<Record<string, readonly string[]>>): string {
  const entries: Record<string, unknown[]> = {};
  for (const [name, versions] of Object.entries(charts)) {
    entries[name] = versions.map((version) => ({
      apiVersion: 'v2',
      name,
      version,
      appVersion: version,
      created: '2026-01-01T00:00:00Z',
      digest: 'a'.repeat(64),
      urls: [`charts/${name}-${version}.tgz`],
    }));
  }
  return stringify({ apiVersion: 'v1', entries, generated: '2026-01-01T00:00:00Z' });
}

/** Starts a chart server answering from `routes` (path -> route); unknown paths answer 404. */
export async function startChartServer(routes: Readonly<Record<string, ChartRoute>> = {}): Promise<ChartServer> {
  const table = new Map<string, ChartRoute>(Object.entries(routes));
  const failures = new Map<string, number>();
  const requests: ChartServerRequest[] = [];
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    requests.push({ path, authorization: req.headers.authorization });
    const route = table.get(path);
    if (route === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    if (route.delayMs !== undefined) await new Promise((resolve) => setTimeout(resolve, route.delayMs));
    if (route.user !== undefined) {
      const expected = `Basic ${Buffer.from(`${route.user.username}:${route.user.password}`).toString('base64')}`;
      if (req.headers.authorization !== expected) {
        res.writeHead(401, { 'www-authenticate': 'Basic realm="charts"' }).end();
        return;
      }
    }
    const failed = failures.get(path) ?? 0;
    if (route.failWith !== undefined && failed < route.failWith.times) {
      failures.set(path, failed + 1);
      res.writeHead(route.failWith.status).end();
      return;
    }
    if (route.redirect !== undefined) {
      res.writeHead(302, { location: route.redirect }).end();
      return;
    }
    if (route.status !== undefined) {
      res.writeHead(route.status).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/x-yaml' }).end(route.body ?? '');
  };
  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    route(path, route) {
      table.set(path, route);
      failures.delete(path);
    },
    get requests() {
      return requests;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
