import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { KustomizeReader } from '../../../src/kustomize/index.js';

/** A reader over an in-memory map of files (directories are implied by the paths). */
export function readerOf(files: Readonly<Record<string, string>>): KustomizeReader & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    async readFile(path) {
      reads.push(path);
      return Object.hasOwn(files, path) ? files[path] : undefined;
    },
    async list(path) {
      const prefix = path === '' ? '' : `${path}/`;
      const names = new Map<string, 'file' | 'directory'>();
      for (const f of Object.keys(files)) {
        if (!f.startsWith(prefix)) continue;
        const [head, ...rest] = f.slice(prefix.length).split('/');
        if (head !== undefined && head !== '') names.set(head, rest.length > 0 ? 'directory' : 'file');
      }
      if (names.size === 0) return undefined;
      return [...names].sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, type]) => ({ name, type }));
    },
  };
}

/** A reader over a directory of the fixtures. */
export function readerOfDirectory(root: string): KustomizeReader {
  return {
    async readFile(path) {
      try {
        const full = join(root, path);
        return statSync(full).isFile() ? readFileSync(full, 'utf8') : undefined;
      } catch {
        return undefined;
      }
    },
    async list(path) {
      try {
        return readdirSync(join(root, path), { withFileTypes: true })
          .map((d) => ({ name: d.name, type: d.isDirectory() ? ('directory' as const) : ('file' as const) }))
          .sort((a, b) => (a.name < b.name ? -1 : 1));
      } catch {
        return undefined;
      }
    },
  };
}

/** The path of a fixture file or directory. */
export function fixturePath(relative: string): string {
  return new URL(`../../fixtures/kustomize/${relative}`, import.meta.url).pathname;
}
