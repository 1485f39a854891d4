import { describe, expect, it } from 'vitest';
import { all, get, PROJECT, quickstartResources, stage, world } from './fixture.js';

const messages = (r: { ok: boolean; issues: readonly { code: string; message: string }[] }) => r.issues.map((i) => [i.code, i.message]);

describe('manual actions', () => {
  it('promote needs exactly one of freight, freightAlias and origin', async () => {
    const w = world();
    await w.controller.settle();
    const f = all(w, 'Freight')[0]!;
    for (const request of [{}, { freight: f.metadata.name, freightAlias: f.alias }, { freight: f.metadata.name, origin: 'Warehouse/kargo-demo' }]) {
      const r = await w.controller.promote({ project: PROJECT, stage: 'dev', ...request });
      expect(r.ok).toBe(false);
      expect(messages(r)).toEqual([['CONTROLLER_INVALID_REQUEST', 'exactly one of freight, freightAlias, or origin must be provided']]);
    }
  });

  it('promote reports a missing Stage or Freight and a bad origin', async () => {
    const w = world();
    await w.controller.settle();
    expect(messages(await w.controller.promote({ project: PROJECT, stage: 'qa', freight: 'x' }))).toEqual([['CONTROLLER_NOT_FOUND', `Stage "qa" not found in namespace "${PROJECT}"`]]);
    expect(messages(await w.controller.promote({ project: PROJECT, stage: 'dev', freight: 'x' }))).toEqual([['CONTROLLER_NOT_FOUND', `Freight "x" not found in namespace "${PROJECT}"`]]);
    expect(messages(await w.controller.promote({ project: PROJECT, stage: 'dev', freightAlias: 'no-such' }))).toEqual([['CONTROLLER_NOT_FOUND', `Freight with alias "no-such" not found in namespace "${PROJECT}"`]]);
    expect(messages(await w.controller.promote({ project: PROJECT, stage: 'dev', origin: 'Warehouse/a/b' }))[0]![0]).toBe('CONTROLLER_INVALID_REQUEST');
    expect(messages(await w.controller.promote({ project: PROJECT, stage: 'dev', origin: 'Warehouse/other' }))).toEqual([
      ['CONTROLLER_NO_CANDIDATE', 'no auto-promotion candidate found for origin "Warehouse/other" on Stage "dev"'],
    ]);
  });

  it('promote by origin takes the candidate and carries resume intent; a rollback carries hold intent', async () => {
    const w = world();
    await w.controller.settle();
    const byOrigin = await w.controller.promote({ project: PROJECT, stage: 'dev', origin: 'Warehouse/kargo-demo', actor: 'alice' });
    expect(byOrigin.ok).toBe(true);
    const annotations = byOrigin.ok ? (byOrigin.value.metadata as { annotations: Record<string, string> }).annotations : {};
    expect(annotations).toMatchObject({ 'kargo.akuity.io/create-actor': 'alice', 'kargo.akuity.io/auto-promotion-resume': 'Warehouse/kargo-demo' });
    expect(w.events.at(-1)).toMatchObject({ reason: 'PromotionCreated', details: { stage: 'dev', actor: 'alice' } });
  });

  it('refuses Stages without promotion steps and Stages that select Targets', async () => {
    const targets = { ...stage('qa', { upstream: 'dev' }), spec: { ...(stage('qa', { upstream: 'dev' }) as { spec: object }).spec, targets: { selectors: [] } } };
    const w = world({ resources: quickstartResources({ stages: [stage('dev'), stage('gate', { upstream: 'dev', steps: [] }), targets as never] }) });
    await w.controller.settle();
    const f = all(w, 'Freight')[0]!;
    expect(messages(await w.controller.promote({ project: PROJECT, stage: 'gate', freight: f.metadata.name }))).toEqual([
      ['CONTROLLER_NO_PROMOTION_STEPS', `Stage "gate" in namespace "${PROJECT}" defines no promotion steps`],
    ]);
    expect(messages(await w.controller.promote({ project: PROJECT, stage: 'qa', freight: f.metadata.name }))[0]![0]).toBe('CONTROLLER_TARGET_AWARE_STAGE');
  });

  it('promoteDownstream checks every downstream Stage first and skips control-flow ones', async () => {
    const w = world({ resources: quickstartResources({ stages: [stage('dev'), stage('gate', { upstream: 'dev', steps: [] }), stage('qa', { upstream: 'dev', soak: '1h' }), stage('uat', { upstream: 'dev' })] }) });
    await w.controller.settle();
    const f = all(w, 'Freight')[0]!;
    expect(messages(await w.controller.promoteDownstream({ project: PROJECT, stage: 'dev', freight: f.metadata.name }))).toEqual([
      ['CONTROLLER_FREIGHT_NOT_AVAILABLE', `Freight "${f.metadata.name}" is not available to downstream Stage "qa"`],
    ]);
    expect(all(w, 'Promotion')).toHaveLength(1);
    w.clock.advance(3_600_000);
    const r = await w.controller.promoteDownstream({ project: PROJECT, stage: 'dev', freight: f.metadata.name });
    expect(r.ok && r.value.map((p) => (p as { spec: { stage: string } }).spec.stage)).toEqual(['qa', 'uat']);
    expect(messages(await w.controller.promoteDownstream({ project: PROJECT, stage: 'uat', freight: f.metadata.name }))).toEqual([
      ['CONTROLLER_NO_DOWNSTREAM', 'Stage "uat" has no downstream stages'],
    ]);
  });

  it('approve checks the origin, and keeps the first approval', async () => {
    const w = world();
    await w.controller.settle();
    const f = all(w, 'Freight')[0]!;
    expect(messages(await w.controller.approve({ project: PROJECT, stage: 'prod' }))[0]![0]).toBe('CONTROLLER_INVALID_REQUEST');
    const foreign = world({ resources: quickstartResources({ stages: [stage('dev'), { ...stage('other'), spec: { requestedFreight: [{ origin: { kind: 'Warehouse', name: 'elsewhere' }, sources: { direct: true } }] } } as never] }) });
    await foreign.controller.settle();
    const g = all(foreign, 'Freight')[0]!;
    expect(messages(await foreign.controller.approve({ project: PROJECT, stage: 'other', freight: g.metadata.name }))).toEqual([
      ['PIPELINE_ORIGIN_NOT_REQUESTED', 'Stage "other" does not request Freight from origin "Warehouse/kargo-demo"'],
    ]);
    expect((await w.controller.approve({ project: PROJECT, stage: 'prod', freight: f.metadata.name })).ok).toBe(true);
    w.clock.advance(1000);
    expect((await w.controller.approve({ project: PROJECT, stage: 'prod', freight: f.metadata.name })).ok).toBe(true);
    expect(get(w, 'Freight', f.metadata.name).status.approvedFor).toEqual({ prod: { approvedAt: '2026-03-01T10:00:00Z' } });
  });

  it('abortPromotion of a missing Promotion is not-found', async () => {
    const w = world();
    const r = await w.controller.abortPromotion({ project: PROJECT, name: 'nope' });
    expect(messages(r)).toEqual([['CONTROLLER_NOT_FOUND', `Promotion "nope" not found in namespace "${PROJECT}"`]]);
  });
});

describe('control-flow Stages', () => {
  it('pass available Freight on as verified, never hold it, and report N/A', async () => {
    const w = world({ resources: quickstartResources({ stages: [stage('dev'), stage('gate', { upstream: 'dev', steps: [] }), stage('prod', { upstream: 'gate' })] }) });
    await w.controller.settle();
    const f = all(w, 'Freight')[0]!;
    const stored = get(w, 'Freight', f.metadata.name);
    expect(Object.keys(stored.status.verifiedIn).sort()).toEqual(['dev', 'gate']);
    expect(stored.status.verifiedIn.gate).toEqual({ verifiedAt: '2026-03-01T10:00:00Z' });
    expect(Object.keys(stored.status.currentlyIn)).toEqual(['dev']);
    const gate = get(w, 'Stage', 'gate');
    expect(gate.status).toMatchObject({ freightSummary: 'N/A', autoPromotionEnabled: false, observedGeneration: 1 });
    expect(gate.status.conditions.map((c: { type: string; status: string }) => [c.type, c.status])).toEqual([['Ready', 'True']]);
    expect((await w.controller.promote({ project: PROJECT, stage: 'prod', freight: f.metadata.name })).ok).toBe(true);
  });
});
