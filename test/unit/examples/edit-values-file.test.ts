import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { updateYaml } from '../../../src/index.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const exampleDir = join(root, 'examples', '05-edit-values-file');
const tsx = createRequire(import.meta.url).resolve('tsx/cli');

describe('examples/05-edit-values-file', () => {
  const stdout = execFileSync(process.execPath, [tsx, join('examples', '05-edit-values-file', 'main.ts')], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  const before = readFileSync(join(exampleDir, 'values.yaml'), 'utf8');

  it('prints exactly expected-output.txt', () => {
    expect(stdout).toBe(readFileSync(join(exampleDir, 'expected-output.txt'), 'utf8'));
  });

  it('changes only the three values: every other line keeps its bytes', () => {
    const edited = updateYaml(before, [
      { key: 'image.tag', value: '1.3.0' },
      { key: 'replicaCount', value: 3 },
      { key: 'ingress.hosts.0', value: 'guestbook.example.com' },
    ]);
    if (!edited.ok) throw new Error('the edit failed');
    const a = before.split('\n');
    const b = edited.value.text.split('\n');
    expect(b).toHaveLength(a.length);
    const changed = a.flatMap((line, i) => (line === b[i] ? [] : [i + 1]));
    expect(changed).toEqual([5, 8, 12]);
    expect(b[4]).toBe('  tag: "1.3.0"                          # set by Kargo');
    expect(stdout).toContain('-  tag: "1.2.0"                          # set by Kargo\n+  tag: "1.3.0"                          # set by Kargo\n');
  });

  it('refuses a missing key unless asked to create it', () => {
    expect(stdout).toContain('Setting image.digest without create: YAML_KEY_NOT_FOUND\n');
    expect(stdout).toContain('+  digest: sha256:0123\n');
  });
});
