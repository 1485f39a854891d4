import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createRegistryAdapter } from '../../../../src/adapters/registry/index.js';
import { resolveRepository } from '../../../../src/adapters/registry/address.js';
import { parseChallenge } from '../../../../src/adapters/registry/challenge.js';
import { retryAfterMs } from '../../../../src/adapters/registry/client.js';
import { nextLink } from '../../../../src/adapters/registry/list-tags.js';

// A scripted HTTP server for what a real registry cannot be made to do on demand: token services,
// rate limits, server errors, slow answers and corrupt bodies.
type Handler = (req: IncomingMessage, res: ServerResponse) => void;
let handler: Handler = (_req, res) => res.writeHead(500).end();
let server: Server;
let host = '';
const seen: { url: string; authorization?: string | undefined }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push({ url: req.url ?? '', authorization: req.headers.authorization });
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  host = `127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  seen.length = 0;
});

const sha = (text: string): string => `sha256:${createHash('sha256').update(text).digest('hex')}`;
const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(text);
};
const fast = { retries: 2, backoffMs: 1, timeoutMs: 2000 };
const config = JSON.stringify({ created: '2026-06-01T10:00:00.5Z', config: { Labels: {} } });
const manifest = JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: sha(config), size: config.length }, layers: [] });

/** Serves one image (`app:1.0.0`) and its config. */
function serveImage(req: IncomingMessage, res: ServerResponse): void {
  if (req.url?.endsWith('/manifests/1.0.0')) res.writeHead(200, { 'content-type': 'application/vnd.oci.image.manifest.v1+json', 'docker-content-digest': sha(manifest) }).end(manifest);
  else if (req.url?.endsWith(`/blobs/${sha(config)}`)) res.writeHead(200).end(config);
  else if (req.url?.includes('/tags/list')) json(res, 200, { name: 'app', tags: ['1.0.0'] });
  else json(res, 404, { errors: [{ code: 'NAME_UNKNOWN' }] });
}

describe('Bearer token authentication', () => {
  it('follows the WWW-Authenticate challenge to the token service with the credentials, then reuses the token', async () => {
    handler = (req, res) => {
      if (req.url?.startsWith('/token')) {
        if (req.headers.authorization !== `Basic ${Buffer.from('bot:pw').toString('base64')}`) return json(res, 401, {});
        return json(res, 200, { token: 'tok-1', expires_in: 300 });
      }
      if (req.headers.authorization !== 'Bearer tok-1') {
        res.writeHead(401, { 'www-authenticate': `Bearer realm="http://${host}/token",service="stub",scope="repository:team/app:pull"` }).end();
        return;
      }
      serveImage(req, res);
    };
    const registry = createRegistryAdapter({ ...fast, credentials: () => ({ username: 'bot', password: 'pw' }) });
    const image = await registry.getImage({ repository: `${host}/team/app`, tag: '1.0.0' });
    expect(image).toEqual({ ok: true, value: { tag: '1.0.0', digest: sha(manifest), createdAt: '2026-06-01T10:00:00.500Z' } });
    const token = seen.find((s) => s.url.startsWith('/token'));
    expect(new URL(token?.url ?? '', 'http://x').searchParams.get('scope')).toBe('repository:team/app:pull');
    expect(new URL(token?.url ?? '', 'http://x').searchParams.get('service')).toBe('stub');
    const before = seen.filter((s) => s.url.startsWith('/token')).length;
    expect((await registry.listTags({ repository: `${host}/team/app` })).ok).toBe(true);
    expect(seen.filter((s) => s.url.startsWith('/token')).length).toBe(before);
  });

  it('gets anonymous tokens without credentials, and reports a refused token as unauthorized without the secret', async () => {
    handler = (req, res) => {
      if (req.url?.startsWith('/token')) return req.headers.authorization === undefined ? json(res, 200, { access_token: 'anon' }) : json(res, 401, { errors: [{ code: 'UNAUTHORIZED' }] });
      if (req.headers.authorization !== 'Bearer anon') return void res.writeHead(401, { 'www-authenticate': `Bearer realm="http://${host}/token"` }).end();
      serveImage(req, res);
    };
    expect((await createRegistryAdapter(fast).listTags({ repository: `${host}/team/app` })).ok).toBe(true);
    const refused = await createRegistryAdapter({ ...fast, credentials: () => ({ username: 'bot', password: 'hunter2' }) }).listTags({ repository: `${host}/team/app` });
    expect(refused.ok || refused.failure).toMatchObject({ kind: 'unauthorized', retryable: false, status: 401 });
    expect(JSON.stringify(refused)).not.toMatch(/hunter2|Ym90Omh1bnRlcjI/);
    expect(refused.ok || refused.failure.message).toContain(`${host}/team/app`);
  });

  it('turns a throwing credentials lookup into an unauthorized failure without its text', async () => {
    handler = (_req, res) => void res.writeHead(401, { 'www-authenticate': 'Basic realm="x"' }).end();
    const result = await createRegistryAdapter({ ...fast, credentials: () => { throw new Error('vault token abc123'); } }).listTags({ repository: `${host}/team/app` });
    expect(result.ok || result.failure.kind).toBe('unauthorized');
    expect(JSON.stringify(result)).not.toContain('abc123');
  });
});

describe('rate limits, retries and time limits', () => {
  it('waits as Retry-After says on 429, then succeeds', async () => {
    let calls = 0;
    handler = (req, res) => (++calls === 1 ? json(res, 429, {}, { 'retry-after': '0' }) : serveImage(req, res));
    expect((await createRegistryAdapter(fast).listTags({ repository: `${host}/app` })).ok).toBe(true);
    expect(calls).toBe(2);
  });

  it('gives up at once, retryably, when Retry-After asks for longer than allowed', async () => {
    handler = (_req, res) => json(res, 429, { errors: [{ code: 'TOOMANYREQUESTS' }] }, { 'retry-after': '3600' });
    const result = await createRegistryAdapter(fast).listTags({ repository: `${host}/app` });
    expect(result.ok || result.failure).toMatchObject({ kind: 'transport', retryable: true, status: 429 });
    expect(seen).toHaveLength(1);
  });

  it('retries 5xx a bounded number of times with back-off', async () => {
    handler = (_req, res) => json(res, 503, {});
    const result = await createRegistryAdapter({ ...fast, retries: 3 }).listTags({ repository: `${host}/app` });
    expect(result.ok || result.failure).toMatchObject({ kind: 'transport', retryable: true, status: 503 });
    expect(seen).toHaveLength(4);
  });

  it('times out a request that hangs and says so retryably', async () => {
    handler = () => undefined;
    const result = await createRegistryAdapter({ retries: 1, backoffMs: 1, timeoutMs: 150 }).listTags({ repository: `${host}/app` });
    expect(result.ok || result.failure).toMatchObject({ kind: 'transport', retryable: true });
    expect(seen).toHaveLength(2);
  });

  it('answers a signal fired during a request with a cancelled failure', async () => {
    handler = () => undefined;
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const result = await createRegistryAdapter({ timeoutMs: 5000 }).listTags({ repository: `${host}/app`, signal: controller.signal });
    expect(result.ok || result.failure.kind).toBe('cancelled');
  });

  it('keeps at most `concurrency` requests in flight', async () => {
    let active = 0;
    let peak = 0;
    handler = (req, res) => {
      active++;
      peak = Math.max(peak, active);
      setTimeout(() => {
        active--;
        serveImage(req, res);
      }, 20);
    };
    const registry = createRegistryAdapter({ ...fast, concurrency: 2 });
    const results = await Promise.all(Array.from({ length: 6 }, () => registry.listTags({ repository: `${host}/app` })));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(peak).toBe(2);
  });
});

describe('what the registry answers', () => {
  it('refuses a manifest whose bytes do not match Docker-Content-Digest', async () => {
    handler = (_req, res) => void res.writeHead(200, { 'content-type': 'application/vnd.oci.image.manifest.v1+json', 'docker-content-digest': sha('something else') }).end(manifest);
    const result = await createRegistryAdapter(fast).getImage({ repository: `${host}/app`, tag: '1.0.0' });
    expect(result.ok || result.failure).toMatchObject({ kind: 'invalid-response', retryable: false });
  });

  it('refuses unknown artifact types and indexes with only attestations', async () => {
    handler = (_req, res) => void res.writeHead(200, { 'content-type': 'application/vnd.cncf.helm.config.v1+json' }).end('{}');
    const odd = await createRegistryAdapter(fast).getImage({ repository: `${host}/app`, tag: '1.0.0' });
    expect(odd.ok || odd.failure.message).toContain('unknown artifact type');
    const index = JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: [{ digest: sha('a'), platform: { os: 'unknown', architecture: 'unknown' } }] });
    handler = (_req, res) => void res.writeHead(200, { 'content-type': 'application/vnd.oci.image.index.v1+json' }).end(index);
    const empty = await createRegistryAdapter(fast).getImage({ repository: `${host}/app`, tag: '1.0.0' });
    expect(empty.ok || empty.failure).toMatchObject({ kind: 'invalid-response' });
    expect(empty.ok || empty.failure.message).toContain('empty V2 manifest list or OCI index is not supported');
  });

  it('takes the build-date label when it is later than the config created time, and annotations first of all', async () => {
    const labelled = JSON.stringify({ created: '2026-01-01T00:00:00Z', config: { Labels: { 'org.label-schema.build-date': '2026-01-02T03:04:05Z' } } });
    const m = JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.docker.distribution.manifest.v2+json', config: { digest: sha(labelled) } });
    handler = (req, res) => (req.url?.includes('/blobs/') ? res.writeHead(200).end(labelled) : res.writeHead(200, { 'content-type': 'application/vnd.docker.distribution.manifest.v2+json' }).end(m));
    const image = await createRegistryAdapter(fast).getImage({ repository: `${host}/app`, tag: 'x' });
    expect(image).toEqual({ ok: true, value: { tag: 'x', digest: sha(m), createdAt: '2026-01-02T03:04:05Z' } });
  });

  it('gives not-found for text that is not a repository or a tag, without a request', async () => {
    const registry = createRegistryAdapter(fast);
    expect((await registry.listTags({ repository: 'Not A Repo!' })).ok).toBe(false);
    const badTag = await registry.getImage({ repository: `${host}/app`, tag: '../../v2' });
    expect(badTag.ok || badTag.failure.kind).toBe('not-found');
    expect(seen).toHaveLength(0);
  });
});

describe('broken answers', () => {
  const mediaTypes = fc.constantFrom('application/vnd.oci.image.index.v1+json', 'application/vnd.oci.image.manifest.v1+json', 'application/vnd.docker.distribution.manifest.list.v2+json', 'text/plain', '');
  const bodies = fc.oneof(
    fc.string(),
    fc.json(),
    fc.record({
      mediaType: mediaTypes,
      manifests: fc.array(fc.record({ digest: fc.oneof(fc.constant(sha('x')), fc.string()), platform: fc.option(fc.record({ os: fc.string(), architecture: fc.string() }), { nil: undefined }) }), { maxLength: 3 }),
      config: fc.option(fc.record({ digest: fc.oneof(fc.constant(sha(config)), fc.string()) }), { nil: undefined }),
      tags: fc.oneof(fc.array(fc.string(), { maxLength: 5 }), fc.constant(null), fc.integer()),
    }).map((o) => JSON.stringify(o)),
  );

  it('always resolve to a PortResult, never a rejection, whatever the registry sends', async () => {
    await fc.assert(
      fc.asyncProperty(bodies, mediaTypes, fc.constantFrom(200, 200, 404, 401, 400, 302), fc.option(fc.string(), { nil: undefined }), async (body, type, status, link) => {
        handler = (req, res) => {
          const headers: Record<string, string> = { 'content-type': type };
          if (link !== undefined && /^[\x20-\x7e]*$/.test(link)) headers.link = link;
          if (req.url?.includes('/blobs/')) return void res.writeHead(200).end(config);
          res.writeHead(status, headers).end(body);
        };
        const registry = createRegistryAdapter({ retries: 0, timeoutMs: 2000 });
        for (const result of [await registry.getImage({ repository: `${host}/app`, tag: 'x' }), await registry.listTags({ repository: `${host}/app`, pageSize: 2 })]) {
          expect(typeof result.ok).toBe('boolean');
          if (!result.ok) expect(result.failure.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('addresses and headers', () => {
  it('maps Docker Hub names to registry-1.docker.io and library/, and loopback hosts to plain HTTP', () => {
    expect(resolveRepository('nginx', undefined)).toEqual({ baseUrl: 'https://registry-1.docker.io', registry: 'docker.io', name: 'library/nginx' });
    expect(resolveRepository('docker.io/library/nginx', undefined)?.name).toBe('library/nginx');
    expect(resolveRepository('bitnami/redis', undefined)).toEqual({ baseUrl: 'https://registry-1.docker.io', registry: 'docker.io', name: 'bitnami/redis' });
    expect(resolveRepository('ghcr.io/Org/App', undefined)).toEqual({ baseUrl: 'https://ghcr.io', registry: 'ghcr.io', name: 'org/app' });
    expect(resolveRepository('localhost:5000/a/b', undefined)?.baseUrl).toBe('http://localhost:5000');
    expect(resolveRepository('registry.lan:5000/app', ['registry.lan:5000'])?.baseUrl).toBe('http://registry.lan:5000');
    expect(resolveRepository('not a repo', undefined)).toBeUndefined();
  });

  it('reads challenges, Link headers and Retry-After', () => {
    expect(parseChallenge('Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:a/b:pull,push"')).toEqual({
      scheme: 'bearer',
      params: { realm: 'https://auth.docker.io/token', service: 'registry.docker.io', scope: 'repository:a/b:pull,push' },
    });
    expect(parseChallenge('Basic realm=x')).toEqual({ scheme: 'basic', params: { realm: 'x' } });
    expect(parseChallenge(null)).toBeUndefined();
    expect(nextLink('</v2/a/tags/list?last=x&n=5>; rel="next"')).toBe('/v2/a/tags/list?last=x&n=5');
    expect(nextLink('<https://x/prev>; rel="prev", </v2/a/tags/list?last=y>; rel="next"')).toBe('/v2/a/tags/list?last=y');
    expect(nextLink(null)).toBeUndefined();
    expect(retryAfterMs('7', 0)).toBe(7000);
    expect(retryAfterMs('Thu, 01 Jan 1970 00:00:10 GMT', 4000)).toBe(6000);
    expect(retryAfterMs('soon', 0)).toBeUndefined();
  });
});
