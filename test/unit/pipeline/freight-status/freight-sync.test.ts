import { describe, expect, it } from 'vitest';
import { isFreightAvailable, markCurrentFreightVerified, syncFreightCurrentIn, verifyControlFlowFreight } from '../../../../src/pipeline/index.js';
import { deepFreeze, freightRes, stageRes } from '../../../fixtures/pipeline/resources.js';

const NOW = '2025-01-01T12:00:00Z';
const wh = { kind: 'Warehouse', name: 'wh' };
const f = (name: string, status: object = {}) => deepFreeze(freightRes({ name, origin: wh, status }));
const devWith = (status: object) => deepFreeze(stageRes({ name: 'dev', requestedFreight: [{ origin: wh, sources: { direct: true } }], status }));
const ok = <T>(r: { ok: true; value: T } | { ok: false }) => {
  if (!r.ok) throw new Error('expected ok');
  return r.value;
};

describe('syncFreightCurrentIn', () => {
  it('closes the old residency (recording soak) and opens the new one', () => {
    const old = f('old', { currentlyIn: { dev: { since: '2025-01-01T09:00:00Z' } }, verifiedIn: { dev: {} } });
    const next = f('next');
    const stage = devWith({ freightHistory: [{ items: { 'Warehouse/wh': { name: 'next', origin: wh } } }] });
    const { updated } = ok(syncFreightCurrentIn(stage, [old, next], { now: NOW }));
    expect(updated.map((x) => [x.metadata.name, x.status])).toEqual([
      ['old', { currentlyIn: {}, verifiedIn: { dev: { longestSoak: '3h0m0s' } } }],
      ['next', { currentlyIn: { dev: { since: NOW } } }],
    ]);
  });

  it('changes nothing when Freight is already in step', () => {
    const cur = f('cur', { currentlyIn: { dev: { since: '2025-01-01T09:00:00Z' } } });
    const stage = devWith({ freightHistory: [{ items: { 'Warehouse/wh': { name: 'cur', origin: wh } } }] });
    expect(ok(syncFreightCurrentIn(stage, [cur, f('other')], { now: NOW })).updated).toEqual([]);
  });

  it('reports Freight the Stage names but the caller did not pass', () => {
    const stage = devWith({ freightHistory: [{ items: { 'Warehouse/wh': { name: 'gone', origin: wh } } }] });
    const r = syncFreightCurrentIn(stage, [], { now: NOW });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => [i.code, i.message])).toEqual([['PIPELINE_FREIGHT_NOT_FOUND', 'Freight "gone" not found in namespace "p"']]);
  });
});

describe('markCurrentFreightVerified', () => {
  const collection = (phase: string) => ({
    items: { 'Warehouse/wh': { name: 'cur', origin: wh } },
    verificationHistory: [{ id: 'v2', phase, finishTime: '2025-01-01T11:00:00Z' }, { id: 'v1', phase: 'Failed' }],
  });

  it('marks the current Freight verified at the verification finish time', () => {
    const stage = devWith({ health: { status: 'Healthy' }, freightHistory: [collection('Successful')] });
    const { updated } = ok(markCurrentFreightVerified(stage, [f('cur'), f('other')]));
    expect(updated.map((x) => [x.metadata.name, x.status.verifiedIn])).toEqual([['cur', { dev: { verifiedAt: '2025-01-01T11:00:00Z' } }]]);
  });

  it('waits for health and a successful newest verification', () => {
    expect(ok(markCurrentFreightVerified(devWith({ health: { status: 'Unhealthy' }, freightHistory: [collection('Successful')] }), [f('cur')])).updated).toEqual([]);
    expect(ok(markCurrentFreightVerified(devWith({ health: { status: 'Healthy' }, freightHistory: [collection('Failed')] }), [f('cur')])).updated).toEqual([]);
    expect(ok(markCurrentFreightVerified(devWith({ health: { status: 'Healthy' }, freightHistory: [collection('Running')] }), [f('cur')])).updated).toEqual([]);
  });
});

describe('verifyControlFlowFreight', () => {
  it('verifies what is available to the junction, so it flows downstream', () => {
    const junction = deepFreeze(stageRes({ name: 'gate', requestedFreight: [{ origin: wh, sources: { stages: ['qa'] } }] }));
    const downstream = deepFreeze(stageRes({ name: 'prod', requestedFreight: [{ origin: wh, sources: { stages: ['gate'] } }] }));
    const passed = f('passed', { verifiedIn: { qa: {} } });
    const { updated } = ok(verifyControlFlowFreight(junction, [passed, f('fresh')], { now: NOW }));
    expect(updated.map((x) => x.metadata.name)).toEqual(['passed']);
    expect(isFreightAvailable(downstream, updated[0]!, { now: NOW })).toBe(true);
    expect(ok(verifyControlFlowFreight(junction, updated, { now: NOW })).updated).toEqual([]);
  });
});
