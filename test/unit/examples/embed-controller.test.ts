import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const exampleDir = join(root, 'examples', '08-embed-controller');
const tsx = createRequire(import.meta.url).resolve('tsx/cli');

describe('examples/08-embed-controller', () => {
  const stdout = execFileSync(process.execPath, [tsx, join('examples', '08-embed-controller', 'main.ts')], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

  it('prints exactly expected-output.txt', () => {
    expect(stdout).toBe(readFileSync(join(exampleDir, 'expected-output.txt'), 'utf8'));
  });

  it('goes through the wrapped store, writes nothing when settled twice, and deploys what each promotion carried', () => {
    const sections = stdout.split('\n\n');
    expect(sections[0]).toContain('FreightCreated');
    expect(sections[0]).toContain('create Promotion x1');
    expect(sections[1]).toContain('store writes: none');
    expect(stdout).toMatch(/^test\.\S+: Succeeded, deployed 2\.0\.0$/m);
    expect(stdout).toMatch(/^test\.\S+: Succeeded, deployed 2\.1\.0$/m);
    expect(stdout).toMatch(/^uat\.\S+: Succeeded, deployed 2\.0\.0$/m);
  });
});
