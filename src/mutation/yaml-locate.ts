import type { CST } from 'yaml';
import type { PathSegment } from '../errors/index.js';
import { parseIndex, type KeyPart } from './key-path.js';
import {
  entriesOf,
  isMapToken,
  isScalarToken,
  isSeqToken,
  keyText,
  type CollectionItem,
  type CollectionToken,
  type ScalarToken,
} from './yaml-cst.js';

/** Where a missing value would have to be created. */
export type MissingAt =
  | { readonly kind: 'map'; readonly node: CST.BlockMap | CST.FlowCollection }
  | { readonly kind: 'seq'; readonly node: CST.BlockSequence | CST.FlowCollection; readonly length: number }
  | { readonly kind: 'empty'; readonly item: CollectionItem; readonly flow: boolean }
  | { readonly kind: 'document'; readonly doc: CST.Document };

/** The outcome of walking a key path through one document. */
export type Located =
  | { readonly kind: 'scalar'; readonly token: ScalarToken; readonly item: CollectionItem; readonly path: PathSegment[]; readonly flow: boolean }
  | { readonly kind: 'empty'; readonly item: CollectionItem; readonly path: PathSegment[]; readonly flow: boolean }
  | { readonly kind: 'missing'; readonly at: MissingAt; readonly path: PathSegment[]; readonly rest: readonly KeyPart[] }
  | {
      readonly kind: 'fail';
      readonly code: 'YAML_KEY_NOT_FOUND' | 'YAML_INVALID_INDEX' | 'YAML_INDEX_OUT_OF_RANGE' | 'YAML_NOT_A_SCALAR';
      readonly reason: string;
      readonly offset: number;
      readonly path: PathSegment[];
    };

/**
 * Walks a key path from the root of a document, the way Kargo's yaml-update does: a mapping
 * part matches the first key whose scalar value equals it, a sequence part is an index; aliases,
 * merges and scalars stop the walk. Missing keys and appends are reported as `missing` (the caller
 * decides whether `create` allows them). Written on the CST so no alias is ever expanded.
 */
export function locatePath(doc: CST.Document, parts: readonly KeyPart[]): Located {
  let node: CST.Token | undefined = doc.value;
  let holder: CollectionItem | undefined;
  let flow = false;
  const path: PathSegment[] = [];
  const fail = (code: Extract<Located, { kind: 'fail' }>['code'], reason: string, offset: number): Located => ({
    kind: 'fail',
    code,
    reason,
    offset,
    path: [...path],
  });
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as KeyPart;
    if (node === undefined) {
      const at: MissingAt = holder ? { kind: 'empty', item: holder, flow } : { kind: 'document', doc };
      return { kind: 'missing', at, path, rest: parts.slice(i) };
    }
    if (node.type === 'alias') return fail('YAML_KEY_NOT_FOUND', 'the path runs through an alias', node.offset);
    if (isMapToken(node)) {
      node = node as CST.BlockMap | CST.FlowCollection;
      const item = findKey(node, part.text);
      if (!item) return { kind: 'missing', at: { kind: 'map', node }, path, rest: parts.slice(i) };
      path.push(part.text);
      flow ||= node.type === 'flow-collection';
      holder = item;
      node = item.value;
      continue;
    }
    if (isSeqToken(node)) {
      node = node as CST.BlockSequence | CST.FlowCollection;
      const items = entriesOf(node);
      if (part.mapKey) return fail('YAML_KEY_NOT_FOUND', `"${part.text}" names a map key but the value is a sequence`, node.offset);
      const index = parseIndex(part.text);
      if (index === undefined) return fail('YAML_INVALID_INDEX', `"${part.text}" is not a sequence index`, node.offset);
      if (index === -1 || index === items.length) {
        return { kind: 'missing', at: { kind: 'seq', node, length: items.length }, path, rest: parts.slice(i) };
      }
      if (index < 0 || index > items.length) {
        return fail('YAML_INDEX_OUT_OF_RANGE', `index ${index} is outside a sequence of ${items.length} items`, node.offset);
      }
      const item = items[index] as CollectionItem;
      if (item.key !== undefined) return fail('YAML_KEY_NOT_FOUND', 'the sequence item is a key/value pair', node.offset);
      path.push(index);
      flow ||= node.type === 'flow-collection';
      holder = item;
      node = item.value;
      continue;
    }
    return fail('YAML_KEY_NOT_FOUND', 'the path continues past a scalar value', node.offset);
  }
  if (node === undefined) {
    return holder ? { kind: 'empty', item: holder, path, flow } : fail('YAML_KEY_NOT_FOUND', 'the document is empty', doc.offset);
  }
  if (isScalarToken(node) && holder) return { kind: 'scalar', token: node, item: holder, path, flow };
  const what = node.type === 'alias' ? 'an alias' : isMapToken(node) ? 'a mapping' : isSeqToken(node) ? 'a sequence' : node.type;
  return fail('YAML_NOT_A_SCALAR', `the path ends on ${what}, not a scalar`, node.offset);
}

function findKey(node: CollectionToken, key: string): CollectionItem | undefined {
  for (const item of node.items) {
    if (item.key !== undefined && item.key !== null && keyText(item.key) === key) return item;
  }
  return undefined;
}
