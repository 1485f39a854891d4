import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Absolute path of `src/`. */
export const srcDir = fileURLToPath(new URL('../../../src/', import.meta.url));

/** One source file of `src/`, with its path relative to `src/` (forward slashes) and its text. */
export interface SourceFile {
  readonly path: string;
  readonly text: string;
}

/** Every `.ts` file under `src/`. */
export function readSources(): SourceFile[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
  return walk(srcDir)
    .sort()
    .map((file) => ({ path: relative(srcDir, file).split(sep).join('/'), text: readFileSync(file, 'utf8') }));
}

/** Removes comments so that examples in doc comments are not taken for code. */
export function stripComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, (m) => m.replace(/[^\n]/g, ' ')).replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

/** The module specifiers a file imports or re-exports (static, type-only and dynamic). */
export function importsOf(text: string): string[] {
  const code = stripComments(text);
  const specifiers: string[] = [];
  const patterns = [/\b(?:import|export)\s+(?:type\s+)?[^'";]*?\bfrom\s+['"]([^'"]+)['"]/g, /\bimport\s+['"]([^'"]+)['"]/g, /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g, /\brequire\(\s*['"]([^'"]+)['"]\s*\)/g];
  for (const pattern of patterns) for (const m of code.matchAll(pattern)) specifiers.push(m[1] as string);
  return specifiers;
}

/** The area of a file: the first folder under `src/`, or the file itself when it sits directly in `src/`. */
export function areaOf(path: string): string {
  const slash = path.indexOf('/');
  return slash === -1 ? path : path.slice(0, slash);
}

/** Resolves a relative specifier of `from` (a path relative to `src/`) to a path relative to `src/`. */
export function resolveRelative(from: string, specifier: string): string {
  const absolute = resolve(srcDir, dirname(from), specifier).replace(/\.js$/, '.ts');
  return relative(srcDir, absolute).split(sep).join('/');
}

/** The area-level import graph: area -> areas it imports from (itself excluded). */
export function areaGraph(files: readonly SourceFile[]): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of files) {
    const from = areaOf(file.path);
    const targets = graph.get(from) ?? new Set<string>();
    graph.set(from, targets);
    for (const spec of importsOf(file.text)) {
      if (!spec.startsWith('.')) continue;
      const to = areaOf(resolveRelative(file.path, spec));
      if (to !== from && !to.startsWith('..')) targets.add(to);
    }
  }
  return graph;
}

/** Finds one cycle in a directed graph, as the list of nodes with the first repeated at the end. */
export function findCycle(graph: ReadonlyMap<string, ReadonlySet<string>>): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): string[] | undefined => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of [...(graph.get(node) ?? [])].sort()) {
      if (state.get(next) === 'open') return [...stack.slice(stack.indexOf(next)), next];
      if (state.get(next) === undefined) {
        const cycle = visit(next);
        if (cycle) return cycle;
      }
    }
    stack.pop();
    state.set(node, 'done');
    return undefined;
  };
  for (const node of [...graph.keys()].sort()) {
    if (state.get(node) === undefined) {
      const cycle = visit(node);
      if (cycle) return cycle;
    }
  }
  return undefined;
}
