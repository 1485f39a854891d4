/**
 * A small timing loop for benchmarks that report ratios. Machines running benchmarks are noisy,
 * so a subject is always measured against a baseline in the same run, their samples interleaved,
 * and the ratio of medians is what counts. Written here rather than taken from a benchmarking
 * library because all that is needed is warmup, calibrated samples and a median.
 */
import { performance } from 'node:perf_hooks';

/** One benchmark's outcome, as `npm run bench` prints it. */
export interface BenchResult {
  /** What was measured: `parseManifests(corpus)`. */
  name: string;
  /** What it was measured against, in the same run: `yaml.parseAllDocuments`. */
  baseline: string;
  /** Median time of the subject divided by the baseline's: 2 means twice as slow. */
  ratio: number;
  /** Anything worth printing after the ratio (sizes, absolute times). */
  detail?: string;
  /** The largest acceptable ratio, when this result has a goal of its own. */
  goal?: number;
}

/** Options of {@link measure} and {@link compare}. */
export interface MeasureOptions {
  /** Time spent running the function before measuring, in ms. Default 200. */
  warmupMs?: number;
  /** Number of samples; the median is reported. Default 15. */
  samples?: number;
  /** Each sample repeats the function until it lasts at least this long, in ms. Default 25. */
  minSampleMs?: number;
}

/** Timings of one function. */
export interface Measurement {
  /** Median time of one call, in ms. */
  medianMs: number;
  /** Time of one call in each sample, in ms, in the order taken. */
  samplesMs: number[];
  /** Calls per sample. */
  iterations: number;
}

type Task = () => unknown;

/** Times `fn` alone: warmup, calibration, samples, median. */
export async function measure(fn: Task, options: MeasureOptions = {}): Promise<Measurement> {
  const [m] = await measureInterleaved([fn], options);
  return m as Measurement;
}

/**
 * Times a subject and its baseline with interleaved samples (subject, baseline, subject, ...) so
 * that a slow moment of the machine hits both, and returns a {@link BenchResult}.
 */
export async function compare(name: string, subject: Task, baseline: string, baselineFn: Task, options: MeasureOptions & { detail?: string; goal?: number } = {}): Promise<BenchResult> {
  const [a, b] = (await measureInterleaved([subject, baselineFn], options)) as [Measurement, Measurement];
  const detail = `${formatMs(a.medianMs)} vs ${formatMs(b.medianMs)}${options.detail ? `; ${options.detail}` : ''}`;
  const result: BenchResult = { name, baseline, ratio: a.medianMs / b.medianMs, detail };
  if (options.goal !== undefined) result.goal = options.goal;
  return result;
}

/** The median of a list of numbers (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** `1.23 ms`, `45.6 µs`. */
export function formatMs(ms: number): string {
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 1) return `${ms.toFixed(2)} ms`;
  return `${(ms * 1000).toFixed(1)} µs`;
}

async function measureInterleaved(tasks: readonly Task[], options: MeasureOptions): Promise<Measurement[]> {
  const warmupMs = options.warmupMs ?? 200;
  const samples = Math.max(1, options.samples ?? 15);
  const minSampleMs = options.minSampleMs ?? 25;

  const iterations: number[] = [];
  for (const task of tasks) {
    const end = performance.now() + warmupMs / tasks.length;
    let calls = 0;
    do {
      await task();
      calls++;
    } while (performance.now() < end);
    iterations.push(await calibrate(task, minSampleMs));
  }

  const times: number[][] = tasks.map(() => []);
  for (let s = 0; s < samples; s++) {
    for (let t = 0; t < tasks.length; t++) {
      const task = tasks[t] as Task;
      const n = iterations[t] as number;
      const start = performance.now();
      for (let i = 0; i < n; i++) await task();
      (times[t] as number[]).push((performance.now() - start) / n);
    }
  }
  return times.map((samplesMs, t) => ({ medianMs: median(samplesMs), samplesMs, iterations: iterations[t] as number }));
}

/** How many calls make one sample last at least `minSampleMs`. */
async function calibrate(task: Task, minSampleMs: number): Promise<number> {
  let n = 1;
  for (;;) {
    const start = performance.now();
    for (let i = 0; i < n; i++) await task();
    const elapsed = performance.now() - start;
    if (elapsed >= minSampleMs || n >= 1 << 24) return n;
    n = elapsed <= 0 ? n * 10 : Math.min(n * 10, Math.ceil((n * minSampleMs * 1.2) / elapsed));
  }
}
