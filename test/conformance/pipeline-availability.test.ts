import { describe, expect, it } from 'vitest';
import { explainAvailability, isFreightAvailable, listAvailableFreight } from '../../src/pipeline/index.js';
import { casesOf, deepFreeze, freightRes, loadVectors, stageRes } from '../fixtures/pipeline/resources.js';

const point = loadVectors('availability.json');
const list = loadVectors('available_list.json');

describe('isFreightAvailable (stage vectors, §3.1)', () => {
  for (const c of casesOf(point, 'isFreightAvailable')) {
    it(c.name, () => {
      const stage = c.input.stage ? deepFreeze(stageRes(c.input.stage)) : null;
      const freight = c.input.freight ? deepFreeze(freightRes(c.input.freight)) : null;
      const now = c.input.now ?? point.now;
      expect(isFreightAvailable(stage, freight, { now })).toBe(c.expected);
      expect(isFreightAvailable(stage, freight, { now: new Date(now) })).toBe(c.expected);
      expect(explainAvailability(stage, freight, { now }).available).toBe(c.expected);
    });
  }
});

describe('listAvailableFreight (stage vectors, §3.2 under the one availability rule)', () => {
  for (const c of casesOf(list, 'listFreightAvailableToStage')) {
    if (c.expected && !Array.isArray(c.expected)) continue;
    it(c.waybill ? `${c.name} [waybill: ${c.waybill}]` : c.name, () => {
      const stage = deepFreeze(stageRes(c.input.stage));
      const freight = deepFreeze(c.input.freight.map(freightRes));
      const got = listAvailableFreight(stage, freight, { now: list.now });
      expect(got.map((f) => f.metadata?.name)).toEqual(c.expected);
      // Every listed piece passes the point check: one rule, not two.
      for (const f of got) expect(isFreightAvailable(stage, f, { now: list.now })).toBe(true);
    });
  }
});
