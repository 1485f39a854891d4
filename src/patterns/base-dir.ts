/**
 * Kargo's base-directory path selector: a path matches a base directory when it lies at or under
 * it, after both are cleaned lexically (`apps/` = `apps`, `a/../b` = `b`, `.` = every relative
 * path). Kargo computes Go's `filepath.Rel(base, path)` and accepts the result when it does not
 * contain `..` anywhere, so a file whose own name holds `..` (`x..y`) is rejected too; waybill keeps
 * that quirk for parity. Separators are `/` only. Written here because Go's path semantics have no
 * exact npm equivalent (`node:path` is not allowed in the core and cleans differently on Windows).
 */
export function compileBaseDir(base: string): (path: string) => boolean {
  const cleanBase = cleanPath(base);
  return (path: string) => {
    const rel = relativePath(cleanBase, cleanPath(path));
    return rel !== undefined && !rel.includes('..');
  };
}

/** Go's `path.Clean`: the shortest equivalent path, lexically (no file system access). */
export function cleanPath(path: string): string {
  if (path === '') return '.';
  const rooted = path.startsWith('/');
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
      continue;
    }
    out.push(part);
  }
  const joined = out.join('/');
  if (rooted) return `/${joined}`;
  return joined === '' ? '.' : joined;
}

/** Go's `filepath.Rel` on cleaned `/` paths; `undefined` where Go returns an error. */
function relativePath(base: string, target: string): string | undefined {
  if (base === target) return '.';
  const b = base === '.' ? '' : base;
  const rooted = b.startsWith('/');
  if (rooted !== target.startsWith('/')) return undefined;
  const splitParts = (p: string): string[] => {
    const body = rooted ? p.slice(1) : p;
    return body === '' ? [] : body.split('/');
  };
  const baseParts = splitParts(b);
  const targetParts = splitParts(target);
  let i = 0;
  while (i < baseParts.length && i < targetParts.length && baseParts[i] === targetParts[i]) i++;
  if (baseParts[i] === '..') return undefined;
  if (i < baseParts.length) {
    const ups = new Array<string>(baseParts.length - i).fill('..');
    return [...ups, ...targetParts.slice(i)].join('/');
  }
  return targetParts.slice(i).join('/');
}
