import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  comparePromotions,
  explainAvailability,
  formatGoDuration,
  isFreightAvailable,
  listAvailableFreight,
  longestSoak,
  markFreightApprovedFor,
  matchPromotionPolicy,
  parseGoDuration,
  selectAutoPromotionCandidates,
  decideAutoPromotions,
  indexFreight,
} from '../../src/pipeline/index.js';
import { deepFreeze } from '../fixtures/pipeline/resources.js';

const BASE = Date.parse('2025-01-01T12:00:00Z');
const HOUR = 3_600_000;
const UPSTREAMS = ['a', 'b', 'c'] as const;
const SOAKS = [undefined, '0s', '30m', '1h', '2h', '1h30m'] as const;
const soakMs = (s: string | undefined) => (s === undefined ? 0 : (parseGoDuration(s) as { value: number }).value);

const origin = fc.constantFrom({ kind: 'Warehouse', name: 'wh' }, { kind: 'Warehouse', name: 'wh2' });
const iso = (offsetMs: number) => new Date(BASE + offsetMs).toISOString();

const sources = fc.record(
  {
    direct: fc.boolean(),
    stages: fc.subarray([...UPSTREAMS]),
    availabilityStrategy: fc.constantFrom('', 'OneOf', 'All'),
    requiredSoakTime: fc.constantFrom(...SOAKS),
    autoPromotionOptions: fc.constantFrom({ selectionPolicy: 'NewestFreight' }, { selectionPolicy: 'MatchUpstream' }),
  },
  { requiredKeys: ['stages'] },
);

const stageArb = fc
  .array(fc.record({ origin, sources }), { minLength: 1, maxLength: 3 })
  .map((requestedFreight) => ({
    apiVersion: 'kargo.akuity.io/v1alpha1',
    kind: 'Stage',
    metadata: { name: 'target', namespace: 'p' },
    spec: { requestedFreight },
  }));

const stageNames = fc.subarray(['a', 'b', 'c', 'target', 'sibling']);
const statusArb = fc.record(
  {
    verifiedIn: stageNames.chain((names) =>
      fc.tuple(...names.map((n) => fc.tuple(fc.constant(n), fc.option(fc.constantFrom('10m', '45m', '1h', '3h'), { nil: undefined })))).map(
        (pairs) => Object.fromEntries(pairs.map(([n, soak]) => [n, soak ? { longestSoak: soak } : {}])),
      ),
    ),
    currentlyIn: stageNames.chain((names) =>
      fc.tuple(...names.map((n) => fc.tuple(fc.constant(n), fc.integer({ min: -4 * HOUR, max: HOUR })))).map((pairs) =>
        Object.fromEntries(pairs.map(([n, off]) => [n, { since: iso(off) }])),
      ),
    ),
    approvedFor: fc.subarray(['target', 'other']).map((names) => Object.fromEntries(names.map((n) => [n, {}]))),
  },
  { requiredKeys: [] },
);

let counter = 0;
const freightArb = fc.record({ origin, status: statusArb, created: fc.integer({ min: -10 * HOUR, max: 0 }), name: fc.constantFrom('f1', 'f2', 'f3', 'f4', 'f5') }).map((f) => ({
  apiVersion: 'kargo.akuity.io/v1alpha1',
  kind: 'Freight',
  metadata: { name: f.name, namespace: 'p', creationTimestamp: iso(f.created), uid: counter++ },
  origin: f.origin,
  status: f.status,
}));

const nowArb = fc.integer({ min: -HOUR, max: 3 * HOUR }).map((off) => iso(off));

function withSoak(stage: ReturnType<typeof structuredClone<any>>, soak: string | undefined) {
  return {
    ...stage,
    spec: {
      requestedFreight: stage.spec.requestedFreight.map((r: any) => {
        const { requiredSoakTime: _drop, ...rest } = r.sources;
        return { ...r, sources: soak === undefined ? rest : { ...rest, requiredSoakTime: soak } };
      }),
    },
  };
}

describe('availability laws', () => {
  it('explainAvailability always agrees with isFreightAvailable, and autoPromotable with listAvailableFreight', () => {
    fc.assert(
      fc.property(stageArb, freightArb, nowArb, (stage, freight, now) => {
        const e = explainAvailability(stage, freight, { now });
        expect(e.available).toBe(isFreightAvailable(stage, freight, { now }));
        expect(e.autoPromotable).toBe(listAvailableFreight(stage, [freight], { now }).length === 1);
        expect(e.reasons.length).toBeGreaterThan(0);
        if (e.available) expect(e.reasons.some((r) => r.effect === 'allows')).toBe(true);
        else expect(e.reasons.some((r) => r.effect === 'blocks')).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('listing through a FreightIndex gives exactly the array answer', () => {
    fc.assert(
      fc.property(stageArb, fc.array(freightArb, { maxLength: 10 }), nowArb, fc.boolean(), (stage, freight, now, ignoreSelectionPolicy) => {
        const opts = { now, ignoreSelectionPolicy };
        expect(listAvailableFreight(stage, indexFreight(freight), opts)).toEqual(listAvailableFreight(stage, freight, opts));
      }),
      { numRuns: 2000 },
    );
  });

  it('an approval never makes Freight unavailable', () => {
    fc.assert(
      fc.property(stageArb, freightArb, nowArb, (stage, freight, now) => {
        const approved = markFreightApprovedFor(freight, 'target', { now });
        if (!approved.ok) throw new Error('approval failed');
        if (isFreightAvailable(stage, freight, { now })) expect(isFreightAvailable(stage, approved.value, { now })).toBe(true);
        // And approval of a requested origin always makes it available.
        const requested = stage.spec.requestedFreight.some((r) => r.origin.name === freight.origin.name);
        expect(isFreightAvailable(stage, approved.value, { now })).toBe(requested);
      }),
      { numRuns: 1000 },
    );
  });

  it('a longer required soak never makes more Freight available', () => {
    fc.assert(
      fc.property(stageArb, fc.uniqueArray(freightArb, { maxLength: 5, selector: (f) => f.metadata.name }), nowArb, fc.constantFrom(...SOAKS), fc.constantFrom(...SOAKS), (stage, freight, now, s1, s2) => {
        const [shorter, longer] = soakMs(s1) <= soakMs(s2) ? [s1, s2] : [s2, s1];
        const many = listAvailableFreight(withSoak(stage, shorter), freight, { now });
        const few = listAvailableFreight(withSoak(stage, longer), freight, { now });
        for (const f of few) expect(many).toContain(f);
        for (const f of freight) {
          if (isFreightAvailable(withSoak(stage, longer), f, { now })) expect(isFreightAvailable(withSoak(stage, shorter), f, { now })).toBe(true);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('time only ever makes Freight available, and nextChange is exactly when', () => {
    fc.assert(
      fc.property(stageArb, freightArb, nowArb, fc.integer({ min: 0, max: 5 * HOUR }), (stage, freight, now, later) => {
        const t0 = Date.parse(now);
        if (isFreightAvailable(stage, freight, { now })) expect(isFreightAvailable(stage, freight, { now: new Date(t0 + later) })).toBe(true);
        const e = explainAvailability(stage, freight, { now });
        if (e.nextChange) {
          expect(e.available).toBe(false);
          expect(e.nextChange.getTime()).toBeGreaterThan(t0);
          expect(isFreightAvailable(stage, freight, { now: e.nextChange })).toBe(true);
          expect(isFreightAvailable(stage, freight, { now: new Date(e.nextChange.getTime() - 1) })).toBe(false);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('decisions are pure: deep-frozen inputs work, nothing is written, answers repeat', () => {
    fc.assert(
      fc.property(stageArb, fc.array(freightArb, { maxLength: 6 }), nowArb, (stage, freight, now) => {
        const before = JSON.stringify([stage, freight]);
        const s = deepFreeze(structuredClone(stage));
        const fs = deepFreeze(structuredClone(freight));
        const list1 = listAvailableFreight(s, fs, { now }).map((f) => f.metadata.uid);
        const list2 = listAvailableFreight(s, fs, { now: new Date(now) }).map((f) => f.metadata.uid);
        expect(list1).toEqual(list2);
        for (const f of fs) {
          expect(explainAvailability(s, f, { now })).toEqual(explainAvailability(s, f, { now }));
          longestSoak(f, 'a', { now });
        }
        selectAutoPromotionCandidates(s, fs);
        decideAutoPromotions(s, { freight: fs, promotions: [], projectConfig: undefined, now, ids: () => '01' });
        expect(JSON.stringify([stage, freight])).toBe(before);
      }),
      { numRuns: 500 },
    );
  });

  it('listAvailableFreight and candidate selection do not depend on input order', () => {
    fc.assert(
      fc.property(stageArb, fc.array(freightArb, { maxLength: 8 }), nowArb, fc.integer(), (stage, freight, now, seed) => {
        // Distinct names: with duplicates, which copy is kept is order-dependent by design.
        const unique = [...new Map(freight.map((f) => [f.metadata.name, f])).values()];
        const shuffled = [...unique].sort((x, y) => ((x.metadata.uid * 7919 + seed) % 13) - ((y.metadata.uid * 7919 + seed) % 13));
        const a = listAvailableFreight(stage, unique, { now });
        const b = listAvailableFreight(stage, shuffled, { now });
        expect(b).toEqual(a);
        expect(selectAutoPromotionCandidates(stage, [...a].reverse())).toEqual(selectAutoPromotionCandidates(stage, a));
      }),
      { numRuns: 500 },
    );
  });
});

describe('ordering and duration laws', () => {
  const phase = fc.constantFrom('', 'Pending', 'Running', 'Succeeded', 'Failed', 'Errored', 'Aborted');
  const promo = fc.record({ name: fc.string({ maxLength: 4 }), phase }).map((p) => ({ metadata: { name: p.name }, status: { phase: p.phase } }));

  it('comparePromotions is a consistent total order', () => {
    fc.assert(
      fc.property(promo, promo, promo, (a, b, c) => {
        expect(comparePromotions(a, b)).toBe(-comparePromotions(b, a) || 0);
        if (comparePromotions(a, b) <= 0 && comparePromotions(b, c) <= 0) expect(comparePromotions(a, c)).toBeLessThanOrEqual(0);
      }),
      { numRuns: 2000 },
    );
  });

  it('formatGoDuration and parseGoDuration round-trip whole milliseconds', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (ms) => {
        const r = parseGoDuration(formatGoDuration(ms));
        expect(r.ok && r.value).toBe(ms);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('broken input never throws', () => {
  it('availability, explanations, candidates and policies answer anything', () => {
    const junk = fc.anything({ withNullPrototype: true, withBoxedValues: true, withSparseArray: true, maxDepth: 4 });
    const stageish = fc.oneof(
      junk,
      fc.record({ metadata: junk, spec: fc.oneof(junk, fc.record({ requestedFreight: fc.oneof(junk, fc.array(fc.oneof(junk, fc.record({ origin: junk, sources: junk })))) })) }),
    );
    const freightish = fc.oneof(junk, fc.record({ metadata: junk, origin: junk, status: fc.oneof(junk, fc.record({ verifiedIn: junk, currentlyIn: junk, approvedFor: junk })) }));
    fc.assert(
      fc.property(stageish, freightish, fc.oneof(nowArb, junk), junk, (stage: any, freight: any, now: any, config: any) => {
        const e = explainAvailability(stage, freight, { now });
        expect(e.available).toBe(isFreightAvailable(stage, freight, { now }));
        listAvailableFreight(stage, [freight, freight], { now });
        expect(listAvailableFreight(stage, indexFreight([freight, freight]), { now })).toEqual(listAvailableFreight(stage, [freight, freight], { now }));
        listAvailableFreight(stage, freight, { now });
        if (stage && typeof stage === 'object') {
          selectAutoPromotionCandidates(stage, [freight]);
          const m = matchPromotionPolicy(config, stage);
          expect(m.index === null || typeof m.index === 'number').toBe(true);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('parseGoDuration reports, never throws', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const r = parseGoDuration(text);
        if (r.ok) expect(Number.isFinite(r.value)).toBe(true);
        else expect(r.issues[0]?.code).toBe('PIPELINE_INVALID_DURATION');
      }),
      { numRuns: 3000 },
    );
  });
});
