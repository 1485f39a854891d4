import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const exampleDir = join(root, 'examples', '04-dry-run-plan');
const tsx = createRequire(import.meta.url).resolve('tsx/cli');

describe('examples/04-dry-run-plan', () => {
  const stdout = execFileSync(process.execPath, [tsx, join('examples', '04-dry-run-plan', 'main.ts')], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

  it('prints exactly expected-output.txt', () => {
    expect(stdout).toBe(readFileSync(join(exampleDir, 'expected-output.txt'), 'utf8'));
  });

  it('plans the image bump, its pull request and the Argo CD change, and changes nothing', () => {
    expect(stdout).toContain('-  tag: 1.3.2 # set by Kargo\n+  tag: 1.4.0 # set by Kargo\n');
    expect(stdout).toContain('open #1 (placeholder number): kargo/promotion/dev.01jnq8x7.5f1e2d3 -> main');
    expect(stdout).toContain('argocd/web-dev: sources');
    expect(stdout.trimEnd().endsWith('Nothing was pushed, opened or synced: true')).toBe(true);
  });
});
