import { CST } from 'yaml';

/** A CST node that holds a scalar value the edit can replace. */
export type ScalarToken = CST.FlowScalar | CST.BlockScalar;

/** An entry of a block or flow collection in the CST. */
export type CollectionItem = CST.CollectionItem;

/** A mapping or sequence, in block or flow style. */
export type CollectionToken = CST.BlockMap | CST.BlockSequence | CST.FlowCollection;

/** True for a CST node holding a scalar (not an alias). */
export function isScalarToken(token: CST.Token | null | undefined): token is ScalarToken {
  return (
    token !== null &&
    token !== undefined &&
    (token.type === 'scalar' ||
      token.type === 'single-quoted-scalar' ||
      token.type === 'double-quoted-scalar' ||
      token.type === 'block-scalar')
  );
}

/** True for a mapping node, block or flow. */
export function isMapToken(token: CST.Token): boolean {
  return token.type === 'block-map' || (token.type === 'flow-collection' && token.start.source === '{');
}

/** True for a sequence node, block or flow. */
export function isSeqToken(token: CST.Token): boolean {
  return token.type === 'block-seq' || (token.type === 'flow-collection' && token.start.source === '[');
}

/** The string value of a key node, or `undefined` for aliases and collections (they never match a key part). */
export function keyText(token: CST.Token | null | undefined): string | undefined {
  if (!isScalarToken(token)) return undefined;
  if (token.type === 'scalar' && !token.source.includes('\n')) return token.source;
  return CST.resolveAsScalar(token, true, ignoreError)?.value;
}

/** The items of a collection that hold an entry (flow collections may end with an empty slot after a comma). */
export function entriesOf(token: CollectionToken): CollectionItem[] {
  if (token.type !== 'flow-collection') return token.items;
  return token.items.filter((it) => it.value !== undefined || (it.key !== undefined && it.key !== null) || it.sep !== undefined);
}

/** Offset where the body of a block scalar starts (after its header line). */
export function blockBodyStart(token: CST.BlockScalar): number {
  const last = token.props[token.props.length - 1];
  return last && 'source' in last ? last.offset + last.source.length : token.offset;
}

/** Offset of the end of the header indicator of a block scalar (`|`, `>-`, ...). */
export function blockHeaderEnd(token: CST.BlockScalar): number {
  const header = token.props.find((p) => p.type === 'block-scalar-header');
  return header && 'source' in header ? header.offset + header.source.length : token.offset + 1;
}

/**
 * Offset just after a block scalar's content: the end of its last non-blank line. Trailing spaces
 * on that line are content (a literal block keeps them), so they stay inside; only the final
 * line break and any blank lines after it are left out.
 */
export function blockContentEnd(token: CST.BlockScalar): number {
  const trimmed = token.source.replace(/(?:\r?\n[ \t]*)+$/, '');
  return trimmed.trim() === '' ? blockHeaderEnd(token) : blockBodyStart(token) + trimmed.length;
}

/** Offset just after the last non-blank character of a node (used to place appended entries). */
export function contentEnd(token: CST.Token): number {
  switch (token.type) {
    case 'block-scalar':
      return blockContentEnd(token);
    case 'scalar':
    case 'single-quoted-scalar':
    case 'double-quoted-scalar':
    case 'alias':
      return token.offset + token.source.length;
    case 'block-map':
    case 'block-seq': {
      const last = token.items[token.items.length - 1];
      return last ? itemContentEnd(last) : token.offset;
    }
    case 'flow-collection': {
      const close = token.end.find((t) => t.type === 'flow-map-end' || t.type === 'flow-seq-end');
      if (close) return close.offset + close.source.length;
      const last = token.items[token.items.length - 1];
      return last ? itemContentEnd(last) : token.start.offset + 1;
    }
    default:
      return 'source' in token && typeof token.source === 'string' ? token.offset + token.source.length : token.offset;
  }
}

/** Offset just after the last non-blank character of a collection entry. */
export function itemContentEnd(item: CollectionItem): number {
  if (item.value) return contentEnd(item.value);
  const marks = [...item.start, ...(item.sep ?? [])].filter((t) => isMarkToken(t.type));
  const lastMark = marks[marks.length - 1];
  const keyEnd = item.key ? contentEnd(item.key) : -1;
  const markEnd = lastMark ? lastMark.offset + lastMark.source.length : -1;
  return Math.max(keyEnd, markEnd, 0);
}

function isMarkToken(type: string): boolean {
  return (
    type === 'seq-item-ind' ||
    type === 'map-value-ind' ||
    type === 'explicit-key-ind' ||
    type === 'anchor' ||
    type === 'tag'
  );
}

/**
 * Where a value goes in an entry that has none (`key:`, `key: # note`, `- `): just after the
 * `:` or `-`, or after an anchor or tag that already stands there.
 */
export function emptyValueOffset(item: CollectionItem): number {
  const tokens = item.sep ?? item.start;
  let at = -1;
  for (const t of tokens) {
    if (t.type === 'map-value-ind' || t.type === 'seq-item-ind' || t.type === 'anchor' || t.type === 'tag') {
      at = t.offset + t.source.length;
    }
  }
  if (at >= 0) return at;
  return item.key ? contentEnd(item.key) : itemContentEnd(item);
}

/** The tag written in front of an entry's value (`!!str`, `!custom`), if any. */
export function valueTag(item: CollectionItem): string | undefined {
  const tokens = item.sep ?? item.start;
  const tag = tokens.find((t) => t.type === 'tag');
  if (tag) return tag.source;
  if (item.value?.type === 'block-scalar') {
    const inner = item.value.props.find((t) => t.type === 'tag');
    if (inner && 'source' in inner) return inner.source;
  }
  return undefined;
}

/** The column (0-based) of the first entry of a block collection: where its siblings are indented. */
export function entryColumn(text: string, token: CST.BlockMap | CST.BlockSequence): number {
  const first = token.items[0];
  const mark = first?.start.find((t) => t.type === 'seq-item-ind' || t.type === 'explicit-key-ind' || t.type === 'anchor' || t.type === 'tag');
  const offset = mark ? mark.offset : first?.key ? first.key.offset : token.offset;
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

/** Swallows scalar errors: the composer has already reported them as `YAML_PARSE`. */
function ignoreError(): void {}
