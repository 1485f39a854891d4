/**
 * The step engine's overhead per step, and whether it stays flat as promotions get longer:
 * promotions of 100, 1,000 and 5,000 `compose-output` steps run by the engine (aliases,
 * expression environments, records, state, a snapshot after every step) against calling the step
 * function as many times directly with a ready context; then the engine's time per step at 5,000
 * steps against its time per step at 100 steps (one 5,000-step promotion against fifty 100-step
 * ones, interleaved). A growth ratio near 1 means the cost of a step does not depend on how many
 * steps came before it.
 */
import { builtinSteps, composeOutputStep, createStepRegistry, runPromotionToEnd, type RunnablePromotion, type StepRunContext } from '../src/promotion/index.js';
import { compare, type BenchResult } from './measure.js';

const SIZES = [100, 1_000, 5_000] as const;
const NOW = '2026-01-01T00:00:00Z';
/** Largest acceptable growth of the engine's time per step from 100 to 5,000 steps. */
const GROWTH_GOAL = 1.5;
const registry = createStepRegistry(builtinSteps);

function promotionOf(count: number): RunnablePromotion {
  return {
    metadata: { name: 'bench.01.abc', namespace: 'bench' },
    spec: { stage: 'bench', steps: Array.from({ length: count }, (_, i) => ({ uses: 'compose-output', as: `s${i}`, config: { index: i, label: 'step' } })) },
  };
}

/** A function that runs the whole promotion through the engine and checks that it succeeded. */
function engineRun(count: number): () => Promise<void> {
  const promotion = promotionOf(count);
  return async () => {
    const status = await runPromotionToEnd(promotion, {}, { steps: registry, now: NOW });
    if (status.phase !== 'Succeeded') throw new Error(`the benchmark promotion did not succeed: ${status.message ?? status.phase}`);
  };
}

/** Engine time per step at 100, 1,000 and 5,000 steps as ratios to direct calls, and its growth. */
export async function benchPromotion(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  for (const count of SIZES) results.push(await benchSteps(count));
  results.push(await benchGrowth(SIZES[0], SIZES[2]));
  return results;
}

async function benchSteps(count: number): Promise<BenchResult> {
  const context = (i: number): StepRunContext => ({ alias: `s${i}`, index: i, project: 'bench', stage: 'bench', promotion: 'bench.01.abc', state: {}, vars: {}, freight: [], now: new Date(NOW), ports: {} });
  const contexts = Array.from({ length: count }, (_, i) => context(i));
  const run = composeOutputStep.run;
  const direct = async (): Promise<void> => {
    for (let i = 0; i < count; i++) await run({ index: i, label: 'step' }, contexts[i] as StepRunContext);
  };
  const samples = count >= 5_000 ? 3 : 5;
  const result = await compare(`runPromotion(${count} compose-output steps)`, engineRun(count), `composeOutputStep.run x${count}`, direct, { samples, warmupMs: 200, minSampleMs: 25 });
  return { ...result, detail: `${result.detail ?? ''}; the ratio is also engine time per step / direct time per step` };
}

// Both sides run the same number of steps, so the ratio of their times is the ratio of the
// engine's time per step at the two sizes.
async function benchGrowth(small: number, large: number): Promise<BenchResult> {
  const runs = Math.round(large / small);
  const smallRun = engineRun(small);
  const many = async (): Promise<void> => {
    for (let i = 0; i < runs; i++) await smallRun();
  };
  const result = await compare(`engine time per step at ${large} steps`, engineRun(large), `per step at ${small} steps (${runs} runs)`, many, { samples: 7, warmupMs: 300, minSampleMs: 50, goal: GROWTH_GOAL });
  return { ...result, detail: `${result.detail ?? ''}; growth of the per-step cost, flat is 1` };
}
