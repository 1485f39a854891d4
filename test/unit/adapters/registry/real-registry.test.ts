import { afterAll, beforeAll, describe, expect, it, test } from 'vitest';
import { createMemoryRegistry } from '../../../../src/adapters/memory/index.js';
import { createRegistryAdapter } from '../../../../src/adapters/registry/index.js';
import { discover } from '../../../../src/discovery/index.js';
import { createFreight } from '../../../../src/freight/index.js';
import type { RegistryPort } from '../../../../src/ports/index.js';
import { collectPages, registryContract, registryContractFixture, runContract } from '../../../../src/testing/index.js';
import { pushImage, pushIndex, startRegistryServer, tagManifest, type RegistryServer } from '../../../support/registry-server.js';

// One registry for every test of the file, filled once: a real `docker-registry`, so the adapter is
// checked against the wire format of CNCF distribution rather than against our reading of the spec.
let server: RegistryServer;
let secured: RegistryServer;
const USER = { username: 'waybill', password: 's3cret-Pa55' };

/** What was pushed to `waybill/app`, to mirror it into the memory registry. */
interface Pushed {
  readonly tag: string;
  readonly digest: string;
  readonly createdAt: string;
  readonly platforms?: readonly { os: string; arch: string; variant?: string; digest: string; createdAt: string }[];
}
const app: Pushed[] = [];

async function fillContractRepository(target: RegistryServer): Promise<void> {
  const name = 'waybill/contract';
  for (const image of registryContractFixture.images) {
    if (image.platforms !== undefined) {
      await pushIndex(
        target,
        name,
        image.tag,
        image.platforms.map((p) => ({ ...p, created: image.createdAt ?? '2026-01-01T00:00:00Z' })),
        { attestation: true },
      );
    } else {
      await pushImage(target, name, image.tag, { ...(image.createdAt !== undefined ? { created: image.createdAt } : {}), ...(image.annotations !== undefined ? { annotations: { ...image.annotations } } : {}) });
    }
  }
}

async function fillAppRepository(target: RegistryServer): Promise<void> {
  const name = 'waybill/app';
  const singles = [
    { tag: '1.0.0', createdAt: '2026-01-01T00:00:00Z' },
    { tag: '1.1.0', createdAt: '2026-01-05T00:00:00Z' },
    { tag: '2.0.0', createdAt: '2026-01-03T00:00:00Z' },
    { tag: '0.9.0', createdAt: '2026-02-01T00:00:00Z' },
  ];
  for (const s of singles) app.push({ ...s, digest: await pushImage(target, name, s.tag, { created: s.createdAt }) });
  const latest = app.find((p) => p.tag === '1.1.0');
  if (latest === undefined) throw new Error('1.1.0 was not pushed');
  await tagManifest(target, name, latest.digest, ['latest']);
  app.push({ ...latest, tag: 'latest' });
  const platforms = [
    { os: 'linux', arch: 'amd64', created: '2026-01-10T00:00:00Z' },
    { os: 'linux', arch: 'arm64', variant: 'v8', created: '2026-01-11T00:00:00Z' },
  ];
  const index = await pushIndex(target, name, '2.1.0', platforms, { attestation: true });
  app.push({
    tag: '2.1.0',
    digest: index.digest,
    createdAt: '2026-01-11T00:00:00Z',
    platforms: platforms.map((p, i) => ({ os: p.os, arch: p.arch, ...(p.variant !== undefined ? { variant: p.variant } : {}), digest: index.platforms[i] ?? '', createdAt: p.created })),
  });
}

beforeAll(async () => {
  server = await startRegistryServer();
  secured = await startRegistryServer({ user: USER });
  await fillContractRepository(server);
  await fillAppRepository(server);
  const many = await pushImage(server, 'waybill/many', 'base', { created: '2026-01-01T00:00:00Z' });
  await tagManifest(server, 'waybill/many', many, Array.from({ length: 120 }, (_, i) => `v${i}`));
  await pushImage(secured, 'waybill/private', '1.0.0', { created: '2026-04-01T00:00:00Z' });
}, 45_000);

afterAll(async () => {
  await server?.stop();
  await secured?.stop();
});

const adapter = (): RegistryPort => createRegistryAdapter({ retries: 1, backoffMs: 10, timeoutMs: 10_000 });
const repo = (name: string, target: RegistryServer = server): string => `${target.host}/${name}`;

describe('the registry adapter against a real docker-registry', () => {
  describe('the registry contract', () => {
    const fixture = () => ({ ...registryContractFixture, repository: repo('waybill/contract'), missingRepository: repo('waybill/missing') });
    for (const check of registryContract(adapter, { images: registryContractFixture.images, repository: 'placeholder', missingRepository: 'placeholder' })) {
      test(check.name, async () => {
        // The fixture names the server's port, known only once it runs: rebuild the check then.
        const live = registryContract(adapter, fixture()).find((c) => c.name === check.name);
        expect(live).toBeDefined();
        await live?.run();
      });
    }
  });

  it('pages through more than a hundred tags with a small page size, each exactly once', async () => {
    const registry = adapter();
    const listed = await collectPages((cursor) => registry.listTags({ repository: repo('waybill/many'), cursor, pageSize: 7 }));
    expect(listed.ok).toBe(true);
    if (!listed.ok) return;
    expect(listed.value.items).toHaveLength(121);
    expect(new Set(listed.value.items).size).toBe(121);
    expect(listed.value.pages).toBe(18);
  });

  it('refuses a cursor that leaves the repository tag listing', async () => {
    const page = await adapter().listTags({ repository: repo('waybill/many'), cursor: '/v2/other/tags/list?n=5' });
    expect(page.ok || page.failure.kind).toBe('invalid-response');
  });

  it('reads digests, build times from the config blob, and platforms without the attestation entry', async () => {
    const registry = adapter();
    const single = await registry.getImage({ repository: repo('waybill/app'), tag: '1.0.0' });
    expect(single).toEqual({ ok: true, value: { tag: '1.0.0', digest: app.find((p) => p.tag === '1.0.0')?.digest, createdAt: '2026-01-01T00:00:00Z' } });
    const multi = await registry.getImage({ repository: repo('waybill/app'), tag: '2.1.0' });
    const pushed = app.find((p) => p.tag === '2.1.0');
    expect(multi.ok && multi.value).toEqual({ tag: '2.1.0', digest: pushed?.digest, createdAt: '2026-01-11T00:00:00Z', platforms: pushed?.platforms });
  });

  it('reads a Docker manifest list, taking a platform time from its entry annotations first', async () => {
    const pushed = await pushIndex(
      server,
      'waybill/docker',
      'list',
      [
        { os: 'linux', arch: 'amd64', created: '2026-07-01T00:00:00Z', entryAnnotations: { 'org.opencontainers.image.created': '2026-07-09T00:00:00Z', team: 'a' } },
        { os: 'windows', arch: 'amd64', created: '2026-07-02T00:00:00Z' },
      ],
      { docker: true },
    );
    const image = await adapter().getImage({ repository: repo('waybill/docker'), tag: 'list' });
    expect(image.ok && image.value).toEqual({
      tag: 'list',
      digest: pushed.digest,
      createdAt: '2026-07-09T00:00:00Z',
      platforms: [
        { os: 'linux', arch: 'amd64', digest: pushed.platforms[0], createdAt: '2026-07-09T00:00:00Z', annotations: { 'org.opencontainers.image.created': '2026-07-09T00:00:00Z', team: 'a' } },
        { os: 'windows', arch: 'amd64', digest: pushed.platforms[1], createdAt: '2026-07-02T00:00:00Z' },
      ],
    });
  });

  it('names the repository in failures, and a stopped registry is a retryable transport failure', async () => {
    const missing = await adapter().getImage({ repository: repo('waybill/app'), tag: '9.9.9' });
    expect(missing.ok || missing.failure).toMatchObject({ kind: 'not-found', retryable: false, status: 404 });
    expect(missing.ok || missing.failure.message).toContain(`${server.host}/waybill/app:9.9.9`);
    const stopped = await startRegistryServer();
    await stopped.stop();
    const gone = await adapter().listTags({ repository: repo('waybill/app', stopped) });
    expect(gone.ok || gone.failure).toMatchObject({ kind: 'transport', retryable: true });
    expect(gone.ok || gone.failure.message).toContain(stopped.host);
  });

  describe('with htpasswd basic auth', () => {
    it('is unauthorized without credentials or with wrong ones, and never shows the password', async () => {
      const anonymous = await adapter().listTags({ repository: repo('waybill/private', secured) });
      expect(anonymous.ok || anonymous.failure).toMatchObject({ kind: 'unauthorized', retryable: false, status: 401 });
      const wrong = createRegistryAdapter({ retries: 0, credentials: () => ({ username: USER.username, password: 'not-the-password' }) });
      const refused = await wrong.getImage({ repository: repo('waybill/private', secured), tag: '1.0.0' });
      expect(refused.ok || refused.failure).toMatchObject({ kind: 'unauthorized', status: 401 });
      expect(JSON.stringify(refused)).not.toContain('not-the-password');
      expect(refused.ok || refused.failure.message).toContain('waybill/private');
    });

    it('reads with the credentials the lookup gives for the registry', async () => {
      const asked: unknown[] = [];
      const registry = createRegistryAdapter({
        credentials: (target) => {
          asked.push(target);
          return target.registry === secured.host ? USER : undefined;
        },
      });
      const tags = await registry.listTags({ repository: repo('waybill/private', secured) });
      expect(tags).toEqual({ ok: true, value: { items: ['1.0.0'] } });
      const image = await registry.getImage({ repository: repo('waybill/private', secured), tag: '1.0.0' });
      expect(image.ok && image.value.createdAt).toBe('2026-04-01T00:00:00Z');
      expect(asked[0]).toEqual({ registry: secured.host, repository: 'waybill/private' });
      // Basic credentials are kept once accepted: later calls do not ask again.
      expect(asked).toHaveLength(1);
    });
  });

  describe('discover() for a Warehouse image subscription', () => {
    const mirror = (): RegistryPort => {
      const memory = createMemoryRegistry();
      for (const p of app) memory.push(repo('waybill/app'), { tag: p.tag, digest: p.digest, createdAt: p.createdAt, ...(p.platforms !== undefined ? { platforms: p.platforms } : {}) });
      return memory;
    };
    const warehouse = (image: Record<string, unknown>) => ({
      apiVersion: 'kargo.akuity.io/v1alpha1',
      kind: 'Warehouse',
      metadata: { name: 'app', namespace: 'demo' },
      spec: { subscriptions: [{ image: { repoURL: repo('waybill/app'), ...image } }] },
    });
    const freightOf = async (registry: RegistryPort, image: Record<string, unknown>) => {
      const found = await discover(warehouse(image), { registry }, { now: '2026-05-01T00:00:00Z' });
      if (!found.ok) throw new Error(found.issues.map((i) => i.message).join('; '));
      const freight = createFreight(warehouse(image), found.value, { now: '2026-05-01T00:00:00Z', alias: 'first' });
      if (!freight.ok) throw new Error(freight.issues.map((i) => i.message).join('; '));
      return { references: found.value.images?.[0]?.references ?? [], freight: freight.value };
    };
    const digestOf = (tag: string): string => app.find((p) => p.tag === tag)?.digest ?? '';

    const cases: { name: string; image: Record<string, unknown>; tag: string }[] = [
      { name: 'SemVer', image: { imageSelectionStrategy: 'SemVer' }, tag: '2.1.0' },
      { name: 'SemVer with a constraint', image: { imageSelectionStrategy: 'SemVer', constraint: '^1.0.0' }, tag: '1.1.0' },
      { name: 'Lexical', image: { imageSelectionStrategy: 'Lexical' }, tag: 'latest' },
      { name: 'NewestBuild (build times from the config blobs)', image: { imageSelectionStrategy: 'NewestBuild' }, tag: '0.9.0' },
      { name: 'Digest', image: { imageSelectionStrategy: 'Digest', constraint: 'latest' }, tag: 'latest' },
      { name: 'SemVer with a platform found only in the multi-arch index', image: { imageSelectionStrategy: 'SemVer', platform: 'linux/arm64/v8' }, tag: '2.1.0' },
    ];
    for (const c of cases) {
      it(`${c.name}: picks ${c.tag} and makes the same Freight as the in-memory registry`, async () => {
        const real = await freightOf(adapter(), c.image);
        const memory = await freightOf(mirror(), c.image);
        expect(real.references[0]).toMatchObject({ tag: c.tag, digest: digestOf(c.tag) });
        expect(real.freight.metadata.name).toBe(memory.freight.metadata.name);
        expect(real.freight.images).toEqual(memory.freight.images);
        expect(real.references.map((r) => [r.tag, r.digest, r.createdAt])).toEqual(memory.references.map((r) => [r.tag, r.digest, r.createdAt]));
      });
    }

    it('finds nothing for a platform no image has', async () => {
      const found = await discover(warehouse({ platform: 'linux/s390x' }), { registry: adapter() });
      expect(found.ok && found.value.images?.[0]?.references).toEqual([]);
    });
  });

  it('setup fails, with how to install the registry, when the binary is missing', async () => {
    await expect(startRegistryServer({ command: 'waybill-no-such-registry' })).rejects.toThrow(/apt-get install -y --no-install-recommends docker-registry/);
  });

  it('a contract run reports every check as passed', async () => {
    const outcomes = await runContract(registryContract(adapter, { ...registryContractFixture, repository: repo('waybill/contract'), missingRepository: repo('waybill/missing') }));
    expect(outcomes.filter((o) => !o.passed)).toEqual([]);
  });
});
