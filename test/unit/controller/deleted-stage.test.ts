import { describe, expect, it } from 'vitest';
import type { KargoResource } from '../../../src/model/index.js';
import { explainAvailability, listAvailableFreight } from '../../../src/pipeline/index.js';
import type { StorePort } from '../../../src/ports/index.js';
import { all, deployedTag, get, IMAGE, PROJECT, world, type World } from './fixture.js';

const OTHER = 'other-project';

/** The quickstart with two Freight: the first in prod, the second verified in staging but not promoted further. */
async function twoFreightInPipeline(w: World): Promise<{ first: string; second: string }> {
  await w.controller.settle();
  const first = all(w, 'Freight')[0]!.metadata.name as string;
  expect((await w.controller.promote({ project: PROJECT, stage: 'staging', freight: first })).ok).toBe(true);
  await w.controller.settle();
  expect((await w.controller.promote({ project: PROJECT, stage: 'prod', freight: first })).ok).toBe(true);
  await w.controller.settle();
  w.registry.push(IMAGE, { tag: '1.0.1', createdAt: '2026-02-02T00:00:00Z' });
  w.clock.advance(5 * 60_000);
  await w.controller.settle();
  const second = all(w, 'Freight').find((f) => f.metadata.name !== first)!.metadata.name as string;
  expect((await w.controller.promote({ project: PROJECT, stage: 'staging', freight: second })).ok).toBe(true);
  await w.controller.settle();
  return { first, second };
}

function nowOf(w: World): Date {
  return w.clock.now();
}

describe('a deleted Stage is forgotten by the Freight of its Project', () => {
  it('removes its entries, so Freight that relied on its verification is no longer available downstream', async () => {
    const w = world();
    const { first, second } = await twoFreightInPipeline(w);
    const prod = get(w, 'Stage', 'prod');
    expect(explainAvailability(prod as never, get(w, 'Freight', second) as never, { now: nowOf(w) }).available).toBe(true);
    expect(Object.keys(get(w, 'Freight', second).status.verifiedIn).sort()).toEqual(['dev', 'staging']);

    // An approval for the Stage about to go is removed as well.
    expect((await w.controller.approve({ project: PROJECT, stage: 'staging', freight: first })).ok).toBe(true);
    expect(Object.keys(get(w, 'Freight', first).status.approvedFor)).toEqual(['staging']);

    const deleted = await w.store.delete('Stage', { namespace: PROJECT, name: 'staging' });
    expect(deleted.ok).toBe(true);
    const pass = await w.controller.settle();
    expect(pass.issues).toBeUndefined();

    for (const name of [first, second]) {
      const status = get(w, 'Freight', name).status;
      expect(Object.keys(status.verifiedIn ?? {})).not.toContain('staging');
      expect(Object.keys(status.approvedFor ?? {})).not.toContain('staging');
      expect(Object.keys(status.currentlyIn ?? {})).not.toContain('staging');
    }
    expect(get(w, 'Freight', second).status.verifiedIn).toEqual({ dev: expect.anything() });

    // prod requested Freight verified in staging: nothing qualifies any more.
    const prodNow = get(w, 'Stage', 'prod');
    const freight = all(w, 'Freight');
    const explained = explainAvailability(prodNow as never, get(w, 'Freight', second) as never, { now: nowOf(w) });
    expect(explained.available).toBe(false);
    expect(listAvailableFreight(prodNow as never, freight as never, { now: nowOf(w), ignoreSelectionPolicy: true })).toEqual([]);
    const refused = await w.controller.promote({ project: PROJECT, stage: 'prod', freight: second });
    expect(refused.ok).toBe(false);

    // What was promoted to prod stays there.
    const firstNow = get(w, 'Freight', first);
    expect(firstNow.status.currentlyIn.prod).toBeDefined();
    expect(firstNow.status.verifiedIn.prod).toBeDefined();
    expect(prodNow.status.freightHistory[0].items[`Warehouse/${PROJECT}`].name).toBe(first);
    expect(deployedTag(w, 'prod')).toBe('1.0.0');

    const forgotten = w.events.filter((e) => e.reason === 'FreightStageForgotten');
    expect(forgotten.map((e) => [e.kind, e.name, e.details?.stage]).sort()).toEqual([
      ['Freight', first, 'staging'],
      ['Freight', second, 'staging'],
    ].sort());
    for (const e of forgotten) {
      expect(e.message).toContain('"staging"');
      expect(e.message).toContain(`"${e.name}"`);
    }
    // Reported as the reconcile of the deleted Stage.
    expect(pass.outcomes.some((o) => o.request.kind === 'Stage' && o.request.name === 'staging' && o.changed)).toBe(true);
  });

  it('writes each Freight once, and a second pass writes nothing', async () => {
    const w = world();
    const { first } = await twoFreightInPipeline(w);
    // A Freight naming two Stages that both go is written once.
    await w.controller.approve({ project: PROJECT, stage: 'prod', freight: all(w, 'Freight').find((f) => f.metadata.name !== first)!.metadata.name });
    const writes: string[] = [];
    w.store.subscribe((change) => {
      if (change.kind === 'Freight') writes.push(`${change.type} ${change.name}`);
    });
    await w.store.delete('Stage', { namespace: PROJECT, name: 'staging' });
    await w.store.delete('Stage', { namespace: PROJECT, name: 'prod' });
    const pass = await w.controller.reconcileAll();
    expect(pass.issues).toBeUndefined();
    expect(writes.sort()).toEqual(all(w, 'Freight').map((f) => `updated ${f.metadata.name as string}`).sort());
    for (const f of all(w, 'Freight')) {
      for (const map of ['verifiedIn', 'approvedFor', 'currentlyIn']) expect(Object.keys(f.status[map] ?? {}).every((s) => s === 'dev')).toBe(true);
    }
    expect(pass.outcomes.filter((o) => o.request.kind === 'Stage' && ['staging', 'prod'].includes(o.request.name)).map((o) => [o.request.name, o.changed])).toEqual([
      ['prod', true],
      ['staging', true],
    ]);

    const versions = all(w, 'Freight').map((f) => f.metadata.resourceVersion);
    const events = w.events.length;
    writes.length = 0;
    const again = await w.controller.settle();
    expect(again.changed).toBe(false);
    expect(writes).toEqual([]);
    expect(all(w, 'Freight').map((f) => f.metadata.resourceVersion)).toEqual(versions);
    expect(w.events.length).toBe(events);
  });

  it('leaves the Freight of another Project alone', async () => {
    const otherStage = { apiVersion: 'kargo.akuity.io/v1alpha1', kind: 'Stage', metadata: { name: 'staging', namespace: OTHER }, spec: { requestedFreight: [{ origin: { kind: 'Warehouse', name: 'w' }, sources: { direct: true } }] } };
    const otherFreight = {
      apiVersion: 'kargo.akuity.io/v1alpha1',
      kind: 'Freight',
      metadata: { name: 'f-other', namespace: OTHER },
      origin: { kind: 'Warehouse', name: 'w' },
      status: {
        verifiedIn: { staging: { verifiedAt: '2026-03-01T09:00:00Z' } },
        approvedFor: { staging: { approvedAt: '2026-03-01T09:00:00Z' } },
        currentlyIn: { staging: { since: '2026-03-01T09:00:00Z' } },
      },
    };
    const w = world({ controller: { projects: [PROJECT, OTHER] } });
    w.store.load([otherStage, otherFreight] as unknown as KargoResource[]);
    await twoFreightInPipeline(w);
    const before = w.store.snapshot().find((r) => r.kind === 'Freight' && r.metadata.namespace === OTHER)!;

    await w.store.delete('Stage', { namespace: PROJECT, name: 'staging' });
    await w.controller.settle();
    const after = w.store.snapshot().find((r) => r.kind === 'Freight' && r.metadata.namespace === OTHER)!;
    expect(after).toEqual(before);
    // The rule did run over the Project that lost its Stage.
    for (const f of all(w, 'Freight').filter((r) => r.metadata.namespace === PROJECT)) expect(Object.keys(f.status.verifiedIn ?? {})).not.toContain('staging');
    expect(w.events.filter((e) => e.reason === 'FreightStageForgotten').every((e) => e.project === PROJECT)).toBe(true);
  });

  it('never reads a failed Stage list as "no Stages"', async () => {
    const w = world();
    const { second } = await twoFreightInPipeline(w);
    const before = get(w, 'Freight', second);
    const failing: StorePort = new Proxy(w.store as StorePort, {
      get(target, key, receiver) {
        if (key === 'list') {
          return (kind: string, options: unknown) =>
            kind === 'Stage' && (options as { namespace?: string }).namespace === PROJECT
              ? Promise.resolve({ ok: false, failure: { kind: 'transport', message: 'the store is unreachable', retryable: true } })
              : (target.list as (k: string, o: unknown) => unknown)(kind, options);
        }
        return Reflect.get(target, key, receiver);
      },
    });
    const pass = await w.restart(failing).settle();
    expect(pass.issues?.map((i) => i.code)).toEqual(['CONTROLLER_STORE_FAILED']);
    expect(get(w, 'Freight', second)).toEqual(before);
    expect(w.events.some((e) => e.reason === 'FreightStageForgotten')).toBe(false);
  });
});
