import { builtinModules } from 'node:module';
import { describe, expect, it } from 'vitest';
import { areaOf, importsOf, readSources, resolveRelative, stripComments } from './source-graph.js';

/** Areas that may do I/O and use Node; everything else in src/ is the portable core. */
const shellAreas = new Set(['adapters', 'controller', 'cli']);
const sources = readSources();
const core = sources.filter((f) => !shellAreas.has(areaOf(f.path)));
const builtins = new Set(builtinModules);

function isNodeBuiltin(specifier: string): boolean {
  return specifier.startsWith('node:') || builtins.has(specifier) || builtins.has(specifier.split('/')[0] as string);
}

describe('the core (src/ without adapters/, controller/, cli/)', () => {
  it('has files to check', () => {
    expect(core.map((f) => f.path)).toContain('index.ts');
  });

  it('imports no Node built-in module', () => {
    const offenders = core.flatMap((f) => importsOf(f.text).filter(isNodeBuiltin).map((s) => `${f.path} imports ${s}`));
    expect(offenders).toEqual([]);
  });

  it('imports nothing from adapters/, controller/ or cli/', () => {
    const offenders = core.flatMap((f) =>
      importsOf(f.text)
        .filter((s) => s.startsWith('.') && shellAreas.has(areaOf(resolveRelative(f.path, s))))
        .map((s) => `${f.path} imports ${s}`),
    );
    expect(offenders).toEqual([]);
  });

  it('does not read the clock or draw random numbers (time and ids are arguments)', () => {
    const forbidden: [RegExp, string][] = [
      [/\bDate\.now\s*\(/, 'Date.now()'],
      [/\bnew\s+Date\s*\(\s*\)/, 'new Date()'],
      [/\bMath\.random\s*\(/, 'Math.random()'],
      [/\bperformance\.now\s*\(/, 'performance.now()'],
    ];
    const offenders = core.flatMap((f) => {
      const code = stripComments(f.text);
      return forbidden.filter(([re]) => re.test(code)).map(([, what]) => `${f.path} calls ${what}`);
    });
    expect(offenders).toEqual([]);
  });
});

describe('the guard helpers', () => {
  it('see static, type-only, side-effect, dynamic and re-export imports, not those in comments', () => {
    const text = [
      "import { a } from './a.js';",
      "import type { B } from '../b/index.js';",
      "import 'node:fs';",
      "export { c } from './c.js';",
      "export * from './d.js';",
      "const e = await import('./e.js');",
      "// import { z } from 'node:path';",
      "/** import { y } from 'node:os' */",
    ].join('\n');
    expect(importsOf(text).sort()).toEqual(['../b/index.js', './a.js', './c.js', './d.js', './e.js', 'node:fs'].sort());
  });

  it('recognise Node built-ins with and without the node: prefix', () => {
    expect(['node:fs', 'fs', 'fs/promises', 'path', 'child_process'].every(isNodeBuiltin)).toBe(true);
    expect(['yaml', 'zod', './fs.js', 'semver'].some(isNodeBuiltin)).toBe(false);
  });
});
