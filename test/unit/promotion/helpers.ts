import * as z from 'zod';
import { createStepRegistry, defineStep, runPromotion, builtinSteps } from '../../../src/promotion/index.js';
import type { PromotionSnapshot, RunnablePromotion, StepRegistry, StepResult } from '../../../src/promotion/index.js';
import type { PromotionStep } from '../../../src/model/index.js';

/** A step that returns what its config scripts: a status, an error, an output, a health check, a delay. */
export const scriptedStep = defineStep({
  uses: 'scripted',
  configSchema: z.strictObject({
    status: z.string().optional(),
    error: z.string().optional(),
    terminal: z.boolean().optional(),
    message: z.string().optional(),
    output: z.record(z.string(), z.unknown()).optional(),
    health: z.boolean().optional(),
    retryAfter: z.number().optional(),
    // Returns Running until it has been polled this many times (counted in its own output).
    pollsUntilDone: z.number().optional(),
  }),
  run: (c, ctx): StepResult => {
    if (c.pollsUntilDone !== undefined) {
      const previous = ctx.state[ctx.alias] as { polls?: number } | null | undefined;
      const polls = (previous?.polls ?? 0) + 1;
      if (polls < c.pollsUntilDone) return { status: 'Running', output: { polls }, ...(c.retryAfter === undefined ? {} : { retryAfter: c.retryAfter }) };
      return { status: 'Succeeded', output: { polls } };
    }
    return {
      status: c.status ?? 'Succeeded',
      ...(c.error === undefined ? {} : { error: { message: c.error, terminal: c.terminal === true } }),
      ...(c.message === undefined ? {} : { message: c.message }),
      ...(c.output === undefined ? {} : { output: c.output }),
      ...(c.health === true ? { healthCheck: { uses: 'argocd', config: { app: ctx.alias } } } : {}),
      ...(c.retryAfter === undefined ? {} : { retryAfter: c.retryAfter }),
    };
  },
});

/** The builtin steps plus the scripted one. */
export const registry: StepRegistry = createStepRegistry([...builtinSteps, scriptedStep]);

/** A Promotion with the given steps. */
export function promotionOf(steps: PromotionStep[], extra: Partial<RunnablePromotion['spec']> = {}): RunnablePromotion {
  return { metadata: { name: 'test.01h.abc1234', namespace: 'demo' }, spec: { stage: 'test', freight: 'abc1234', steps, ...extra } };
}

/** Collects every snapshot of one run. */
export async function collect(iterator: AsyncIterable<PromotionSnapshot>): Promise<PromotionSnapshot[]> {
  const out: PromotionSnapshot[] = [];
  for await (const s of iterator) out.push(s);
  return out;
}

/** Runs once with the test registry at a fixed time. */
export function runOnce(promotion: RunnablePromotion, now: string = '2026-01-01T00:00:00Z', extra: { signal?: AbortSignal } = {}): Promise<PromotionSnapshot[]> {
  return collect(runPromotion(promotion, {}, { steps: registry, now, ...extra }));
}
