import { parseIndex, type KeyPart } from './key-path.js';
import { renderString, renderValue, type Rendered } from './yaml-render.js';

/** A value about to be created under keys or sequence items that do not exist yet. */
export type NewNode =
  | { readonly kind: 'map'; readonly key: string; readonly child: NewNode }
  | { readonly kind: 'seq'; readonly child: NewNode }
  | { readonly kind: 'leaf'; readonly value: unknown };

/**
 * Builds what a missing path creates: a part `0` or `-1` opens a new sequence, any other part
 * (numbers included, and every part marked with `:`) a new mapping key. Returns the index that
 * cannot start a new sequence when a part asks for one.
 */
export function buildNewNode(rest: readonly KeyPart[], value: unknown): NewNode | { readonly badIndex: number } {
  let node: NewNode = { kind: 'leaf', value };
  for (let i = rest.length - 1; i >= 0; i--) {
    const part = rest[i] as KeyPart;
    const index = part.mapKey ? undefined : parseIndex(part.text);
    if (index === 0 || index === -1) node = { kind: 'seq', child: node };
    else if (index !== undefined && index < 0) return { badIndex: index };
    else node = { kind: 'map', key: part.text, child: node };
  }
  return node;
}

/** The new node as plain data, for change records and JSON Patch. */
export function newNodeData(node: NewNode): unknown {
  if (node.kind === 'leaf') return node.value === undefined ? null : node.value;
  if (node.kind === 'seq') return [newNodeData(node.child)];
  return { [node.key]: newNodeData(node.child) };
}

const BLOCK = { style: 'plain', flow: false } as const;
const FLOW = { style: 'plain', flow: true } as const;

/** Renders a new node in flow style (`{a: {b: 1}}`, `[x]`). */
export function renderFlowNode(node: NewNode): Rendered {
  if (node.kind === 'leaf') return renderValue(node.value, FLOW);
  const child = renderFlowNode(node.child);
  if (!child.ok) return child;
  if (node.kind === 'seq') return { ok: true, text: `[${child.text}]` };
  return { ok: true, text: `{${renderString(node.key, FLOW)}: ${child.text}}` };
}

/** Layout of new block text: indentation step and line ending of the file. */
export interface BlockLayout {
  readonly unit: number;
  readonly nl: string;
}

/** Renders a new node as block text starting at column `col` (its first line carries no indentation). */
export function renderBlockNode(node: NewNode, col: number, layout: BlockLayout): Rendered {
  if (node.kind === 'leaf') return renderValue(node.value, BLOCK);
  if (node.kind === 'map') {
    const rest = renderAfterKey(node.child, col, layout);
    return rest.ok ? { ok: true, text: `${renderString(node.key, BLOCK)}:${rest.text}` } : rest;
  }
  const rest = renderAfterDash(node.child, col, layout);
  return rest.ok ? { ok: true, text: `-${rest.text}` } : rest;
}

/** Text that follows `key:` (the key at column `col`) for a new value. */
export function renderAfterKey(node: NewNode, col: number, layout: BlockLayout): Rendered {
  if (node.kind === 'leaf') {
    const r = renderValue(node.value, BLOCK);
    return r.ok ? { ok: true, text: ` ${r.text}` } : r;
  }
  const inner = col + layout.unit;
  const r = renderBlockNode(node, inner, layout);
  return r.ok ? { ok: true, text: `${layout.nl}${' '.repeat(inner)}${r.text}` } : r;
}

/** Text that follows `-` (the dash at column `col`) for a new item. */
export function renderAfterDash(node: NewNode, col: number, layout: BlockLayout): Rendered {
  const r = renderBlockNode(node, col + 2, layout);
  return r.ok ? { ok: true, text: ` ${r.text}` } : r;
}
