import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { firstSentence } from '../../../scripts/api-doc.js';

const root = new URL('../../../', import.meta.url);

/** Every name the barrel exports, values and types, from its `export { ... } from` lines. */
function barrelExports(text: string): { names: string[]; starExports: string[] } {
  const names: string[] = [];
  for (const m of text.matchAll(/export\s+(?:type\s+)?\{([^}]*)\}/g)) {
    for (const part of (m[1] as string).split(',')) {
      const name = part.trim().replace(/^type\s+/, '').split(/\s+as\s+/).pop()?.trim();
      if (name) names.push(name);
    }
  }
  for (const m of text.matchAll(/export\s+(?:declare\s+)?(?:async\s+)?(?:function|const|class|interface|type|enum)\s+([A-Za-z_$][\w$]*)/g)) names.push(m[1] as string);
  const starExports = [...text.matchAll(/export\s+\*\s+(?:as\s+\w+\s+)?from\s+['"]([^'"]+)['"]/g)].map((m) => m[1] as string);
  return { names, starExports };
}

describe('docs/reference/api.md', () => {
  const barrel = readFileSync(new URL('src/index.ts', root), 'utf8');
  const doc = readFileSync(new URL('docs/reference/api.md', root), 'utf8');

  it('mentions every name src/index.ts exports (run `npm run docs:api` to regenerate)', () => {
    const { names } = barrelExports(barrel);
    expect(names.length).toBeGreaterThan(0);
    expect(names.filter((n) => !doc.includes(`\`${n}\``))).toEqual([]);
  });

  it('can list the barrel because it names its exports (no export *)', () => {
    expect(barrelExports(barrel).starExports).toEqual([]);
  });

  it('reads names from export lists, aliases and declarations', () => {
    const { names, starExports } = barrelExports("export { a, b as c } from './x.js';\nexport type { T, type U } from './y.js';\nexport function f() {}\nexport * from './z.js';");
    expect(names).toEqual(['a', 'c', 'T', 'U', 'f']);
    expect(starExports).toEqual(['./z.js']);
  });
});

describe('firstSentence (the summaries of the generated API reference)', () => {
  it('stops at the first full stop outside code, on one line', () => {
    expect(firstSentence('Creates an issue. Severity defaults\nto `error`.')).toBe('Creates an issue.');
    expect(firstSentence('Prints `a.b. c` paths. More.')).toBe('Prints `a.b. c` paths.');
    expect(firstSentence('Prints issues\nfor people:\n\n```\nexample\n```')).toBe('Prints issues for people.');
    expect(firstSentence('Options of {@link createIssue}.')).toBe('Options of `createIssue`.');
    expect(firstSentence('')).toBe('');
  });
});
