import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/controller/simulate.js';
import { timelineToJson } from '../../src/controller/render-json.js';
import type { SimulationEvent } from '../../src/controller/simulation-script.js';
import { scenarioResources } from '../unit/simulation/scenario.js';

const tags = ['1.0.0', '1.0.1', '1.0.2', '1.1.0'];
// 'gone' names no Stage: actions on it must be refused, never thrown.
const stages = ['dev', 'prod', 'gone'];

/** One event without its time; times are added in increasing order. */
const eventBody = fc.oneof(
  fc.record({ type: fc.constant('image-pushed' as const), repoURL: fc.constant('ghcr.io/example/app'), tag: fc.constantFrom(...tags), notify: fc.boolean() }),
  fc.record({ type: fc.constant('promote' as const), stage: fc.constantFrom(...stages), image: fc.constantFrom(...tags) }),
  fc.record({ type: fc.constant('approve' as const), stage: fc.constantFrom(...stages), image: fc.constantFrom(...tags) }),
  fc.record({ type: fc.constant('promote-downstream' as const), stage: fc.constant('dev'), image: fc.constantFrom(...tags) }),
  fc.record({ type: fc.constant('abort-promotion' as const), stage: fc.constantFrom(...stages) }),
  fc.record({ type: fc.constant('reverify' as const), stage: fc.constantFrom(...stages) }),
  fc.record({ type: fc.constant('refresh' as const), kind: fc.constantFrom('Stage' as const, 'Warehouse' as const), name: fc.constantFrom('dev', 'prod', 'app') }),
  fc.record({ type: fc.constant('time-passes' as const) }),
);

const script = fc.array(fc.tuple(fc.integer({ min: 0, max: 90 }), eventBody), { maxLength: 10 }).map((items) => {
  let minute = 0;
  return items.map(([gap, body]) => {
    minute += gap;
    return { at: `+${minute}m`, ...body } as SimulationEvent;
  });
});

describe('simulate, over generated scripts', () => {
  const resources = scenarioResources('longest-soak');

  it('gives the same timeline byte for byte every time, and a timeline whose times are in order', async () => {
    await fc.assert(
      fc.asyncProperty(script, async (events) => {
        const options = { until: '+16h', start: '2026-01-01T00:00:00Z' };
        const setup = { images: [{ repoURL: 'ghcr.io/example/app', tag: '1.0.0' }] };
        const first = await simulate(resources, { setup, events }, options);
        const second = await simulate(resources, { setup, events }, options);
        expect(first.ok).toBe(true);
        if (!first.ok || !second.ok) return;
        expect(timelineToJson(second.value)).toBe(timelineToJson(first.value));

        const t = first.value;
        const ms = (s: string | undefined) => (s === undefined ? Number.NaN : Date.parse(s));
        const start = ms(t.start);
        const end = ms(t.end);
        expect(t.events).toHaveLength(events.length);
        for (const e of t.events) if (e.stage === 'gone') expect(e.outcome).toBe('rejected');
        for (const p of t.promotions) {
          expect(ms(p.createdAt)).toBeGreaterThanOrEqual(start);
          if (p.startedAt !== undefined) expect(ms(p.startedAt)).toBeGreaterThanOrEqual(ms(p.createdAt));
          if (p.finishedAt !== undefined) expect(ms(p.finishedAt)).toBeLessThanOrEqual(end);
        }
        // A Stage holds one Freight per origin at a time: its residencies never overlap.
        for (const stage of ['dev', 'prod']) {
          const spans = t.residencies.filter((r) => r.stage === stage).map((r) => [ms(r.since), r.until === undefined ? end : ms(r.until)] as const);
          spans.sort((a, b) => a[0] - b[0]);
          for (let i = 1; i < spans.length; i++) expect(spans[i]![0]).toBeGreaterThanOrEqual(spans[i - 1]![1]);
        }
        // Nothing becomes available to prod without soaking 30 minutes in dev or an approval.
        for (const a of t.availability.filter((x) => x.stage === 'prod')) {
          if (a.via === 'approved') continue;
          expect(a.via).toBe('soaked');
          const stay = t.residencies.find((r) => r.stage === 'dev' && r.freight === a.freight);
          expect(stay).toBeDefined();
          expect(ms(a.at) - ms(stay!.since)).toBeGreaterThanOrEqual(30 * 60_000);
        }
      }),
      { numRuns: 25 },
    );
  });

  it('gives the same timeline when it skips polling wake-ups as when it honours every one', async () => {
    await fc.assert(
      fc.asyncProperty(script, async (events) => {
        const input = { setup: { images: [{ repoURL: 'ghcr.io/example/app', tag: '1.0.0' }] }, events };
        const fast = await simulate(resources, input, { until: '+8h' });
        const slow = await simulate(resources, input, { until: '+8h', fastForward: false });
        expect(fast.ok && slow.ok).toBe(true);
        if (fast.ok && slow.ok) expect(timelineToJson(slow.value)).toBe(timelineToJson(fast.value));
      }),
      { numRuns: 10 },
    );
  });
});
