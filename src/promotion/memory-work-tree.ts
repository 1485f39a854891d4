import { confinePath } from './secure-path.js';
import type { WorkTree, WorkTreeEntry, WorkTreeEntryType, WriteFileOptions } from './work-tree.js';

type MemoryNode = { readonly type: 'file'; readonly contents: string; readonly mode: number } | { readonly type: 'symlink'; readonly target: string };

/** An in-memory {@link WorkTree}, for tests, examples and browsers. */
export interface MemoryWorkTree extends WorkTree {
  /** Creates a symbolic link at `path` pointing to `target` (resolved inside the tree, never outside). */
  symlink(target: string, path: string): void;
  /** Creates a directory (and its parents). */
  mkdir(path: string): void;
  /** Every file, by its path, as text (links and empty directories left out). */
  files(): Record<string, string>;
  /** The permission bits a file was written with, or `undefined`. */
  modeOf(path: string): number | undefined;
}

/** Creates an in-memory work tree holding the given files (path to text). */
export function createMemoryWorkTree(files: Readonly<Record<string, string>> = {}): MemoryWorkTree {
  const nodes = new Map<string, MemoryNode>();
  const dirs = new Set<string>(['']);

  const readLink = (p: string): string | undefined => {
    const node = nodes.get(p);
    return node?.type === 'symlink' ? node.target : undefined;
  };
  const resolve = (path: string, followLast: boolean): string => confinePath(path, { readLink, followLast });
  const addParents = (p: string): void => {
    const parts = p.split('/');
    for (let i = 1; i < parts.length; i++) {
      const dir = parts.slice(0, i).join('/');
      if (nodes.has(dir)) throw new Error(`cannot create directory ${JSON.stringify(dir)}: a file is in the way`);
      dirs.add(dir);
    }
  };
  const typeAt = (p: string): WorkTreeEntryType | undefined => {
    const node = nodes.get(p);
    if (node !== undefined) return node.type;
    return dirs.has(p) ? 'directory' : undefined;
  };
  const write = (p: string, contents: string, mode: number): void => {
    if (p === '' || dirs.has(p)) throw new Error(`cannot write ${JSON.stringify(p)}: it is a directory`);
    addParents(p);
    nodes.set(p, { type: 'file', contents, mode });
  };

  for (const [path, contents] of Object.entries(files)) write(resolve(path, true), contents, 0o644);

  return {
    async readFile(path) {
      const node = nodes.get(resolve(path, true));
      return node?.type === 'file' ? node.contents : undefined;
    },
    async writeFile(path: string, contents: string, options: WriteFileOptions = {}) {
      write(resolve(path, true), contents, options.mode ?? 0o644);
    },
    async remove(path) {
      const p = resolve(path, false);
      if (nodes.delete(p)) return true;
      if (!dirs.has(p)) return false;
      const prefix = p === '' ? '' : `${p}/`;
      for (const key of [...nodes.keys()]) if (key.startsWith(prefix)) nodes.delete(key);
      for (const dir of [...dirs]) if (dir !== '' && (dir === p || dir.startsWith(prefix))) dirs.delete(dir);
      return true;
    },
    async lstat(path) {
      return typeAt(resolve(path, false));
    },
    async list(path) {
      const p = resolve(path, true);
      if (!dirs.has(p)) return undefined;
      const prefix = p === '' ? '' : `${p}/`;
      const children = new Map<string, WorkTreeEntryType>();
      const consider = (key: string): void => {
        if (key === p || !key.startsWith(prefix)) return;
        const name = key.slice(prefix.length).split('/')[0] ?? '';
        if (name === '' || children.has(name)) return;
        children.set(name, typeAt(prefix + name) ?? 'directory');
      };
      for (const key of nodes.keys()) consider(key);
      for (const dir of dirs) consider(dir);
      return [...children].map(([name, type]): WorkTreeEntry => ({ name, type })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    },
    symlink(target, path) {
      const p = resolve(path, false);
      if (p === '' || typeAt(p) !== undefined) throw new Error(`cannot create link ${JSON.stringify(path)}: the path exists`);
      addParents(p);
      nodes.set(p, { type: 'symlink', target });
    },
    mkdir(path) {
      const p = resolve(path, true);
      if (p === '') return;
      if (nodes.has(p)) throw new Error(`cannot create directory ${JSON.stringify(path)}: a file is in the way`);
      addParents(`${p}/x`);
    },
    files() {
      const out: Record<string, string> = {};
      for (const key of [...nodes.keys()].sort()) {
        const node = nodes.get(key);
        if (node?.type === 'file') out[key] = node.contents;
      }
      return out;
    },
    modeOf(path) {
      const node = nodes.get(resolve(path, true));
      return node?.type === 'file' ? node.mode : undefined;
    },
  };
}
