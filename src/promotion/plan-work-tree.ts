import { confinePath } from './secure-path.js';
import type { WorkTree, WorkTreeEntry, WorkTreeEntryType, WriteFileOptions } from './work-tree.js';

/**
 * A work tree laid over another: reads fall through to the base, writes and removals stay in
 * memory. It remembers what each changed file held before the first change, so a plan can show
 * a diff against the checkout as it was cloned.
 */
export interface OverlayWorkTree extends WorkTree {
  /**
   * Replaces everything under `dir` with `files` (relative to `dir`) as the new starting point:
   * changes made later are diffed against these contents.
   */
  reset(dir: string, files: Readonly<Record<string, string>>): Promise<void>;
  /** Every file under `dir` (relative to it, sorted), leaving out the directories in `skip`. */
  filesUnder(dir: string, skip?: readonly string[]): Promise<Map<string, string>>;
  /** Paths changed since their starting point, with what they held then (`undefined`: nothing). */
  changes(): Promise<{ path: string; before: string | undefined; after: string | undefined }[]>;
}

const join = (dir: string, name: string): string => (dir === '' ? name : `${dir}/${name}`);
const isUnder = (path: string, dir: string): boolean => dir === '' || path === dir || path.startsWith(`${dir}/`);
const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Creates an overlay on `base` (an empty tree when there is none). */
export function createOverlayWorkTree(base: WorkTree | undefined): OverlayWorkTree {
  const written = new Map<string, string>();
  // A removed path hides the base at and below it; files written later show through again.
  const hidden = new Set<string>();
  const before = new Map<string, string | undefined>();
  const path = (p: string): string => confinePath(p);
  const isHidden = (p: string): boolean => [...hidden].some((h) => isUnder(p, h));
  const baseRead = async (p: string): Promise<string | undefined> => (isHidden(p) || base === undefined ? undefined : base.readFile(p));
  const writtenBelow = (p: string): boolean => [...written.keys()].some((k) => k !== p && isUnder(k, p));

  const read = async (p: string): Promise<string | undefined> => (written.has(p) ? written.get(p) : baseRead(p));
  const lstat = async (p: string): Promise<WorkTreeEntryType | undefined> => {
    if (written.has(p)) return 'file';
    if (p === '' || writtenBelow(p)) return 'directory';
    if (isHidden(p) || base === undefined) return undefined;
    return base.lstat(p);
  };
  const list = async (p: string): Promise<WorkTreeEntry[] | undefined> => {
    const children = new Map<string, WorkTreeEntryType>();
    let isDir = p === '';
    if (!isHidden(p) && base !== undefined) {
      const entries = await base.list(p);
      if (entries !== undefined) {
        isDir = true;
        for (const e of entries) if (!isHidden(join(p, e.name))) children.set(e.name, e.type);
      }
    }
    const prefix = p === '' ? '' : `${p}/`;
    for (const key of written.keys()) {
      if (!key.startsWith(prefix)) continue;
      isDir = true;
      const rest = key.slice(prefix.length);
      const name = rest.split('/')[0] ?? '';
      children.set(name, rest.includes('/') ? 'directory' : 'file');
    }
    if (!isDir) return undefined;
    return [...children].map(([name, type]) => ({ name, type })).sort((a, b) => byName(a.name, b.name));
  };
  const filesUnder = async (dir: string, skip: readonly string[] = []): Promise<Map<string, string>> => {
    const out = new Map<string, string>();
    const walk = async (p: string): Promise<void> => {
      if (skip.includes(p)) return;
      const type = await lstat(p);
      if (type === 'file') {
        const text = await read(p);
        if (text !== undefined) out.set(dir === '' ? p : p.slice(dir.length + 1), text);
      } else if (type === 'directory') {
        for (const e of (await list(p)) ?? []) await walk(join(p, e.name));
      }
    };
    await walk(dir);
    return new Map([...out].sort(([a], [b]) => byName(a, b)));
  };
  const remember = async (p: string): Promise<void> => {
    if (!before.has(p)) before.set(p, await read(p));
  };
  const removeRaw = (p: string): void => {
    for (const key of [...written.keys()]) if (isUnder(key, p)) written.delete(key);
    hidden.add(p);
  };

  return {
    readFile: async (p) => read(path(p)),
    async writeFile(p: string, contents: string, _options?: WriteFileOptions) {
      const at = path(p);
      if (at === '' || (await lstat(at)) === 'directory') throw new Error(`cannot write ${JSON.stringify(at)}: it is a directory`);
      await remember(at);
      written.set(at, contents);
    },
    async remove(p) {
      const at = path(p);
      const type = await lstat(at);
      if (type === undefined) return false;
      for (const file of (await filesUnder(at)).keys()) await remember(type === 'file' ? at : join(at, file));
      removeRaw(at);
      return true;
    },
    lstat: async (p) => lstat(path(p)),
    list: async (p) => list(path(p)),
    async reset(dir, files) {
      const at = path(dir);
      removeRaw(at);
      for (const key of [...before.keys()]) if (isUnder(key, at)) before.delete(key);
      for (const [name, text] of Object.entries(files)) written.set(join(at, path(name)), text);
    },
    filesUnder: async (dir, skip) => filesUnder(path(dir), skip),
    async changes() {
      const out: { path: string; before: string | undefined; after: string | undefined }[] = [];
      for (const [p, was] of [...before].sort(([a], [b]) => byName(a, b))) {
        const now = await read(p);
        if (now !== was) out.push({ path: p, before: was, after: now });
      }
      return out;
    },
  };
}

/** A work tree showing one directory of another (a checkout's files). */
export function subtreeOf(tree: WorkTree, root: string): WorkTree {
  const at = (p: string): string => join(root, confinePath(p));
  return {
    readFile: (p) => tree.readFile(at(p)),
    writeFile: (p, contents, options) => tree.writeFile(at(p), contents, options),
    remove: async (p) => {
      if (confinePath(p) !== '') return tree.remove(at(p));
      // Emptying a checkout keeps its directory.
      const entries = (await tree.list(root)) ?? [];
      for (const e of entries) await tree.remove(join(root, e.name));
      return entries.length > 0;
    },
    lstat: (p) => tree.lstat(at(p)),
    list: (p) => tree.list(at(p)),
  };
}
