import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const examplesDir = join(root, 'examples');
const tsx = createRequire(import.meta.url).resolve('tsx/cli');
const examples = readdirSync(examplesDir, { withFileTypes: true })
  .filter((e) => e.isDirectory() && /^\d\d-/.test(e.name))
  .map((e) => e.name)
  .sort();

describe('examples', () => {
  it('exist', () => {
    expect(examples).toContain('01-quickstart');
  });

  it.each(examples)('%s has a README and a main.ts', (name) => {
    expect(existsSync(join(examplesDir, name, 'README.md'))).toBe(true);
    expect(existsSync(join(examplesDir, name, 'main.ts'))).toBe(true);
  });

  it.each(examples)('%s/main.ts runs and prints exactly expected-output.txt', (name) => {
    const stdout = execFileSync(process.execPath, [tsx, join('examples', name, 'main.ts')], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(stdout).toBe(readFileSync(join(examplesDir, name, 'expected-output.txt'), 'utf8'));
  });
});
