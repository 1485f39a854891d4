import { isObject } from './resource.js';
import type { Gvk, JsonObject } from './types.js';

/**
 * Where a transformer writes in the objects of some kinds: a `/`-separated path (`\/` is a
 * literal slash, `name[]` steps into every item of a list; lists met on the way are stepped
 * into too), the kinds it applies to (empty fields match every kind) and whether a missing
 * field is created.
 */
export interface FieldSpec {
  readonly path: string;
  readonly group?: string;
  readonly version?: string;
  readonly kind?: string;
  readonly create?: boolean;
}

/** Whether a field spec applies to an object of the given kind. */
export function fieldSpecSelects(fs: FieldSpec, gvk: Gvk): boolean {
  if (fs.group !== undefined && fs.group !== '' && fs.group !== gvk.group) return false;
  if (fs.version !== undefined && fs.version !== '' && fs.version !== gvk.version) return false;
  if (fs.kind !== undefined && fs.kind !== '' && fs.kind !== gvk.kind) return false;
  return true;
}

/** Splits a field path into its parts, honouring `\/` escapes. */
export function splitFieldPath(path: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < path.length; i++) {
    const c = path[i] as string;
    if (c === '\\' && path[i + 1] === '/') {
      current += '/';
      i++;
    } else if (c === '/') {
      parts.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  parts.push(current);
  return parts.filter((p) => p !== '');
}

/**
 * Calls `visit(parent, key)` for every place the path reaches in `obj`: the leaf may be missing
 * (when `create` is set); missing intermediate maps are created only when `create` is set.
 */
export function visitFieldPath(obj: JsonObject, fs: FieldSpec, visit: (parent: JsonObject, key: string) => void): void {
  walk(obj, splitFieldPath(fs.path), fs.create === true, visit);
}

function walk(node: unknown, parts: readonly string[], create: boolean, visit: (parent: JsonObject, key: string) => void): void {
  if (Array.isArray(node)) {
    for (const item of node) walk(item, parts, create, visit);
    return;
  }
  if (!isObject(node) || parts.length === 0) return;
  const [head, ...rest] = parts as [string, ...string[]];
  const isList = head.endsWith('[]');
  const key = isList ? head.slice(0, -2) : head;
  if (rest.length === 0 && !isList) {
    if (Object.hasOwn(node, key) || create) visit(node, key);
    return;
  }
  let child = node[key];
  if (child === undefined || child === null) {
    if (!create || isList) return;
    child = {};
    node[key] = child;
  }
  if (isList) {
    if (!Array.isArray(child)) return;
    if (rest.length === 0) return;
    for (const item of child) walk(item, rest, create, visit);
    return;
  }
  walk(child, rest, create, visit);
}
