import { describe, expect, it } from 'vitest';
import { matchPromotionPolicy } from '../../src/pipeline/index.js';
import { casesOf, deepFreeze, loadVectors, NS, stageRes } from '../fixtures/pipeline/resources.js';

const file = loadVectors('policy_matching.json');

describe('matchPromotionPolicy (stage vectors, §4.1)', () => {
  for (const c of casesOf(file, 'matchPromotionPolicy')) {
    it(c.name, () => {
      const i = c.input;
      const config =
        i.projectConfigPresent === false
          ? undefined
          : deepFreeze({ apiVersion: 'kargo.akuity.io/v1alpha1', kind: 'ProjectConfig', metadata: { name: NS, namespace: NS }, spec: { promotionPolicies: i.promotionPolicies ?? [] } });
      const r = matchPromotionPolicy(config, deepFreeze(stageRes(i.stage)));
      expect({ index: r.index, autoPromotionEnabled: r.autoPromotionEnabled }).toEqual({
        index: c.expected.matchedPolicyIndex ?? null,
        autoPromotionEnabled: c.expected.autoPromotionEnabled,
      });
      expect(r.issues).toEqual([]);
    });
  }
});
