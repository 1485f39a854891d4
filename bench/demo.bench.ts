import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runCliAsync } from '../src/cli/run.js';
import { compare, type BenchResult } from './measure.js';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/** About as many git processes as one demo run starts (clones, commits, pushes, logs). */
const GIT_COMMANDS = 160;

/**
 * `waybill demo` end to end (a real Git repository in a temporary directory, the controller on a
 * manual clock), against starting `git --version` as many times as the demo runs git: most of the
 * demo's time is git processes, so the ratio shows what everything else adds. The detail line
 * gives the demo's own time, which should stay under 10 seconds.
 */
export async function benchDemo(): Promise<BenchResult[]> {
  const quiet = { stdout: () => undefined, stderr: () => undefined, cwd: repoRoot, env: {}, isTTY: false };
  const result = await compare(
    'waybill demo',
    async () => {
      const code = await runCliAsync(['demo'], quiet, repoRoot);
      if (code !== 0) throw new Error(`waybill demo exited with ${code}`);
    },
    `${GIT_COMMANDS} x git --version`,
    () => {
      for (let i = 0; i < GIT_COMMANDS; i += 1) execFileSync('git', ['--version']);
    },
    { warmupMs: 0, samples: 3, minSampleMs: 0 },
  );
  return [{ ...result, detail: `${result.detail}; goal: the demo under 10 s` }];
}
