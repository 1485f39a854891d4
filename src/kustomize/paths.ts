/**
 * Joins a path onto a directory of the tree and normalizes it: `.` and empty parts drop, `..`
 * climbs but never above the root (the tree is the whole world of a build, as Kargo's chrooted
 * file system makes it), and an absolute path counts from the root.
 */
export function joinTreePath(dir: string, path: string): string {
  const parts = path.startsWith('/') ? [] : dir.split('/').filter((p) => p !== '' && p !== '.');
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}

/** The last part of a path (`a/b.txt` → `b.txt`). */
export function baseName(path: string): string {
  const parts = path.split('/').filter((p) => p !== '');
  return parts[parts.length - 1] ?? '';
}
