import { resolveCorePlain } from './yaml-scalar.js';

/**
 * A quick line scanner for the plain block YAML most values files are written in: block
 * mappings and sequences of one-line scalars, comments, empty `[]`/`{}`, and block scalars.
 * It returns `undefined` for anything else (anchors, tags, flow collections, multi-line
 * scalars, several documents, tabs in indentation, duplicate keys, ...), and the caller then
 * uses the full parser. It is a fast path, not a YAML parser: it accepts only text it can
 * prove the `yaml` reader reads the same way, which the property tests check against it.
 */
export type FastNode = FastMap | FastSeq | FastScalar | FastEmpty | FastOpaque;

/** A block mapping: keys in order of appearance. */
export interface FastMap {
  readonly kind: 'map';
  readonly indent: number;
  /** Entries by key text (what key parts are compared with). */
  readonly entries: Map<string, FastSlot>;
  /** Key values as the `yaml` reader compares them, to refuse duplicates. */
  readonly ids: Set<string>;
}
/** A block sequence. */
export interface FastSeq {
  readonly kind: 'seq';
  readonly indent: number;
  readonly items: FastSlot[];
}
/** A one-line scalar: its token is `[start, end)`. */
export interface FastScalar {
  readonly kind: 'scalar';
  readonly start: number;
  readonly end: number;
  readonly style: 'plain' | 'single' | 'double';
}
/** A missing value (`key:`), to be written at `at`. */
export interface FastEmpty {
  readonly kind: 'empty';
  readonly at: number;
}
/** A value the fast path does not edit (block scalars, `[]`, `{}`). */
export interface FastOpaque {
  readonly kind: 'opaque';
}
/** Where a value sits: the column of its key or dash, and the value once known. */
export interface FastSlot {
  readonly col: number;
  value: FastNode;
}

const DOUBLE_BODY = /^(?:[^"\\]|\\(?:[0abt\tnvfre "/\\N_LP]|x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}))*$/;
const BLOCK_HEADER = /^[|>][-+]?$/;
const WORD = `(?:[A-Za-z0-9_][A-Za-z0-9_./@+=-]*|"[^"\\\n,]*"|'[^'\n,]*')`;
const FLOW_SEQ = new RegExp(`^\\[ *((?:${WORD}(?: *, *${WORD})* *,?)?) *\\](?: +#.*)? *$`);
const FLOW_MAP = new RegExp(`^\\{ *((?:${WORD} *: +${WORD}(?: *, *${WORD} *: +${WORD})* *,?)?) *\\}(?: +#.*)? *$`);

function flowKeyId(key: string): string {
  const value = resolveCorePlain(key);
  return typeof value === 'string' ? `s:${key}` : `${typeof value}:${String(value)}`;
}
const BAD_START = new Set([...'&*!%@`?,[]{}|>#:\'"']);

function isBlank(code: number): boolean {
  return code === 0x20 || code === 0x09;
}

class Bail {}
const BAIL = new Bail();
const bail = (): never => {
  throw BAIL;
};

/** Scans the text, or returns `undefined` when it is outside the subset the fast path handles. */
export function fastScan(text: string): FastNode | undefined {
  try {
    return scan(text);
  } catch (e) {
    if (e === BAIL) return undefined;
    throw e;
  }
}

function scan(text: string): FastNode | undefined {
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (let i = pos; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || (c >= 0x7f && c <= 0x9f) || c === 0xfeff || c === 0x2028 || c === 0x2029) bail();
    if (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a) bail();
    if (c >= 0xd800 && c <= 0xdfff) bail();
  }
  let root: FastNode | undefined;
  // Open collections, innermost last; `pending` is a slot whose value starts on a later line.
  const stack: (FastMap | FastSeq)[] = [];
  let pending: { slot: FastSlot; parentCol: number } | undefined;
  while (pos < text.length) {
    let eol = text.indexOf('\n', pos);
    if (eol === -1) eol = text.length;
    const end = text.charCodeAt(eol - 1) === 0x0d ? eol - 1 : eol;
    let i = pos;
    while (i < end && text.charCodeAt(i) === 0x20) i++;
    const col = i - pos;
    const lineStart = pos;
    pos = eol + 1;
    if (i === end || text[i] === '#') continue;
    if (text[i] === '\t' || (text[i] === '-' && text[i + 1] === '\t')) bail();
    if (col === 0 && (text.startsWith('---', i) || text.startsWith('...', i) || text[i] === '%')) bail();
    const isDash = text[i] === '-' && (i + 1 === end || text[i + 1] === ' ');
    // Close collections this line is not inside (an indentless sequence ends at a key in its column).
    for (;;) {
      const open = stack[stack.length - 1];
      if (open && (open.indent > col || (!isDash && open.kind === 'seq' && open.indent === col && stack.length > 1))) stack.pop();
      else break;
    }
    let top = stack[stack.length - 1];
    if (pending && col > pending.parentCol && (!top || top.indent < col || (isDash && top.kind === 'map' && top.indent === col))) {
      // A new collection opens as the value of the pending slot (an indentless sequence may share the key's column).
      const node: FastMap | FastSeq = isDash ? { kind: 'seq', indent: col, items: [] } : { kind: 'map', indent: col, entries: new Map(), ids: new Set() };
      pending.slot.value = node;
      stack.push(node);
      top = node;
    } else if (pending && isDash && top?.kind === 'map' && top.indent === col && pending.parentCol === col) {
      const node: FastSeq = { kind: 'seq', indent: col, items: [] };
      pending.slot.value = node;
      stack.push(node);
      top = node;
    } else if (!top) {
      if (root !== undefined || col !== 0) bail();
      const node: FastMap | FastSeq = isDash ? { kind: 'seq', indent: col, items: [] } : { kind: 'map', indent: col, entries: new Map(), ids: new Set() };
      root = node;
      stack.push(node);
      top = node;
    }
    pending = undefined;
    if (top.indent !== col) bail();
    if (isDash) {
      if (top.kind !== 'seq') bail();
      const slot: FastSlot = { col, value: { kind: 'opaque' } };
      (top as FastSeq).items.push(slot);
      let j = i + 1;
      while (j < end && text.charCodeAt(j) === 0x20) j++;
      if (text[j] === '\t') bail();
      if (j === end || text[j] === '#') {
        slot.value = { kind: 'empty', at: i + 1 };
        pending = { slot, parentCol: col };
        continue;
      }
      if (text[j] === '-' && (j + 1 === end || isBlank(text.charCodeAt(j + 1)))) bail();
      const keyEnd = findKeyEnd(text, j, end);
      if (keyEnd !== undefined) {
        // A compact mapping inside the item: `- key: value`.
        const map: FastMap = { kind: 'map', indent: j - lineStart, entries: new Map(), ids: new Set() };
        slot.value = map;
        stack.push(map);
        const res = readEntry(text, map, j, keyEnd, end, lineStart);
        pending = res?.slot.value.kind === 'empty' ? res : undefined;
        if (res?.next !== undefined) pos = res.next;
        continue;
      }
      const v = readValue(text, i + 1, j, end, col);
      slot.value = v.node;
      if (v.node.kind === 'empty') pending = { slot, parentCol: col };
      pos = v.next ?? pos;
      continue;
    }
    if (top.kind !== 'map') bail();
    const keyEnd = findKeyEnd(text, i, end);
    if (keyEnd === undefined) bail();
    const res = readEntry(text, top as FastMap, i, keyEnd as number, end, lineStart);
    pending = res?.slot.value.kind === 'empty' ? res : undefined;
    if (res?.next !== undefined) pos = res.next;
  }
  return root;
}

/** Offset of the `:` ending a plain key that starts at `i`, or `undefined` when the line holds no key. */
function findKeyEnd(text: string, i: number, end: number): number | undefined {
  if (BAD_START.has(text[i] as string) || text[i] === '-') return undefined;
  for (let k = i; k < end; k++) {
    const ch = text[k];
    if (ch === ':' && (k + 1 === end || text[k + 1] === ' ')) return k;
    if (ch === ':' || (ch === '#' && isBlank(text.charCodeAt(k - 1)))) return undefined;
  }
  return undefined;
}

function readEntry(text: string, map: FastMap, i: number, colon: number, end: number, lineStart: number): { slot: FastSlot; parentCol: number; next?: number } | undefined {
  const key = text.slice(i, colon).trimEnd();
  if (key === '' || key.includes('\t') || key.includes(' #')) bail();
  const value = resolveCorePlain(key);
  const id = typeof value === 'string' ? `s:${key}` : `${typeof value}:${String(value)}`;
  if (map.ids.has(id) || map.entries.has(key)) bail();
  const col = i - lineStart;
  const slot: FastSlot = { col, value: { kind: 'opaque' } };
  map.ids.add(id);
  map.entries.set(key, slot);
  let j = colon + 1;
  while (j < end && isBlank(text.charCodeAt(j))) j++;
  const v = readValue(text, colon + 1, j, end, col);
  slot.value = v.node;
  const out: { slot: FastSlot; parentCol: number; next?: number } = { slot, parentCol: col };
  if (v.next !== undefined) out.next = v.next;
  return out;
}

/** Reads the value after an indicator (`:` or `-` ending at `after`), starting at `j`. */
function readValue(text: string, after: number, j: number, end: number, parentCol: number): { node: FastNode; next?: number } {
  if (j === end || text[j] === '#') return { node: { kind: 'empty', at: after } };
  const ch = text[j] as string;
  const rest = (from: number): void => {
    let k = from;
    while (k < end && isBlank(text.charCodeAt(k))) k++;
    if (k < end && !(text[k] === '#' && k > from)) bail();
  };
  if (ch === '"') {
    let k = j + 1;
    while (k < end && text[k] !== '"') k += text[k] === '\\' ? 2 : 1;
    if (k >= end || !DOUBLE_BODY.test(text.slice(j + 1, k))) bail();
    rest(k + 1);
    return { node: { kind: 'scalar', start: j, end: k + 1, style: 'double' } };
  }
  if (ch === "'") {
    let k = j + 1;
    for (;;) {
      while (k < end && text[k] !== "'") k++;
      if (k >= end) bail();
      if (text[k + 1] === "'") k += 2;
      else break;
    }
    rest(k + 1);
    return { node: { kind: 'scalar', start: j, end: k + 1, style: 'single' } };
  }
  if (ch === '[' || ch === '{') {
    // One-line flow collections of simple words or quoted strings without escapes are common in
    // values files (`[replica]`, `{app: web}`); anything richer goes to the full parser.
    const line = text.slice(j, end);
    const m = (ch === '[' ? FLOW_SEQ : FLOW_MAP).exec(line);
    if (!m) bail();
    if (ch === '{') {
      const ids = new Set<string>();
      for (const pair of (m as RegExpExecArray)[1]?.split(',') ?? []) {
        const k = pair.slice(0, pair.indexOf(':')).trim();
        if (k === '') continue;
        const v = k.startsWith('"') || k.startsWith("'") ? `s:${k.slice(1, -1)}` : flowKeyId(k);
        if (ids.has(v)) bail();
        ids.add(v);
      }
    }
    return { node: { kind: 'opaque' } };
  }
  if (ch === '|' || ch === '>') {
    let h = j;
    while (h < end && text[h] !== ' ') h++;
    if (!BLOCK_HEADER.test(text.slice(j, h))) bail();
    rest(h);
    return { node: { kind: 'opaque' }, next: skipBlockBody(text, end, parentCol) };
  }
  if (BAD_START.has(ch) || (ch === '-' && (j + 1 === end || isBlank(text.charCodeAt(j + 1))))) bail();
  let k = j;
  let last = j;
  while (k < end) {
    const c = text[k];
    if (c === '#' && (text[k - 1] === ' ' || text[k - 1] === '\t')) break;
    if (c === ':' && (k + 1 === end || text[k + 1] === ' ' || text[k + 1] === '\t')) bail();
    if (c !== ' ' && c !== '\t') last = k + 1;
    k++;
  }
  return { node: { kind: 'scalar', start: j, end: last, style: 'plain' } };
}

/** Skips the body of a block scalar whose parent is at `parentCol`; returns where the next line starts. */
function skipBlockBody(text: string, headerEnd: number, parentCol: number): number {
  let pos = text.indexOf('\n', headerEnd);
  if (pos === -1) return text.length;
  pos += 1;
  let indent = -1;
  let maxBlank = 0;
  while (pos < text.length) {
    let eol = text.indexOf('\n', pos);
    if (eol === -1) eol = text.length;
    const end = text.charCodeAt(eol - 1) === 0x0d ? eol - 1 : eol;
    let i = pos;
    while (i < end && text.charCodeAt(i) === 0x20) i++;
    const width = i - pos;
    if (i === end) {
      if (indent === -1) maxBlank = Math.max(maxBlank, width);
      pos = eol + 1;
      continue;
    }
    if (indent === -1) {
      if (width <= parentCol) return pos;
      if (maxBlank > width || text[i] === '\t') bail();
      indent = width;
    } else if (width < indent) {
      return pos;
    }
    pos = eol + 1;
  }
  return text.length;
}
