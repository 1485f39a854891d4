import { describe, expect, it } from 'vitest';
import { syncStagePromotions } from '../../src/pipeline/index.js';
import { casesOf, deepFreeze, loadVectors, NS } from '../fixtures/pipeline/resources.js';

const file = loadVectors('promotion_gating.json');

/** Builds the Stage status from the vector's compact form. */
function statusOf(s: any) {
  const out: any = {};
  if (s.currentPromotion) out.currentPromotion = s.currentPromotion;
  if (s.lastPromotion) {
    const { name, phase, freightCollection } = s.lastPromotion;
    out.lastPromotion = { name, ...(phase || freightCollection ? { status: { ...(phase ? { phase } : {}), ...(freightCollection ? { freightCollection } : {}) } } : {}) };
  }
  if (s.health !== undefined) out.health = s.health === null ? null : { status: s.health };
  if (s.currentFreight) out.freightHistory = [s.currentFreight];
  return out;
}

function promotionOf(p: any) {
  return {
    apiVersion: 'kargo.akuity.io/v1alpha1',
    kind: 'Promotion',
    metadata: { name: p.name, namespace: NS },
    spec: { stage: 's', freight: p.freight ?? 'f' },
    status: {
      phase: p.phase ?? '',
      ...(p.freight ? { freight: { name: p.freight } } : {}),
      ...(p.freightCollection ? { freightCollection: p.freightCollection } : {}),
      ...(p.startedAt !== undefined ? { startedAt: p.startedAt } : {}),
    },
  };
}

describe('syncStagePromotions (stage vectors, §5.3)', () => {
  for (const c of casesOf(file, 'syncPromotions')) {
    it(c.name, () => {
      const stage = deepFreeze({
        apiVersion: 'kargo.akuity.io/v1alpha1',
        kind: 'Stage',
        metadata: { name: 's', namespace: NS },
        spec: { requestedFreight: [{ origin: { kind: 'Warehouse', name: 'wh' }, sources: { direct: true } }] },
        status: statusOf(c.input.stageStatus),
      });
      const r = syncStagePromotions(stage, deepFreeze(c.input.promotions.map(promotionOf)), { now: file.now });
      const s = r.status as any;
      const e = c.expected;
      const current = s.currentPromotion ? { name: s.currentPromotion.name, freight: s.currentPromotion.freight?.name } : null;
      expect(current).toEqual(e.currentPromotion);
      expect(r.hasNonTerminal).toBe(e.hasNonTerminal);
      const promoting = (s.conditions ?? []).find((x: any) => x.type === 'Promoting');
      if ('promotingCondition' in e) {
        expect(promoting ? { status: promoting.status, reason: promoting.reason, message: promoting.message } : null).toEqual(e.promotingCondition);
      }
      if ('lastPromotion' in e) expect(s.lastPromotion?.name).toBe(e.lastPromotion);
      if ('lastPromotionPhase' in e) expect(s.lastPromotion?.status?.phase).toBe(e.lastPromotionPhase);
      if ('lastPromotionCollectionId' in e) expect(s.lastPromotion?.status?.freightCollection?.id).toBe(e.lastPromotionCollectionId);
      if ('freightHistoryPrepended' in e) expect(r.recorded).toEqual(e.freightHistoryPrepended);
      if ('health' in e) expect(s.health).toBe(e.health);
      for (const [key, type] of [['healthyCondition', 'Healthy'], ['verifiedCondition', 'Verified']] as const) {
        if (!(key in e)) continue;
        const cond = (s.conditions ?? []).find((x: any) => x.type === type);
        expect({ status: cond?.status, reason: cond?.reason }).toEqual(e[key]);
      }
    });
  }
});
