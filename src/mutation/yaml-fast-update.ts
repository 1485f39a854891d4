import { CST } from 'yaml';
import type { PathSegment } from '../errors/index.js';
import { parseIndex, splitKey } from './key-path.js';
import { applyEdits, findLineStarts, positionAt, type LineStarts, type TextEdit } from './text-lines.js';
import type { Change, EditResult, ValueUpdate } from './types.js';
import { fastScan, type FastNode } from './yaml-fast-scan.js';
import { renderValue } from './yaml-render.js';
import { resolveCorePlain } from './yaml-scalar.js';

/**
 * The fast path of `updateYaml`: for files in the plain block subset `fastScan` accepts and
 * updates that replace existing one-line scalars or fill empty values, the edit is computed from
 * a line scan instead of the full parser. Returns `undefined` whenever anything falls outside
 * that (including every error), so the full path can answer with its exact issues.
 */
export function tryFastUpdate(text: string, updates: readonly ValueUpdate[]): EditResult | undefined {
  const root = fastScan(text);
  if (!root) return undefined;
  const byStart = new Map<number, { edit: TextEdit; change: Change }>();
  let lines: LineStarts | undefined;
  for (const { key, value } of updates) {
    const parts = splitKey(key);
    if (!parts.ok) return undefined;
    let node: FastNode = root;
    const path: PathSegment[] = [];
    for (const part of parts.value) {
      if (node.kind === 'map') {
        const slot = node.entries.get(part.text);
        if (!slot) return undefined;
        path.push(part.text);
        node = slot.value;
      } else if (node.kind === 'seq') {
        const index = part.mapKey ? undefined : parseIndex(part.text);
        const slot = index === undefined || index < 0 ? undefined : node.items[index];
        if (!slot || index === undefined) return undefined;
        path.push(index);
        node = slot.value;
      } else {
        return undefined;
      }
    }
    let edit: TextEdit;
    let from: unknown;
    if (node.kind === 'scalar') {
      const r = renderValue(value, { style: node.style, flow: false });
      if (!r.ok) return undefined;
      edit = { start: node.start, end: node.end, insert: r.text };
      const source = text.slice(node.start, node.end);
      from =
        node.style === 'plain'
          ? resolveCorePlain(source)
          : CST.resolveAsScalar({ type: node.style === 'single' ? 'single-quoted-scalar' : 'double-quoted-scalar', offset: 0, indent: 0, source }, true, () => undefined)?.value;
    } else if (node.kind === 'empty') {
      const r = renderValue(value, { style: 'plain', flow: false });
      if (!r.ok) return undefined;
      let at = node.at;
      const trailingSpace = text[at] === ' ' && (at + 1 >= text.length || text[at + 1] === '\n' || text[at + 1] === '\r');
      if (trailingSpace) at += 1;
      edit = { start: at, end: at, insert: `${trailingSpace ? '' : ' '}${r.text}` };
      from = null;
    } else {
      return undefined;
    }
    lines ??= findLineStarts(text);
    const pos = positionAt(lines, edit.start);
    const change: Change = { op: 'replace', path, key, from, value: value === undefined ? null : value, line: pos.line, column: pos.column };
    byStart.delete(edit.start);
    byStart.set(edit.start, { edit, change });
  }
  const edits: TextEdit[] = [];
  const changes: Change[] = [];
  for (const { edit, change } of byStart.values()) {
    if (edit.start !== edit.end && text.slice(edit.start, edit.end) === edit.insert) continue;
    edits.push(edit);
    changes.push(change);
  }
  return { text: applyEdits(text, edits), changes };
}
