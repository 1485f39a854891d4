import { performance } from 'node:perf_hooks';
import { simulate } from '../src/controller/simulate.js';
import type { SimulationEvent, SimulationScript } from '../src/controller/simulation-script.js';
import type { KargoResource } from '../src/model/index.js';
import { formatMs, type BenchResult } from './measure.js';

/**
 * How many scripted events each run simulates. The target is 10,000 (set
 * `WAYBILL_BENCH_SIMULATION_EVENTS=10000`; the three sizes then take a few minutes); the default
 * is smaller so `npm run bench` stays short while every promotion still lists the Project's whole
 * history.
 */
const EVENTS = Number(process.env['WAYBILL_BENCH_SIMULATION_EVENTS'] ?? 1000);
/** One image push in this many events; each push flows through the whole pipeline. */
const PUSH_EVERY = 100;

export const goal = { maxRatio: 2.2, note: 'simulate: cost linear in the number of Stages (50 vs 25 Stages about 2x, 50 vs 12 about 4.2x)' };

/**
 * A Project of `stages` Stages in a chain, every one auto-promoted: the first takes Freight from
 * the Warehouse, each later one from the one before; every fifth requires a 10 minute soak.
 */
export function pipeline(stages: number): KargoResource[] {
  const ns = 'bench';
  const resources: unknown[] = [
    { apiVersion: 'kargo.akuity.io/v1alpha1', kind: 'ProjectConfig', metadata: { name: ns, namespace: ns }, spec: { promotionPolicies: [{ stageSelector: { name: 'glob:*' }, autoPromotionEnabled: true }] } },
    { apiVersion: 'kargo.akuity.io/v1alpha1', kind: 'Warehouse', metadata: { name: 'app', namespace: ns }, spec: { subscriptions: [{ image: { repoURL: 'ghcr.io/example/app', constraint: '^1.0.0' } }] } },
  ];
  for (let i = 0; i < stages; i++) {
    const sources = i === 0 ? { direct: true } : { stages: [`s${i - 1}`], ...(i % 5 === 0 ? { requiredSoakTime: '10m' } : {}) };
    resources.push({
      apiVersion: 'kargo.akuity.io/v1alpha1',
      kind: 'Stage',
      metadata: { name: `s${i}`, namespace: ns },
      spec: {
        requestedFreight: [{ origin: { kind: 'Warehouse', name: 'app' }, sources }],
        promotionTemplate: { spec: { steps: [{ uses: 'compose-output', config: { tag: '${{ imageFrom("ghcr.io/example/app").Tag }}' } }] } },
      },
    });
  }
  return resources as KargoResource[];
}

/**
 * `events` events a minute apart: an image push every {@link PUSH_EVERY} events, a Stage refresh
 * every tenth, a manual re-promotion of the newest Freight to a Stage every 25th, and time
 * passing otherwise.
 */
export function workload(events: number, stages: number): SimulationScript {
  const list: SimulationEvent[] = [];
  let pushed = 0;
  for (let i = 0; i < events; i++) {
    const at = `+${i}m`;
    if (i % PUSH_EVERY === 0) list.push({ at, type: 'image-pushed', repoURL: 'ghcr.io/example/app', tag: `1.0.${++pushed}`, notify: true });
    else if (i % 25 === 0) list.push({ at, type: 'promote', stage: `s${i % stages}`, image: `1.0.${pushed}` });
    else if (i % 10 === 0) list.push({ at, type: 'refresh', kind: 'Stage', name: `s${i % stages}` });
    else list.push({ at, type: 'time-passes' });
  }
  return { setup: { images: [{ repoURL: 'ghcr.io/example/app', tag: '1.0.0' }] }, until: `+${events}m`, events: list };
}

async function timeRun(stages: number, events: number): Promise<{ ms: number; promotions: number }> {
  const resources = pipeline(stages);
  const script = workload(events, stages);
  const started = performance.now();
  const result = await simulate(resources, script);
  const ms = performance.now() - started;
  if (!result.ok) throw new Error(`the simulation failed: ${result.issues.map((i) => i.message).join('; ')}`);
  return { ms, promotions: result.value.promotions.length };
}

/** Events per second of a run. */
function rate(run: { ms: number }): string {
  return `${((EVENTS / run.ms) * 1000).toFixed(0)} events/s`;
}

/**
 * Simulates the same script through pipelines of 12, 25 and 50 Stages and reports how the cost
 * grows with the number of Stages (the ratios), and the events per second at each size. Each size
 * runs once after a short warm-up run: a single run already takes long enough to time. Every
 * size is printed as it finishes, since at 10,000 events a run takes a while.
 */
export async function benchSimulationScaling(): Promise<BenchResult[]> {
  await timeRun(4, Math.min(EVENTS, 100));
  const runs = new Map<number, { ms: number; promotions: number }>();
  for (const stages of [12, 25, 50]) {
    const run = await timeRun(stages, EVENTS);
    runs.set(stages, run);
    console.log(`  ${stages} Stages: ${EVENTS} events in ${formatMs(run.ms)}, ${rate(run)}, ${run.promotions} Promotions`);
  }
  const t12 = runs.get(12) as { ms: number; promotions: number };
  const t25 = runs.get(25) as { ms: number; promotions: number };
  const t50 = runs.get(50) as { ms: number; promotions: number };
  const detail = (a: { ms: number; promotions: number }, b: { ms: number; promotions: number }) =>
    `${formatMs(a.ms)} vs ${formatMs(b.ms)}; ${EVENTS} events, ${a.promotions} vs ${b.promotions} Promotions; ${rate(a)} vs ${rate(b)}`;
  return [
    { name: `simulate(${EVENTS} events, 50 Stages)`, baseline: 'the same at 25 Stages', ratio: t50.ms / t25.ms, detail: detail(t50, t25), goal: 2.2 },
    { name: `simulate(${EVENTS} events, 50 Stages)`, baseline: 'the same at 12 Stages', ratio: t50.ms / t12.ms, detail: detail(t50, t12), goal: 4.6 },
  ];
}
