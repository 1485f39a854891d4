import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { describeIssueCode } from '../../../src/errors/index.js';

const srcDir = fileURLToPath(new URL('../../../src/', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** String literals that are used as issue codes: `createIssue('X'`, `code: 'X'`, `new WaybillError('X'`. */
const patterns = [/createIssue\(\s*['"`]([A-Z][A-Z0-9_]*)['"`]/g, /\bcode:\s*['"`]([A-Z][A-Z0-9_]*)['"`]/g, /new WaybillError\(\s*['"`]([A-Z][A-Z0-9_]*)['"`]/g];

function codesUsedIn(text: string): string[] {
  return patterns.flatMap((p) => [...text.matchAll(p)].map((m) => m[1] as string));
}

describe('issue codes used in src/', () => {
  it('finds the literals it looks for', () => {
    expect(codesUsedIn(`createIssue('A_B', 'x'); const i = { code: "C_D" }; throw new WaybillError('E', 'm');`)).toEqual(['A_B', 'C_D', 'E']);
  });

  it('are all in the catalog', () => {
    const missing: string[] = [];
    for (const file of sourceFiles(srcDir)) {
      // The catalog files define codes rather than use them.
      if (file.includes(join('errors', 'codes'))) continue;
      for (const code of codesUsedIn(readFileSync(file, 'utf8'))) {
        if (describeIssueCode(code) === undefined) missing.push(`${relative(srcDir, file)}: ${code}`);
      }
    }
    expect(missing, 'codes used but missing from src/errors/codes/*.ts').toEqual([]);
  });
});
