import { describe, expect, it } from 'vitest';
import { comparePromotions, generatePromotionName, isPromotionPhaseTerminal, sortPromotions } from '../../src/pipeline/index.js';
import { casesOf, deepFreeze, loadVectors, promoRes } from '../fixtures/pipeline/resources.js';

const file = loadVectors('promotion_ordering.json');

describe('comparePromotions (stage vectors, §5.3)', () => {
  for (const c of casesOf(file, 'comparePromotions')) {
    it(c.name, () => {
      const a = deepFreeze(promoRes(c.input.a));
      const b = deepFreeze(promoRes(c.input.b));
      expect(comparePromotions(a, b)).toBe(c.expected);
      expect(comparePromotions(b, a)).toBe(-c.expected || 0);
    });
  }
});

describe('sortPromotions (stage vectors)', () => {
  for (const c of casesOf(file, 'sortPromotions')) {
    it(c.name, () => {
      const input = deepFreeze(c.input.promotions.map(promoRes));
      expect(sortPromotions(input).map((p) => p.metadata?.name)).toEqual(c.expected);
    });
  }
});

describe('generatePromotionName (stage vectors, §5.1)', () => {
  for (const c of casesOf(file, 'generatePromotionName')) {
    it(c.name, () => {
      expect(generatePromotionName(c.input.stage, c.input.freight, c.input.ulid)).toBe(c.expected);
    });
  }
});

describe('isPromotionPhaseTerminal (stage vectors)', () => {
  for (const c of casesOf(file, 'promotionPhaseIsTerminal')) {
    it(c.name, () => expect(isPromotionPhaseTerminal(c.input.phase)).toBe(c.expected));
  }
});
