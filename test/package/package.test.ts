import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Builds and packs waybill the way it is published, then installs the tarball into a fresh
 * project and loads every subpath. The build happens in a temporary copy of the package, so the
 * working tree's dist/ is left alone.
 */
const repo = fileURLToPath(new URL('../../', import.meta.url));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
let work: string;
let tarball: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'waybill-package-'));
  const copy = join(work, 'waybill');
  for (const entry of ['package.json', 'tsconfig.json', 'tsup.config.ts', 'README.md', 'LICENSE', 'CHANGELOG.md', 'src']) {
    if (existsSync(join(repo, entry))) cpSync(join(repo, entry), join(copy, entry), { recursive: true });
  }
  symlinkSync(join(repo, 'node_modules'), join(copy, 'node_modules'), 'dir');
  execFileSync(npm, ['run', 'build'], { cwd: copy, stdio: 'pipe' });
  const packed = join(work, 'packed');
  mkdirSync(packed);
  execFileSync(npm, ['pack', '--pack-destination', packed, '--silent'], { cwd: copy, stdio: 'pipe' });
  const name = readdirSync(packed).find((f) => f.endsWith('.tgz'));
  if (name === undefined) throw new Error('npm pack produced no tarball');
  tarball = join(packed, name);
});

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the packed tarball', () => {
  it('holds the build, the README, the licence and the changelog, and no sources or tests', () => {
    const files = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).trim().split('\n');
    for (const f of ['package/package.json', 'package/README.md', 'package/LICENSE', 'package/CHANGELOG.md', 'package/dist/index.js', 'package/dist/index.cjs', 'package/dist/index.d.ts', 'package/dist/index.d.cts', 'package/dist/cli/main.js']) {
      expect(files).toContain(f);
    }
    expect(files.filter((f) => /^package\/(src|test|bench|examples|scripts)\//.test(f))).toEqual([]);
  });

  it('loads every subpath as ESM and CJS, ships every types file, and runs the bin', () => {
    const run = spawnSync(process.execPath, [join(repo, 'scripts', 'smoke-imports.mjs'), tarball], { encoding: 'utf8' });
    const lines = run.stdout.trim().split('\n');
    expect(lines.filter((l) => l.startsWith('FAIL')), run.stderr).toEqual([]);
    expect(run.status).toBe(0);
    for (const mode of ['esm', 'cjs']) {
      for (const subpath of ['waybill', 'waybill/ports', 'waybill/testing', 'waybill/adapters/memory', 'waybill/adapters/git', 'waybill/adapters/registry', 'waybill/adapters/helm', 'waybill/adapters/kubernetes', 'waybill/controller']) {
        expect(lines.some((l) => l.startsWith(`ok   ${mode} ${subpath} `)), `${mode} ${subpath}`).toBe(true);
      }
    }
    expect(lines).toContain('ok   bin: waybill --help exit 0');
    expect(lines.at(-1)).toBe('smoke test passed');
  });
});
