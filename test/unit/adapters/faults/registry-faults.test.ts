import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRegistryAdapter, type RegistryAdapterOptions } from '../../../../src/adapters/registry/index.js';
import { discover, type DiscoveredArtifactsStatus } from '../../../../src/discovery/index.js';
import { createFreight } from '../../../../src/freight/index.js';
import type { RegistryPort } from '../../../../src/ports/index.js';
import { startFaultProxy, type Fault, type FaultProxy } from '../../../support/fault-proxy.js';
import { pushImage, pushIndex, startRegistryServer, type RegistryServer } from '../../../support/registry-server.js';

// A real `docker-registry` behind the fault proxy: the adapter sees CNCF distribution's own wire
// format, with faults injected between the two.
let server: RegistryServer;
let proxy: FaultProxy;
let repository: string;
let indexDigest: string;
let configOf200: string;

const NOW = '2026-05-01T00:00:00Z';
const RETRIES = 2;
/** Short bounds so persistent faults end quickly. */
const adapter = (extra: RegistryAdapterOptions = {}): RegistryPort =>
  createRegistryAdapter({ retries: RETRIES, backoffMs: 5, maxDelayMs: 2_000, timeoutMs: 1_500, ...extra });

const warehouse = () => ({
  apiVersion: 'kargo.akuity.io/v1alpha1',
  kind: 'Warehouse',
  metadata: { name: 'app', namespace: 'demo' },
  spec: { subscriptions: [{ name: 'app', image: { repoURL: repository, imageSelectionStrategy: 'SemVer' } }] },
});

async function discoverWith(registry: RegistryPort): Promise<Awaited<ReturnType<typeof discover>>> {
  return discover(warehouse(), { registry }, { now: NOW });
}

async function freightOf(registry: RegistryPort): Promise<{ status: DiscoveredArtifactsStatus; name: string }> {
  const found = await discoverWith(registry);
  if (!found.ok) throw new Error(found.issues.map((i) => i.message).join('; '));
  const freight = createFreight(warehouse(), found.value, { now: NOW, alias: 'first' });
  if (!freight.ok) throw new Error(freight.issues.map((i) => i.message).join('; '));
  return { status: found.value, name: freight.value.metadata.name };
}

let baseline: { status: DiscoveredArtifactsStatus; name: string };

beforeAll(async () => {
  server = await startRegistryServer();
  const name = 'waybill/app';
  await pushImage(server, name, '1.0.0', { created: '2026-01-01T00:00:00Z' });
  await pushImage(server, name, '2.0.0', { created: '2026-01-03T00:00:00Z' });
  const index = await pushIndex(server, name, '2.1.0', [
    { os: 'linux', arch: 'amd64', created: '2026-01-10T00:00:00Z' },
    { os: 'linux', arch: 'arm64', variant: 'v8', created: '2026-01-11T00:00:00Z' },
  ]);
  indexDigest = index.digest;
  const manifest = (await (await fetch(`${server.url}/v2/${name}/manifests/2.0.0`, { headers: { accept: 'application/vnd.oci.image.manifest.v1+json' } })).json()) as { config: { digest: string } };
  configOf200 = manifest.config.digest;
  proxy = await startFaultProxy(server.url);
  repository = `${proxy.host}/${name}`;
  baseline = await freightOf(adapter());
}, 45_000);

afterEach(() => {
  proxy.heal();
  proxy.clearLog();
});

afterAll(async () => {
  await proxy?.stop();
  await server?.stop();
});

const TAGS = /^GET \/v2\/waybill\/app\/tags\/list/;
const MANIFEST_200 = /^GET \/v2\/waybill\/app\/manifests\/2\.0\.0$/;
const MANIFEST_210 = /^GET \/v2\/waybill\/app\/manifests\/2\.1\.0$/;
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('the registry adapter through a faulty network, against a real registry', () => {
  it('the fault-free baseline picks the multi-platform 2.1.0', () => {
    expect(baseline.status.images?.[0]?.references[0]).toMatchObject({ tag: '2.1.0', digest: indexDigest });
    expect(baseline.status.images?.[0]?.references.map((r) => r.tag)).toEqual(['2.1.0', '2.0.0', '1.0.0']);
  });

  describe('transient faults are retried and give the same Freight', () => {
    const configBlob = (): RegExp => new RegExp(`^GET /v2/waybill/app/blobs/${escape(configOf200)}`);
    // Each case: the requests it targets and the faults they get, in order, before one passes.
    const transient: [string, () => RegExp, readonly Fault[]][] = [
      ['a 503 on the tag list', () => TAGS, [{ kind: 'status', status: 503 }]],
      ['a 500 then a 502 on the tag list', () => TAGS, [{ kind: 'status', status: 500 }, { kind: 'status', status: 502 }]],
      ['a connection dropped before the manifest answer', () => MANIFEST_210, [{ kind: 'drop', when: 'before' }]],
      ['a connection dropped in the middle of a manifest', () => MANIFEST_200, [{ kind: 'drop', when: 'during' }]],
      ['a manifest cut short and the connection reset', () => MANIFEST_200, [{ kind: 'truncate', fraction: 0.5, mode: 'reset' }]],
      ['a config blob dropped mid-way', configBlob, [{ kind: 'drop', when: 'during' }]],
      ['a slow answer within the time limit', () => MANIFEST_210, [{ kind: 'slow', delayMs: 200 }]],
    ];
    for (const [name, target, faults] of transient) {
      it(name, async () => {
        const match = target();
        proxy.inject(...faults.map((fault) => ({ match, fault })));
        const faulty = await freightOf(adapter());
        expect(faulty).toEqual(baseline);
        const seen = proxy.requests(match);
        const failing = faults.filter((f) => f.kind !== 'slow').length;
        expect(seen).toHaveLength(failing + 1);
        expect(seen.map((e) => e.fault)).toEqual([...faults.map((f) => f.kind), ...(failing === faults.length ? ['pass'] : [])]);
        expect(seen[seen.length - 1]?.status).toBe(200);
      });
    }
  });

  describe('persistent faults fail discovery after a bounded number of attempts', () => {
    const persistent: [string, RegExp, Fault, RegExp][] = [
      ['503 on every tag list', TAGS, { kind: 'status', status: 503 }, /HTTP 503/],
      ['every manifest connection dropped', MANIFEST_210, { kind: 'drop', when: 'before' }, /could not be reached/],
      ['every manifest answer later than the time limit', MANIFEST_210, { kind: 'slow', delayMs: 5_000 }, /did not answer in 300 ms/],
    ];
    for (const [name, match, fault, detail] of persistent) {
      it(name, async () => {
        proxy.inject({ match, fault, times: Number.POSITIVE_INFINITY });
        const started = performance.now();
        const found = await discoverWith(adapter({ timeoutMs: 300 }));
        const elapsed = performance.now() - started;
        expect(found.ok).toBe(false);
        if (found.ok) return;
        expect(found.issues).toHaveLength(1);
        const issue = found.issues[0];
        expect(issue?.code).toBe('DISCOVERY_TRANSPORT_FAILED');
        expect(issue?.path).toEqual(['spec', 'subscriptions', 0, 'image']);
        expect(issue?.message).toContain(JSON.stringify(repository));
        expect(issue?.message).toContain('(retryable)');
        expect(issue?.message).toMatch(detail);
        // One attempt plus `retries` repeats, no more.
        expect(proxy.requests(match)).toHaveLength(RETRIES + 1);
        expect(elapsed).toBeLessThan(5_000);
      });
    }

    it('getImage reports the last status of a persistent 500 as a retryable transport failure', async () => {
      proxy.inject({ match: MANIFEST_200, fault: { kind: 'status', status: 500 }, times: Number.POSITIVE_INFINITY });
      const got = await adapter().getImage({ repository, tag: '2.0.0' });
      expect(got).toMatchObject({ ok: false, failure: { kind: 'transport', retryable: true, status: 500 } });
      expect(!got.ok && got.failure.message).toContain(`image ${repository}:2.0.0`);
      expect(proxy.requests(MANIFEST_200)).toHaveLength(RETRIES + 1);
    });
  });

  describe('429 Too Many Requests', () => {
    it('waits for a short Retry-After and then succeeds', async () => {
      proxy.inject({ match: TAGS, fault: { kind: 'status', status: 429, retryAfter: '1' } });
      const started = performance.now();
      const faulty = await freightOf(adapter());
      const elapsed = performance.now() - started;
      expect(faulty).toEqual(baseline);
      // Back-off alone would be 5 ms: the second wait can only come from Retry-After.
      expect(elapsed).toBeGreaterThanOrEqual(950);
      expect(proxy.requests(TAGS).map((e) => e.status)).toEqual([429, 200]);
    });

    it('fails at once, retryably and with status 429, when Retry-After is longer than maxDelayMs', async () => {
      proxy.inject({ match: TAGS, fault: { kind: 'status', status: 429, retryAfter: '120' }, times: Number.POSITIVE_INFINITY });
      const started = performance.now();
      const listed = await adapter({ maxDelayMs: 1_000 }).listTags({ repository });
      expect(performance.now() - started).toBeLessThan(1_000);
      expect(listed).toMatchObject({ ok: false, failure: { kind: 'transport', retryable: true, status: 429 } });
      expect(proxy.requests(TAGS)).toHaveLength(1);
    });
  });

  describe('broken answers are invalid-response failures, never a crash or a wrong Freight', () => {
    const expected = async () => {
      const got = await adapter().getImage({ repository, tag: '2.0.0' });
      if (!got.ok) throw new Error(got.failure.message);
      return got.value;
    };

    it('a manifest cut short on a clean end of the answer', async () => {
      const good = await expected();
      proxy.clearLog();
      proxy.inject({ match: MANIFEST_200, fault: { kind: 'truncate', fraction: 0.6, mode: 'clean' } });
      const got = await adapter().getImage({ repository, tag: '2.0.0' });
      expect(got).toMatchObject({ ok: false, failure: { kind: 'invalid-response', retryable: false } });
      expect(!got.ok && got.failure.message).toMatch(/does not match its Docker-Content-Digest/);
      // Not retried: the registry answered, wrongly.
      expect(proxy.requests(MANIFEST_200)).toHaveLength(1);
      // Nothing of the broken answer is kept: the next read is whole.
      expect(await adapter().getImage({ repository, tag: '2.0.0' })).toEqual({ ok: true, value: good });
    });

    it('a manifest that is not JSON (no digest header to catch it first)', async () => {
      proxy.inject({ match: MANIFEST_200, fault: { kind: 'rewrite', rewrite: () => '{"schemaVersion": 2, "config": ', dropHeaders: ['docker-content-digest'] } });
      const got = await adapter().getImage({ repository, tag: '2.0.0' });
      expect(got).toMatchObject({ ok: false, failure: { kind: 'invalid-response', message: expect.stringMatching(/not a JSON object/) } });
    });

    it('a manifest whose bytes differ from its Docker-Content-Digest', async () => {
      proxy.inject({ match: MANIFEST_200, fault: { kind: 'rewrite', rewrite: (b) => b.toString('utf8').replace('"schemaVersion":2', '"schemaVersion": 2') } });
      const got = await adapter().getImage({ repository, tag: '2.0.0' });
      expect(got).toMatchObject({ ok: false, failure: { kind: 'invalid-response', message: expect.stringMatching(/Docker-Content-Digest/) } });
    });

    it('a platform manifest that does not hash to the digest the index names', async () => {
      const child = /^GET \/v2\/waybill\/app\/manifests\/sha256(:|%3A)/i;
      proxy.inject({ match: child, fault: { kind: 'rewrite', rewrite: (b) => `${b.toString('utf8')} `, dropHeaders: ['docker-content-digest'] } });
      const got = await adapter().getImage({ repository, tag: '2.1.0' });
      expect(got).toMatchObject({ ok: false, failure: { kind: 'invalid-response', message: expect.stringMatching(/does not match the digest it was asked by/) } });
    });

    it('a config blob with a different build time than its digest says', async () => {
      const blob = new RegExp(`^GET /v2/waybill/app/blobs/${escape(configOf200)}`);
      proxy.inject({ match: blob, fault: { kind: 'rewrite', rewrite: (b) => b.toString('utf8').replace('2026-01-03', '2030-01-03') } });
      const got = await adapter().getImage({ repository, tag: '2.0.0' });
      expect(got).toMatchObject({ ok: false, failure: { kind: 'invalid-response', message: expect.stringMatching(/config blob does not match its digest/) } });
    });

    it('a tag list cut short', async () => {
      proxy.inject({ match: TAGS, fault: { kind: 'truncate', fraction: 0.5, mode: 'clean' } });
      const listed = await adapter().listTags({ repository });
      expect(listed).toMatchObject({ ok: false, failure: { kind: 'invalid-response', message: expect.stringContaining(`repository ${repository}`) } });
    });

    it('discovery fails with an issue naming the repository, and after the fault heals gives the same Freight', async () => {
      const registry = adapter();
      proxy.inject({ match: MANIFEST_200, fault: { kind: 'rewrite', rewrite: (b) => b.toString('utf8').replace('"schemaVersion":2', '"schemaVersion": 2') } });
      const found = await discoverWith(registry);
      expect(found.ok).toBe(false);
      if (!found.ok) {
        expect(found.issues).toHaveLength(1);
        expect(found.issues[0]?.path).toEqual(['spec', 'subscriptions', 0, 'image']);
        expect(found.issues[0]?.message).toContain(JSON.stringify(repository));
        expect(found.issues[0]?.message).toMatch(/Docker-Content-Digest/);
      }
      // The same adapter instance, once the network heals: nothing half-read was kept.
      expect(await freightOf(registry)).toEqual(baseline);
    });
  });

  it('the proxy itself is bounded: requests beyond its cap are dropped and logged', async () => {
    const small = await startFaultProxy(server.url, { maxRequests: 2 });
    try {
      const registry = createRegistryAdapter({ retries: 5, backoffMs: 1 });
      const listed = await registry.listTags({ repository: `${small.host}/waybill/app` });
      expect(listed.ok).toBe(true);
      await registry.listTags({ repository: `${small.host}/waybill/app` });
      const third = await registry.listTags({ repository: `${small.host}/waybill/app` });
      expect(third).toMatchObject({ ok: false, failure: { kind: 'transport' } });
      expect(small.log.filter((e) => e.fault === 'limit')).toHaveLength(6);
    } finally {
      await small.stop();
    }
  });
});
