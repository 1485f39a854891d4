import { describe, expect, it } from 'vitest';
import { explainAvailability, isFreightAvailable, listAvailableFreight } from '../../../../src/pipeline/index.js';
import { deepFreeze, freightRes, stageRes } from '../../../fixtures/pipeline/resources.js';

const NOW = '2025-01-01T12:00:00Z';
const wh = { kind: 'Warehouse', name: 'wh' };
const stage = (sources: object, extra: object = {}) =>
  deepFreeze(stageRes({ name: 'prod', requestedFreight: [{ origin: wh, sources }], ...extra }));
const freight = (status: object, name = 'f1', origin = wh) => deepFreeze(freightRes({ name, origin, status }));

describe('explainAvailability', () => {
  it('says which upstream is still soaking, and when it will be done', () => {
    const s = stage({ stages: ['uat'], requiredSoakTime: '1h' });
    const f = freight({ verifiedIn: { uat: {} }, currentlyIn: { uat: { since: '2025-01-01T11:30:00Z' } } });
    const e = explainAvailability(s, f, { now: NOW });
    expect(e).toMatchObject({ available: false, autoPromotable: false, stage: 'prod', freight: 'f1', origin: 'Warehouse/wh' });
    expect(e.reasons).toEqual([
      {
        kind: 'soaking',
        effect: 'blocks',
        request: 0,
        stage: 'uat',
        soakedMs: 1_800_000,
        requiredMs: 3_600_000,
        remainingMs: 1_800_000,
        until: new Date('2025-01-01T12:30:00Z'),
        message: 'Freight "f1" has soaked in Stage "uat" for 30m0s of the 1h0m0s required; it will be ready at 2025-01-01T12:30:00.000Z',
      },
    ]);
    expect(e.nextChange).toEqual(new Date('2025-01-01T12:30:00Z'));
    // At that time the answer does change.
    expect(isFreightAvailable(s, f, { now: e.nextChange! })).toBe(true);
    expect(isFreightAvailable(s, f, { now: new Date(e.nextChange!.getTime() - 1) })).toBe(false);
  });

  it('has no nextChange when the soak cannot grow (Freight left the upstream)', () => {
    const s = stage({ stages: ['uat'], requiredSoakTime: '1h' });
    const e = explainAvailability(s, freight({ verifiedIn: { uat: { longestSoak: '10m' } } }), { now: NOW });
    expect(e.available).toBe(false);
    expect(e.reasons[0]).toMatchObject({ kind: 'soaking', soakedMs: 600_000, remainingMs: 3_000_000 });
    expect(e.reasons[0]).not.toHaveProperty('until');
    expect(e).not.toHaveProperty('nextChange');
  });

  it('under All, waits for the last upstream to finish soaking', () => {
    const s = stage({ stages: ['a', 'b'], availabilityStrategy: 'All', requiredSoakTime: '1h' });
    const f = freight({
      verifiedIn: { a: {}, b: {} },
      currentlyIn: { a: { since: '2025-01-01T11:15:00Z' }, b: { since: '2025-01-01T11:45:00Z' } },
    });
    const e = explainAvailability(s, f, { now: NOW });
    expect(e.nextChange).toEqual(new Date('2025-01-01T12:45:00Z'));
    expect(isFreightAvailable(s, f, { now: '2025-01-01T12:44:59Z' })).toBe(false);
    expect(isFreightAvailable(s, f, { now: '2025-01-01T12:45:00Z' })).toBe(true);
  });

  it('under All, has no nextChange while some upstream has not verified the Freight', () => {
    const s = stage({ stages: ['a', 'b'], availabilityStrategy: 'All', requiredSoakTime: '1h' });
    const f = freight({ verifiedIn: { a: {} }, currentlyIn: { a: { since: '2025-01-01T11:15:00Z' }, b: { since: NOW } } });
    const e = explainAvailability(s, f, { now: NOW });
    expect(e.reasons.map((r) => r.kind)).toEqual(['soaking', 'not-verified']);
    expect(e.reasons[1]).toMatchObject({ stage: 'b', currentlyIn: true });
    expect(e).not.toHaveProperty('nextChange');
  });

  it('under OneOf, names every upstream and takes the earliest soak', () => {
    const s = stage({ stages: ['a', 'b'], requiredSoakTime: '1h' });
    const f = freight({ verifiedIn: { a: {}, b: {} }, currentlyIn: { a: { since: '2025-01-01T11:15:00Z' }, b: { since: '2025-01-01T11:45:00Z' } } });
    expect(explainAvailability(s, f, { now: NOW }).nextChange).toEqual(new Date('2025-01-01T12:15:00Z'));
  });

  it('reports approval first, since it bypasses everything else', () => {
    const s = stage({ stages: ['uat'], requiredSoakTime: '1h' });
    const e = explainAvailability(s, freight({ approvedFor: { prod: { approvedAt: '2025-01-01T08:00:00Z' } } }), { now: NOW });
    expect(e.available).toBe(true);
    expect(e.reasons).toEqual([
      { kind: 'approved', effect: 'allows', request: 0, approvedAt: '2025-01-01T08:00:00Z', message: 'Freight "f1" is approved for Stage "prod"' },
    ]);
  });

  it('reports direct subscriptions', () => {
    const e = explainAvailability(stage({ direct: true }), freight({}), { now: NOW });
    expect(e.reasons).toEqual([{ kind: 'direct', effect: 'allows', request: 0, origin: 'Warehouse/wh', message: 'Stage "prod" takes Freight directly from Warehouse/wh' }]);
  });

  it('explains an unrequested origin, which approval cannot fix', () => {
    const e = explainAvailability(stage({ direct: true }), freight({ approvedFor: { prod: {} } }, 'x', { kind: 'Warehouse', name: 'other' }), { now: NOW });
    expect(e.available).toBe(false);
    expect(e.reasons).toEqual([
      { kind: 'origin-not-requested', effect: 'blocks', origin: 'Warehouse/other', message: 'Stage "prod" does not request Freight from origin "Warehouse/other"' },
    ]);
  });

  it('explains missing inputs and other namespaces', () => {
    expect(explainAvailability(null, freight({}), { now: NOW }).reasons[0]?.kind).toBe('missing-stage');
    expect(explainAvailability(stage({ direct: true }), undefined, { now: NOW }).reasons[0]?.kind).toBe('missing-freight');
    const elsewhere = deepFreeze(freightRes({ name: 'f', namespace: 'other', origin: wh }));
    expect(explainAvailability(stage({ direct: true }), elsewhere, { now: NOW }).reasons[0]).toMatchObject({
      kind: 'namespace-mismatch',
      stageNamespace: 'p',
      freightNamespace: 'other',
    });
  });

  it('explains requests without upstreams', () => {
    const oneOf = explainAvailability(stage({ stages: [] }), freight({}), { now: NOW });
    expect(oneOf).toMatchObject({ available: false, reasons: [{ kind: 'no-upstreams', strategy: 'OneOf', effect: 'blocks' }] });
    const all = explainAvailability(stage({ stages: [], availabilityStrategy: 'All' }), freight({}), { now: NOW });
    expect(all).toMatchObject({ available: true, reasons: [{ kind: 'no-upstreams', strategy: 'All', effect: 'allows' }] });
  });

  it('explains a soak time that is not a duration', () => {
    const e = explainAvailability(stage({ stages: ['uat'], requiredSoakTime: '1d' }), freight({ verifiedIn: { uat: { longestSoak: '48h' } } }), { now: NOW });
    expect(e).toMatchObject({ available: false, reasons: [{ kind: 'invalid-soak-time', stage: 'uat', value: '1d' }] });
  });

  it('tells manual from automatic promotion under MatchUpstream', () => {
    const s = stage({ stages: ['uat'], autoPromotionOptions: { selectionPolicy: 'MatchUpstream' } });
    const gone = freight({ verifiedIn: { uat: {} } });
    const e = explainAvailability(s, gone, { now: NOW });
    expect(e).toMatchObject({ available: true, autoPromotable: false });
    expect(e.reasons.map((r) => [r.kind, r.effect])).toEqual([
      ['verified-and-soaked', 'allows'],
      ['not-in-upstream', 'info'],
    ]);
    expect(listAvailableFreight(s, [gone], { now: NOW })).toEqual([]);
    expect(listAvailableFreight(s, [gone], { now: NOW, ignoreSelectionPolicy: true })).toEqual([gone]);
    const here = freight({ verifiedIn: { uat: {} }, currentlyIn: { uat: { since: NOW } } }, 'f2');
    expect(explainAvailability(s, here, { now: NOW }).autoPromotable).toBe(true);
  });

  it('follows Kargo when a Stage requests the same origin twice', () => {
    // The first OneOf request finds nothing and falls through; an All request always decides.
    const twice = deepFreeze(
      stageRes({
        name: 'prod',
        requestedFreight: [
          { origin: wh, sources: { stages: ['a'] } },
          { origin: wh, sources: { stages: ['b', 'c'], availabilityStrategy: 'All' } },
          { origin: wh, sources: { direct: true } },
        ],
      }),
    );
    const f = freight({ verifiedIn: { b: {} } });
    const e = explainAvailability(twice, f, { now: NOW });
    expect(e.available).toBe(false);
    expect(isFreightAvailable(twice, f, { now: NOW })).toBe(false);
    expect(e.reasons.map((r) => r.request)).toEqual([0, 1, 1]);
  });
});

describe('listAvailableFreight', () => {
  it('sorts by name and drops duplicate names', () => {
    const s = stage({ direct: true });
    const list = listAvailableFreight(s, [freight({}, 'b'), freight({}, 'a'), freight({}, 'b')], { now: NOW });
    expect(list.map((f) => f.metadata.name)).toEqual(['a', 'b']);
  });

  it('returns nothing for a missing Stage', () => {
    expect(listAvailableFreight(undefined, [freight({})], { now: NOW })).toEqual([]);
  });

  it('applies one rule: Freight soaked in a sibling as well still counts under All (unlike Kargo)', () => {
    const s = stage({ stages: ['a', 'b'], availabilityStrategy: 'All', requiredSoakTime: '1h' });
    const f = freight({ verifiedIn: { a: { longestSoak: '2h' }, b: { longestSoak: '2h' }, sibling: { longestSoak: '3h' } } });
    expect(listAvailableFreight(s, [f], { now: NOW })).toEqual([f]);
  });
});
