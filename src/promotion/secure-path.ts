/** Options of {@link securePath}. */
export interface SecurePathOptions {
  /**
   * Reads a symbolic link, given its path relative to the root (`a/b`); returns its target, or
   * `undefined` when that path is not a link. Without it, paths are confined lexically only.
   */
  readonly readLink?: (relativePath: string) => string | undefined;
  /** Whether to resolve a link in the last component (default `true`; deleting a link wants `false`). */
  readonly followLast?: boolean;
}

// The most links one resolution may follow, as in filepath-securejoin.
const MAX_LINKS = 255;

/**
 * Joins `path` onto `root` so that the result can never leave `root`, with the rules of Go's
 * `filepath-securejoin` (which Kargo uses for every step path): `..` never climbs above the root,
 * an absolute path counts from the root, backslashes are ordinary characters, and each symbolic
 * link met on the way (when `readLink` is given) is resolved as if the root were the filesystem
 * root, so a link pointing outside lands inside. It confines; it never fails. Returns the joined
 * path (`root/a/b`), or the relative path alone when `root` is `''`.
 */
export function securePath(root: string, path: string, options: SecurePathOptions = {}): string {
  const relative = confinePath(path, options);
  if (root === '') return relative;
  const base = root.length > 1 ? root.replace(/\/+$/, '') : root;
  if (relative === '') return base;
  return base === '/' ? `/${relative}` : `${base}/${relative}`;
}

/**
 * The path inside the work directory that `path` designates, relative (`a/b`, `''` for the
 * directory itself), with `..`, absolute paths and (given `readLink`) symbolic links confined to
 * it. See {@link securePath}.
 */
export function confinePath(path: string, options: SecurePathOptions = {}): string {
  const done: string[] = [];
  const pending = splitComponents(path);
  let links = 0;
  while (pending.length > 0) {
    const part = pending.shift() as string;
    if (part === '..') {
      done.pop();
      continue;
    }
    const candidate = [...done, part].join('/');
    const isLast = pending.length === 0;
    const target = options.readLink !== undefined && (!isLast || options.followLast !== false) ? options.readLink(candidate) : undefined;
    if (typeof target !== 'string') {
      done.push(part);
      continue;
    }
    links += 1;
    // Past the limit the rest is joined lexically: a loop of links must still end, inside the root.
    if (links > MAX_LINKS) {
      done.push(part);
      continue;
    }
    if (target.startsWith('/')) done.length = 0;
    pending.unshift(...splitComponents(target));
  }
  return done.join('/');
}

function splitComponents(path: string): string[] {
  return path.split('/').filter((p) => p !== '' && p !== '.');
}
