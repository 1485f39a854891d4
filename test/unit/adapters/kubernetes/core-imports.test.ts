import { readFileSync, existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const CLIENT = '@kubernetes/client-node';

/** Relative module specifiers of a file: static imports, re-exports and dynamic imports. */
function relativeImports(source: string): string[] {
  const out: string[] = [];
  for (const m of source.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)['"](\.{1,2}\/[^'"]+)['"]/g)) if (m[1] !== undefined) out.push(m[1]);
  return out;
}

/** Every file reached from `entry` through relative imports (`.js` specifiers map to `.ts` files). */
function importGraph(entry: string): Map<string, string> {
  const seen = new Map<string, string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (seen.has(file)) continue;
    const source = readFileSync(file, 'utf8');
    seen.set(file, source);
    for (const spec of relativeImports(source)) {
      const target = resolve(dirname(file), spec.replace(/\.js$/, '.ts'));
      const candidate = existsSync(target) ? target : resolve(dirname(file), spec, 'index.ts');
      if (existsSync(candidate)) queue.push(candidate);
    }
  }
  return seen;
}

describe("import 'waybill' never loads the Kubernetes client", () => {
  const graph = importGraph(resolve(root, 'src/index.ts'));

  it('follows the barrel through the core', () => {
    expect(graph.size).toBeGreaterThan(20);
    expect([...graph.keys()].some((f) => f.endsWith('src/model/resource.ts'))).toBe(true);
  });

  it(`no file reached from src/index.ts mentions ${CLIENT} or the kubernetes adapter`, () => {
    const offenders = [...graph].filter(([, source]) => source.includes(CLIENT)).map(([file]) => file);
    expect(offenders).toEqual([]);
    expect([...graph.keys()].filter((f) => f.includes('/adapters/kubernetes/'))).toEqual([]);
  });

  it('the adapter itself loads the client only by a dynamic import, so the subpath imports without it', () => {
    const adapterFiles = importGraph(resolve(root, 'src/adapters/kubernetes/index.ts'));
    for (const [file, source] of adapterFiles) {
      for (const line of source.split('\n').filter((l) => l.includes(CLIENT) && /^\s*(import|export)\b/.test(l))) {
        expect(line, file).toMatch(/^\s*(import type\b|export type \w+ = typeof import\()/);
      }
    }
    const dynamic = [...adapterFiles.values()].flatMap((s) => [...s.matchAll(/(?<!typeof )import\('@kubernetes\/client-node'\)/g)]);
    expect(dynamic.length).toBe(1);
  });
});
