/**
 * Expression benchmarks: evaluating cached, compiled expressions 100,000 times against hand-written
 * JavaScript doing the same lookups, and compiling against JSON.parse of text of the same length.
 * Subject and baseline are sampled interleaved and compared by medians (see measure.ts).
 */
import { compileExpression, defineFunction, runExpression, type CompiledExpression } from '../src/expressions/index.js';
import { compare, type BenchResult } from './measure.js';

/** Reads an own property like the expression language does, so the baseline does the same work. */
function own(object: unknown, key: string): unknown {
  if (typeof object !== 'object' || object === null || !Object.hasOwn(object, key)) return null;
  return (object as Record<string, unknown>)[key];
}

function compiled(source: string): CompiledExpression {
  const c = compileExpression(source);
  if (!c.ok) throw new Error(`benchmark expression did not compile: ${source}`);
  return c.value;
}

interface BenchEnv {
  vars: { repo: string; tag: string };
  ctx: { stage: string; project: string };
}

const RUNS = 100_000;
const ENVS: BenchEnv[] = Array.from({ length: 64 }, (_, i) => ({
  vars: { repo: `ghcr.io/acme/app-${i}`, tag: `v1.${i}.0` },
  ctx: { stage: i % 2 === 0 ? 'test' : 'prod', project: 'demo' },
}));

/** Evaluates `fn` over the envs RUNS times and keeps the results alive. */
function loop(fn: (env: BenchEnv) => unknown): () => unknown {
  return () => {
    let last: unknown;
    for (let i = 0; i < RUNS; i++) last = fn(ENVS[i & 63] as BenchEnv);
    return last;
  };
}

/** Runs the expression benchmarks and returns their ratios to the named baselines. */
export async function benchExpressions(): Promise<BenchResult[]> {
  const options = { warmupMs: 100, samples: 7, minSampleMs: 1 };
  const results: BenchResult[] = [];

  const concat = compiled('vars.repo + "-" + ctx.stage');
  results.push(
    await compare(
      'run `vars.repo + "-" + ctx.stage` 100k times (compiled)',
      loop((env) => runExpression(concat, env)),
      'hand-written JavaScript, same own-property lookups',
      loop((env) => {
        const repo = own(own(env, 'vars'), 'repo');
        const stage = own(own(env, 'ctx'), 'stage');
        if (typeof repo !== 'string' || typeof stage !== 'string') throw new Error('bad env');
        return { ok: true, value: `${repo}-${stage}` };
      }),
      { ...options, goal: 10 },
    ),
  );

  const ternary = compiled('ctx.stage == "prod" ? vars.repo + ":" + vars.tag : vars.repo + ":latest"');
  results.push(
    await compare(
      'run a ternary over vars and ctx 100k times (compiled)',
      loop((env) => runExpression(ternary, env)),
      'hand-written JavaScript, same own-property lookups',
      loop((env) => {
        const vars = own(env, 'vars');
        const stage = own(own(env, 'ctx'), 'stage');
        return { ok: true, value: stage === 'prod' ? `${String(own(vars, 'repo'))}:${String(own(vars, 'tag'))}` : `${String(own(vars, 'repo'))}:latest` };
      }),
      { ...options, goal: 10 },
    ),
  );

  // A supplied function in the middle, as Kargo templates use `imageFrom(...)`.
  const image = (repoURL: string): { repoURL: string; tag: string; digest: string } => ({ repoURL, tag: 'v1.2.3', digest: 'sha256:0123' });
  const functions = { imageFrom: defineFunction('imageFrom', (args) => image(String(args[0])), { min: 1, max: 2 }) };
  const withFunction = compiled('imageFrom(vars.repo).tag + "-" + ctx.stage');
  results.push(
    await compare(
      'run `imageFrom(vars.repo).tag + "-" + ctx.stage` 100k times (compiled)',
      loop((env) => runExpression(withFunction, env, { functions })),
      'hand-written JavaScript, same lookups and call',
      loop((env) => {
        const repo = own(own(env, 'vars'), 'repo');
        const tag = own(image(String(repo)), 'tag');
        const stage = own(own(env, 'ctx'), 'stage');
        if (typeof tag !== 'string' || typeof stage !== 'string') throw new Error('bad env');
        return { ok: true, value: `${tag}-${stage}` };
      }),
      { ...options, goal: 10 },
    ),
  );

  // Compile time: fresh sources each call (the cache would hide the work) against JSON.parse of
  // text of the same length.
  let n = 0;
  const base = 'filter(vars.items, .weight > 10) | map(.name + "-" + ctx.stage) | join(",")';
  const json = JSON.stringify({ expression: base.slice(0, base.length - 18) });
  results.push(
    await compare(
      'compile a pipeline expression (uncached)',
      () => compileExpression(`${base} // ${n++}`),
      'JSON.parse of text of the same length',
      () => JSON.parse(json) as unknown,
      { ...options, detail: `${base.length} characters` },
    ),
  );
  return results;
}
