import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildStageGraph,
  decideAutoPromotions,
  explainAvailability,
  isFreightAvailable,
  listAvailableFreight,
  matchPromotionPolicy,
  topologicalOrder,
  type FreightLike,
  type ProjectConfigLike,
  type PromotionLike,
  type StageLike,
} from '../../src/pipeline/index.js';
import { deepFreeze } from '../fixtures/pipeline/resources.js';

const BASE = Date.parse('2025-01-01T12:00:00Z');
const HOUR = 3_600_000;
const STAGES = ['s0', 's1', 's2', 's3', 's4'] as const;
const WAREHOUSES = ['wh-a', 'wh-b'] as const;
const iso = (offsetMs: number): string => new Date(BASE + offsetMs).toISOString();

const requestArb = fc.record({
  origin: fc.constantFrom(...WAREHOUSES).map((name) => ({ kind: 'Warehouse', name })),
  sources: fc.record(
    {
      direct: fc.boolean(),
      stages: fc.subarray([...STAGES], { maxLength: 3 }),
      availabilityStrategy: fc.constantFrom('OneOf', 'All'),
      requiredSoakTime: fc.constantFrom('30m', '1h', '2h'),
      autoPromotionOptions: fc.constantFrom({ selectionPolicy: 'NewestFreight' }, { selectionPolicy: 'MatchUpstream' }),
    },
    { requiredKeys: ['stages'] },
  ),
});

const freightNames = ['f1', 'f2', 'f3', 'f4', 'f5', 'f6'] as const;

/** A map from some Stage names to a value: how Freight status and Stage history are written. */
const byStage = <T>(value: fc.Arbitrary<T>) =>
  fc.subarray([...STAGES]).chain((names) => fc.tuple(...names.map((n) => value.map((v) => [n, v] as const))).map((pairs) => Object.fromEntries(pairs)));

const freightArb = (name: string) =>
  fc
    .record({
      origin: fc.constantFrom(...WAREHOUSES),
      created: fc.integer({ min: -10 * HOUR, max: 0 }),
      verifiedIn: byStage(fc.option(fc.constantFrom('10m', '45m', '1h', '3h'), { nil: undefined }).map((soak) => (soak ? { longestSoak: soak } : {}))),
      currentlyIn: byStage(fc.integer({ min: -4 * HOUR, max: 0 }).map((off) => ({ since: iso(off) }))),
      approvedFor: byStage(fc.constant({})),
    })
    .map(
      (f): FreightLike => ({
        apiVersion: 'kargo.akuity.io/v1alpha1',
        kind: 'Freight',
        metadata: { name, namespace: 'p', creationTimestamp: iso(f.created) },
        origin: { kind: 'Warehouse', name: f.origin },
        status: { verifiedIn: f.verifiedIn, currentlyIn: f.currentlyIn, approvedFor: f.approvedFor },
      }),
    );

const stageArb = (name: string) =>
  fc
    .record({
      requests: fc.uniqueArray(requestArb, { minLength: 1, maxLength: 2, selector: (r) => r.origin.name }),
      steps: fc.boolean(),
      current: fc.option(fc.constantFrom(...freightNames), { nil: undefined }),
      label: fc.constantFrom('a', 'b'),
    })
    .map(
      (s): StageLike => ({
        apiVersion: 'kargo.akuity.io/v1alpha1',
        kind: 'Stage',
        metadata: { name, namespace: 'p', labels: { tier: s.label } },
        spec: {
          requestedFreight: s.requests,
          ...(s.steps ? { promotionTemplate: { spec: { steps: [{ uses: 'argocd-update' }] } } } : {}),
        },
        ...(s.current ? { status: { freightHistory: [{ items: { 'Warehouse/wh-a': { name: s.current, origin: { kind: 'Warehouse', name: 'wh-a' } } } }] } } : {}),
      }),
    );

const projectArb = fc.record({
  stages: fc.tuple(...STAGES.map((n) => stageArb(n))),
  freight: fc.subarray([...freightNames], { minLength: 1 }).chain((names) => fc.tuple(...names.map((n) => freightArb(n)))),
  promotions: fc
    .array(fc.record({ stage: fc.constantFrom(...STAGES), freight: fc.constantFrom(...freightNames), phase: fc.constantFrom('Succeeded', 'Failed', 'Running', undefined) }), { maxLength: 4 })
    .map((list) =>
      list.map(
        (p, i): PromotionLike => ({
          apiVersion: 'kargo.akuity.io/v1alpha1',
          kind: 'Promotion',
          metadata: { name: `${p.stage}.01j${String(i).padStart(23, '0')}.${p.freight}`, namespace: 'p' },
          spec: { stage: p.stage, freight: p.freight },
          ...(p.phase ? { status: { phase: p.phase } } : {}),
        }),
      ),
    ),
  config: fc.constantFrom<ProjectConfigLike>(
    { spec: { promotionPolicies: [{ stageSelector: { name: 'glob:*' }, autoPromotionEnabled: true }] } },
    { spec: { promotionPolicies: [{ stageSelector: { matchLabels: { tier: 'a' } }, autoPromotionEnabled: true }] } },
    { spec: { promotionPolicies: [] } },
  ),
  now: fc.integer({ min: -HOUR, max: 3 * HOUR }).map(iso),
});

/** A fresh, deterministic id source: ULID-shaped, increasing. */
function idSource(): () => string {
  let n = 0;
  return () => `01JAAAAAAAAAAAAAAAAAAA${String(n++).padStart(4, '0')}`;
}

describe('pipeline decisions', () => {
  it('auto-promotion only ever targets Freight that is available to the Stage at that time', () => {
    let created = 0;
    fc.assert(
      fc.property(projectArb, ({ stages, freight, promotions, config, now }) => {
        for (const stage of stages) {
          const plan = decideAutoPromotions(stage, { freight, promotions, projectConfig: config, now, ids: idSource() });
          for (const promotion of plan.create) {
            created++;
            expect(promotion.spec.stage).toBe(stage.metadata?.name);
            const target = freight.find((f) => f.metadata?.name === promotion.spec.freight);
            expect(target, promotion.metadata.name).toBeDefined();
            expect(isFreightAvailable(stage, target as FreightLike, { now })).toBe(true);
            expect(explainAvailability(stage, target as FreightLike, { now }).autoPromotable).toBe(true);
            expect(promotion.metadata.name.startsWith(`${stage.metadata?.name}.`)).toBe(true);
          }
          for (const name of Object.values(plan.candidates)) {
            expect(listAvailableFreight(stage, freight, { now }).map((f) => f.metadata?.name)).toContain(name);
          }
        }
      }),
      { numRuns: 300 },
    );
    // The law is not vacuous: the random projects do lead to Promotions.
    expect(created).toBeGreaterThan(20);
  });

  it('every decision is pure: the same input gives the same output, and frozen inputs are not touched', () => {
    fc.assert(
      fc.property(projectArb, (project) => {
        const snapshot = structuredClone(project);
        const { stages, freight, promotions, config, now } = deepFreeze(project);
        const decide = () =>
          stages.map((stage) => ({
            plan: decideAutoPromotions(stage, { freight, promotions, projectConfig: config, now, ids: idSource() }),
            available: listAvailableFreight(stage, freight, { now }).map((f) => f.metadata?.name),
            explanations: freight.map((f) => explainAvailability(stage, f, { now })),
            flags: freight.map((f) => isFreightAvailable(stage, f, { now })),
            policy: matchPromotionPolicy(config, stage),
          }));
        const graph = () => {
          const result = buildStageGraph({ stages, warehouses: WAREHOUSES.map((name) => ({ metadata: { name } })) });
          return { result, order: result.ok ? topologicalOrder(result.value) : undefined };
        };
        const first = decide();
        expect(decide()).toEqual(first);
        expect(graph()).toEqual(graph());
        // The explanation and the point check never disagree.
        for (const d of first) d.explanations.forEach((e, i) => expect(e.available).toBe(d.flags[i]));
        expect(project).toEqual(snapshot);
      }),
      { numRuns: 150 },
    );
  });
});
