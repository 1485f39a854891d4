import type { CST } from 'yaml';
import { createIssue, type Issue, type PathSegment } from '../errors/index.js';
import { splitKey } from './key-path.js';
import { lineEndAt, positionAt, type TextEdit } from './text-lines.js';
import type { Change } from './types.js';
import { blockBodyIndent, renderLiteralBlock } from './yaml-block.js';
import {
  blockContentEnd,
  contentEnd,
  emptyValueOffset,
  entriesOf,
  entryColumn,
  itemContentEnd,
  valueTag,
} from './yaml-cst.js';
import { locatePath, type Located } from './yaml-locate.js';
import {
  buildNewNode,
  newNodeData,
  renderAfterDash,
  renderAfterKey,
  renderBlockNode,
  renderFlowNode,
  type BlockLayout,
} from './yaml-new-node.js';
import { renderString, renderValue, type Rendered } from './yaml-render.js';
import { scalarData, scalarStyle } from './yaml-scalar.js';
import type { YamlSource } from './yaml-source.js';

/** A planned edit for one update: the text edit, whether it inserts, and the change it makes. */
export interface PlannedEdit {
  readonly edit: TextEdit;
  readonly inserts: boolean;
  readonly change: Change;
}

/** What planning one update needs besides the update itself. */
export interface PlanContext {
  readonly source: YamlSource;
  readonly doc: CST.Document;
  readonly create: boolean;
  readonly layout: () => BlockLayout;
}

/** Plans one update against the parsed document: where its text goes, or why it cannot be applied. */
export function planUpdate(ctx: PlanContext, key: string, value: unknown): PlannedEdit | Issue {
  const parts = splitKey(key);
  if (!parts.ok) return parts.issues[0] as Issue;
  const loc = locatePath(ctx.doc, parts.value);
  const issueAt = (code: Parameters<typeof createIssue>[0], reason: string, offset: number, path: readonly PathSegment[]): Issue => {
    const pos = positionAt(ctx.source.lines(), offset);
    return createIssue(code, `cannot update ${JSON.stringify(key)}: ${reason}`, { path, line: pos.line, column: pos.column });
  };
  const unsupported = (r: Extract<Rendered, { ok: false }>, path: readonly PathSegment[]): Issue =>
    createIssue('YAML_UNSUPPORTED_VALUE', `cannot write the value of ${JSON.stringify(key)}: ${r.reason}`, { path });
  switch (loc.kind) {
    case 'fail':
      return issueAt(loc.code, loc.reason, loc.offset, loc.path);
    case 'scalar':
      return planReplace(ctx, key, value, loc, unsupported);
    case 'empty': {
      const rendered = renderValue(value, { style: 'plain', flow: loc.flow });
      if (!rendered.ok) return unsupported(rendered, loc.path);
      let at = emptyValueOffset(loc.item);
      const colon = loc.item.sep === undefined && loc.item.key ? ':' : '';
      // A lone trailing space after the indicator is used rather than left dangling after the value.
      const src = ctx.source.text;
      const trailingSpace = colon === '' && src[at] === ' ' && (at + 1 >= src.length || src[at + 1] === '\n' || src[at + 1] === '\r');
      if (trailingSpace) at += 1;
      return finish(ctx, { start: at, end: at, insert: `${colon}${trailingSpace ? '' : ' '}${rendered.text}` }, false, {
        op: 'replace',
        path: loc.path,
        key,
        from: null,
        value: toData(value),
      });
    }
    case 'missing':
      return planCreate(ctx, key, value, loc, issueAt, unsupported);
  }
}

function planReplace(
  ctx: PlanContext,
  key: string,
  value: unknown,
  loc: Extract<Located, { kind: 'scalar' }>,
  unsupported: (r: Extract<Rendered, { ok: false }>, path: readonly PathSegment[]) => Issue,
): PlannedEdit | Issue {
  const { token } = loc;
  const style = scalarStyle(token);
  const tag = valueTag(loc.item);
  const from = scalarData(token, tag);
  if (token.type === 'block-scalar') {
    const header = token.props.find((p) => p.type === 'block-scalar-header');
    const start = header ? header.offset : token.offset;
    const end = blockContentEnd(token);
    const text = ctx.source.text;
    let insert: string | undefined;
    if (typeof value === 'string' && value.includes('\n')) {
      const lineText = text.slice(text.lastIndexOf('\n', start - 1) + 1, start);
      const parentIndent = lineText.length - lineText.trimStart().length;
      const indent = blockBodyIndent(token.source) ?? parentIndent + ctx.layout().unit;
      insert = renderLiteralBlock(value, Math.max(indent, 1), ctx.layout().nl);
    }
    if (insert === undefined) {
      const r = renderValue(value, { style: 'plain', flow: loc.flow });
      if (!r.ok) return unsupported(r, loc.path);
      insert = r.text;
    }
    return finish(ctx, { start, end, insert }, false, { op: 'replace', path: loc.path, key, from, value: toData(value) });
  }
  const r = renderValue(value, { style, flow: loc.flow });
  if (!r.ok) return unsupported(r, loc.path);
  const start = token.offset;
  // A block value glued to its indicator (`-\r` is a scalar "\r" to the reader) needs a separating space.
  const before = ctx.source.text[start - 1];
  const glue = !loc.flow && (before === '-' || before === ':' || before === '?') ? ' ' : '';
  return finish(ctx, { start, end: start + token.source.length, insert: glue + r.text }, false, {
    op: 'replace',
    path: loc.path,
    key,
    from,
    value: toData(value),
  });
}

function planCreate(
  ctx: PlanContext,
  key: string,
  value: unknown,
  loc: Extract<Located, { kind: 'missing' }>,
  issueAt: (code: Parameters<typeof createIssue>[0], reason: string, offset: number, path: readonly PathSegment[]) => Issue,
  unsupported: (r: Extract<Rendered, { ok: false }>, path: readonly PathSegment[]) => Issue,
): PlannedEdit | Issue {
  const { at, rest, path } = loc;
  const first = rest[0];
  const text = ctx.source.text;
  const atOffset = at.kind === 'map' || at.kind === 'seq' ? at.node.offset : at.kind === 'empty' ? emptyValueOffset(at.item) : at.doc.offset;
  if (!ctx.create || first === undefined) {
    if (at.kind === 'seq') {
      const reason = `index ${first?.text ?? ''} is past the end of a sequence of ${at.length} items (pass create: true to append)`;
      return issueAt('YAML_INDEX_OUT_OF_RANGE', reason, atOffset, path);
    }
    return issueAt('YAML_KEY_NOT_FOUND', `key ${JSON.stringify(first?.text ?? '')} not found`, atOffset, path);
  }
  // In a mapping or a sequence, the first missing part is the new key or the append itself.
  const inner = at.kind === 'map' || at.kind === 'seq' ? rest.slice(1) : rest;
  const node = buildNewNode(inner, value);
  if ('badIndex' in node) {
    return issueAt('YAML_INDEX_OUT_OF_RANGE', `index ${node.badIndex} cannot start a new sequence`, atOffset, path);
  }
  const data = newNodeData(node);
  const layout = ctx.layout();
  const rendered = (r: Rendered): string | Issue => (r.ok ? r.text : unsupported(r, path));
  switch (at.kind) {
    case 'map': {
      const newPath = [...path, first.text];
      if (at.node.type === 'flow-collection') {
        const items = entriesOf(at.node);
        const last = items[items.length - 1];
        const offset = last ? itemContentEnd(last) : at.node.start.offset + 1;
        const v = rendered(renderFlowNode(node));
        if (typeof v !== 'string') return v;
        const insert = `${last ? ', ' : ''}${renderString(first.text, { style: 'plain', flow: true })}: ${v}`;
        return finish(ctx, { start: offset, end: offset, insert }, true, { op: 'add', path: newPath, key, value: data });
      }
      const col = entryColumn(text, at.node);
      const offset = lineEndAt(text, contentEnd(at.node));
      const v = rendered(renderAfterKey(node, col, layout));
      if (typeof v !== 'string') return v;
      const insert = `${layout.nl}${' '.repeat(col)}${renderString(first.text, { style: 'plain', flow: false })}:${v}`;
      return finish(ctx, { start: offset, end: offset, insert }, true, { op: 'add', path: newPath, key, value: data });
    }
    case 'seq': {
      const newPath = [...path, at.length];
      if (at.node.type === 'flow-collection') {
        const items = entriesOf(at.node);
        const last = items[items.length - 1];
        const offset = last ? itemContentEnd(last) : at.node.start.offset + 1;
        const v = rendered(renderFlowNode(node));
        if (typeof v !== 'string') return v;
        return finish(ctx, { start: offset, end: offset, insert: `${last ? ', ' : ''}${v}` }, true, { op: 'add', path: newPath, key, value: data });
      }
      const col = entryColumn(text, at.node);
      const offset = lineEndAt(text, contentEnd(at.node));
      const v = rendered(renderAfterDash(node, col, layout));
      if (typeof v !== 'string') return v;
      return finish(ctx, { start: offset, end: offset, insert: `${layout.nl}${' '.repeat(col)}-${v}` }, true, {
        op: 'add',
        path: newPath,
        key,
        value: data,
      });
    }
    case 'empty': {
      const valueAt = emptyValueOffset(at.item);
      const change: Change = { op: 'replace', path, key, from: null, value: data };
      if (at.flow) {
        const v = rendered(renderFlowNode(node));
        if (typeof v !== 'string') return v;
        return finish(ctx, { start: valueAt, end: valueAt, insert: ` ${v}` }, true, change);
      }
      const isSeqItem = at.item.key === undefined;
      const anchor = isSeqItem ? at.item.start.find((t) => t.type === 'seq-item-ind') : at.item.key;
      const anchorOffset = anchor ? anchor.offset : valueAt;
      const col = anchorOffset - (text.lastIndexOf('\n', anchorOffset - 1) + 1);
      const childCol = isSeqItem ? col + 2 : col + layout.unit;
      const v = rendered(renderBlockNode(node, childCol, layout));
      if (typeof v !== 'string') return v;
      const offset = lineEndAt(text, valueAt);
      return finish(ctx, { start: offset, end: offset, insert: `${layout.nl}${' '.repeat(childCol)}${v}` }, true, change);
    }
    case 'document': {
      const starts = at.doc.start;
      const lastStart = starts[starts.length - 1];
      const offset = lastStart ? lastStart.offset + lastStart.source.length : at.doc.offset;
      const v = rendered(renderBlockNode(node, 0, layout));
      if (typeof v !== 'string') return v;
      const lead = offset > 0 && text[offset - 1] !== '\n' ? layout.nl : '';
      return finish(ctx, { start: offset, end: offset, insert: `${lead}${v}${layout.nl}` }, true, { op: 'add', path: [], key, value: data });
    }
  }
}

function finish(ctx: PlanContext, edit: TextEdit, inserts: boolean, change: Change): PlannedEdit {
  const pos = positionAt(ctx.source.lines(), edit.start);
  return { edit, inserts, change: { ...change, line: pos.line, column: pos.column } };
}

function toData(value: unknown): unknown {
  return value === undefined ? null : value;
}
