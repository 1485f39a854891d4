import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const exampleDir = join(root, 'examples', '07-simulate');
const tsx = createRequire(import.meta.url).resolve('tsx/cli');
const html = join(tmpdir(), 'waybill-examples', '07-simulate', 'timeline.html');

describe('examples/07-simulate', () => {
  rmSync(html, { force: true });
  const stdout = execFileSync(process.execPath, [tsx, join('examples', '07-simulate', 'main.ts')], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

  it('prints exactly expected-output.txt', () => {
    expect(stdout).toBe(readFileSync(join(exampleDir, 'expected-output.txt'), 'utf8'));
  });

  it('refuses the early promotion and the unverified one, and ends with prod on 1.2.0', () => {
    expect(stdout).toMatch(/\+00:45:00 +staging +promote staging to Freight \S+: rejected/);
    expect(stdout).toMatch(/\+01:30:00 +staging +Freight \S+ available \(soaked 1h in dev\)/);
    expect(stdout).toMatch(/\+03:30:00 +prod +promote prod to Freight \S+: rejected/);
    expect(stdout).toMatch(/\n {2}prod +Freight \S+ \(app:1\.2\.0\)/);
  });

  it('writes a self-contained HTML page of the same timeline', () => {
    const page = readFileSync(html, 'utf8');
    expect(page.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(page).toContain('<svg');
    expect(page).not.toMatch(/<script|src="http/);
  });
});
