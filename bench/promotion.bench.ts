/**
 * The step engine's overhead: a promotion of 1,000 `compose-output` steps run by the engine
 * (aliases, expression environments, metadata, state) against calling the step function 1,000
 * times directly with a ready context.
 */
import { builtinSteps, composeOutputStep, createStepRegistry, runPromotionToEnd, type RunnablePromotion, type StepRunContext } from '../src/promotion/index.js';
import { performance } from 'node:perf_hooks';
import { compare, type BenchResult } from './measure.js';

const STEPS = 1_000;
const NOW = '2026-01-01T00:00:00Z';
const registry = createStepRegistry(builtinSteps);

function promotionOf(count: number): RunnablePromotion {
  return {
    metadata: { name: 'bench.01.abc', namespace: 'bench' },
    spec: { stage: 'bench', steps: Array.from({ length: count }, (_, i) => ({ uses: 'compose-output', as: `s${i}`, config: { index: i, label: 'step' } })) },
  };
}

/** Engine overhead per step on a 1,000-step compose-output promotion, as a ratio to direct calls. */
export async function benchPromotion(): Promise<BenchResult[]> {
  return [await benchSteps(100), await benchSteps(STEPS)];
}

// Two sizes show how the overhead per step grows with the length of the promotion.
async function benchSteps(count: number): Promise<BenchResult> {
  const promotion = promotionOf(count);
  const context = (i: number): StepRunContext => ({ alias: `s${i}`, index: i, project: 'bench', stage: 'bench', promotion: 'bench.01.abc', state: {}, vars: {}, freight: [], now: new Date(NOW), ports: {} });
  const contexts = Array.from({ length: count }, (_, i) => context(i));
  const run = composeOutputStep.run;
  let failed = '';
  const engine = async (): Promise<void> => {
    const status = await runPromotionToEnd(promotion, {}, { steps: registry, now: NOW });
    if (status.phase !== 'Succeeded') failed = status.message ?? status.phase;
  };
  const direct = async (): Promise<void> => {
    for (let i = 0; i < count; i++) await run({ index: i, label: 'step' }, contexts[i] as StepRunContext);
  };
  const result = await compare(`runPromotion(${count} compose-output steps)`, engine, `composeOutputStep.run x${count}`, direct, { samples: 5, warmupMs: 200, minSampleMs: 25 });
  if (failed !== '') throw new Error(`the benchmark promotion did not succeed: ${failed}`);
  const started = performance.now();
  await engine();
  const perStep = (performance.now() - started) / count;
  return { ...result, detail: `${result.detail ?? ''}; about ${perStep < 1 ? `${(perStep * 1000).toFixed(0)} µs` : `${perStep.toFixed(2)} ms`} of engine time per step` };
}
