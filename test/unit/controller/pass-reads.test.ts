import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createManualClock, createMemoryStore } from '../../../src/adapters/memory/index.js';
import { canonicalJson, ListedKind, sameJson } from '../../../src/controller/context.js';
import { soakWakes } from '../../../src/controller/reconcile-stage.js';
import type { KargoResource } from '../../../src/model/index.js';

const json = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom(undefined, null, true, false, 0, -0, 1, Number.NaN, Number.POSITIVE_INFINITY, '', 'a', 'b'),
    fc.constant(new Date(0)),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom('a', 'b', 'c'), tie('value'), { maxKeys: 3 }),
  ),
})).value;

describe('sameJson', () => {
  it('agrees with comparing canonical JSON texts', () => {
    fc.assert(fc.property(json, json, (a, b) => sameJson(a, b) === (canonicalJson(a) === canonicalJson(b))), { numRuns: 3000 });
  });

  it('finds a value equal to its copy, and unequal to a copy with one change', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('a', 'b', 'c'), json, { minKeys: 1, maxKeys: 3 }), (value) => {
        const copy = structuredClone(value);
        expect(sameJson(value, copy)).toBe(canonicalJson(value) === canonicalJson(copy));
        expect(sameJson(value, { ...copy, extra: 'x' })).toBe(false);
      }),
      { numRuns: 500 },
    );
  });
});

const doc = (name: string, stage: string, version: number) => Object.freeze({ metadata: Object.freeze({ name, namespace: 'p' }), spec: Object.freeze({ stage }), version });
const stageOf = (d: { spec: { stage: string } }) => d.spec.stage;

describe('a listed kind carried from pass to pass', () => {
  it('catches up to any later list in store order: it then holds that list, and its groupings match it', () => {
    const names = ['a', 'b', 'c', 'd', 'e'];
    fc.assert(
      fc.property(
        fc.subarray(names),
        fc.array(fc.constantFrom(...names), { maxLength: 6 }),
        fc.array(fc.constantFrom('x', 'y'), { minLength: 12, maxLength: 12 }),
        fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
        (before, after, stages, keep) => {
          const old = before.map((n, i) => doc(n, stages[i] as string, 0));
          const byName = new Map(old.map((d) => [d.metadata.name, d]));
          const next = after.map((n, i) => (keep[i] && byName.has(n) ? (byName.get(n) as ReturnType<typeof doc>) : doc(n, stages[6 + i] as string, 1)));
          const inOrder = next.every((d, i) => i === 0 || (next[i - 1] as ReturnType<typeof doc>).metadata.name < d.metadata.name);
          const listed = new ListedKind([...old]);
          listed.grouped('stage', stageOf, 'x');
          expect(listed.catchUp(next)).toBe(inOrder);
          const expected = inOrder ? next : old;
          expect(listed.sorted).toEqual(expected);
          expect(listed.sorted.every((d, i) => d === expected[i])).toBe(true);
          for (const stage of ['x', 'y']) expect(listed.grouped('stage', stageOf, stage)).toEqual(expected.filter((d) => d.spec.stage === stage));
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('soak wakes', () => {
  it('wake a Stage when a Freight currently in a verified upstream completes its soak, and not for soaks already done', () => {
    const stage = { spec: { requestedFreight: [{ origin: { kind: 'Warehouse', name: 'w' }, sources: { stages: ['up'], requiredSoakTime: '10m' } }] } };
    const now = Date.parse('2026-01-01T00:05:00Z');
    const freight = (since: string, longestSoak?: string) => ({
      origin: { kind: 'Warehouse', name: 'w' },
      status: { currentlyIn: { up: { since } }, verifiedIn: { up: longestSoak === undefined ? {} : { longestSoak } } },
    });
    expect(soakWakes(stage, [freight('2026-01-01T00:00:00Z')], now)).toEqual([Date.parse('2026-01-01T00:10:00Z')]);
    expect(soakWakes(stage, [freight('2026-01-01T00:00:00Z', '10m')], now)).toEqual([]);
    expect(soakWakes(stage, [freight('2025-12-31T23:00:00Z')], now)).toEqual([]);
    const elsewhere = { origin: { kind: 'Warehouse', name: 'w' }, status: { currentlyIn: { other: { since: '2026-01-01T00:00:00Z' } }, verifiedIn: { up: {} } } };
    expect(soakWakes(stage, [elsewhere], now)).toEqual([]);
  });
});

describe('the memory store lists without copying', () => {
  it('hands out frozen resources in store order, the same objects until they are written', async () => {
    const store = createMemoryStore({ clock: createManualClock('2026-01-01T00:00:00Z') });
    const stage = (name: string, namespace: string): KargoResource =>
      ({ apiVersion: 'kargo.akuity.io/v1alpha1', kind: 'Stage', metadata: { name, namespace }, spec: { requestedFreight: [] } }) as unknown as KargoResource;
    store.load([stage('b', 'p'), stage('a', 'q'), stage('a', 'p')]);
    const first = await store.list('Stage', {});
    if (!first.ok) throw new Error(first.failure.message);
    expect(first.value.map((r) => `${r.metadata.namespace}/${r.metadata.name}`)).toEqual(['p/a', 'p/b', 'q/a']);
    expect(Object.isFrozen(first.value) && first.value.every((r) => Object.isFrozen(r) && Object.isFrozen(r.spec))).toBe(true);
    expect(() => {
      (first.value[0] as unknown as { spec: { x: number } }).spec.x = 1;
    }).toThrow(TypeError);

    const written = await store.updateStatus('Stage', { namespace: 'p', name: 'b', status: { phase: 'x' } });
    if (!written.ok) throw new Error(written.failure.message);
    const second = await store.list('Stage', {});
    if (!second.ok) throw new Error(second.failure.message);
    expect(second.value[0]).toBe(first.value[0]);
    expect(second.value[1]).not.toBe(first.value[1]);
    expect(second.value[1]?.spec).toBe(first.value[1]?.spec);
    expect((second.value[1] as unknown as { status: unknown }).status).toEqual({ phase: 'x' });

    const got = await store.get('Stage', { namespace: 'p', name: 'a' });
    if (!got.ok || got.value === undefined) throw new Error('missing');
    expect(Object.isFrozen(got.value)).toBe(false);
  });
});
