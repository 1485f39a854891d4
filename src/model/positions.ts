import { isMap, isPair, isScalar, isSeq, type Document, type Node } from 'yaml';
import type { PathSegment } from '../errors/issue.js';

/** A span of source text, as offsets. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/**
 * Finds the source span of the value at `path` in a YAML document. When the path leads to a key
 * that is missing (a required field), the span is that of the nearest existing key or value on the
 * way, so the issue points where the field should go. Iterative, so any depth is safe.
 */
export function spanAtPath(doc: Document, path: readonly PathSegment[]): Span | undefined {
  let node: unknown = doc.contents;
  let best: Span | undefined = spanOf(node);
  // The key under which the current node sits: a missing field is reported there.
  let parentKey: Span | undefined;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && keyMatches(p.key, segment));
      if (pair === undefined) return parentKey ?? best;
      const keySpan = spanOf(pair.key);
      parentKey = keySpan;
      if (pair.value === null || pair.value === undefined) return keySpan ?? best;
      node = pair.value;
      best = spanOf(node) ?? keySpan ?? best;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment];
      if (item === undefined) return best;
      parentKey = undefined;
      node = item;
      best = spanOf(node) ?? best;
    } else {
      return best;
    }
  }
  return best;
}

function keyMatches(key: unknown, segment: PathSegment): boolean {
  if (isScalar(key)) return String(key.value) === String(segment);
  return key === segment;
}

function spanOf(node: unknown): Span | undefined {
  const range = (node as Node | null | undefined)?.range;
  if (!Array.isArray(range)) return undefined;
  return { start: range[0], end: Math.max(range[0], range[1]) };
}

/** Turns offsets into 1-based lines and columns, indexing the text's line starts only once asked. */
export class LineIndex {
  private starts: number[] | undefined;

  constructor(private readonly text: string) {}

  /** The 1-based line and column of an offset (clamped into the text). */
  position(offset: number): { line: number; column: number } {
    const starts = this.lineStarts();
    const at = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= at) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: at - (starts[lo] as number) + 1 };
  }

  private lineStarts(): number[] {
    if (this.starts !== undefined) return this.starts;
    const starts = [0];
    const text = this.text;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    this.starts = starts;
    return starts;
  }
}
