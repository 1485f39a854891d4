import { readlinkSync } from 'node:fs';
import { lstat, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { confinePath } from '../../promotion/index.js';
import type { WorkTree, WorkTreeEntry, WorkTreeEntryType } from '../../promotion/index.js';

/** Options of {@link createFileWorkTree}. */
export interface FileWorkTreeOptions {
  /**
   * Top-level names the work tree hides and refuses to change (a checkout hides `.git`, so file
   * steps cannot edit git's own files).
   */
  readonly hidden?: readonly string[] | undefined;
}

const entryType = (entry: { isSymbolicLink(): boolean; isDirectory(): boolean }): WorkTreeEntryType =>
  entry.isSymbolicLink() ? 'symlink' : entry.isDirectory() ? 'directory' : 'file';

const isMissing = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && 'code' in error && (error.code === 'ENOENT' || error.code === 'ENOTDIR');

/**
 * A {@link WorkTree} over a directory on disk. Every path is resolved inside `root` the way Kargo
 * resolves step paths (Go's SecureJoin): `..` stops at the root, and symbolic links are followed
 * as if the root were the filesystem root, so no path or link reaches outside it.
 */
export function createFileWorkTree(root: string, options: FileWorkTreeOptions = {}): WorkTree {
  const hidden = new Set(options.hidden ?? []);
  const readLink = (relative: string): string | undefined => {
    try {
      return readlinkSync(join(root, relative));
    } catch {
      return undefined;
    }
  };
  const resolve = (path: string, followLast: boolean): { relative: string; absolute: string; hidden: boolean } => {
    const relative = confinePath(path, { readLink, followLast });
    const first = relative.split('/')[0] ?? '';
    return { relative, absolute: relative === '' ? root : join(root, relative), hidden: hidden.has(first) };
  };
  const refuseHidden = (path: string, at: { hidden: boolean }): void => {
    if (at.hidden) throw new Error(`${JSON.stringify(path)} is inside a directory this work tree does not let steps change`);
  };
  return {
    async readFile(path) {
      const at = resolve(path, true);
      if (at.hidden) return undefined;
      try {
        if (!(await stat(at.absolute)).isFile()) return undefined;
        return await readFile(at.absolute, 'utf8');
      } catch (error) {
        if (isMissing(error)) return undefined;
        throw error;
      }
    },
    async writeFile(path, contents, writeOptions) {
      const at = resolve(path, true);
      refuseHidden(path, at);
      if (at.relative === '') throw new Error('cannot write a file over the work tree itself');
      await mkdir(dirname(at.absolute), { recursive: true });
      await writeFile(at.absolute, contents, writeOptions?.mode === undefined ? {} : { mode: writeOptions.mode });
    },
    async remove(path) {
      const at = resolve(path, false);
      refuseHidden(path, at);
      if (at.relative === '') {
        // Removing the root empties it; the directory itself (and what is hidden) stays.
        let removed = false;
        for (const entry of await readdir(root)) {
          if (hidden.has(entry)) continue;
          await rm(join(root, entry), { recursive: true, force: true });
          removed = true;
        }
        return removed;
      }
      try {
        await lstat(at.absolute);
      } catch (error) {
        if (isMissing(error)) return false;
        throw error;
      }
      await rm(at.absolute, { recursive: true, force: true });
      return true;
    },
    async lstat(path) {
      const at = resolve(path, false);
      if (at.hidden) return undefined;
      try {
        return entryType(await lstat(at.absolute));
      } catch (error) {
        if (isMissing(error)) return undefined;
        throw error;
      }
    },
    async list(path) {
      const at = resolve(path, true);
      if (at.hidden) return undefined;
      let entries;
      try {
        if (!(await stat(at.absolute)).isDirectory()) return undefined;
        entries = await readdir(at.absolute, { withFileTypes: true });
      } catch (error) {
        if (isMissing(error)) return undefined;
        throw error;
      }
      const out: WorkTreeEntry[] = entries.filter((e) => at.relative !== '' || !hidden.has(e.name)).map((e) => ({ name: e.name, type: entryType(e) }));
      return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    },
  };
}
