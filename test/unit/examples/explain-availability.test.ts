import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const exampleDir = join(root, 'examples', '06-explain-availability');
const tsx = createRequire(import.meta.url).resolve('tsx/cli');

describe('examples/06-explain-availability', () => {
  const stdout = execFileSync(process.execPath, [tsx, join('examples', '06-explain-availability', 'main.ts')], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

  it('prints exactly expected-output.txt', () => {
    expect(stdout).toBe(readFileSync(join(exampleDir, 'expected-output.txt'), 'utf8'));
  });

  it('answers no, no, no (soaking until 10:05), yes by approval, and yes by soak without it', () => {
    const answers = [...stdout.matchAll(/available to uat\? (yes|no)\n {4}\w+ +([\w-]+):/g)].map((m) => `${m[1]} ${m[2]}`);
    expect(answers).toEqual(['no not-verified', 'no not-verified', 'no soaking', 'yes approved', 'yes verified-and-soaked']);
    expect(stdout).toContain('the answer changes at 2026-04-01T10:05:00.000Z');
  });
});
