import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { builtinSteps, createStepRegistry, defineStep, runPromotion, runPromotionToEnd, withPromotionStatus } from '../../../src/promotion/index.js';
import type { PromotionSnapshot, StepRunContext } from '../../../src/promotion/index.js';
import type { PromotionStep } from '../../../src/model/index.js';
import { defineLazyField } from '../../../src/promotion/lazy-field.js';
import { collect, promotionOf, registry, runOnce } from './helpers.js';

const NOW = '2026-01-01T00:00:00Z';
const last = <T>(xs: readonly T[]): T => xs[xs.length - 1] as T;

const steps: PromotionStep[] = [
  { uses: 'compose-output', as: 'a', config: { v: 1 } },
  { uses: 'scripted', as: 'b', config: { health: true, output: { w: '${{ outputs.a.v + 1 }}' } } },
  { uses: 'compose-output', as: 'deploy::info', config: { url: 'https://x' } },
  { uses: 'scripted', as: 'deploy::next', config: { output: { u: '${{ task.outputs.info.url }}' } } },
  { uses: 'fail', as: 'c', continueOnError: true },
  { uses: 'compose-output', as: 'd', config: { s: "${{ status('c') }}/${{ outputs.deploy.url }}" } },
];

describe('runPromotion snapshots', () => {
  it('never change after they are yielded', async () => {
    const atYield: string[] = [];
    const snaps: PromotionSnapshot[] = [];
    for await (const s of runPromotion(promotionOf(steps), {}, { steps: registry, now: NOW })) {
      atYield.push(JSON.stringify(s));
      snaps.push(s);
    }
    expect(snaps).toHaveLength(steps.length);
    expect(snaps.map((s) => JSON.stringify(s))).toEqual(atYield);
    expect(snaps.map((s) => s.status.stepExecutionMetadata.length)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(Object.keys(snaps[1]?.status.state ?? {})).toEqual(['a', 'b']);
    expect(last(snaps).status.state).toEqual({ a: { v: 1 }, b: { w: 2 }, 'deploy::info': { url: 'https://x' }, deploy: { url: 'https://x' }, 'deploy::next': { u: 'https://x' }, c: null, d: { s: 'Errored/https://x' } });
  });

  it('read as plain statuses: spread, structuredClone and JSON give the same fields in the same order', async () => {
    const snaps = await runOnce(promotionOf(steps));
    for (const snap of snaps) {
      const cloned = structuredClone(snap.status);
      const parsed: unknown = JSON.parse(JSON.stringify(snap.status));
      expect(cloned).toEqual(parsed);
      expect({ ...snap.status }).toEqual(parsed);
      expect(Object.keys(cloned)).toEqual(Object.keys(parsed as object));
    }
    expect(Object.keys(snaps[1]?.status ?? {})).toEqual(['phase', 'currentStep', 'stepExecutionMetadata', 'state', 'healthChecks']);
    expect(Object.keys(snaps[0]?.status ?? {})).toEqual(['phase', 'currentStep', 'stepExecutionMetadata', 'state']);
    const final = last(snaps).status;
    const descriptor = Object.getOwnPropertyDescriptor(final, 'state');
    expect(descriptor !== undefined && 'value' in descriptor).toBe(true);
  });

  it('share frozen entries between snapshots but give each its own arrays and maps', async () => {
    const snaps = await runOnce(promotionOf(steps));
    const [first, second] = [snaps[0]?.status, snaps[1]?.status];
    expect(first?.stepExecutionMetadata[0]).toBe(second?.stepExecutionMetadata[0]);
    expect(Object.isFrozen(first?.stepExecutionMetadata[0])).toBe(true);
    expect(first?.state['a']).toBe(second?.state['a']);
    expect(Object.isFrozen(second?.healthChecks?.[0])).toBe(true);
    expect(first?.stepExecutionMetadata).not.toBe(second?.stepExecutionMetadata);
    (first?.stepExecutionMetadata as unknown[]).push('extra');
    (first?.state as Record<string, unknown>)['zzz'] = 1;
    expect(second?.stepExecutionMetadata).toHaveLength(2);
    expect(second?.state).not.toHaveProperty('zzz');
    expect(first?.stepExecutionMetadata).toBe(first?.stepExecutionMetadata);
  });

  it('can be frozen or overwritten before their fields are read', async () => {
    const snaps = await runOnce(promotionOf(steps));
    const frozen = Object.freeze(snaps[2]?.status);
    expect(frozen?.state).toEqual({ a: { v: 1 }, b: { w: 2 }, 'deploy::info': { url: 'https://x' }, deploy: { url: 'https://x' } });
    expect(frozen?.state).toBe(frozen?.state);
    const status = snaps[3]?.status as { state: unknown };
    status.state = { replaced: true };
    expect(status.state).toEqual({ replaced: true });
  });

  it('resume from any snapshot, read as JSON or as it is, to the same end', async () => {
    const promotion = promotionOf(steps);
    const undisturbed = await runPromotionToEnd(promotion, {}, { steps: registry, now: NOW });
    const snaps = await runOnce(promotion);
    for (const snap of snaps.slice(0, -1)) {
      const stored = JSON.parse(JSON.stringify(snap.status)) as typeof snap.status;
      expect(await runPromotionToEnd(withPromotionStatus(promotion, stored), {}, { steps: registry, now: NOW })).toEqual(undisturbed);
      expect(await runPromotionToEnd(withPromotionStatus(promotion, snap.status), {}, { steps: registry, now: NOW })).toEqual(undisturbed);
    }
  });
});

describe('runPromotion step contexts', () => {
  it('give each runner the state as it was when the step ran, even when read later', async () => {
    const seen: StepRunContext[] = [];
    const keep = defineStep({ uses: 'keep', configSchema: z.object({ v: z.number() }), run: (c, ctx) => { seen.push(ctx); return { status: 'Succeeded', output: { v: c.v } }; } });
    const steps = createStepRegistry([...builtinSteps, keep]);
    await runPromotionToEnd(promotionOf([{ uses: 'keep', as: 'a', config: { v: 1 } }, { uses: 'keep', as: 'b', config: { v: 2 } }, { uses: 'keep', as: 'c', config: { v: 3 } }]), {}, { steps, now: NOW });
    expect(seen.map((ctx) => Object.keys(ctx.state))).toEqual([[], ['a'], ['a', 'b']]);
    expect(seen[2]?.state).toEqual({ a: { v: 1 }, b: { v: 2 } });
    expect(JSON.parse(JSON.stringify(seen[1]))).toMatchObject({ alias: 'b', state: { a: { v: 1 } } });
  });
});

describe('runPromotion over long promotions', () => {
  it('threads outputs, task outputs and step records through thousands of steps', async () => {
    const count = 3_000;
    const list: PromotionStep[] = [{ uses: 'compose-output', as: 's0', config: { n: 0 } }];
    for (let i = 1; i < count; i++) {
      list.push(
        i % 500 === 0
          ? { uses: 'compose-output', as: `t${i}::x`, config: { n: `\${{ outputs.s${i - 1}.n + 1 }}`, first: "${{ status('s0') }}" } }
          : { uses: 'compose-output', as: `s${i}`, config: { n: i % 500 === 1 && i > 1 ? `\${{ outputs.t${i - 1}.n + 1 }}` : `\${{ outputs.s${i - 1}.n + 1 }}` } },
      );
    }
    const snaps = await collect(runPromotion(promotionOf(list), {}, { steps: registry, now: NOW }));
    const final = last(snaps).status;
    expect(final.phase).toBe('Succeeded');
    expect(final.stepExecutionMetadata).toHaveLength(count);
    expect(final.state[`s${count - 1}`]).toEqual({ n: count - 1 });
    expect(final.state['t1500']).toEqual({ n: 1500, first: '' });
    expect(snaps[1000]?.status.stepExecutionMetadata).toHaveLength(1001);
    expect(Object.keys(snaps[1000]?.status.state ?? {})).toHaveLength(1001 + 2);
  });
});

describe('defineLazyField', () => {
  it('builds the value once, on first read, and then holds it as data', () => {
    let calls = 0;
    const target: Record<string, unknown> = { a: 1 };
    defineLazyField(target, 'b', () => ({ n: ++calls }));
    expect(calls).toBe(0);
    expect(Object.keys(target)).toEqual(['a', 'b']);
    expect(target['b']).toEqual({ n: 1 });
    expect(target['b']).toBe(target['b']);
    expect(calls).toBe(1);
    expect(Object.getOwnPropertyDescriptor(target, 'b')).toMatchObject({ value: { n: 1 }, writable: true, enumerable: true });
  });
});
