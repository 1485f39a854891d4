import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { freightId, freightCanonicalString } from '../../../src/freight/index.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const exampleDir = join(root, 'examples', '02-discover-freight');
const tsx = createRequire(import.meta.url).resolve('tsx/cli');

interface FreightIdCase {
  readonly name: string;
  readonly input: Parameters<typeof freightId>[0];
  readonly expected: { readonly canonical: string; readonly id: string };
}

// Computed with the reference implementation of Kargo's Freight id for the artifacts the example discovers.
const vectors = JSON.parse(readFileSync(join(root, 'test', 'fixtures', 'discovery', 'discover-example-freight.json'), 'utf8')) as { cases: FreightIdCase[] };

describe('examples/02-discover-freight', () => {
  const stdout = execFileSync(process.execPath, [tsx, join('examples', '02-discover-freight', 'main.ts')], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

  it('prints exactly expected-output.txt', () => {
    expect(stdout).toBe(readFileSync(join(exampleDir, 'expected-output.txt'), 'utf8'));
  });

  it('names its Freight with the id Kargo computes for the same artifacts', () => {
    const [first, afterPush] = vectors.cases;
    expect(first?.expected.id).toBe('39b30f4d1ceb2711d90c934ac48b534e4dbb5830');
    expect(afterPush?.expected.id).toBe('55895070ccb61952f733797e9330577049a04a8d');
    expect(stdout).toContain(`  name: ${first?.expected.id}\n`);
    expect(stdout).toContain(`Freight ${afterPush?.expected.id} `);
    for (const c of vectors.cases) {
      expect(freightCanonicalString(c.input), c.name).toBe(c.expected.canonical);
      expect(freightId(c.input), c.name).toBe(c.expected.id);
    }
  });

  it('skips the newest release that lacks the wanted platform, and the files that do not count', () => {
    expect(stdout).toContain('image ghcr.io/acme/guestbook (linux/arm64): 1.1.0, 1.0.0\n');
    expect(stdout).toContain('b2c3d4e "Raise replicas in prod", a1b2c3d "Add the guestbook"\n');
  });
});
