import { describe, expect, it } from 'vitest';
import { areaGraph, areaOf, findCycle, importsOf, readSources, resolveRelative, type SourceFile } from './source-graph.js';

/** For each step of a cycle, the files whose imports make it: `discovery -> expressions (discovery/x.ts)`. */
function explain(cycle: readonly string[], files: readonly SourceFile[]): string {
  const steps: string[] = [];
  for (let i = 0; i + 1 < cycle.length; i++) {
    const [from, to] = [cycle[i], cycle[i + 1]];
    const culprits = files.filter(
      (f) => areaOf(f.path) === from && importsOf(f.text).some((s) => s.startsWith('.') && areaOf(resolveRelative(f.path, s)) === to),
    );
    steps.push(`${from} -> ${to} (${culprits.map((f) => f.path).join(', ')})`);
  }
  return `cycle: ${steps.join('; ')}`;
}

describe('imports between areas of src/', () => {
  it('form no cycle', () => {
    const files = readSources();
    const cycle = findCycle(areaGraph(files));
    expect(cycle === undefined ? 'no cycle' : explain(cycle, files)).toBe('no cycle');
  });

  it('treat a file directly under src/ as its own area and resolve relative imports', () => {
    const graph = areaGraph([
      { path: 'result.ts', text: "import type { Issue } from './errors/issue.js';" },
      { path: 'errors/issue.ts', text: "import type { IssueCode } from './codes/index.js';" },
      { path: 'pipeline/graph.ts', text: "import { ok } from '../result.js';\nimport { x } from 'yaml';" },
    ]);
    expect([...(graph.get('result.ts') ?? [])]).toEqual(['errors']);
    expect([...(graph.get('errors') ?? [])]).toEqual([]);
    expect([...(graph.get('pipeline') ?? [])]).toEqual(['result.ts']);
  });

  it('are reported with the path of a cycle', () => {
    const graph = new Map([
      ['a', new Set(['b'])],
      ['b', new Set(['c'])],
      ['c', new Set(['a'])],
      ['d', new Set<string>()],
    ]);
    expect(findCycle(graph)).toEqual(['a', 'b', 'c', 'a']);
    expect(findCycle(new Map([['a', new Set(['b'])], ['b', new Set<string>()]]))).toBeUndefined();
  });
});
