import { describe, expect, it } from 'vitest';
import { deterministicAliasSource } from '../../../src/freight/index.js';
import { all, get, IMAGE, PROJECT, quickstartResources, world } from './fixture.js';

function withWarehouse(spec: Record<string, unknown>): ReturnType<typeof quickstartResources> {
  return quickstartResources().map((r) => (r.kind === 'Warehouse' ? ({ ...r, spec: { ...(r as { spec: object }).spec, ...spec } } as typeof r) : r));
}

function cond(r: Record<string, any>, type: string): Record<string, any> | undefined {
  return r.status.conditions.find((c: { type: string }) => c.type === type);
}

describe('Warehouse reconciliation', () => {
  it('records what it discovered and the Freight it made, and waits for its interval', async () => {
    const w = world({ resources: withWarehouse({ interval: '10m' }) });
    const pass = await w.controller.settle();
    const wh = get(w, 'Warehouse', PROJECT);
    const f = all(w, 'Freight')[0]!;
    expect(wh.status).toMatchObject({
      lastFreightID: f.metadata.name,
      observedGeneration: 1,
      discoveredArtifacts: { discoveredAt: '2026-03-01T10:00:00Z', images: [{ repoURL: IMAGE, references: [expect.objectContaining({ tag: '1.0.0' })] }] },
    });
    expect(cond(wh, 'Ready')).toMatchObject({ status: 'True', reason: 'Synced' });
    expect(pass.nextWakeAt).toBe(Date.parse('2026-03-01T10:10:00Z'));
    expect(w.events.filter((e) => e.reason === 'FreightCreated')).toEqual([
      expect.objectContaining({ kind: 'Freight', name: f.metadata.name, details: { warehouse: PROJECT, alias: f.alias } }),
    ]);

    // A new image is only seen at the next discovery.
    w.registry.push(IMAGE, { tag: '1.1.0', createdAt: '2026-02-05T00:00:00Z' });
    w.clock.advance(60_000);
    await w.controller.settle();
    expect(all(w, 'Freight')).toHaveLength(1);
    w.clock.set(Date.parse('2026-03-01T10:10:00Z'));
    await w.controller.settle();
    expect(all(w, 'Freight').map((x) => x.images[0].tag).sort()).toEqual(['1.0.0', '1.1.0']);
    expect(get(w, 'Warehouse', PROJECT).status.discoveredArtifacts.discoveredAt).toBe('2026-03-01T10:10:00Z');
    // The newest Freight is auto-promoted to dev.
    expect(get(w, 'Stage', 'dev').status.freightHistory[0].items['Warehouse/kargo-demo'].name).toBe(get(w, 'Warehouse', PROJECT).status.lastFreightID);
  });

  it('discovers again on a refresh request and records it as handled', async () => {
    const w = world();
    await w.controller.settle();
    w.registry.push(IMAGE, { tag: '1.2.0', createdAt: '2026-02-06T00:00:00Z' });
    w.clock.advance(5_000);
    expect((await w.controller.refresh({ kind: 'Warehouse', project: PROJECT, name: PROJECT })).ok).toBe(true);
    await w.controller.settle();
    expect(all(w, 'Freight')).toHaveLength(2);
    expect(get(w, 'Warehouse', PROJECT).status.lastHandledRefresh).toBe('2026-03-01T10:00:05Z');
    const missing = await w.controller.refresh({ kind: 'Warehouse', project: PROJECT, name: 'nope' });
    expect(missing.ok ? '' : missing.issues[0]!.code).toBe('CONTROLLER_NOT_FOUND');
  });

  it('makes no Freight under the Manual creation policy or when the criteria say no', async () => {
    const manual = world({ resources: withWarehouse({ freightCreationPolicy: 'Manual' }) });
    await manual.controller.settle();
    expect(all(manual, 'Freight')).toEqual([]);
    expect(get(manual, 'Warehouse', PROJECT).status.discoveredArtifacts.images).toHaveLength(1);

    const picky = world({ resources: withWarehouse({ freightCreationCriteria: { expression: `imageFrom('${IMAGE}').Tag == '9.9.9'` } }) });
    await picky.controller.settle();
    expect(all(picky, 'Freight')).toEqual([]);
    const happy = world({ resources: withWarehouse({ freightCreationCriteria: { expression: `imageFrom('${IMAGE}').Tag == '1.0.0'` } }) });
    await happy.controller.settle();
    expect(all(happy, 'Freight')).toHaveLength(1);
  });

  it('records a failed discovery in its conditions, emits one event and retries', async () => {
    const w = world();
    w.registry.fail(IMAGE, { kind: 'transport', status: 503 });
    const pass = await w.controller.settle();
    const wh = get(w, 'Warehouse', PROJECT);
    expect(cond(wh, 'Ready')).toMatchObject({ status: 'False', reason: 'DiscoveryFailed' });
    expect(pass.outcomes.flatMap((o) => o.issues.map((i) => i.code))).toContain('CONTROLLER_DISCOVERY_FAILED');
    expect(pass.nextWakeAt).toBe(Date.parse('2026-03-01T10:00:30Z'));
    await w.controller.settle();
    expect(w.events.filter((e) => e.reason === 'DiscoveryFailed')).toHaveLength(1);
    w.registry.heal(IMAGE);
    w.clock.set(pass.nextWakeAt as number);
    await w.controller.settle();
    expect(cond(get(w, 'Warehouse', PROJECT), 'Ready')).toMatchObject({ status: 'True' });
    expect(all(w, 'Freight')).toHaveLength(1);
  });

  it('gives Freight an alias no other Freight of the Project has', async () => {
    const plain = world();
    await plain.controller.settle();
    const expected = all(plain, 'Freight')[0]!;
    // Another Freight already holds the alias the new one would get first.
    const w = world();
    w.store.load([{ ...expected, metadata: { name: 'squatter', namespace: PROJECT }, status: undefined } as never]);
    await w.controller.settle();
    const made = get(w, 'Freight', expected.metadata.name);
    expect(made.alias).not.toBe(expected.alias);
    expect(made.alias).toBe(deterministicAliasSource(expected.metadata.name, 1));
    expect(made.metadata.labels['kargo.akuity.io/alias']).toBe(made.alias);
  });
});
