import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHelmAdapter } from '../../../../src/adapters/helm/index.js';
import { createMemoryChartRepository } from '../../../../src/adapters/memory/index.js';
import { discover } from '../../../../src/discovery/index.js';
import { createFreight } from '../../../../src/freight/index.js';
import type { ChartRepositoryPort, PortResult } from '../../../../src/ports/index.js';
import { chartRepositoryContract, chartRepositoryContractFixture, collectPages, runContract, type ChartRepositoryContractFixture } from '../../../../src/testing/index.js';
import { indexYaml, startChartServer, type ChartServer } from '../../../support/chart-server.js';
import { pushBlob, pushManifest, startRegistryServer, type RegistryServer } from '../../../support/registry-server.js';

// Real servers, filled once: CNCF distribution (`docker-registry`) for OCI charts, a node:http
// server for classic index.yaml repositories.
let registry: RegistryServer;
let secured: RegistryServer;
let charts: ChartServer;
const USER = { username: 'waybill', password: 's3cret-Pa55' };

const HELM_CONFIG = 'application/vnd.cncf.helm.config.v1+json';
const HELM_CONTENT = 'application/vnd.cncf.helm.chart.content.v1.tar+gzip';
const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';

/** Pushes a chart the way `helm push` stores it: a Helm config blob and one gzipped chart layer. */
async function pushChart(server: RegistryServer, name: string, version: string): Promise<void> {
  const chartName = name.split('/').pop() ?? name;
  const config = JSON.stringify({ apiVersion: 'v2', name: chartName, version });
  const content = gzipSync(Buffer.from(`chart ${chartName} ${version}`));
  const configDigest = await pushBlob(server, name, config);
  const layerDigest = await pushBlob(server, name, content);
  await pushManifest(server, name, version.replaceAll('+', '_'), OCI_MANIFEST, {
    schemaVersion: 2,
    mediaType: OCI_MANIFEST,
    config: { mediaType: HELM_CONFIG, digest: configDigest, size: Buffer.byteLength(config) },
    layers: [{ mediaType: HELM_CONTENT, digest: layerDigest, size: content.byteLength }],
  });
}

const OCI_VERSIONS = ['1.2.3', '1.3.0+build.1', '1.3.0-rc.1', '0.9.0'];
const CLASSIC_VERSIONS = ['1.2.3', '1.3.0', '2.0.0-beta.1', 'v1.4'];

beforeAll(async () => {
  [registry, secured, charts] = await Promise.all([startRegistryServer(), startRegistryServer({ user: USER }), startChartServer()]);
  for (const v of OCI_VERSIONS) await pushChart(registry, 'charts/app', v);
  for (const tag of chartRepositoryContractFixture.oci.tags) await pushChart(registry, 'charts/demo', tag.replaceAll('_', '+'));
  await pushChart(secured, 'private/app', '3.0.0');
  charts.route('/waybill/index.yaml', { body: indexYaml(chartRepositoryContractFixture.classic.charts) });
  charts.route('/apps/index.yaml', { body: indexYaml({ app: CLASSIC_VERSIONS, unrelated: ['9.0.0'] }) });
}, 60_000);

afterAll(async () => {
  await Promise.all([registry?.stop(), secured?.stop(), charts?.stop()]);
});

const oci = (server: RegistryServer, path: string): string => `oci://${server.host}/${path}`;

async function allVersions(port: ChartRepositoryPort, repoURL: string, pageSize?: number): Promise<string[]> {
  const listed = await collectPages((cursor) => port.listVersions({ repoURL, cursor, pageSize }));
  if (!listed.ok) throw new Error(listed.failure.message);
  return listed.value.items;
}

function failureOf<T>(result: PortResult<T>) {
  if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result.value)}`);
  return result.failure;
}

describe('createHelmAdapter against real repositories', () => {
  it('passes the chart repository contract (classic and OCI)', async () => {
    const fixture: ChartRepositoryContractFixture = {
      classic: { repoURL: `${charts.url}/waybill`, charts: chartRepositoryContractFixture.classic.charts },
      oci: { repoURL: oci(registry, 'charts/demo'), tags: chartRepositoryContractFixture.oci.tags },
      missingClassicRepoURL: `${charts.url}/missing`,
      missingOciRepoURL: oci(registry, 'charts/missing'),
    };
    const outcomes = await runContract(chartRepositoryContract(() => createHelmAdapter({ retries: 0 }), fixture));
    expect(outcomes.filter((o) => !o.passed)).toEqual([]);
    expect(outcomes.length).toBe(5);
  });

  describe('OCI charts', () => {
    it('lists the raw tags of a chart pushed as an OCI artifact, in pages', async () => {
      const tags = await allVersions(createHelmAdapter(), oci(registry, 'charts/app'), 2);
      expect([...tags].sort()).toEqual(OCI_VERSIONS.map((v) => v.replaceAll('+', '_')).sort());
      expect(tags).toContain('1.3.0_build.1');
    });

    it('a missing chart is a not-found failure naming the chart repository', async () => {
      const failure = failureOf(await createHelmAdapter().listVersions({ repoURL: oci(registry, 'charts/nothing') }));
      expect(failure.kind).toBe('not-found');
      expect(failure.message).toContain(oci(registry, 'charts/nothing'));
    });

    it('authenticates with the credentials looked up for the oci:// URL', async () => {
      const asked: unknown[] = [];
      const port = createHelmAdapter({
        credentials: (target) => {
          asked.push(target);
          return USER;
        },
      });
      expect(await allVersions(port, oci(secured, 'private/app'))).toEqual(['3.0.0']);
      expect(asked).toContainEqual({ repoURL: oci(secured, 'private/app'), kind: 'oci' });
      const anonymous = failureOf(await createHelmAdapter({ registryOptions: { retries: 0 } }).listVersions({ repoURL: oci(secured, 'private/app') }));
      expect(anonymous.kind).toBe('unauthorized');
      expect(anonymous.message).toContain(oci(secured, 'private/app'));
      expect(anonymous.message).not.toContain(USER.password);
    });

    it('refuses a chart name with an oci:// URL', async () => {
      expect(failureOf(await createHelmAdapter().listVersions({ repoURL: oci(registry, 'charts/app'), name: 'app' })).message).toMatch(/named by its URL/);
    });
  });

  describe('discover() for a Warehouse chart subscription', () => {
    const warehouse = (chart: Record<string, unknown>) => ({
      apiVersion: 'kargo.akuity.io/v1alpha1',
      kind: 'Warehouse',
      metadata: { name: 'charts', namespace: 'demo' },
      spec: { subscriptions: [{ chart }] },
    });
    const freightOf = async (port: ChartRepositoryPort, chart: Record<string, unknown>) => {
      const found = await discover(warehouse(chart), { charts: port }, { now: '2026-05-01T00:00:00Z' });
      if (!found.ok) throw new Error(found.issues.map((i) => i.message).join('; '));
      const freight = createFreight(warehouse(chart), found.value, { now: '2026-05-01T00:00:00Z', alias: 'first' });
      if (!freight.ok) throw new Error(freight.issues.map((i) => i.message).join('; '));
      return { versions: found.value.charts?.[0]?.versions ?? [], freight: freight.value };
    };
    const mirror = (): ChartRepositoryPort => {
      const memory = createMemoryChartRepository();
      for (const version of CLASSIC_VERSIONS) memory.push(`${charts.url}/apps`, { name: 'app', version });
      memory.push(`${charts.url}/apps`, { name: 'unrelated', version: '9.0.0' });
      for (const version of OCI_VERSIONS) memory.push(oci(registry, 'charts/app'), { version });
      return memory;
    };

    const cases: { name: string; chart: () => Record<string, unknown>; version: string; versions: string[] }[] = [
      // Without a constraint prereleases count too, as in Kargo.
      { name: 'classic', chart: () => ({ repoURL: `${charts.url}/apps`, name: 'app' }), version: '2.0.0-beta.1', versions: ['2.0.0-beta.1', 'v1.4', '1.3.0', '1.2.3'] },
      { name: 'classic with a constraint', chart: () => ({ repoURL: `${charts.url}/apps`, name: 'app', semverConstraint: '^1.0.0' }), version: 'v1.4', versions: ['v1.4', '1.3.0', '1.2.3'] },
      { name: 'classic with an upper bound', chart: () => ({ repoURL: `${charts.url}/apps`, name: 'app', semverConstraint: '<1.3.0' }), version: '1.2.3', versions: ['1.2.3'] },
      { name: 'OCI (tags with _ become +)', chart: () => ({ repoURL: oci(registry, 'charts/app') }), version: '1.3.0+build.1', versions: ['1.3.0+build.1', '1.3.0-rc.1', '1.2.3', '0.9.0'] },
      { name: 'OCI with a constraint', chart: () => ({ repoURL: oci(registry, 'charts/app'), semverConstraint: '~1.2' }), version: '1.2.3', versions: ['1.2.3'] },
    ];
    for (const c of cases) {
      it(`${c.name}: picks ${c.version} and makes the same Freight as the in-memory chart repository`, async () => {
        const real = await freightOf(createHelmAdapter(), c.chart());
        const memory = await freightOf(mirror(), c.chart());
        expect(real.versions).toEqual(c.versions);
        expect(real.freight.charts?.[0]?.version).toBe(c.version);
        expect(real.freight.metadata.name).toBe(memory.freight.metadata.name);
        expect(real.freight.charts).toEqual(memory.freight.charts);
        expect(real.versions).toEqual(memory.versions);
      });
    }

    it('a missing classic repository stops discovery with an issue naming it', async () => {
      const found = await discover(warehouse({ repoURL: `${charts.url}/gone`, name: 'app' }), { charts: createHelmAdapter({ retries: 0 }) });
      expect(found.ok).toBe(false);
      if (!found.ok) expect(found.issues.map((i) => i.message).join('\n')).toContain(`${charts.url}/gone`);
    });
  });
});
