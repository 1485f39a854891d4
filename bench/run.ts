/**
 * Runs the benchmarks: every bench/*.bench.ts file, every exported `bench*()` function in it.
 * Each returns `{ name, baseline, ratio, detail?, goal? }[]` and each result is printed as one
 * line, the ratio of its time to a baseline measured in the same run. A file may export
 * `goal` (a largest ratio, or `{ maxRatio, note? }`) that applies to its results.
 *
 *   npm run bench                 # everything
 *   npm run bench -- parse        # only files whose name contains "parse"
 *
 * A file that fails to load or a function that throws is reported and skipped; the others run.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchResult } from './measure.js';

interface Goal {
  maxRatio: number;
  note?: string;
}

const benchDir = fileURLToPath(new URL('.', import.meta.url));
const filters = process.argv.slice(2);
const files = readdirSync(benchDir)
  .filter((f) => f.endsWith('.bench.ts') && (filters.length === 0 || filters.some((x) => f.includes(x))))
  .sort();

const rows: { result: BenchResult; goal: number | undefined; file: string }[] = [];
const fileGoals = new Map<string, Goal>();
const problems: string[] = [];
const started = performance.now();

for (const file of files) {
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(benchDir + file).href)) as Record<string, unknown>;
  } catch (error) {
    problems.push(`skipped ${file}: it failed to load (${firstLine(error)})`);
    console.log(`- ${file}: skipped, failed to load`);
    continue;
  }
  const fileGoal = readGoal(module['goal']);
  if (fileGoal) fileGoals.set(file, fileGoal);
  const benches = Object.entries(module).filter(([name, value]) => /^bench[A-Z0-9_]/.test(name) && typeof value === 'function');
  if (benches.length === 0) problems.push(`skipped ${file}: it exports no bench*() function`);
  for (const [name, fn] of benches) {
    console.log(`- ${file}: ${name}()`);
    try {
      const results: unknown = await (fn as () => unknown)();
      if (!Array.isArray(results)) throw new Error('it did not return a list of results');
      if (!results.every(isResult)) throw new Error(`bad result in ${JSON.stringify(results).slice(0, 200)}: expected { name, baseline, ratio, detail? }`);
      // A file's goal applies to each of its results, unless its results name their own goals.
      const ownGoals = results.some((r) => r.goal !== undefined);
      for (const result of results) rows.push({ result, goal: ownGoals ? result.goal : fileGoal?.maxRatio, file });
    } catch (error) {
      problems.push(`skipped ${file} ${name}(): ${firstLine(error)}`);
    }
  }
}

console.log('');
const nameWidth = Math.max(4, ...rows.map((r) => r.result.name.length));
const baseWidth = Math.max(8, ...rows.map((r) => r.result.baseline.length));
console.log(`${'name'.padEnd(nameWidth)}  ${'ratio'.padStart(7)}  ${'baseline'.padEnd(baseWidth)}  goal`);
rows.forEach(({ result, goal, file }, i) => {
  const ratio = `${result.ratio.toFixed(2)}x`.padStart(7);
  const verdict = goal === undefined ? '' : `<= ${goal}x ${result.ratio <= goal ? 'met' : 'MISSED'}`;
  console.log(`${result.name.padEnd(nameWidth)}  ${ratio}  ${result.baseline.padEnd(baseWidth)}  ${verdict}`.trimEnd());
  if (result.detail) console.log(`${''.padEnd(nameWidth)}  ${''.padStart(7)}  (${result.detail})`);
  const goalOfFile = fileGoals.get(file);
  if (goalOfFile && rows[i + 1]?.file !== file) console.log(`${''.padEnd(nameWidth)}  ${''.padStart(7)}  goal of ${file}: ${goalOfFile.note ?? `at most ${goalOfFile.maxRatio}x`}`);
});
for (const problem of problems) console.log(problem);
const missed = rows.filter((r) => r.goal !== undefined && r.result.ratio > r.goal).length;
console.log(`\n${rows.length} results from ${files.length} files in ${((performance.now() - started) / 1000).toFixed(1)} s; ${missed} goal(s) missed; ${problems.length} skipped.`);

function readGoal(value: unknown): Goal | undefined {
  if (typeof value === 'number' && value > 0) return { maxRatio: value };
  if (typeof value === 'object' && value !== null && typeof (value as Goal).maxRatio === 'number') return value as Goal;
  return undefined;
}

function isResult(value: unknown): value is BenchResult {
  const r = value as BenchResult;
  return typeof value === 'object' && value !== null && typeof r.name === 'string' && typeof r.baseline === 'string' && typeof r.ratio === 'number' && Number.isFinite(r.ratio);
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}
