import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createManualClock, createMemoryStore } from '../../src/adapters/memory/index.js';
import { createController } from '../../src/controller/index.js';
import type { KargoResource } from '../../src/model/index.js';
import { quickstartResources, sortedIds } from '../unit/controller/fixture.js';

const junk = fc.oneof(fc.constant(null), fc.constant(undefined), fc.string(), fc.integer(), fc.boolean(), fc.array(fc.string(), { maxLength: 2 }), fc.dictionary(fc.string({ maxLength: 5 }), fc.string(), { maxKeys: 2 }));

/** A quickstart resource with one field somewhere replaced by junk. */
const broken = fc
  .tuple(fc.nat(20), fc.constantFrom('spec', 'status', 'origin', 'requestedFreight', 'steps', 'annotations', 'sources', 'interval', 'freightHistory', 'verificationHistory', 'conditions'), junk)
  .map(([pick, field, value]) => {
    const resources = JSON.parse(JSON.stringify(quickstartResources())) as Record<string, any>[];
    const target = resources[pick % resources.length]!;
    if (field === 'annotations') target.metadata.annotations = { 'kargo.akuity.io/abort': value, 'kargo.akuity.io/reverify': value, 'kargo.akuity.io/refresh': value };
    else if (field === 'requestedFreight' && target.spec) target.spec.requestedFreight = value;
    else if (field === 'steps' && target.spec?.promotionTemplate) target.spec.promotionTemplate.spec.steps = value;
    else if (field === 'sources' && target.spec?.requestedFreight?.[0]) target.spec.requestedFreight[0].sources = value;
    else if (field === 'interval' && target.kind === 'Warehouse') target.spec.interval = value;
    else if (field === 'freightHistory' && target.kind === 'Stage') target.status = { freightHistory: value, health: { status: 'Healthy' } };
    else if (field === 'verificationHistory' && target.kind === 'Stage') target.status = { freightHistory: [{ id: 'x', items: {}, verificationHistory: value }], health: { status: 'Healthy' } };
    else if (field === 'conditions') target.status = { conditions: value };
    else target[field] = value;
    const extra = [
      { apiVersion: 'kargo.akuity.io/v1alpha1', kind: 'Promotion', metadata: { name: 'dev.zzz.broken', namespace: 'kargo-demo' }, spec: { stage: 'dev', freight: value, steps: value }, status: { phase: value, currentStep: value } },
      { apiVersion: 'kargo.akuity.io/v1alpha1', kind: 'Freight', metadata: { name: 'f-broken', namespace: 'kargo-demo' }, origin: value, status: { currentlyIn: value, verifiedIn: { dev: value } } },
    ];
    return [...resources, ...extra] as unknown as KargoResource[];
  });

describe('the controller over broken resources', () => {
  it('never throws and always ends, reporting problems as issues', async () => {
    await fc.assert(
      fc.asyncProperty(broken, async (resources) => {
        const clock = createManualClock('2026-03-01T10:00:00Z');
        const store = createMemoryStore({ clock });
        store.load(resources);
        const controller = createController({ ports: { store }, clock, ids: sortedIds() });
        const pass = await controller.settle({ maxPasses: 10 });
        expect(Array.isArray(pass.outcomes)).toBe(true);
        for (const o of pass.outcomes) for (const i of o.issues) expect(typeof i.code).toBe('string');
        const promoted = await controller.promote({ project: 'kargo-demo', stage: 'dev', freight: 'f-broken' });
        if (!promoted.ok) expect(promoted.issues.length).toBeGreaterThan(0);
        // Broken input is reported by the reconcilers, never by one of them throwing.
        expect(pass.outcomes.flatMap((o) => o.issues.filter((i) => i.code === 'CONTROLLER_RECONCILE_FAILED').map((i) => `${o.request.kind}: ${i.message}`))).toEqual([]);
        clock.advance(3_600_000);
        await controller.settle({ maxPasses: 10 });
      }),
      { numRuns: 60 },
    );
  });
});
