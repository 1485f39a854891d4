import { describe, expect, it } from 'vitest';
import {
  classifyHoldIntent,
  computeEffectiveHolds,
  decideAutoPromotion,
  replayAutoPromotionHolds,
  selectAutoPromotionCandidates,
} from '../../src/pipeline/index.js';
import { casesOf, deepFreeze, freightRes, loadVectors, promoRes, stageRes } from '../fixtures/pipeline/resources.js';

const auto = loadVectors('auto_promotion.json');
const holds = loadVectors('holds.json');

describe('selectAutoPromotionCandidates (stage vectors, §4.2)', () => {
  for (const c of casesOf(auto, 'selectAutoPromotionCandidates')) {
    it(c.name, () => {
      const stage = deepFreeze(stageRes(c.input.stage));
      const available = deepFreeze(c.input.availableFreight.map(freightRes));
      expect(selectAutoPromotionCandidates(stage, available)).toEqual(c.expected);
      // The answer does not depend on the order of the list.
      expect(selectAutoPromotionCandidates(stage, [...available].reverse())).toEqual(c.expected);
    });
  }
});

describe('decideAutoPromotion (stage vectors, §4.3)', () => {
  for (const c of casesOf(auto, 'autoPromotionDecision')) {
    it(c.name, () => {
      const i = c.input;
      const got = decideAutoPromotion({
        autoPromotionEnabled: i.autoPromotionEnabled,
        origin: i.origin,
        candidate: i.candidate,
        effectiveHolds: i.effectiveHolds,
        currentFreightForOrigin: i.currentFreightForOrigin,
        currentPromotionFreight: i.currentPromotionFreight,
        lastPromotionName: i.lastPromotionName,
        promotionsForCandidate: deepFreeze(i.promotionsForCandidate.map((p: any) => promoRes({ ...p, freight: i.candidate }))),
        ...(i.targetAware !== undefined ? { targetAware: i.targetAware } : {}),
        ...(i.promotionRequestsForCandidate !== undefined ? { promotionRequestsForCandidate: i.promotionRequestsForCandidate } : {}),
      });
      expect(got).toEqual(c.expected);
    });
  }
});

describe('classifyHoldIntent (stage vectors, §4.4)', () => {
  for (const c of casesOf(auto, 'classifyHoldIntent')) {
    it(c.name, () => expect(classifyHoldIntent(c.input)).toEqual(c.expected));
  }
});

/** Vector hold values show only the Freight and Promotion names. */
const brief = (h: Record<string, any>) =>
  Object.fromEntries(
    Object.entries(h).map(([k, v]) => [k, { freightName: v.freightName, ...(v.promotionName ? { promotionName: v.promotionName } : {}) }]),
  );

describe('replayAutoPromotionHolds (stage vectors, §4.4 durable holds)', () => {
  for (const c of casesOf(holds, 'durableHoldsAfterReplay')) {
    it(c.name, () => {
      const got = replayAutoPromotionHolds({
        autoPromotionEnabled: c.input.autoPromotionEnabled,
        requestedOrigins: c.input.requestedOrigins,
        holds: deepFreeze(c.input.holds),
        newTerminalPromotions: deepFreeze(c.input.newTerminalPromotions.map(promoRes)),
      });
      expect(brief(got)).toEqual(c.expected);
    });
  }
});

describe('computeEffectiveHolds (stage vectors, §4.4 effective holds)', () => {
  for (const c of casesOf(holds, 'effectiveHolds')) {
    it(c.name, () => {
      const got = computeEffectiveHolds({
        autoPromotionEnabled: c.input.autoPromotionEnabled,
        requestedOrigins: c.input.requestedOrigins,
        holds: deepFreeze(c.input.holds),
        lastPromotionName: c.input.lastPromotionName,
        promotions: deepFreeze(c.input.promotions.map(promoRes)),
      });
      expect(brief(got)).toEqual(c.expected);
    });
  }
});
