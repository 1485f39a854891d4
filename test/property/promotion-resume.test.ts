import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { createStepRegistry, defineStep, promotionPhase, runPromotion, withPromotionStatus } from '../../src/promotion/index.js';
import type { PromotionRunStatus, PromotionSnapshot, RunnablePromotion, StepResult } from '../../src/promotion/index.js';
import type { PromotionStep } from '../../src/model/index.js';

// A deterministic step whose behaviour is scripted by its config; `polls` makes it return Running
// until it has been run that many times (it counts in its own output, as a real poller would).
const scripted = defineStep({
  uses: 'scripted',
  configSchema: z.strictObject({ status: z.string(), terminal: z.boolean(), polls: z.number(), out: z.string() }),
  run: (c, ctx): StepResult => {
    const previous = ctx.state[ctx.alias] as { n?: number } | null | undefined;
    const n = (previous?.n ?? 0) + 1;
    if (n < c.polls) return { status: 'Running', output: { n }, retryAfter: 10 };
    const error = c.status === 'Failed' || c.status === 'Errored' ? { error: { message: `${c.status} at ${ctx.alias}`, terminal: c.terminal } } : {};
    return { status: c.status, output: { n, out: c.out }, ...error };
  },
});
const steps = createStepRegistry([scripted]);

const stepArb: fc.Arbitrary<PromotionStep> = fc
  .record({
    status: fc.constantFrom('Succeeded', 'Succeeded', 'Failed', 'Errored', 'Skipped'),
    terminal: fc.boolean(),
    polls: fc.integer({ min: 0, max: 3 }),
    out: fc.constantFrom('a', '${{ vars.v }}', "${{ outputs['step-1'] == nil ? 'none' : 'some' }}"),
    cond: fc.constantFrom(undefined, '${{ always() }}', '${{ failure() }}', '${{ success() }}', "${{ status('step-1') == 'Succeeded' }}"),
    continueOnError: fc.boolean(),
    threshold: fc.constantFrom(undefined, 1, 2, 3),
  })
  .map(({ cond, continueOnError, threshold, ...config }) => ({
    uses: 'scripted',
    config,
    ...(cond === undefined ? {} : { if: cond }),
    ...(continueOnError ? { continueOnError } : {}),
    ...(threshold === undefined ? {} : { retry: { errorThreshold: threshold } }),
  }));

const promotionOf = (list: PromotionStep[]): RunnablePromotion => ({
  metadata: { name: 'p', namespace: 'demo' },
  spec: { stage: 's', freight: 'f', vars: [{ name: 'v', value: 'x' }], steps: list },
});

const options = { steps, now: '2026-01-01T00:00:00Z' };
const MAX_RUNS = 40;

/** Runs as a controller would, re-entering while the promotion waits; returns every snapshot and the final status. */
async function runToEnd(promotion: RunnablePromotion): Promise<{ snapshots: PromotionSnapshot[]; final: PromotionRunStatus }> {
  const snapshots: PromotionSnapshot[] = [];
  let current = promotion;
  let final: PromotionRunStatus | undefined;
  for (let run = 0; run < MAX_RUNS; run++) {
    for await (const s of runPromotion(current, {}, options)) {
      snapshots.push(s);
      final = s.status;
    }
    if (final === undefined || final.phase !== 'Running') break;
    current = withPromotionStatus(promotion, final);
  }
  if (final === undefined) throw new Error('no snapshot');
  return { snapshots, final };
}

describe('resuming a promotion', () => {
  it('from any persisted snapshot gives the same final status as an undisturbed run', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { minLength: 1, maxLength: 6 }), fc.nat(), async (list, pick) => {
        const promotion = promotionOf(list);
        const undisturbed = await runToEnd(promotion);
        expect(undisturbed.final.phase).not.toBe('Running');
        const snapshot = undisturbed.snapshots[pick % undisturbed.snapshots.length] as PromotionSnapshot;
        // A snapshot that went through storage: plain JSON.
        const stored = JSON.parse(JSON.stringify(snapshot.status)) as PromotionRunStatus;
        const resumed = await runToEnd(withPromotionStatus(promotion, stored));
        expect(resumed.final).toEqual(undisturbed.final);
      }),
      { numRuns: 150 },
    );
  });

  it('the final phase is the phase of the recorded step statuses, and every step has one record', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { minLength: 1, maxLength: 6 }), async (list) => {
        const { final } = await runToEnd(promotionOf(list));
        expect(final.phase).toBe(promotionPhase(final.stepExecutionMetadata));
        expect(final.stepExecutionMetadata.map((m) => m.alias)).toEqual(list.map((_, i) => `step-${i + 1}`));
        expect(final.currentStep).toBe(list.length - 1);
      }),
      { numRuns: 100 },
    );
  });

  it('running is pure: the same input gives the same snapshots and the input is not modified', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { minLength: 1, maxLength: 5 }), async (list) => {
        const promotion = promotionOf(list);
        const before = JSON.stringify(promotion);
        const a = await runToEnd(promotion);
        const b = await runToEnd(promotion);
        expect(b.snapshots).toEqual(a.snapshots);
        expect(JSON.stringify(promotion)).toBe(before);
      }),
      { numRuns: 50 },
    );
  });
});
