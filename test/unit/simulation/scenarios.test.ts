import { describe, expect, it } from 'vitest';
import { freightWithTag, MINUTE, offsetOf, runScenario } from './scenario.js';

describe('soak semantics (stages spec §3.3)', () => {
  it('measures soak from when the Stage observed the Freight, not from its verification', async () => {
    const t = await runScenario('soak');
    const first = freightWithTag(t, '1.0.0');
    const verified = t.verified.find((v) => v.stage === 'dev' && v.freight === first.name);
    expect(offsetOf(t, verified?.at)).toBe(40 * MINUTE);
    const soaked = t.availability.find((a) => a.stage === 'staging' && a.freight === first.name);
    expect(soaked).toMatchObject({ via: 'soaked', upstream: 'dev', requiredSoakTime: '1h' });
    expect(offsetOf(t, soaked?.at)).toBe(60 * MINUTE);
    const promotion = t.promotions.find((p) => p.stage === 'staging' && p.freight === first.name);
    expect(promotion).toMatchObject({ createdBy: 'auto', phase: 'Succeeded' });
    expect(offsetOf(t, promotion?.createdAt)).toBe(60 * MINUTE);
  });

  it('never lets Freight that was not verified upstream soak, however long it stays', async () => {
    const t = await runScenario('soak');
    const second = freightWithTag(t, '1.0.1');
    const residency = t.residencies.find((r) => r.stage === 'dev' && r.freight === second.name);
    expect(residency?.until).toBeUndefined();
    expect(Date.parse(t.end) - Date.parse(residency!.since)).toBeGreaterThan(2 * 60 * MINUTE);
    expect(t.verified.some((v) => v.freight === second.name)).toBe(false);
    expect(t.availability.some((a) => a.stage === 'staging' && a.freight === second.name)).toBe(false);
    expect(t.promotions.some((p) => p.stage === 'staging' && p.freight === second.name)).toBe(false);
    expect(t.finalState.find((s) => s.stage === 'dev')).toMatchObject({ verified: false, ready: false, reason: 'VerificationRunning' });
  });

  it('lets a Stage requiring soak from a control-flow upstream have Freight only through approval', async () => {
    const t = await runScenario('soak');
    const first = freightWithTag(t, '1.0.0');
    expect(t.residencies.some((r) => r.stage === 'gate')).toBe(false);
    expect(t.verified.some((v) => v.stage === 'gate' && v.freight === first.name)).toBe(true);
    const refused = t.events.find((e) => e.type === 'promote' && e.stage === 'prod');
    expect(refused).toMatchObject({ outcome: 'rejected' });
    expect(refused?.message).toContain('not available to Stage "prod"');
    expect(t.availability.filter((a) => a.stage === 'prod')).toEqual([{ at: '2026-01-01T02:30:00Z', stage: 'prod', freight: first.name, via: 'approved' }]);
    const promotion = t.promotions.find((p) => p.stage === 'prod');
    expect(promotion).toMatchObject({ freight: first.name, createdBy: 'auto', phase: 'Succeeded', createdAt: '2026-01-01T02:30:00Z' });
    expect(t.approvals).toEqual([{ at: '2026-01-01T02:30:00Z', stage: 'prod', freight: first.name, actor: 'alice' }]);
  });
});

describe('auto-promotion with a required soak time', () => {
  // https://github.com/akuity/kargo/issues/4586: with requiredSoakTime, Kargo never auto-promotes
  // under availabilityStrategy All once the Freight is also verified in a Stage that is not an
  // upstream, and under OneOf only at the next periodic (5 minute) reconcile.
  it('auto-promotes the moment the soak completes, under All (despite a sibling Stage) and under OneOf', async () => {
    const t = await runScenario('soak-auto-promotion');
    for (const [tag, pushedAt] of [['1.0.0', 0], ['1.0.1', 10 * MINUTE]] as const) {
      const freight = freightWithTag(t, tag);
      expect(t.verified.some((v) => v.stage === 'side' && v.freight === freight.name)).toBe(true);
      for (const stage of ['all', 'one']) {
        const promotion = t.promotions.find((p) => p.stage === stage && p.freight === freight.name);
        expect(promotion, `${stage} ${tag}`).toMatchObject({ createdBy: 'auto', phase: 'Succeeded' });
        expect(offsetOf(t, promotion?.createdAt)).toBe(pushedAt + MINUTE);
        const available = t.availability.find((a) => a.stage === stage && a.freight === freight.name);
        expect(available?.via).toBe('soaked');
        expect(offsetOf(t, available?.at)).toBe(pushedAt + MINUTE);
      }
    }
    expect(t.finalState.every((s) => s.ready)).toBe(true);
  });
});

describe('promoting downstream of a control-flow Stage into Stages that require soak', () => {
  // https://github.com/akuity/kargo/issues/6360: "Promote to downstream" from a control-flow Stage
  // fails when the downstream Stages require soak, because control-flow Stages never hold Freight.
  it('refuses, naming the Stage, until the Freight is approved for the downstream Stages', async () => {
    const t = await runScenario('control-flow-soak');
    const freight = freightWithTag(t, '1.0.0');
    const [first, second] = t.events.filter((e) => e.type === 'promote-downstream');
    expect(first).toMatchObject({ outcome: 'rejected', stage: 'cf' });
    expect(first?.message).toMatch(/not available to downstream Stage "stage3"/);
    expect(second).toMatchObject({ outcome: 'applied', stage: 'cf' });
    expect(second?.created).toHaveLength(2);
    const downstream = t.promotions.filter((p) => p.stage === 'stage3' || p.stage === 'stage4');
    expect(downstream.map((p) => [p.stage, p.phase, p.createdBy, offsetOf(t, p.createdAt)])).toEqual([
      ['stage3', 'Succeeded', 'manual', 41 * MINUTE],
      ['stage4', 'Succeeded', 'manual', 41 * MINUTE],
    ]);
    for (const stage of ['stage3', 'stage4']) {
      expect(t.availability.filter((a) => a.stage === stage).map((a) => a.via)).toEqual(['approved']);
      expect(t.finalState.find((s) => s.stage === stage)?.currentFreight).toEqual([freight.name]);
    }
  });
});

describe('soak that was completed before the Freight left', () => {
  // https://github.com/akuity/kargo/issues/4238: the longest completed soak was never recorded, so
  // Freight that had soaked long enough became unavailable once newer Freight replaced it.
  it('keeps Freight that soaked long enough available after it is replaced, and not Freight that left early', async () => {
    const t = await runScenario('longest-soak');
    const [soaked, early] = [freightWithTag(t, '1.0.0'), freightWithTag(t, '1.0.1')];
    const residency = t.residencies.find((r) => r.stage === 'dev' && r.freight === soaked.name);
    expect([offsetOf(t, residency?.since), offsetOf(t, residency?.until)]).toEqual([0, 45 * MINUTE]);
    const [ok, refused] = t.events.filter((e) => e.type === 'promote');
    expect(ok).toMatchObject({ outcome: 'applied' });
    expect(refused).toMatchObject({ outcome: 'rejected' });
    expect(t.promotions.filter((p) => p.stage === 'prod').map((p) => [p.freight, p.phase, p.actor])).toEqual([[soaked.name, 'Succeeded', 'alice']]);
    expect(t.availability.some((a) => a.stage === 'prod' && a.freight === early.name)).toBe(false);
  });
});

describe('rolling back upstream of a fan-in Stage', () => {
  // https://github.com/akuity/kargo/issues/6241: after promoting a previously deployed Freight at
  // the start of a pipeline, Stages after a fan-in do not follow it back; MatchUpstream needs
  // exactly one upstream, so a fan-in Stage cannot ask for it.
  it('lets MatchUpstream Stages follow the rollback while the fan-in Stage keeps the newer Freight until rolled back by hand', async () => {
    const t = await runScenario('fan-in-rollback');
    const [older, newer] = [freightWithTag(t, '1.0.0'), freightWithTag(t, '1.0.1')];
    const promotionsOf = (stage: string) => t.promotions.filter((p) => p.stage === stage).map((p) => [offsetOf(t, p.createdAt) / MINUTE, p.freight === older.name ? 'older' : 'newer', p.createdBy]);
    for (const stage of ['parallel-1', 'parallel-2']) {
      expect(promotionsOf(stage)).toEqual([[1, 'older', 'auto'], [11, 'newer', 'auto'], [20, 'older', 'auto']]);
    }
    // The fan-in Stage ignores the rollback: the newer Freight is still the newest available to it.
    expect(promotionsOf('fan-in')).toEqual([[1, 'older', 'auto'], [11, 'newer', 'auto'], [30, 'older', 'manual']]);
    // Rolled back by hand, it stays there: auto-promotion does not bring the newer Freight back.
    const current = Object.fromEntries(t.finalState.map((s) => [s.stage, s.currentFreight[0] === older.name ? 'older' : s.currentFreight[0] === newer.name ? 'newer' : 'none']));
    expect(current).toEqual({ 'demo-start': 'older', 'parallel-1': 'older', 'parallel-2': 'older', 'fan-in': 'older' });
    expect(t.promotions.every((p) => p.phase === 'Succeeded')).toBe(true);
  });
});
