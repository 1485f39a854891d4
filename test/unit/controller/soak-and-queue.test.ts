import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { builtinSteps, createStepRegistry, defineStep } from '../../../src/promotion/index.js';
import { all, get, IMAGE, PROJECT, quickstartResources, stage, world } from './fixture.js';

function withAutoStaging(resources: ReturnType<typeof quickstartResources>): ReturnType<typeof quickstartResources> {
  return resources.map((r) =>
    r.kind === 'ProjectConfig'
      ? ({ ...r, spec: { promotionPolicies: [{ stageSelector: { name: 'regex:^(dev|staging)$' }, autoPromotionEnabled: true }] } } as typeof r)
      : r,
  );
}

describe('soak time', () => {
  it('keeps Freight from a downstream Stage until it has soaked, and wakes exactly then', async () => {
    const w = world({ resources: withAutoStaging(quickstartResources({ stages: [stage('dev'), stage('staging', { upstream: 'dev', soak: '1h' })] })) });
    const first = await w.controller.settle();
    const f = all(w, 'Freight')[0]!;
    expect(get(w, 'Freight', f.metadata.name).status.currentlyIn).toEqual({ dev: { since: '2026-03-01T10:00:00Z' } });
    expect(all(w, 'Promotion').map((p) => p.spec.stage)).toEqual(['dev']);
    expect(first.nextWakeAt).toBe(Date.parse('2026-03-01T10:05:00Z'));

    // The Warehouse wakes every 5 minutes; the soak ends at 11:00 sharp.
    let pass = first;
    while (all(w, 'Promotion').length === 1) {
      const before = w.clock.now().getTime();
      w.clock.set(pass.nextWakeAt as number);
      pass = await w.controller.settle();
      expect(w.clock.now().getTime()).toBeGreaterThan(before);
      if (w.clock.now().getTime() < Date.parse('2026-03-01T11:00:00Z')) expect(all(w, 'Promotion')).toHaveLength(1);
    }
    expect(w.clock.now().toISOString()).toBe('2026-03-01T11:00:00.000Z');
    expect(all(w, 'Promotion').map((p) => [p.spec.stage, p.status.phase])).toEqual([
      ['dev', 'Succeeded'],
      ['staging', 'Succeeded'],
    ]);
  });

  it('reports the soak end in nextWakeAt even when nothing else is due sooner', async () => {
    const w = world({ resources: withAutoStaging(quickstartResources({ stages: [stage('dev'), stage('staging', { upstream: 'dev', soak: '2m30s' })] })) });
    const pass = await w.controller.settle();
    expect(pass.nextWakeAt).toBe(Date.parse('2026-03-01T10:02:30Z'));
  });

  it('lets approved Freight skip the soak', async () => {
    const w = world({ resources: quickstartResources({ stages: [stage('dev'), stage('staging', { upstream: 'dev', soak: '24h' })] }) });
    await w.controller.settle();
    const f = all(w, 'Freight')[0]!;
    const early = await w.controller.promote({ project: PROJECT, stage: 'staging', freight: f.metadata.name });
    expect(early.ok).toBe(false);
    const approved = await w.controller.approve({ project: PROJECT, stage: 'staging', freightAlias: f.alias, actor: 'dana' });
    expect(approved.ok).toBe(true);
    expect(get(w, 'Freight', f.metadata.name).status.approvedFor).toEqual({ staging: { approvedAt: '2026-03-01T10:00:00Z' } });
    expect(w.events.filter((e) => e.reason === 'FreightApproved')).toHaveLength(1);
    // Approving twice keeps the first approval and says nothing more.
    expect((await w.controller.approve({ project: PROJECT, stage: 'staging', freight: f.metadata.name })).ok).toBe(true);
    expect(w.events.filter((e) => e.reason === 'FreightApproved')).toHaveLength(1);
    expect((await w.controller.promote({ project: PROJECT, stage: 'staging', freight: f.metadata.name })).ok).toBe(true);
    await w.controller.settle();
    expect(get(w, 'Stage', 'staging').status.freightSummary).toBe(f.metadata.name);
  });
});

describe('one Promotion at a time per Stage', () => {
  it('runs queued Promotions in creation order, each after the previous one finished', async () => {
    let open = false;
    const gate = defineStep({
      uses: 'wait-for-gate',
      configSchema: z.looseObject({}),
      run: () => (open ? { status: 'Succeeded' } : { status: 'Running', retryAfter: 45_000 }),
    });
    const steps = [{ uses: 'wait-for-gate', config: {} }];
    const resources = quickstartResources({ stages: [stage('dev', { steps })] }).map((r) => (r.kind === 'ProjectConfig' ? ({ ...r, spec: {} } as typeof r) : r));
    const w = world({ resources, controller: { steps: createStepRegistry([...builtinSteps, gate]) } });
    await w.controller.settle();
    w.registry.push(IMAGE, { tag: '1.0.1', createdAt: '2026-02-02T00:00:00Z' });
    await w.controller.refresh({ kind: 'Warehouse', project: PROJECT, name: PROJECT });
    await w.controller.settle();
    const freight = all(w, 'Freight').sort((a, b) => a.images[0].tag.localeCompare(b.images[0].tag));
    expect(freight.map((f) => f.images[0].tag)).toEqual(['1.0.0', '1.0.1']);
    const a = await w.controller.promote({ project: PROJECT, stage: 'dev', freight: freight[1]!.metadata.name });
    const b = await w.controller.promote({ project: PROJECT, stage: 'dev', freight: freight[0]!.metadata.name });
    const names = [a, b].map((r) => (r.ok ? r.value.metadata.name : ''));
    expect(names[0]! < names[1]!).toBe(true);
    const pass = await w.controller.settle();
    const phases = () => all(w, 'Promotion').map((p) => p.status?.phase);
    expect(phases()).toEqual(['Running', 'Pending']);
    expect(get(w, 'Stage', 'dev').status.currentPromotion.name).toBe(names[0]);
    expect(pass.nextWakeAt).toBe(w.clock.now().getTime() + 45_000);

    w.clock.set(pass.nextWakeAt as number);
    await w.controller.settle();
    expect(phases()).toEqual(['Running', 'Pending']);
    open = true;
    w.clock.advance(45_000);
    await w.controller.settle();
    expect(phases()).toEqual(['Succeeded', 'Succeeded']);
    const dev = get(w, 'Stage', 'dev');
    expect(dev.status.lastPromotion.name).toBe(names[1]);
    expect(dev.status.freightHistory.map((c: { items: Record<string, { name: string }> }) => c.items['Warehouse/kargo-demo']!.name)).toEqual([
      freight[0]!.metadata.name,
      freight[1]!.metadata.name,
    ]);
  });

  it('aborts a Running Promotion and a Pending one, and the queue moves on', async () => {
    const gate = defineStep({ uses: 'wait-for-gate', configSchema: z.looseObject({}), run: () => ({ status: 'Running' }) });
    const resources = quickstartResources({ stages: [stage('dev', { steps: [{ uses: 'wait-for-gate', config: {} }] })] }).map((r) =>
      r.kind === 'ProjectConfig' ? ({ ...r, spec: {} } as typeof r) : r,
    );
    const w = world({ resources, controller: { steps: createStepRegistry([...builtinSteps, gate]) } });
    await w.controller.settle();
    const f = all(w, 'Freight')[0]!;
    const a = await w.controller.promote({ project: PROJECT, stage: 'dev', freight: f.metadata.name });
    const b = await w.controller.promote({ project: PROJECT, stage: 'dev', freight: f.metadata.name });
    const pass = await w.controller.settle();
    expect(pass.nextWakeAt).toBe(w.clock.now().getTime() + 300_000);
    const [na, nb] = [a, b].map((r) => (r.ok ? r.value.metadata.name : ''));
    expect((await w.controller.abortPromotion({ project: PROJECT, name: nb!, actor: 'erin' })).ok).toBe(true);
    expect((await w.controller.abortPromotion({ project: PROJECT, name: na! })).ok).toBe(true);
    await w.controller.settle();
    const byName = (n: string) => get(w, 'Promotion', n);
    expect(byName(na!).status).toMatchObject({ phase: 'Aborted', message: 'Promotion terminated per user request' });
    expect(byName(na!).status.stepExecutionMetadata[0]).toMatchObject({ status: 'Aborted' });
    expect(byName(nb!).status).toMatchObject({ phase: 'Aborted', message: 'Promotion terminated by erin' });
    expect(w.events.filter((e) => e.reason === 'PromotionAborted').map((e) => e.message)).toEqual([
      'Promotion Aborted: Promotion terminated per user request',
      'Promotion Aborted: Promotion terminated by erin',
    ]);
    const dev = get(w, 'Stage', 'dev');
    expect(dev.status.currentPromotion).toBeUndefined();
    expect(dev.status.lastPromotion.name).toBe(nb);
    expect(dev.status.freightHistory).toBeUndefined();
    // Aborting a finished Promotion changes nothing.
    expect((await w.controller.abortPromotion({ project: PROJECT, name: na! })).ok).toBe(true);
  });
});
