/** Options of {@link renderDiff}. */
export interface RenderDiffOptions {
  /** File name shown in the `---`/`+++` header (default `file`). */
  readonly file?: string;
  /** Unchanged lines shown around each change (default 3). */
  readonly context?: number;
}

const MAX_EDIT_DISTANCE = 2000;

type Op = { readonly kind: ' ' | '-' | '+'; readonly line: string };

/**
 * A unified diff of two texts, for pull-request bodies and dry runs; empty when they are equal.
 * Common leading and trailing lines are cut first, so a large file with a few edited lines costs
 * little; the middle is compared with Myers' O(ND) algorithm (written here to avoid a dependency
 * for one small function).
 */
export function renderDiff(before: string, after: string, opts: RenderDiffOptions = {}): string {
  if (before === after) return '';
  const file = opts.file ?? 'file';
  const context = opts.context ?? 3;
  const a = splitLines(before);
  const b = splitLines(after);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const middle = myers(a.slice(head, a.length - tail), b.slice(head, b.length - tail));
  const ops: Op[] = [
    ...a.slice(0, head).map((line) => ({ kind: ' ' as const, line })),
    ...middle,
    ...a.slice(a.length - tail).map((line) => ({ kind: ' ' as const, line })),
  ];
  return `--- a/${file}\n+++ b/${file}\n${hunks(ops, context)}`;
}

/** Splits into lines, marking a last line without a line break the way `diff` does. */
function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  else lines[lines.length - 1] += '\n\\ No newline at end of file';
  return lines;
}

function myers(a: readonly string[], b: readonly string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let done = false;
  outer: for (let d = 0; d <= max; d++) {
    // Past this many differences the texts are mostly unrelated: show the middle as replaced.
    if (d > MAX_EDIT_DISTANCE) break;
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x =
        k === -d || (k !== d && (v[offset + k - 1] as number) < (v[offset + k + 1] as number))
          ? (v[offset + k + 1] as number)
          : (v[offset + k - 1] as number) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        done = true;
        break outer;
      }
    }
  }
  if (!done) return [...a.map((line) => ({ kind: '-' as const, line })), ...b.map((line) => ({ kind: '+' as const, line }))];
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const vd = trace[d] as Int32Array;
    const k = x - y;
    const prevK = k === -d || (k !== d && (vd[offset + k - 1] as number) < (vd[offset + k + 1] as number)) ? k + 1 : k - 1;
    const prevX = vd[offset + prevK] as number;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
      ops.push({ kind: ' ', line: a[x] as string });
    }
    if (d > 0) {
      if (x === prevX) ops.push({ kind: '+', line: b[--y] as string });
      else ops.push({ kind: '-', line: a[--x] as string });
    }
  }
  return ops.reverse();
}

function hunks(ops: readonly Op[], context: number): string {
  let out = '';
  let i = 0;
  while (i < ops.length) {
    while (i < ops.length && (ops[i] as Op).kind === ' ') i++;
    if (i >= ops.length) break;
    const start = Math.max(0, i - context);
    let end = i;
    let lastChange = i;
    while (end < ops.length) {
      if ((ops[end] as Op).kind !== ' ') lastChange = end;
      else if (end - lastChange > 2 * context) break;
      end++;
    }
    end = Math.min(ops.length, lastChange + context + 1);
    let aStart = 1;
    let bStart = 1;
    for (let j = 0; j < start; j++) {
      const kind = (ops[j] as Op).kind;
      if (kind !== '+') aStart++;
      if (kind !== '-') bStart++;
    }
    let aLen = 0;
    let bLen = 0;
    let body = '';
    for (let j = start; j < end; j++) {
      const op = ops[j] as Op;
      if (op.kind !== '+') aLen++;
      if (op.kind !== '-') bLen++;
      body += `${op.kind}${op.line}\n`;
    }
    out += `@@ -${aLen === 0 ? aStart - 1 : aStart},${aLen} +${bLen === 0 ? bStart - 1 : bStart},${bLen} @@\n${body}`;
    i = end;
  }
  return out;
}
