import { describe, expect, it } from 'vitest';
import { decideAutoPromotions, indexFreight, syncStagePromotions } from '../../../../src/pipeline/index.js';
import { deepFreeze, freightRes } from '../../../fixtures/pipeline/resources.js';

const NOW = '2025-01-01T12:00:00Z';
const wh = { kind: 'Warehouse', name: 'wh' };
const charts = { kind: 'Warehouse', name: 'charts' };
const steps = [{ uses: 'git-clone' }];
const enabled = deepFreeze({
  apiVersion: 'kargo.akuity.io/v1alpha1',
  kind: 'ProjectConfig',
  metadata: { name: 'p', namespace: 'p' },
  spec: { promotionPolicies: [{ stageSelector: { name: 'glob:*' }, autoPromotionEnabled: true }] },
});
const ulids = () => {
  let n = 0;
  return () => `01JGZ5X8Y9ABCDEFGHJKMNPQ${String(n++).padStart(2, '0')}`;
};
const stageWith = (extra: { status?: object; targets?: object; steps?: object[] } = {}) =>
  deepFreeze({
    apiVersion: 'kargo.akuity.io/v1alpha1',
    kind: 'Stage',
    metadata: { name: 'dev', namespace: 'p' },
    spec: {
      requestedFreight: [
        { origin: wh, sources: { direct: true } },
        { origin: charts, sources: { direct: true } },
      ],
      promotionTemplate: { spec: { steps: extra.steps ?? steps } },
      ...(extra.targets ? { targets: extra.targets } : {}),
    },
    ...(extra.status ? { status: extra.status } : {}),
  });
const freight = [
  freightRes({ name: 'old-image', origin: wh, creationTimestamp: '2025-01-01T08:00:00Z' }),
  freightRes({ name: 'new-image', origin: wh, creationTimestamp: '2025-01-01T11:00:00Z' }),
  freightRes({ name: 'chart-1', origin: charts, creationTimestamp: '2025-01-01T09:00:00Z' }),
];

describe('decideAutoPromotions', () => {
  it('creates one Promotion per origin, named like Kargo', () => {
    const plan = decideAutoPromotions(stageWith(), { freight, promotions: [], projectConfig: enabled, now: NOW, ids: ulids() });
    expect(plan.enabled).toBe(true);
    expect(plan.policyIndex).toBe(0);
    expect(plan.candidates).toEqual({ 'Warehouse/wh': 'new-image', 'Warehouse/charts': 'chart-1' });
    expect(plan.create).toEqual([
      {
        apiVersion: 'kargo.akuity.io/v1alpha1',
        kind: 'Promotion',
        metadata: { name: 'dev.01jgz5x8y9abcdefghjkmnpq00.new-ima', namespace: 'p' },
        spec: { stage: 'dev', freight: 'new-image' },
      },
      {
        apiVersion: 'kargo.akuity.io/v1alpha1',
        kind: 'Promotion',
        metadata: { name: 'dev.01jgz5x8y9abcdefghjkmnpq01.chart-1', namespace: 'p' },
        spec: { stage: 'dev', freight: 'chart-1' },
      },
    ]);
    expect(plan.decisions[0]?.message).toBe('Automatically promoted Freight from origin "Warehouse/wh" for Stage "dev"');
    const viaIndex = decideAutoPromotions(stageWith(), { freight: indexFreight(freight), promotions: [], projectConfig: enabled, now: NOW, ids: ulids() });
    expect(viaIndex).toEqual(plan);
  });

  it('gives a reason for every origin it leaves alone', () => {
    const stage = stageWith({
      status: {
        lastPromotion: { name: 'dev.01a' },
        freightHistory: [{ items: { 'Warehouse/charts': { name: 'chart-1', origin: charts } } }],
        autoPromotionHolds: { 'Warehouse/wh': { freightName: 'old-image', promotionName: 'dev.01a' } },
      },
    });
    const plan = decideAutoPromotions(stage, { freight, promotions: [], projectConfig: enabled, now: NOW, ids: ulids() });
    expect(plan.create).toEqual([]);
    expect(plan.decisions.map((d) => [d.origin, d.decision])).toEqual([
      ['Warehouse/wh', { action: 'none', reason: 'held' }],
      ['Warehouse/charts', { action: 'none', reason: 'alreadyCurrent' }],
    ]);
    expect(plan.decisions[1]?.message).toBe('Not auto-promoting origin "Warehouse/charts" to Stage "dev": Freight "chart-1" is already current');
  });

  it('does nothing without an enabling policy, or for control-flow Stages', () => {
    const off = decideAutoPromotions(stageWith(), { freight, promotions: [], projectConfig: undefined, now: NOW, ids: ulids() });
    expect(off.enabled).toBe(false);
    expect(off.decisions.every((d) => d.decision.action === 'none' && d.decision.reason === 'disabled')).toBe(true);
    const junction = decideAutoPromotions(stageWith({ steps: [] }), { freight, promotions: [], projectConfig: enabled, now: NOW, ids: ulids() });
    expect(junction.enabled).toBe(false);
    expect(junction.decisions.map((d) => d.decision)).toEqual([
      { action: 'none', reason: 'controlFlow' },
      { action: 'none', reason: 'controlFlow' },
    ]);
  });

  it('does not retry a candidate whose last attempt failed', () => {
    const promotions = [
      { metadata: { name: 'dev.01b', creationTimestamp: '2025-01-01T11:30:00Z' }, spec: { stage: 'dev', freight: 'new-image' }, status: { phase: 'Failed' } },
    ];
    const plan = decideAutoPromotions(stageWith({ status: { lastPromotion: { name: 'dev.01b' } } }), { freight, promotions, projectConfig: enabled, now: NOW, ids: ulids() });
    expect(plan.decisions[0]?.decision).toEqual({ action: 'none', reason: 'lastAttemptNotSucceeded' });
    expect(plan.create.map((p) => p.spec.freight)).toEqual(['chart-1']);
  });

  it('asks target-aware Stages for PromotionRequests, once per candidate', () => {
    const plan = decideAutoPromotions(stageWith({ targets: { selectors: [] } }), {
      freight,
      promotions: [],
      projectConfig: enabled,
      now: NOW,
      ids: ulids(),
      promotionRequestsByFreight: { 'chart-1': 1 },
    });
    expect(plan.create.map((p) => [p.kind, p.spec.freight])).toEqual([['PromotionRequest', 'new-image']]);
    expect(plan.decisions[1]?.decision).toEqual({ action: 'none', reason: 'promotionRequestExists' });
  });

  it('honours a running manual promotion with hold intent', () => {
    const promotions = [
      {
        metadata: { name: 'dev.01c', annotations: { 'kargo.akuity.io/auto-promotion-hold': 'Warehouse/wh', 'kargo.akuity.io/create-actor': 'alice' } },
        spec: { stage: 'dev', freight: 'old-image' },
        status: { phase: 'Running' },
      },
    ];
    const plan = decideAutoPromotions(stageWith(), { freight, promotions, projectConfig: enabled, now: NOW, ids: ulids() });
    expect(plan.effectiveHolds['Warehouse/wh']).toMatchObject({ freightName: 'old-image', promotionName: 'dev.01c', actor: 'alice' });
    expect(plan.decisions[0]?.decision).toEqual({ action: 'none', reason: 'held' });
  });
});

describe('syncStagePromotions', () => {
  const pending = (name: string) => ({ metadata: { name }, spec: { stage: 'dev', freight: 'f' }, status: { phase: 'Pending' } });

  it('admits the oldest pending Promotion and leaves the input alone', () => {
    const stage = stageWith();
    const r = syncStagePromotions(stage, deepFreeze([pending('dev.02'), pending('dev.01')]), { now: NOW });
    expect(r.admitted).toBe('dev.01');
    expect(r.requeueAfterMs).toBe(300_000);
    expect((r.status as any).conditions).toEqual([
      { type: 'Promoting', status: 'True', reason: 'ActivePromotion', message: 'Promotion "dev.01" is currently Pending', lastTransitionTime: NOW },
    ]);
    expect(stage).not.toHaveProperty('status');
  });

  it('requeues quickly while a Promotion waits for a healthy Stage to be verified', () => {
    const stage = stageWith({ status: { health: { status: 'Healthy' }, freightHistory: [{ id: 'c', items: {}, verificationHistory: [] }] } });
    const r = syncStagePromotions(stage, [pending('dev.01')], { now: NOW });
    expect(r.admitted).toBeUndefined();
    expect(r.requeueAfterMs).toBe(100);
  });

  it('folds finished Promotions in, oldest first, and keeps their hold intent', () => {
    const stage = stageWith({ status: { currentPromotion: { name: 'dev.03' }, lastPromotion: { name: 'dev.01' }, autoPromotionEnabled: true } });
    const promotions = [
      { metadata: { name: 'dev.02', annotations: { 'kargo.akuity.io/auto-promotion-hold': 'Warehouse/wh' } }, spec: { stage: 'dev', freight: 'a' }, status: { phase: 'Failed', startedAt: NOW } },
      { metadata: { name: 'dev.03' }, spec: { stage: 'dev', freight: 'b' }, status: { phase: 'Succeeded', startedAt: NOW, freightCollection: { id: 'c3', items: {} } } },
      { metadata: { name: 'dev.01' }, spec: { stage: 'dev', freight: 'z' }, status: { phase: 'Succeeded' } },
    ];
    const r = syncStagePromotions(stage, deepFreeze(promotions), { now: NOW });
    expect(r.processed).toEqual(['dev.02', 'dev.03']);
    expect(r.recorded).toEqual(['c3']);
    const s = r.status as any;
    expect(s.lastPromotion.name).toBe('dev.03');
    expect(s.currentPromotion).toBeUndefined();
    expect(s.autoPromotionHolds['Warehouse/wh']).toMatchObject({ freightName: 'a', promotionName: 'dev.02' });
    expect(s.freightHistory.map((c: any) => c.id)).toEqual(['c3']);
  });
});
