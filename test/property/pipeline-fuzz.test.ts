import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  approveFreight,
  comparePromotions,
  computeEffectiveHolds,
  decideAutoPromotions,
  forgetStageInFreight,
  hasSoakedIn,
  longestSoak,
  markCurrentFreightVerified,
  markFreightApprovedFor,
  markFreightCurrentIn,
  markFreightVerifiedIn,
  removeFreightCurrentIn,
  replayAutoPromotionHolds,
  syncFreightCurrentIn,
  syncStagePromotions,
  verifyControlFlowFreight,
} from '../../src/pipeline/index.js';

const junk = fc.anything({ withNullPrototype: true, withBoxedValues: true, withSparseArray: true, maxDepth: 4 });
const time = fc.oneof(junk, fc.constantFrom('2025-01-01T12:00:00Z', 'yesterday', ''), fc.date({ noInvalidDate: false }));
const freightish = fc.oneof(
  junk,
  fc.record({ metadata: fc.oneof(junk, fc.record({ name: fc.oneof(fc.string(), junk) })), origin: junk, status: fc.oneof(junk, fc.record({ verifiedIn: junk, currentlyIn: junk, approvedFor: junk })) }),
);
const stageish = fc.oneof(
  junk,
  fc.record({
    metadata: fc.oneof(junk, fc.record({ name: fc.oneof(fc.string(), junk) })),
    spec: fc.oneof(junk, fc.record({ requestedFreight: fc.oneof(junk, fc.array(fc.oneof(junk, fc.record({ origin: junk, sources: junk })))), promotionTemplate: junk })),
    status: fc.oneof(junk, fc.record({ freightHistory: fc.oneof(junk, fc.array(junk)), currentPromotion: junk, lastPromotion: junk, health: junk, autoPromotionHolds: junk })),
  }),
);
const promotionish = fc.oneof(junk, fc.record({ metadata: junk, spec: junk, status: junk }));

/** Calls `fn`; a returned Result must be well formed. Nothing may throw. */
function settles(fn: () => unknown): void {
  const r = fn() as { ok?: unknown; issues?: unknown } | undefined;
  if (r && typeof r === 'object' && 'ok' in r) {
    expect(typeof r.ok).toBe('boolean');
    if (r.ok === false) expect(Array.isArray(r.issues) && r.issues.length > 0).toBe(true);
  }
}

describe('pipeline functions never throw on broken input', () => {
  it('freight status updates report problems as issues', () => {
    fc.assert(
      fc.property(freightish, stageish, fc.string(), time, (freight: any, stage: any, name, now: any) => {
        settles(() => markFreightCurrentIn(freight, name, { now }));
        settles(() => removeFreightCurrentIn(freight, name, { now }));
        settles(() => markFreightVerifiedIn(freight, name, { verifiedAt: now }));
        settles(() => markFreightApprovedFor(freight, name, { now }));
        settles(() => approveFreight(stage, freight, { now }));
        settles(() => forgetStageInFreight(freight, name));
        settles(() => longestSoak(freight, name, { now }));
        settles(() => hasSoakedIn(freight, name, now, { now }));
      }),
      { numRuns: 2000 },
    );
  });

  it('controller passes answer anything', () => {
    fc.assert(
      fc.property(stageish, fc.array(freightish, { maxLength: 3 }), fc.array(promotionish, { maxLength: 3 }), time, junk, (stage: any, freight: any, promotions: any, now: any, config: any) => {
        settles(() => decideAutoPromotions(stage, { freight, promotions, projectConfig: config, now, ids: () => '01' }));
        settles(() => syncStagePromotions(stage, promotions, { now }));
        settles(() => syncFreightCurrentIn(stage, freight, { now }));
        settles(() => markCurrentFreightVerified(stage, freight));
        settles(() => verifyControlFlowFreight(stage, freight, { now }));
        settles(() => computeEffectiveHolds({ autoPromotionEnabled: true, requestedOrigins: ['Warehouse/wh'], holds: config, lastPromotionName: null, promotions }));
        settles(() => replayAutoPromotionHolds({ autoPromotionEnabled: true, requestedOrigins: ['Warehouse/wh'], holds: config, newTerminalPromotions: promotions }));
        if (promotions.length >= 2) settles(() => comparePromotions(promotions[0], promotions[1]));
      }),
      { numRuns: 2000 },
    );
  });
});
