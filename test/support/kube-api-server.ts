/**
 * A small stand-in for the Kubernetes API server, for tests: it serves custom resources from
 * JSON it is seeded with (recorded from real API servers), over plain HTTP on 127.0.0.1, with
 * the parts of the API the Kubernetes adapter uses: list (with label selectors), get, create,
 * status replace, JSON merge patch with `resourceVersion` checks (409 on a stale version), delete,
 * and watch streams of recorded event lines (or, with `liveWatches`, of the changes made while the
 * stream is open). Every request needs `Authorization: Bearer <token>`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A JSON object. */
export type Json = Record<string, unknown>;

/** A request the server received. */
export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: Record<string, string>;
  readonly body?: unknown;
  readonly contentType?: string | undefined;
}

/** Runs before a matching request is handled, once. */
export interface RequestHook {
  readonly method: string;
  /** A suffix of the path (`/stages/test/status`). */
  readonly pathEndsWith: string;
  readonly run: () => void;
}

/** A running fake API server. */
export interface KubeApiServer {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** Replaces every stored object with copies of `objects`. */
  reset(objects: readonly Json[]): void;
  /** A copy of a stored object. */
  object(apiVersion: string, kind: string, namespace: string | undefined, name: string): Json | undefined;
  /** Changes a stored object as another writer would, bumping its resourceVersion. */
  touch(apiVersion: string, kind: string, namespace: string | undefined, name: string, change: (object: Json) => void): void;
  /**
   * Sets the event lines a watch of `collectionPath` is answered with. The stream then ends, or
   * with `hold`, stays open until the client goes away.
   */
  setWatchEvents(collectionPath: string, events: readonly Json[], options?: { hold?: boolean }): void;
  /** How many watch streams are open now. */
  readonly openWatches: number;
  /** Runs `hook.run` before the next request that matches it. */
  beforeNext(hook: RequestHook): void;
  close(): Promise<void>;
}

interface Route {
  readonly group: string;
  readonly version: string;
  readonly namespace: string | undefined;
  readonly plural: string;
  readonly name: string | undefined;
  readonly subresource: string | undefined;
}

function parseRoute(path: string): Route | undefined {
  const m = /^\/apis\/([^/]+)\/([^/]+)(?:\/namespaces\/([^/]+))?\/([^/]+)(?:\/([^/]+))?(?:\/(status))?$/.exec(path);
  if (m === null) return undefined;
  return { group: m[1] ?? '', version: m[2] ?? '', namespace: m[3] === undefined ? undefined : decodeURIComponent(m[3]), plural: m[4] ?? '', name: m[5] === undefined ? undefined : decodeURIComponent(m[5]), subresource: m[6] };
}

const pluralOf = (kind: string): string => `${kind.toLowerCase()}s`;
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

function keyOf(group: string, plural: string, namespace: string | undefined, name: string): string {
  return `${group}/${plural}/${namespace ?? ''}/${name}`;
}

function metaOf(object: Json): Json {
  return (object['metadata'] ?? {}) as Json;
}

/** Splits `a=b,env in (x,y),!k` at the commas outside parentheses. */
function splitSelector(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(') depth += 1;
    if (ch === ')') depth -= 1;
    if (ch === ',' && depth === 0) {
      parts.push(current.trim());
      current = '';
    } else current += ch;
  }
  if (current.trim() !== '') parts.push(current.trim());
  return parts;
}

function matchesSelector(text: string | undefined, labels: Record<string, string>): boolean {
  if (text === undefined || text === '') return true;
  return splitSelector(text).every((term) => {
    const set = /^(\S+)\s+(in|notin)\s+\((.*)\)$/.exec(term);
    if (set !== null) {
      const values = (set[3] ?? '').split(',').map((v) => v.trim());
      const has = Object.hasOwn(labels, set[1] ?? '') && values.includes(labels[set[1] ?? ''] ?? '');
      return set[2] === 'in' ? has : !has;
    }
    if (term.startsWith('!')) return !Object.hasOwn(labels, term.slice(1));
    const eq = /^([^!=]+)(==|=|!=)(.*)$/.exec(term);
    if (eq !== null) return eq[2] === '!=' ? labels[eq[1] ?? ''] !== eq[3] : labels[eq[1] ?? ''] === eq[3];
    return Object.hasOwn(labels, term);
  });
}

/** RFC 7386 JSON merge patch. */
function mergePatch(target: unknown, patch: unknown): unknown {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return clone(patch);
  const out: Json = target !== null && typeof target === 'object' && !Array.isArray(target) ? { ...(target as Json) } : {};
  for (const [key, value] of Object.entries(patch as Json)) {
    if (value === null) delete out[key];
    else out[key] = mergePatch(out[key], value);
  }
  return out;
}

function status(res: ServerResponse, code: number, reason: string, message: string): void {
  res.writeHead(code, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code }));
}

function send(res: ServerResponse, code: number, body: unknown): void {
  res.writeHead(code, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text === '' ? undefined : (JSON.parse(text) as unknown);
}

/** Starts a fake API server on 127.0.0.1 (a free port) that accepts `token`. */
export async function startKubeApiServer(options: { token: string; objects?: readonly Json[]; liveWatches?: boolean }): Promise<KubeApiServer> {
  const store = new Map<string, Json>();
  const watchEvents = new Map<string, { events: Json[]; hold: boolean }>();
  let openWatches = 0;
  // With liveWatches, every watch stays open and is sent the changes made to its collection.
  const watchers = new Set<{ group: string; plural: string; namespace: string | undefined; res: ServerResponse }>();
  const emit = (type: string, group: string, plural: string, object: Json): void => {
    const namespace = metaOf(object)['namespace'] as string | undefined;
    for (const w of watchers) {
      if (w.group === group && w.plural === plural && (w.namespace === undefined || w.namespace === namespace)) w.res.write(`${JSON.stringify({ type, object })}\n`);
    }
  };
  const hooks: RequestHook[] = [];
  const requests: RecordedRequest[] = [];
  let revision = 1000;
  const bump = (object: Json): void => {
    revision += 1;
    object['metadata'] = { ...metaOf(object), resourceVersion: String(revision) };
  };
  const put = (object: Json): void => {
    const [group] = String(object['apiVersion']).split('/');
    const meta = metaOf(object);
    const copy = clone(object);
    if (meta['resourceVersion'] === undefined) bump(copy);
    store.set(keyOf(group ?? '', pluralOf(String(object['kind'])), meta['namespace'] as string | undefined, String(meta['name'])), copy);
  };
  const reset = (objects: readonly Json[]): void => {
    store.clear();
    for (const o of objects) put(o);
  };
  reset(options.objects ?? []);

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    const query = Object.fromEntries(url.searchParams.entries());
    const body = method === 'GET' ? undefined : await readBody(req);
    requests.push({ method, path: url.pathname, query, body, contentType: req.headers['content-type'] });
    if (req.headers.authorization !== `Bearer ${options.token}`) return status(res, 401, 'Unauthorized', 'Unauthorized');
    const hookAt = hooks.findIndex((h) => h.method === method && url.pathname.endsWith(h.pathEndsWith));
    if (hookAt >= 0) hooks.splice(hookAt, 1)[0]?.run();
    const route = parseRoute(url.pathname);
    if (route === undefined) return status(res, 404, 'NotFound', `the server could not find the requested resource (${url.pathname})`);
    const { group, plural, namespace, name } = route;

    if (name === undefined) {
      if (method === 'GET' && query['watch'] === 'true') {
        res.writeHead(200, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' });
        const recorded = watchEvents.get(url.pathname);
        for (const event of recorded?.events ?? []) res.write(`${JSON.stringify(event)}\n`);
        if (recorded?.hold !== true && options.liveWatches !== true) {
          res.end();
          return;
        }
        openWatches += 1;
        const watcher = { group, plural, namespace, res };
        if (options.liveWatches === true) watchers.add(watcher);
        res.on('close', () => {
          openWatches -= 1;
          watchers.delete(watcher);
        });
        return;
      }
      if (method === 'GET') {
        const items = [...store.entries()]
          .filter(([key]) => key.startsWith(`${group}/${plural}/${namespace ?? ''}/`) || (namespace === undefined && key.startsWith(`${group}/${plural}/`)))
          .map(([, o]) => o)
          .filter((o) => matchesSelector(query['labelSelector'], (metaOf(o)['labels'] ?? {}) as Record<string, string>))
          .sort((a, b) => String(metaOf(a)['name']).localeCompare(String(metaOf(b)['name'])));
        return send(res, 200, { apiVersion: `${group}/${route.version}`, kind: 'List', metadata: { resourceVersion: String(revision) }, items });
      }
      if (method === 'POST') {
        const object = clone(body as Json);
        const meta = metaOf(object);
        const key = keyOf(group, plural, namespace, String(meta['name']));
        if (store.has(key)) return status(res, 409, 'AlreadyExists', `${plural}.${group} "${String(meta['name'])}" already exists`);
        object['metadata'] = { ...meta, namespace, uid: `uid-${revision}`, creationTimestamp: '2026-01-01T00:00:00Z', generation: 1 };
        bump(object);
        store.set(key, object);
        emit('ADDED', group, plural, object);
        return send(res, 201, object);
      }
      return status(res, 405, 'MethodNotAllowed', 'method not allowed');
    }

    const key = keyOf(group, plural, namespace, name);
    const current = store.get(key);
    if (current === undefined) return status(res, 404, 'NotFound', `${plural}.${group} "${name}" not found`);
    if (method === 'GET') return send(res, 200, current);
    const sentVersion = metaOf((body ?? {}) as Json)['resourceVersion'];
    if (sentVersion !== undefined && sentVersion !== metaOf(current)['resourceVersion']) {
      return status(res, 409, 'Conflict', `Operation cannot be fulfilled on ${plural}.${group} "${name}": the object has been modified; please apply your changes to the latest version and try again`);
    }
    if (method === 'PUT' && route.subresource === 'status') {
      const next = { ...clone(current), status: clone((body as Json)['status']) };
      bump(next);
      store.set(key, next);
      emit('MODIFIED', group, plural, next);
      return send(res, 200, next);
    }
    if (method === 'PATCH' && route.subresource === undefined) {
      if (req.headers['content-type'] !== 'application/merge-patch+json') return status(res, 415, 'UnsupportedMediaType', `unsupported patch type ${String(req.headers['content-type'])}`);
      const patch = clone(body as Json);
      delete (metaOf(patch) as Json)['resourceVersion'];
      const next = mergePatch(current, patch) as Json;
      bump(next);
      store.set(key, next);
      emit('MODIFIED', group, plural, next);
      return send(res, 200, next);
    }
    if (method === 'DELETE' && route.subresource === undefined) {
      store.delete(key);
      revision += 1;
      emit('DELETED', group, plural, { ...current, metadata: { ...metaOf(current), resourceVersion: String(revision) } });
      return send(res, 200, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details: { name, group, kind: plural } });
    }
    return status(res, 405, 'MethodNotAllowed', 'method not allowed');
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => status(res, 500, 'InternalError', String(error)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    reset,
    object(apiVersion, kind, namespace, name) {
      const found = store.get(keyOf(apiVersion.split('/')[0] ?? '', pluralOf(kind), namespace, name));
      return found === undefined ? undefined : clone(found);
    },
    touch(apiVersion, kind, namespace, name, change) {
      const found = store.get(keyOf(apiVersion.split('/')[0] ?? '', pluralOf(kind), namespace, name));
      if (found === undefined) throw new Error(`no ${kind} ${namespace ?? ''}/${name}`);
      change(found);
      bump(found);
      emit('MODIFIED', apiVersion.split('/')[0] ?? '', pluralOf(kind), found);
    },
    setWatchEvents(collectionPath, events, watchOptions = {}) {
      watchEvents.set(collectionPath, { events: clone([...events]), hold: watchOptions.hold === true });
    },
    get openWatches() {
      return openWatches;
    },
    beforeNext(hook) {
      hooks.push(hook);
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
