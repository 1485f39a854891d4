import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import tsupConfig, { entries } from '../../../tsup.config.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as {
  exports: Record<string, string | { import: { types: string; default: string }; require: { types: string; default: string } }>;
  bin: Record<string, string>;
  main: string;
  module: string;
  types: string;
};

/** `./dist/adapters/git/index.js` -> `adapters/git/index` */
function entryOf(distPath: string, extension: RegExp): string {
  return distPath.replace(/^\.\/dist\//, '').replace(extension, '');
}

const subpaths = Object.entries(pkg.exports).filter(([key]) => key !== './package.json');

describe('package.json#exports and tsup entries', () => {
  it('match one to one', () => {
    const fromExports = subpaths.map(([, value]) => (typeof value === 'string' ? value : entryOf(value.import.default, /\.js$/))).sort();
    expect(fromExports).toEqual(Object.keys(entries).sort());
  });

  it.each(subpaths)('%s points at the same entry for import, require and their types', (_key, value) => {
    expect(typeof value).toBe('object');
    if (typeof value === 'string') return;
    const entry = entryOf(value.import.default, /\.js$/);
    expect(value.import.types).toBe(`./dist/${entry}.d.ts`);
    expect(value.require.default).toBe(`./dist/${entry}.cjs`);
    expect(value.require.types).toBe(`./dist/${entry}.d.cts`);
  });

  it('have a source file for every entry', () => {
    for (const [entry, source] of Object.entries(entries)) expect(existsSync(`${root}${source}`), `${entry}: ${source}`).toBe(true);
  });

  it('build every entry as ESM and CJS with declarations', () => {
    const configs = Array.isArray(tsupConfig) ? tsupConfig : [tsupConfig];
    const library = configs.find((c) => typeof c === 'object' && c.entry === entries);
    expect(library).toMatchObject({ format: ['esm', 'cjs'], dts: true });
  });

  it('build the waybill bin from src/cli/main.ts with a shebang', () => {
    expect(pkg.bin['waybill']).toBe('./dist/cli/main.js');
    const configs = Array.isArray(tsupConfig) ? tsupConfig : [tsupConfig];
    const cli = configs.find((c) => typeof c === 'object' && typeof c.entry === 'object' && !Array.isArray(c.entry) && 'cli/main' in c.entry);
    expect(cli).toMatchObject({ entry: { 'cli/main': 'src/cli/main.ts' }, banner: { js: '#!/usr/bin/env node' } });
  });

  it('keep main, module and types on the root entry', () => {
    expect([pkg.main, pkg.module, pkg.types]).toEqual(['./dist/index.cjs', './dist/index.js', './dist/index.d.ts']);
  });
});
