import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHelmAdapter, type HelmAdapterOptions } from '../../../../src/adapters/helm/index.js';
import type { PortResult } from '../../../../src/ports/index.js';
import { collectPages } from '../../../../src/testing/index.js';
import { indexYaml, startChartServer, type ChartServer } from '../../../support/chart-server.js';

const USER = { username: 'chart-reader', password: 'hunter2-S3cret' };
const CHARTS = { demo: ['0.1.0', '0.2.0', '1.0.0-rc.1', '1.0.0', 'v1.1'], other: ['2.0.0'], empty: [] };
const HUGE_VERSIONS = Array.from({ length: 20_000 }, (_, i) => `${Math.floor(i / 100)}.${i % 100}.0`);

let server: ChartServer;
let elsewhere: ChartServer;

beforeAll(async () => {
  elsewhere = await startChartServer();
  server = await startChartServer({
    '/stable/index.yaml': { body: indexYaml(CHARTS) },
    '/huge/index.yaml': { body: indexYaml({ big: HUGE_VERSIONS, ...Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`chart-${i}`, ['1.0.0', '1.1.0']])) }) },
    '/malformed/index.yaml': { body: 'apiVersion: v1\nentries:\n  demo:\n  - version: [1.0.0\n' },
    '/not-a-map/index.yaml': { body: 'apiVersion: v1\nentries: [demo]\n' },
    '/bomb/index.yaml': {
      body: ['a: &a [x, x, x, x, x, x, x, x, x, x]', 'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]', 'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]', 'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]', 'e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]', 'f: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]', 'entries: {}'].join('\n'),
    },
    '/texts/index.yaml': { body: 'apiVersion: v1\nentries:\n  demo:\n  - {name: demo, version: 1.10}\n  - {name: demo, version: "2.0.0"}\n  - {name: demo}\n  gone: ~\n' },
    '/json/index.yaml': { body: JSON.stringify({ apiVersion: 'v1', entries: { demo: [{ name: 'demo', version: '3.0.0' }] } }) },
    '/private/index.yaml': { body: indexYaml({ secret: ['9.9.9'] }), user: USER },
    '/flaky/index.yaml': { body: indexYaml({ demo: ['1.0.0'] }), failWith: { status: 503, times: 2 } },
    '/slow/index.yaml': { body: indexYaml({ demo: ['1.0.0'] }), delayMs: 400 },
    '/teapot/index.yaml': { status: 418 },
    '/moved/index.yaml': { redirect: '/stable/index.yaml' },
  });
  server.route('/private-moved/index.yaml', { redirect: `${elsewhere.url}/private/index.yaml` });
  elsewhere.route('/private/index.yaml', { body: indexYaml({ secret: ['9.9.9'] }), user: USER });
});

afterAll(async () => {
  await server.stop();
  await elsewhere.stop();
});

const fast: HelmAdapterOptions = { retries: 0, backoffMs: 1, cacheTtlMs: 0 };
const adapter = (options: HelmAdapterOptions = {}) => createHelmAdapter({ ...fast, ...options });
const repo = (path: string): string => `${server.url}/${path}`;
const requestsTo = (path: string): number => server.requests.filter((r) => r.path === path).length;

function failureOf<T>(result: PortResult<T>) {
  if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result.value)}`);
  return result.failure;
}

async function allVersions(port: ReturnType<typeof adapter>, repoURL: string, name: string, pageSize?: number): Promise<string[]> {
  const listed = await collectPages((cursor) => port.listVersions({ repoURL, name, cursor, pageSize }));
  if (!listed.ok) throw new Error(listed.failure.message);
  return listed.value.items;
}

describe('createHelmAdapter: classic index.yaml repositories', () => {
  it('lists the versions of each chart in index order, in pages', async () => {
    const port = adapter();
    expect(await allVersions(port, repo('stable'), 'demo', 2)).toEqual(CHARTS.demo);
    expect(await allVersions(port, repo('stable'), 'other')).toEqual(['2.0.0']);
    const first = await port.listVersions({ repoURL: repo('stable'), name: 'demo', pageSize: 2 });
    expect(first).toEqual({ ok: true, value: { items: ['0.1.0', '0.2.0'], next: '2' } });
  });

  it('accepts a repository URL with a trailing slash and follows same-origin redirects', async () => {
    expect(await allVersions(adapter(), `${repo('stable')}/`, 'other')).toEqual(['2.0.0']);
    expect(await allVersions(adapter(), repo('moved'), 'other')).toEqual(['2.0.0']);
  });

  it('gives an empty list for a chart the index does not list or lists with no versions', async () => {
    const port = adapter();
    expect(await port.listVersions({ repoURL: repo('stable'), name: 'nope' })).toEqual({ ok: true, value: { items: [] } });
    expect(await port.listVersions({ repoURL: repo('stable'), name: 'empty' })).toEqual({ ok: true, value: { items: [] } });
    expect(await port.listVersions({ repoURL: repo('texts'), name: 'gone' })).toEqual({ ok: true, value: { items: [] } });
  });

  it('keeps versions as the index writes them and skips entries without one; reads JSON indexes', async () => {
    expect(await allVersions(adapter(), repo('texts'), 'demo')).toEqual(['1.10', '2.0.0']);
    expect(await allVersions(adapter(), repo('json'), 'demo')).toEqual(['3.0.0']);
  });

  it('a missing repository is a not-found failure naming it', async () => {
    const failure = failureOf(await adapter().listVersions({ repoURL: repo('missing'), name: 'demo' }));
    expect(failure).toMatchObject({ kind: 'not-found', status: 404, retryable: false });
    expect(failure.message).toContain(repo('missing'));
    expect(failure.message).toContain('HTTP 404');
  });

  it('an unexpected status is an invalid-response naming the repository', async () => {
    const failure = failureOf(await adapter().listVersions({ repoURL: repo('teapot'), name: 'demo' }));
    expect(failure).toMatchObject({ kind: 'invalid-response', status: 418 });
    expect(failure.message).toContain(repo('teapot'));
  });

  it('reads a huge index and pages through a chart with 20 000 versions', async () => {
    const port = adapter({ cacheTtlMs: 60_000 });
    expect(await allVersions(port, repo('huge'), 'big', 1000)).toEqual(HUGE_VERSIONS);
    expect(await allVersions(port, repo('huge'), 'chart-499')).toEqual(['1.0.0', '1.1.0']);
  });

  it('refuses an index larger than maxIndexBytes', async () => {
    const failure = failureOf(await adapter({ maxIndexBytes: 100_000 }).listVersions({ repoURL: repo('huge'), name: 'big' }));
    expect(failure.kind).toBe('invalid-response');
    expect(failure.message).toMatch(/larger than 100000 bytes/);
    expect(failure.message).toContain(repo('huge'));
  });

  it('refuses malformed indexes, entries that are not a mapping, and alias bombs', async () => {
    for (const path of ['malformed', 'not-a-map', 'bomb']) {
      const failure = failureOf(await adapter().listVersions({ repoURL: repo(path), name: 'demo' }));
      expect(failure.kind).toBe('invalid-response');
      expect(failure.message).toContain(repo(path));
    }
    expect(failureOf(await adapter().listVersions({ repoURL: repo('bomb'), name: 'demo' })).message).toMatch(/aliases/);
  });

  describe('basic authentication', () => {
    it('sends the credentials the lookup gives for the repository', async () => {
      const asked: unknown[] = [];
      const port = adapter({
        credentials: (target) => {
          asked.push(target);
          return USER;
        },
      });
      expect(await allVersions(port, repo('private'), 'secret')).toEqual(['9.9.9']);
      expect(asked).toEqual([{ repoURL: repo('private'), kind: 'classic' }]);
    });

    it('without credentials, or with wrong ones, is unauthorized, and the password is never in the message', async () => {
      const anonymous = failureOf(await adapter().listVersions({ repoURL: repo('private'), name: 'secret' }));
      expect(anonymous).toMatchObject({ kind: 'unauthorized', status: 401 });
      const wrong = failureOf(await adapter({ credentials: () => ({ username: USER.username, password: 'wrong-Pa55word' }) }).listVersions({ repoURL: repo('private'), name: 'secret' }));
      expect(wrong.kind).toBe('unauthorized');
      expect(wrong.message).toContain(repo('private'));
      expect(wrong.message).not.toContain('wrong-Pa55word');
      expect(wrong.message).not.toContain(Buffer.from(`${USER.username}:wrong-Pa55word`).toString('base64'));
    });

    it('a credentials lookup that throws is an unauthorized failure, not a rejection', async () => {
      const failure = failureOf(
        await adapter({
          credentials: () => {
            throw new Error(`vault down, token ${USER.password}`);
          },
        }).listVersions({ repoURL: repo('private'), name: 'secret' }),
      );
      expect(failure.kind).toBe('unauthorized');
      expect(failure.message).not.toContain(USER.password);
    });

    it('does not send the credentials to another origin a redirect points at', async () => {
      const failure = failureOf(await adapter({ credentials: () => USER }).listVersions({ repoURL: repo('private-moved'), name: 'secret' }));
      expect(failure.kind).toBe('unauthorized');
      const seen = elsewhere.requests.filter((r) => r.path === '/private/index.yaml');
      expect(seen.length).toBeGreaterThan(0);
      expect(seen.every((r) => r.authorization === undefined)).toBe(true);
    });
  });

  describe('retries, time limits and cancellation', () => {
    it('retries server errors a bounded number of times', async () => {
      server.route('/flaky/index.yaml', { body: indexYaml({ demo: ['1.0.0'] }), failWith: { status: 503, times: 2 } });
      const before = requestsTo('/flaky/index.yaml');
      expect(await allVersions(adapter({ retries: 2 }), repo('flaky'), 'demo')).toEqual(['1.0.0']);
      expect(requestsTo('/flaky/index.yaml') - before).toBe(3);

      server.route('/flaky/index.yaml', { body: indexYaml({ demo: ['1.0.0'] }), failWith: { status: 503, times: 5 } });
      const again = requestsTo('/flaky/index.yaml');
      const failure = failureOf(await adapter({ retries: 1 }).listVersions({ repoURL: repo('flaky'), name: 'demo' }));
      expect(failure).toMatchObject({ kind: 'transport', retryable: true, status: 503 });
      expect(requestsTo('/flaky/index.yaml') - again).toBe(2);
    });

    it('gives up on a repository slower than timeoutMs with a retryable transport failure', async () => {
      const failure = failureOf(await adapter({ timeoutMs: 50, retries: 1 }).listVersions({ repoURL: repo('slow'), name: 'demo' }));
      expect(failure).toMatchObject({ kind: 'transport', retryable: true });
      expect(failure.message).toMatch(/after 2 attempts/);
      expect(failure.message).toContain(repo('slow'));
    });

    it('an unreachable repository is a retryable transport failure', async () => {
      const failure = failureOf(await adapter().listVersions({ repoURL: 'http://127.0.0.1:1/charts', name: 'demo' }));
      expect(failure).toMatchObject({ kind: 'transport', retryable: true });
    });

    it('a fired signal, before or during the call, gives a cancelled failure', async () => {
      expect(failureOf(await adapter().listVersions({ repoURL: repo('stable'), name: 'demo', signal: AbortSignal.abort() })).kind).toBe('cancelled');
      const controller = new AbortController();
      const call = adapter().listVersions({ repoURL: repo('slow'), name: 'demo', signal: controller.signal });
      setTimeout(() => controller.abort(), 50);
      expect(failureOf(await call).kind).toBe('cancelled');
    });
  });

  describe('caching', () => {
    it('reuses an index for cacheTtlMs, then downloads it again', async () => {
      let clock = 1_000;
      const port = createHelmAdapter({ cacheTtlMs: 10_000, now: () => clock });
      const before = requestsTo('/stable/index.yaml');
      await allVersions(port, repo('stable'), 'demo', 2);
      await allVersions(port, repo('stable'), 'other');
      expect(requestsTo('/stable/index.yaml') - before).toBe(1);
      clock += 10_001;
      await allVersions(port, repo('stable'), 'demo');
      expect(requestsTo('/stable/index.yaml') - before).toBe(2);
    });

    it('with cacheTtlMs 0 downloads on every call, and never caches failures', async () => {
      const before = requestsTo('/stable/index.yaml');
      const port = adapter({ cacheTtlMs: 0 });
      await port.listVersions({ repoURL: repo('stable'), name: 'demo' });
      await port.listVersions({ repoURL: repo('stable'), name: 'demo' });
      expect(requestsTo('/stable/index.yaml') - before).toBe(2);
      const cached = createHelmAdapter({ retries: 0 });
      const missing = requestsTo('/missing/index.yaml');
      await cached.listVersions({ repoURL: repo('missing'), name: 'demo' });
      await cached.listVersions({ repoURL: repo('missing'), name: 'demo' });
      expect(requestsTo('/missing/index.yaml') - missing).toBe(2);
    });

    it('concurrent calls share one download', async () => {
      const before = requestsTo('/slow/index.yaml');
      const port = createHelmAdapter({ cacheTtlMs: 60_000 });
      const results = await Promise.all([1, 2, 3].map(() => port.listVersions({ repoURL: repo('slow'), name: 'demo' })));
      expect(results.every((r) => r.ok && r.value.items[0] === '1.0.0')).toBe(true);
      expect(requestsTo('/slow/index.yaml') - before).toBe(1);
    });
  });

  describe('bad requests are failures, never rejections', () => {
    it('a forged cursor, a missing chart name and an unknown URL scheme', async () => {
      expect(failureOf(await adapter().listVersions({ repoURL: repo('stable'), name: 'demo', cursor: 'abc' })).kind).toBe('invalid-response');
      expect(failureOf(await adapter().listVersions({ repoURL: repo('stable'), name: 'demo', cursor: '99' })).kind).toBe('invalid-response');
      expect(failureOf(await adapter().listVersions({ repoURL: repo('stable') })).message).toMatch(/needs a chart name/);
      expect(failureOf(await adapter().listVersions({ repoURL: 'ftp://charts.example.com', name: 'demo' })).message).toMatch(/is invalid/);
      expect(failureOf(await adapter().listVersions({ repoURL: 'http://[bad', name: 'demo' })).message).toMatch(/is invalid/);
    });

    it('uses insecureFetch only for requests that ask to skip TLS verification', async () => {
      const used: string[] = [];
      const port = adapter({
        fetch: (input, init) => {
          used.push('secure');
          return fetch(input, init);
        },
        insecureFetch: (input, init) => {
          used.push('insecure');
          return fetch(input, init);
        },
      });
      await port.listVersions({ repoURL: repo('stable'), name: 'demo' });
      await port.listVersions({ repoURL: repo('stable'), name: 'demo', insecureSkipTLSVerify: true });
      expect(used).toEqual(['secure', 'insecure']);
    });
  });
});
