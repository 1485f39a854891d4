import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node } from 'yaml';

/** A scalar reachable with Kargo's key syntax, found by walking a composed document. */
export interface ScalarPath {
  /** The key in Kargo's key syntax (dots and colons escaped). */
  readonly key: string;
  /** The same path as data: map keys and sequence indexes. */
  readonly path: readonly (string | number)[];
  /** Source range of the scalar (start, end of value). */
  readonly range: readonly [number, number];
  /** The scalar's current value. */
  readonly value: unknown;
  readonly type: string | undefined;
  /** Whether the scalar sits inside a flow collection. */
  readonly inFlow: boolean;
}

function escapePart(part: string): string | undefined {
  if (part === '' || part.includes('\\')) return undefined;
  return part.replaceAll('.', '\\.').replaceAll(':', '\\:');
}

/** Every scalar of a document that has a plain string path (no tags, aliases, merges or odd keys). */
export function scalarPaths(doc: Document): ScalarPath[] {
  const out: ScalarPath[] = [];
  const walk = (node: Node | null | undefined, key: string[], path: (string | number)[], inFlow = false): void => {
    if (!node || isAlias(node)) return;
    if (node.tag !== undefined) return;
    if (isScalar(node)) {
      if (path.length === 0 || !node.range) return;
      const joined = key.join('.');
      if (joined !== joined.trim()) return;
      out.push({ key: joined, path: [...path], range: [node.range[0], node.range[1]], value: node.value, type: node.type, inFlow });
      return;
    }
    if (isMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items) {
        if (!isPair(pair) || !isScalar(pair.key) || typeof pair.key.value !== 'string' || pair.key.tag !== undefined) continue;
        const k = pair.key.value;
        if (k === '<<' || k === '__proto__' || seen.has(k)) continue;
        seen.add(k);
        const part = escapePart(k);
        if (part === undefined) continue;
        walk(pair.value as Node | null, [...key, part], [...path, k], inFlow || node.flow === true);
      }
      return;
    }
    if (isSeq(node)) {
      node.items.forEach((item, i) => walk(item as Node | null, [...key, String(i)], [...path, i], inFlow || node.flow === true));
    }
  };
  walk(doc.contents as Node | null, [], []);
  return out;
}

/** Sets a value at a path inside plain data (a copy is made by the caller). */
export function setAtPath(data: unknown, path: readonly (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  let node = data as Record<string | number, unknown>;
  for (let i = 0; i < path.length - 1; i++) node = node[path[i] as string | number] as Record<string | number, unknown>;
  node[path[path.length - 1] as string | number] = value;
  return data;
}
