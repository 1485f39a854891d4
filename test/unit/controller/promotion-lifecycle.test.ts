import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { builtinSteps, createStepRegistry, defineStep } from '../../../src/promotion/index.js';
import type { KargoResource } from '../../../src/model/index.js';
import { all, deployedTag, get, IMAGE, PROJECT, quickstartResources, stage, templateSteps, world } from './fixture.js';

describe('the Promotion lifecycle', () => {
  it('records a failed Promotion, says so in the Stage, and does not retry it automatically', async () => {
    const refuse = defineStep({ uses: 'refuse', configSchema: z.looseObject({}), run: () => ({ status: 'Failed', message: 'no deploys on Fridays' }) });
    const w = world({
      resources: quickstartResources({ stages: [stage('dev', { steps: [{ uses: 'refuse', config: {} }] })] }),
      controller: { steps: createStepRegistry([...builtinSteps, refuse]) },
    });
    await w.controller.settle();
    const [promotion] = all(w, 'Promotion');
    expect(promotion!.status).toMatchObject({ phase: 'Failed', message: 'no deploys on Fridays', finishedAt: '2026-03-01T10:00:00Z', startedAt: '2026-03-01T10:00:00Z' });
    expect(w.events.filter((e) => e.kind === 'Promotion').map((e) => [e.reason, e.message])).toEqual([
      ['PromotionCreated', 'Automatically promoted Freight from origin "Warehouse/kargo-demo" for Stage "dev"'],
      ['PromotionFailed', 'Promotion Failed: no deploys on Fridays'],
    ]);
    const dev = get(w, 'Stage', 'dev');
    expect(dev.status.conditions.find((c: { type: string }) => c.type === 'Ready')).toMatchObject({ status: 'False', reason: 'LastPromotionFailed', message: 'no deploys on Fridays' });
    expect(dev.status.freightHistory).toBeUndefined();
    w.clock.advance(600_000);
    await w.controller.settle();
    expect(all(w, 'Promotion')).toHaveLength(1);
  });

  it('errors a Promotion whose Freight disappeared before it ran', async () => {
    const w = world({ resources: quickstartResources().map((r) => (r.kind === 'ProjectConfig' ? ({ ...r, spec: {} } as typeof r) : r)) });
    await w.controller.settle();
    const f = all(w, 'Freight')[0]!;
    const created = await w.controller.promote({ project: PROJECT, stage: 'dev', freight: f.metadata.name });
    expect(created.ok).toBe(true);
    await w.store.delete('Freight', { namespace: PROJECT, name: f.metadata.name });
    await w.controller.settle();
    expect(all(w, 'Promotion')[0]!.status).toMatchObject({ phase: 'Errored', message: `Freight "${f.metadata.name}" not found in namespace "${PROJECT}"` });
    expect(w.events.at(-1)).toMatchObject({ reason: 'PromotionErrored', message: `Promotion Errored: Freight "${f.metadata.name}" not found in namespace "${PROJECT}"` });
  });

  it('inflates PromotionTasks from the store into auto-created Promotions', async () => {
    const task = {
      apiVersion: 'kargo.akuity.io/v1alpha1',
      kind: 'PromotionTask',
      metadata: { name: 'update-values', namespace: PROJECT },
      spec: { vars: [{ name: 'env' }], steps: templateSteps().map((s) => JSON.parse(JSON.stringify(s).replaceAll('${{ ctx.stage }}', '${{ vars.env }}').replaceAll('outputs.update', 'task.outputs.update'))) },
    } as unknown as KargoResource;
    const dev = stage('dev', { steps: [{ task: { name: 'update-values' }, vars: [{ name: 'env', value: 'dev' }] }] });
    const w = world({ resources: [...quickstartResources({ stages: [dev] }), task] });
    await w.controller.settle();
    const [promotion] = all(w, 'Promotion');
    expect(promotion!.spec.steps.map((s: { as?: string; uses: string }) => s.as ?? s.uses)).toEqual(['task-1::step-1', 'task-1::update', 'task-1::commit', 'task-1::push']);
    expect([promotion!.status.phase, promotion!.status.message]).toEqual(['Succeeded', undefined]);
    expect(deployedTag(w, 'dev')).toBe('1.0.0');
  });

  it('reconciles only the Projects it is given', async () => {
    const w = world();
    const { createController } = await import('../../../src/controller/index.js');
    const other = createController({ ports: { store: w.store, registry: w.registry, git: w.git, steps: w.stepPorts }, clock: w.clock, ids: w.ids, projects: ['elsewhere'] });
    const pass = await other.settle();
    expect(pass.outcomes).toEqual([]);
    expect(all(w, 'Freight')).toEqual([]);
  });
});

describe('auto-promotion holds', () => {
  it('a rollback by hand holds auto-promotion of the origin; promoting the candidate again resumes it', async () => {
    const w = world();
    await w.controller.settle();
    w.registry.push(IMAGE, { tag: '1.1.0', createdAt: '2026-02-10T00:00:00Z' });
    // Auto-promotion picks the most recently discovered Freight, so discover it later.
    w.clock.advance(1000);
    await w.controller.refresh({ kind: 'Warehouse', project: PROJECT, name: PROJECT });
    await w.controller.settle();
    expect(deployedTag(w, 'dev')).toBe('1.1.0');
    const old = all(w, 'Freight').find((f) => f.images[0].tag === '1.0.0')!;
    const newest = all(w, 'Freight').find((f) => f.images[0].tag === '1.1.0')!;
    const rollback = await w.controller.promote({ project: PROJECT, stage: 'dev', freight: old.metadata.name, actor: 'alice' });
    expect(rollback.ok && (rollback.value.metadata as { annotations: Record<string, string> }).annotations['kargo.akuity.io/auto-promotion-hold']).toBe('Warehouse/kargo-demo');
    await w.controller.settle();
    w.clock.advance(600_000);
    await w.controller.settle();
    expect(deployedTag(w, 'dev')).toBe('1.0.0');
    expect(get(w, 'Stage', 'dev').status.autoPromotionHolds).toMatchObject({ 'Warehouse/kargo-demo': { freightName: old.metadata.name } });
    expect(all(w, 'Promotion')).toHaveLength(3);
    const resume = await w.controller.promote({ project: PROJECT, stage: 'dev', freight: newest.metadata.name, actor: 'alice' });
    expect(resume.ok && (resume.value.metadata as { annotations: Record<string, string> }).annotations['kargo.akuity.io/auto-promotion-resume']).toBe('Warehouse/kargo-demo');
    await w.controller.settle();
    expect(deployedTag(w, 'dev')).toBe('1.1.0');
    expect(get(w, 'Stage', 'dev').status.autoPromotionHolds).toBeUndefined();
  });
});
