/** 1-based line and column of an offset in a text. */
export interface TextPosition {
  readonly line: number;
  readonly column: number;
}

/** Start offsets of every line of a text, for turning offsets into positions. */
export type LineStarts = readonly number[];

/** Finds where every line of the text starts (after `\n`; `\r\n` counts as one break). */
export function findLineStarts(text: string): LineStarts {
  const starts = [0];
  let at = text.indexOf('\n');
  while (at !== -1) {
    starts.push(at + 1);
    at = text.indexOf('\n', at + 1);
  }
  return starts;
}

/** Converts an offset into a 1-based line and column (columns count UTF-16 code units). */
export function positionAt(starts: LineStarts, offset: number): TextPosition {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - (starts[lo] ?? 0) + 1 };
}

/** The line ending the file uses: CRLF when its first line break is `\r\n`, LF otherwise. */
export function detectLineEnding(text: string): '\n' | '\r\n' {
  const at = text.indexOf('\n');
  return at > 0 && text[at - 1] === '\r' ? '\r\n' : '\n';
}

/** Offset of the end of the line holding `offset`: the position of its line break, or the text's end. */
export function lineEndAt(text: string, offset: number): number {
  const at = text.indexOf('\n', offset);
  if (at === -1) return text.length;
  return at > 0 && text[at - 1] === '\r' && at - 1 >= offset ? at - 1 : at;
}

/** Offset of the start of the line holding `offset`. */
export function lineStartAt(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** A text edit: replace `[start, end)` with `insert`. */
export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly insert: string;
}

/** Applies non-overlapping edits (in any order) to a text in one pass. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  if (edits.length === 0) return text;
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let at = 0;
  for (const e of sorted) {
    out += text.slice(at, e.start) + e.insert;
    at = e.end;
  }
  return out + text.slice(at);
}
