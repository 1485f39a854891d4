import { createIssue, type Issue, type PathSegment } from '../errors/index.js';
import { err, ok, type Result } from '../result.js';
import { buildJsonValue, jsonIndex, splitJsonKey, type JsonKeyPart } from './json-path.js';
import { scanJson, type JsonNode } from './json-scan.js';
import { applyEdits, findLineStarts, positionAt, type TextEdit } from './text-lines.js';
import type { Change, EditResult, ValueUpdate } from './types.js';

/**
 * Sets values in a JSON text with Kargo's json-update semantics (sjson paths: `.` separators,
 * `\.` escapes, numeric parts index arrays, `-1` appends, missing members and parents are
 * created), editing the text in place: only the changed value's characters are replaced, and new
 * members follow the layout of their siblings (indentation, spacing after `:`). Values must be
 * strings, finite numbers or booleans, as in Kargo. Updates apply in order.
 */
export function updateJson(text: string, updates: readonly ValueUpdate[]): Result<EditResult> {
  const issues: Issue[] = [];
  const keys: JsonKeyPart[][] = [];
  updates.forEach((u, i) => {
    const parts = splitJsonKey(u.key);
    if (!parts) issues.push(createIssue('JSON_INVALID_KEY', `invalid key ${JSON.stringify(u.key)}: empty key or key part`, { path: [u.key] }));
    else keys.push(parts);
    if (!isJsonScalar(u.value)) {
      issues.push(createIssue('JSON_VALUE_NOT_SCALAR', `value for key ${JSON.stringify(u.key)} is not a scalar type (update ${i})`, { path: [u.key] }));
    }
  });
  if (issues.length > 0) return err(issues);
  let current = text;
  const changes: Change[] = [];
  for (let i = 0; i < updates.length; i++) {
    const scan = scanJson(current);
    if (!scan.ok) {
      const pos = positionAt(findLineStarts(current), scan.offset);
      return err(createIssue('JSON_PARSE', `invalid JSON: ${scan.reason}`, { line: pos.line, column: pos.column }));
    }
    const update = updates[i] as ValueUpdate;
    const planned = planJsonSet(current, scan.root, keys[i] as JsonKeyPart[], update);
    if ('code' in planned) {
      issues.push(planned);
      continue;
    }
    const starts = findLineStarts(current);
    for (const c of planned.changes) {
      const pos = positionAt(starts, planned.edit.start);
      changes.push({ ...c, line: pos.line, column: pos.column });
    }
    current = applyEdits(current, [planned.edit]);
  }
  return issues.length > 0 ? err(issues) : ok({ text: current, changes });
}

function isJsonScalar(value: unknown): boolean {
  return typeof value === 'string' || typeof value === 'boolean' || typeof value === 'bigint' || (typeof value === 'number' && Number.isFinite(value));
}

function renderJson(value: unknown): string {
  return typeof value === 'bigint' ? value.toString() : JSON.stringify(value);
}

interface JsonPlan {
  readonly edit: TextEdit;
  readonly changes: Change[];
}

function planJsonSet(text: string, root: JsonNode | undefined, parts: readonly JsonKeyPart[], update: ValueUpdate): JsonPlan | Issue {
  const { key, value } = update;
  if (!root) {
    const created = buildJsonValue(parts, value);
    return { edit: { start: 0, end: text.length, insert: renderNew(created, '') }, changes: [{ op: 'add', path: [], key, value: created }] };
  }
  let node: JsonNode = root;
  const path: PathSegment[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as JsonKeyPart;
    if (node.kind === 'object') {
      const member = node.members.find((m) => m.key === part.text);
      if (!member) {
        const created = buildJsonValue(parts.slice(i + 1), value);
        return { edit: insertMember(text, node, part.text, created), changes: [{ op: 'add', path: [...path, part.text], key, value: created }] };
      }
      path.push(part.text);
      node = member.value;
      continue;
    }
    if (node.kind === 'array') {
      const index = jsonIndex(part);
      if (index === undefined || index < -1) {
        return createIssue('JSON_INVALID_INDEX', `cannot update ${JSON.stringify(key)}: "${part.text}" is not an array index`, { path });
      }
      if (index === -1 || index >= node.items.length) {
        const created = buildJsonValue(parts.slice(i + 1), value);
        const at = index === -1 ? node.items.length : index;
        const fill: unknown[] = new Array<unknown>(at - node.items.length).fill(null);
        const added = [...fill, created];
        const length = node.items.length;
        const changes: Change[] = added.map((v, k) => ({ op: 'add', path: [...path, length + k], key, value: v }));
        return { edit: appendItems(text, node, added), changes };
      }
      path.push(index);
      node = node.items[index] as JsonNode;
      continue;
    }
    // The path continues through a scalar: like sjson, the scalar is replaced by what the path creates.
    const created = buildJsonValue(parts.slice(i), value);
    return {
      edit: { start: node.start, end: node.end, insert: renderNew(created, '') },
      changes: [{ op: 'replace', path, key, from: JSON.parse(text.slice(node.start, node.end)) as unknown, value: created }],
    };
  }
  const from: unknown = JSON.parse(text.slice(node.start, node.end));
  const insert = renderJson(value);
  return { edit: { start: node.start, end: node.end, insert }, changes: [{ op: 'replace', path, key, from, value }] };
}

/** Renders a created value: compact when `lead` holds no line break, else indented to follow it. */
function renderNew(value: unknown, lead: string): string {
  if (!lead.includes('\n') || value === null || typeof value !== 'object') return renderJson(value);
  const indent = lead.slice(lead.lastIndexOf('\n') + 1);
  const unit = indent.length >= 2 && indent.startsWith('\t') ? '\t' : '  ';
  return JSON.stringify(value, null, unit).replaceAll('\n', '\n' + indent);
}

function insertMember(text: string, node: Extract<JsonNode, { kind: 'object' }>, key: string, value: unknown): TextEdit {
  const first = node.members[0];
  const last = node.members[node.members.length - 1];
  if (!first || !last) {
    const at = node.start + 1;
    return { start: at, end: at, insert: `${JSON.stringify(key)}:${renderNew(value, '')}` };
  }
  const lead = text.slice(node.start + 1, first.keyStart);
  const colon = text.slice(first.keyEnd, first.value.start);
  const at = last.value.end;
  return { start: at, end: at, insert: `,${lead}${JSON.stringify(key)}${colon}${renderNew(value, lead)}` };
}

function appendItems(text: string, node: Extract<JsonNode, { kind: 'array' }>, values: readonly unknown[]): TextEdit {
  const first = node.items[0];
  const last = node.items[node.items.length - 1];
  if (!first || !last) {
    const at = node.start + 1;
    return { start: at, end: at, insert: values.map((v) => renderNew(v, '')).join(',') };
  }
  const lead = text.slice(node.start + 1, first.start);
  const at = last.end;
  return { start: at, end: at, insert: values.map((v) => `,${lead}${renderNew(v, lead)}`).join('') };
}
