import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliAsync } from '../../../src/cli/run.js';
import { repoRoot, tempProject, type Run } from './harness.js';

/** Runs the command in-process, as the binary does, and captures what it printed. */
async function runAsync(argv: string[], packageRoot = repoRoot): Promise<Run & { readonly ms: number }> {
  let stdout = '';
  let stderr = '';
  const started = performance.now();
  const code = await runCliAsync(argv, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd: repoRoot, env: {}, isTTY: false }, packageRoot);
  return { code, stdout, stderr, ms: performance.now() - started };
}

const TEMP_LINE = /^ {2}Temporary directory: (\S+) \(/m;

/** The temporary directory a run printed, and its output with that one path replaced by `<tmp>`. */
function splitTemp(stdout: string): { temp: string; text: string } {
  const temp = TEMP_LINE.exec(stdout)?.[1] ?? '';
  return { temp, text: stdout.split(temp).join('<tmp>') };
}

/** The commits of the Git log the demo printed: id, subject and the lines its diff adds. */
function commitsOf(stdout: string): { id: string; subject: string; added: string[] }[] {
  const log = stdout.slice(stdout.indexOf('The Git log of main'));
  return log
    .split(/^commit /m)
    .slice(1)
    .map((chunk) => {
      const lines = chunk.split('\n');
      const subject = (lines.find((l, i) => i > 0 && l.startsWith('    ')) ?? '').trim();
      return { id: lines[0] ?? '', subject, added: lines.filter((l) => l.startsWith('+') && !l.startsWith('+++')) };
    });
}

describe('waybill demo', () => {
  it('runs the quickstart end to end twice with the same output and commits', async () => {
    const first = await runAsync(['demo']);
    const second = await runAsync(['demo']);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(second.code).toBe(0);
    const a = splitTemp(first.stdout);
    const b = splitTemp(second.stdout);
    expect(a.temp).not.toBe('');
    expect(a.temp).not.toBe(b.temp);
    expect(a.text).toBe(b.text);
    // The temporary directory is named once, and gone after the run.
    expect(first.stdout.split(a.temp).length - 1).toBe(1);
    expect(existsSync(a.temp)).toBe(false);
    expect(existsSync(b.temp)).toBe(false);
    // How long it takes is measured by `npm run bench` (bench/demo.bench.ts), not asserted here:
    // a loaded test machine would make a time limit flaky.

    const commits = commitsOf(first.stdout);
    expect(commits.map((c) => c.id)).toEqual(commitsOf(second.stdout).map((c) => c.id));
    expect(commits.map((c) => c.id.length)).toEqual([40, 40, 40, 40, 40]);
    expect(commits.map((c) => c.subject)).toEqual([
      'Helm values for dev, staging and prod',
      'Updated ./src/env/dev/values.yaml',
      'Updated ./src/env/staging/values.yaml',
      'Updated ./src/env/prod/values.yaml',
      'Updated ./src/env/dev/values.yaml',
    ]);
    // Each promotion changes one line: the image tag, with its comment kept.
    expect(commits.slice(1).map((c) => c.added)).toEqual([
      ['+  tag: 1.2.0 # the release running now'],
      ['+  tag: 1.2.0 # the release running now'],
      ['+  tag: 1.2.0 # the release running now'],
      ['+  tag: 1.3.0 # the release running now'],
    ]);
    expect(first.stdout).toContain('+++ b/env/staging/values.yaml');
  }, 30_000);

  it('tells the story: auto-promotion to dev, approval, verification, prod, and the new release in dev', async () => {
    const { stdout } = await runAsync(['demo']);
    const timeline = stdout.slice(stdout.indexOf('Timeline'), stdout.indexOf('Where each Stage is now'));
    for (const reason of ['FreightCreated', 'PromotionCreated', 'PromotionSucceeded', 'FreightApproved', 'FreightVerified']) expect(timeline).toContain(reason);
    expect(timeline).toMatch(/\* dana@example\.com asks to promote \S+ to staging: refused: Freight "[0-9a-f]{7}" has soaked in Stage "dev" for 10m0s of the 1h0m0s required/);
    expect(timeline).toContain('* dana@example.com approves');
    expect(timeline).toMatch(/Stage\/staging +verifies \S+: the smoke-test analysis is Running\n/);
    expect(timeline).toContain('* CI pushes ghcr.io/example/app:1.3.0');
    const states = stdout.slice(stdout.indexOf('Where each Stage is now'), stdout.indexOf('The Git log'));
    expect(states).toMatch(/ dev {6}Freight \S+ +ghcr\.io\/example\/app:1\.3\.0\n/);
    expect(states).toMatch(/ staging {2}Freight \S+ +ghcr\.io\/example\/app:1\.2\.0\n/);
    expect(states).toMatch(/ prod {5}Freight \S+ +ghcr\.io\/example\/app:1\.2\.0\n/);
  }, 30_000);

  it('keeps the temporary directory with --keep', async () => {
    const { code, stdout } = await runAsync(['demo', '--keep']);
    const { temp } = splitTemp(stdout);
    try {
      expect(code).toBe(0);
      expect(stdout).toContain(`Temporary directory: ${temp} (kept)`);
      expect(existsSync(join(temp, 'kargo-demo.git', 'HEAD'))).toBe(true);
    } finally {
      rmSync(temp, { recursive: true, force: true });
    }
  }, 30_000);

  it('explains itself when the example project is not there, and refuses arguments', async () => {
    const missing = await runAsync(['demo'], tempProject({ 'package.json': '{}' }));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('the demo runs from a clone of the waybill repository');
    const extra = await runAsync(['demo', 'more']);
    expect(extra.code).toBe(2);
    expect(extra.stderr).toContain('demo takes no arguments');
  });

  it('runs as `npm run demo` does, through tsx and src/cli/main.ts, from another directory', () => {
    const tsx = createRequire(import.meta.url).resolve('tsx/cli');
    const stdout = execFileSync(process.execPath, [tsx, `${repoRoot}src/cli/main.ts`, 'demo'], { cwd: tempProject({}), encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(stdout).toContain('6 resources in 3 files: no problems found');
    expect(stdout).toContain('The Git log of main');
  }, 30_000);
});
