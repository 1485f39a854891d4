import { describe, expect, it } from 'vitest';
import { createMemoryChartRepository, createMemoryGit, createMemoryRegistry } from '../../../src/adapters/memory/index.js';
import { discover } from '../../../src/discovery/index.js';
import { createFreight, freightId } from '../../../src/freight/index.js';
import { parseManifests, resourcesOfKind } from '../../../src/model/index.js';

const yaml = `
apiVersion: kargo.akuity.io/v1alpha1
kind: Warehouse
metadata: { name: shop, namespace: retail }
spec:
  subscriptions:
  - image: { repoURL: ghcr.io/acme/shop, constraint: '>=2.0.0' }
  - name: cfg
    git: { repoURL: 'https://github.com/acme/shop-config.git', branch: main }
  - chart: { repoURL: 'oci://ghcr.io/acme/charts/shop' }
`;

function warehouseFromYaml() {
  const parsed = parseManifests(yaml);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const [warehouse] = resourcesOfKind(parsed.value, 'Warehouse');
  if (warehouse === undefined) throw new Error('no Warehouse');
  return warehouse;
}

function ports() {
  const registry = createMemoryRegistry();
  registry.push('ghcr.io/acme/shop', { tag: '2.1.0', digest: `sha256:${'ab'.repeat(32)}` });
  registry.push('ghcr.io/acme/shop', { tag: '1.9.0' });
  const git = createMemoryGit();
  git.commit('https://github.com/acme/shop-config.git', { id: 'f'.repeat(40), subject: 'Set replicas', date: '2026-01-01T00:00:00Z' });
  const charts = createMemoryChartRepository();
  charts.push('oci://ghcr.io/acme/charts/shop', { version: '3.0.0+b1' });
  return { registry, git, charts };
}

describe('discover, then createFreight', () => {
  it('builds the Freight of the newest artifacts, named by its content id', async () => {
    const warehouse = warehouseFromYaml();
    const discovered = await discover(warehouse, ports(), { now: '2026-02-01T00:00:00Z' });
    if (!discovered.ok) throw new Error(JSON.stringify(discovered.issues));
    const freight = createFreight(warehouse, discovered.value, { now: '2026-02-01T00:00:00Z' });
    if (!freight.ok) throw new Error(JSON.stringify(freight.issues));
    const f = freight.value;
    expect(f.images).toEqual([{ repoURL: 'ghcr.io/acme/shop', tag: '2.1.0', digest: `sha256:${'ab'.repeat(32)}` }]);
    expect(f.commits).toEqual([
      {
        repoURL: 'https://github.com/acme/shop-config.git',
        id: 'f'.repeat(40),
        branch: 'main',
        message: 'Set replicas',
        author: 'Waybill Example <waybill@example.com>',
        committer: 'Waybill Example <waybill@example.com>',
        subscriptionName: 'cfg',
      },
    ]);
    expect(f.charts).toEqual([{ repoURL: 'oci://ghcr.io/acme/charts/shop', version: '3.0.0+b1' }]);
    expect(f.metadata.name).toBe(freightId(f));
    expect(f.metadata.namespace).toBe('retail');
    expect(f.discoveredAt).toBe('2026-02-01T00:00:00Z');
  });

  it('gives the same name when nothing changed, and a new one when a tag moves', async () => {
    const warehouse = warehouseFromYaml();
    const p = ports();
    const nameOf = async (): Promise<string> => {
      const discovered = await discover(warehouse, p);
      if (!discovered.ok) throw new Error(JSON.stringify(discovered.issues));
      const freight = createFreight(warehouse, discovered.value, { now: '2026-02-01T00:00:00Z' });
      return freight.ok ? freight.value.metadata.name : 'failed';
    };
    const first = await nameOf();
    expect(await nameOf()).toBe(first);
    p.registry.push('ghcr.io/acme/shop', { tag: '2.1.0', digest: `sha256:${'cd'.repeat(32)}` });
    expect(await nameOf()).not.toBe(first);
  });

  it('an empty discovery result makes createFreight name the empty subscription', async () => {
    const warehouse = warehouseFromYaml();
    const p = ports();
    p.registry.remove('ghcr.io/acme/shop', '2.1.0');
    const discovered = await discover(warehouse, p);
    expect(discovered.ok && discovered.value.images?.[0]?.references).toEqual([]);
    const freight = discovered.ok ? createFreight(warehouse, discovered.value, { now: '2026-02-01T00:00:00Z' }) : discovered;
    expect(freight.ok).toBe(false);
    expect(freight.issues.map((i) => i.code)).toEqual(['FREIGHT_NO_IMAGES']);
    expect(freight.issues[0]?.message).toContain('ghcr.io/acme/shop');
  });
});
