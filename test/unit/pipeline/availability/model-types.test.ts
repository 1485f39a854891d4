import { describe, expect, it } from 'vitest';
import type { Freight, ProjectConfig, Promotion, Stage } from '../../../../src/model/index.js';
import { parseManifests } from '../../../../src/model/index.js';
import {
  comparePromotions,
  explainAvailability,
  isFreightAvailable,
  listAvailableFreight,
  matchPromotionPolicy,
  type FreightLike,
  type ProjectConfigLike,
  type PromotionLike,
  type StageLike,
} from '../../../../src/pipeline/index.js';

// The model's typed resources are accepted where the pipeline reads plain Kargo JSON.
const asStage = (s: Stage): StageLike => s;
const asFreight = (f: Freight): FreightLike => f;
const asPromotion = (p: Promotion): PromotionLike => p;
const asConfig = (c: ProjectConfig): ProjectConfigLike => c;

const manifests = `
apiVersion: kargo.akuity.io/v1alpha1
kind: ProjectConfig
metadata: { name: shop, namespace: shop }
spec:
  promotionPolicies:
    - stageSelector: { name: "glob:prod-*" }
      autoPromotionEnabled: true
---
apiVersion: kargo.akuity.io/v1alpha1
kind: Stage
metadata: { name: prod-eu, namespace: shop }
spec:
  requestedFreight:
    - origin: { kind: Warehouse, name: images }
      sources: { stages: [uat], requiredSoakTime: 1h }
  promotionTemplate:
    spec:
      steps:
        - uses: git-clone
---
apiVersion: kargo.akuity.io/v1alpha1
kind: Freight
metadata: { name: abc123, namespace: shop }
origin: { kind: Warehouse, name: images }
images:
  - { repoURL: ghcr.io/acme/shop, tag: v1.2.0, digest: "sha256:0000000000000000000000000000000000000000000000000000000000000000" }
status:
  verifiedIn: { uat: {} }
  currentlyIn: { uat: { since: "2025-01-01T10:00:00Z" } }
`;

describe('pipeline decisions over parsed manifests', () => {
  it('take the model types as they are', () => {
    const parsed = parseManifests(manifests);
    expect(parsed.issues).toEqual([]);
    if (!parsed.ok) return;
    const [config, stage, freight] = parsed.value as unknown as [ProjectConfig, Stage, Freight];
    expect(matchPromotionPolicy(asConfig(config), asStage(stage))).toMatchObject({ index: 0, autoPromotionEnabled: true });
    expect(isFreightAvailable(asStage(stage), asFreight(freight), { now: '2025-01-01T10:30:00Z' })).toBe(false);
    expect(explainAvailability(stage, freight, { now: '2025-01-01T10:30:00Z' }).nextChange).toEqual(new Date('2025-01-01T11:00:00Z'));
    expect(listAvailableFreight(stage, [freight], { now: '2025-01-01T11:00:00Z' })).toEqual([freight]);
    const p = { apiVersion: 'kargo.akuity.io/v1alpha1', kind: 'Promotion', metadata: { name: 'a' }, spec: { stage: 'prod-eu', freight: 'abc123', steps: [] } } as unknown as Promotion;
    expect(comparePromotions(asPromotion(p), p)).toBe(0);
  });
});
