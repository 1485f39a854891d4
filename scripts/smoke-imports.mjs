#!/usr/bin/env node
// Installs a packed waybill tarball into a throw-away project, offline, and checks that every
// subpath of package.json#exports loads as ESM (import) and as CJS (require) with a known export,
// that every declared types file is in the tarball, and that the `waybill` bin runs.
//
//   node scripts/smoke-imports.mjs waybill-0.1.0.tgz
//
// Offline on purpose: instead of `npm install`, the tarball is extracted into
// <tmp>/node_modules/waybill and the runtime dependencies are linked from this repository's
// node_modules. Prints one line per check; exits 1 if any fails.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Values each subpath must export at run time; `null` for type-only subpaths. */
const knownExports = {
  '.': ['formatIssues', 'parseManifests', 'buildStageGraph'],
  './ports': null,
  './testing': 'clockContract',
  './adapters/memory': 'createManualClock',
  './adapters/git': 'gitAdapter',
  './adapters/registry': 'registryAdapter',
  './adapters/helm': 'helmAdapter',
  './adapters/kubernetes': 'kubernetesAdapter',
  './controller': 'controller',
};

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const tarball = process.argv[2] && resolve(process.argv[2]);
if (!tarball || !existsSync(tarball)) {
  console.error('usage: node scripts/smoke-imports.mjs <waybill-x.y.z.tgz>');
  process.exit(2);
}

const work = mkdtempSync(join(tmpdir(), 'waybill-smoke-'));
let failures = 0;
const check = (ok, what, detail = '') => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}${detail ? ` ${detail}` : ''}`);
  if (!ok) failures++;
};

try {
  const pkgDir = join(work, 'node_modules', 'waybill');
  mkdirSync(pkgDir, { recursive: true });
  execFileSync('tar', ['-xzf', tarball, '-C', pkgDir, '--strip-components=1']);
  const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
  for (const dep of Object.keys(pkg.dependencies ?? {})) {
    const target = join(repo, 'node_modules', dep);
    const link = join(work, 'node_modules', dep);
    mkdirSync(dirname(link), { recursive: true });
    if (existsSync(target)) symlinkSync(target, link, 'dir');
    else check(false, `dependency ${dep} is installed in ${repo}/node_modules`);
  }
  writeFileSync(join(work, 'package.json'), JSON.stringify({ name: 'waybill-smoke', private: true }));

  const subpaths = Object.keys(pkg.exports).filter((k) => k !== './package.json');
  check(
    subpaths.length === Object.keys(knownExports).length && subpaths.every((s) => s in knownExports),
    'every exported subpath is covered',
    subpaths.join(' '),
  );

  for (const subpath of subpaths) {
    const entry = pkg.exports[subpath];
    for (const file of [entry.import.types, entry.import.default, entry.require.types, entry.require.default]) {
      if (!existsSync(join(pkgDir, file))) check(false, `${subpath}: ${file} is in the tarball`);
    }
  }

  const specifier = (s) => (s === '.' ? 'waybill' : `waybill/${s.slice(2)}`);
  const probe = (mode) => {
    const lines = subpaths.map((s) =>
      mode === 'esm'
        ? `out[${JSON.stringify(s)}] = Object.keys(await import(${JSON.stringify(specifier(s))}));`
        : `out[${JSON.stringify(s)}] = Object.keys(require(${JSON.stringify(specifier(s))}));`,
    );
    const file = join(work, mode === 'esm' ? 'probe.mjs' : 'probe.cjs');
    writeFileSync(file, `const out = {};\n${lines.join('\n')}\nconsole.log(JSON.stringify(out));\n`);
    const run = spawnSync(process.execPath, [file], { cwd: work, encoding: 'utf8' });
    if (run.status !== 0) {
      check(false, `${mode}: every subpath loads`, run.stderr.trim().split('\n').slice(0, 5).join(' | '));
      return undefined;
    }
    return JSON.parse(run.stdout);
  };
  for (const mode of ['esm', 'cjs']) {
    const loaded = probe(mode);
    if (!loaded) continue;
    for (const subpath of subpaths) {
      const names = loaded[subpath] ?? [];
      const known = knownExports[subpath];
      if (known === null) {
        // The declarations may live in a chunk shared with other subpaths; the entry then
        // re-exports them (`g as Clock`), so follow that one hop.
        const typesFile = join(pkgDir, pkg.exports[subpath][mode === 'esm' ? 'import' : 'require'].types);
        const types = readFileSync(typesFile, 'utf8');
        const alias = /\b(\w+) as Clock\b[^;]*from ['"](\.[^'"]+)['"]/.exec(types);
        const chunkFile = alias ? join(dirname(typesFile), alias[2].replace(/\.cjs$/, '.d.cts').replace(/\.js$/, '.d.ts')) : '';
        const chunk = alias && existsSync(chunkFile) ? readFileSync(chunkFile, 'utf8') : '';
        const declared = /interface Clock\b/.test(types) || (alias !== null && new RegExp(`interface ${alias[1]}\\b|interface Clock\\b`).test(chunk));
        check(declared, `${mode} ${specifier(subpath)}`, 'loads; types declare Clock');
      } else {
        const wanted = [known].flat();
        check(wanted.every((n) => names.includes(n)), `${mode} ${specifier(subpath)}`, `exports ${wanted.join(', ')}`);
      }
    }
  }

  const bin = join(pkgDir, pkg.bin.waybill);
  check(readFileSync(bin, 'utf8').startsWith('#!/usr/bin/env node\n'), 'bin starts with a node shebang');
  const help = spawnSync(process.execPath, [bin, '--help'], { cwd: work, encoding: 'utf8' });
  check(help.status === 0 && help.stdout.includes('SYNOPSIS'), 'bin: waybill --help', `exit ${help.status}`);
  const version = spawnSync(process.execPath, [bin, '--version'], { cwd: work, encoding: 'utf8' });
  check(version.status === 0 && version.stdout === `waybill version ${pkg.version}\n`, 'bin: waybill --version', version.stdout.trim());
  const example = join(repo, 'examples', '01-quickstart');
  if (existsSync(example)) {
    const validate = spawnSync(process.execPath, [bin, 'validate', example], { cwd: work, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    check(validate.status === 0 && validate.stdout.includes('no problems found'), 'bin: waybill validate examples/01-quickstart', `exit ${validate.status}`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

console.log(failures === 0 ? 'smoke test passed' : `smoke test failed: ${failures} check(s)`);
process.exit(failures === 0 ? 0 : 1);
