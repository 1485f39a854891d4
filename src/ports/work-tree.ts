/** What a path in a work tree holds (not following a symbolic link at the path itself). */
export type WorkTreeEntryType = 'file' | 'directory' | 'symlink';

/** One child of a directory in a work tree. */
export interface WorkTreeEntry {
  readonly name: string;
  readonly type: WorkTreeEntryType;
}

/** Options of {@link WorkTree.writeFile}. */
export interface WriteFileOptions {
  /** Unix permission bits for a new file (`0o644`); an implementation may ignore them. */
  readonly mode?: number;
}

/**
 * The working directory a promotion's file steps edit. Paths are relative to its root, with `/`
 * separators, and have already been confined lexically by the steps (see `confinePath`). An
 * implementation must keep every access inside the root even through symbolic links, resolving a
 * link as if the root were the filesystem root (Go's SecureJoin), and must never follow a link at
 * the last component of {@link WorkTree.remove} or {@link WorkTree.lstat}. Methods reject with an
 * `Error` when an operation is impossible (writing over a directory, listing a file).
 */
export interface WorkTree {
  /** The text of a file, or `undefined` when there is no file at the path. */
  readFile(path: string): Promise<string | undefined>;
  /** Creates or replaces a file, creating missing parent directories. */
  writeFile(path: string, contents: string, options?: WriteFileOptions): Promise<void>;
  /** Removes a file, a link (not its target) or a whole directory; `false` when nothing was there. */
  remove(path: string): Promise<boolean>;
  /** What is at the path, without following a link there; `undefined` when nothing is. */
  lstat(path: string): Promise<WorkTreeEntryType | undefined>;
  /** The children of a directory, sorted by name; `undefined` when the path is not a directory. */
  list(path: string): Promise<WorkTreeEntry[] | undefined>;
}
