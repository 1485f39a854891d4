import { parse as parseToml, TomlError } from 'smol-toml';
import { createIssue, type Issue } from '../errors/index.js';
import { err, ok, type Result } from '../result.js';
import { splitKey } from './key-path.js';
import { applyEdits, findLineStarts, positionAt, type TextEdit } from './text-lines.js';
import { encodeTomlPath, findTomlNode, indexToml, TOML_SCALAR_KINDS, tomlIssueAt, type TomlIndex } from './toml-index.js';
import { renderTomlValue } from './toml-render.js';
import type { Change, EditResult, ValueUpdate } from './types.js';

/**
 * Sets scalar values in a TOML text and changes nothing else, as Kargo's toml-update does: each
 * key (Kargo's key syntax: `package.version`, `services.1.port`, `"example\.com/v"`) is a path
 * through tables, dotted keys, inline tables, `[[array tables]]` (numbered from 0 under each
 * parent) and arrays (by index), and only the bytes of the target value are replaced, so comments,
 * spacing, key quoting and line endings stay as they were. The new value is written as go-toml/v2
 * writes it (strings as 'literal' when possible; see `renderTomlValue`). Keys are never created.
 * The whole input is checked first: a parse error, a missing key (`TOML_KEY_NOT_FOUND`), a table
 * or array target (`TOML_NOT_A_SCALAR`) or a value with no TOML scalar form
 * (`TOML_UNSUPPORTED_VALUE`) returns every issue and no text. Two updates of one value: the last wins.
 */
export function updateToml(text: string, updates: readonly ValueUpdate[]): Result<EditResult> {
  const data = readTomlData(text);
  if (!data.ok) return data;
  const indexed = indexToml(text);
  if (!indexed.ok) return indexed;
  const index = indexed.value;
  const planned = new Map<string, { edit: TextEdit; change: Change }>();
  const issues: Issue[] = [];
  for (const update of updates) {
    const plan = planTomlUpdate(text, index, data.value, update);
    if ('issue' in plan) {
      issues.push(plan.issue);
      continue;
    }
    // Delete first, so that the value's last update decides its place in the list of changes.
    planned.delete(plan.encoded);
    planned.set(plan.encoded, { edit: plan.edit, change: plan.change });
  }
  if (issues.length > 0) return err(issues);
  const edits = [...planned.values()];
  const out = applyEdits(text, edits.map((p) => p.edit));
  // Every value is written in a form TOML reads back; reading the result again is the guard that
  // waybill never hands back a file it broke.
  if (edits.length > 0) {
    const check = readTomlData(out);
    if (!check.ok) return err(check.issues.map((i) => ({ ...i, message: `the edited text does not read back as TOML: ${i.message}` })));
  }
  return ok({ text: out, changes: edits.map((p) => p.change) });
}

/**
 * Reads a TOML text into data with smol-toml (integers beyond 2^53 as bigints), or a
 * `TOML_PARSE` issue with the line and column of the first error.
 */
export function readTomlData(text: string): Result<Record<string, unknown>> {
  try {
    return ok(parseToml(text, { integersAsBigInt: 'asNeeded' }) as Record<string, unknown>);
  } catch (e) {
    if (e instanceof TomlError) {
      const first = e.message.split('\n')[0] ?? e.message;
      return err(createIssue('TOML_PARSE', `error parsing input: ${first}`, { line: e.line, column: e.column }));
    }
    return err(createIssue('TOML_PARSE', `error parsing input: ${e instanceof Error ? e.message : String(e)}`));
  }
}

type Plan = { encoded: string; edit: TextEdit; change: Change } | { issue: Issue };

function planTomlUpdate(text: string, index: TomlIndex, data: Record<string, unknown>, update: ValueUpdate): Plan {
  const quoted = JSON.stringify(update.key);
  const split = splitKey(update.key);
  if (!split.ok) {
    const first = split.issues[0];
    return { issue: createIssue('TOML_INVALID_KEY', first?.message ?? `invalid key ${quoted}`, { path: [update.key] }) };
  }
  const keyPath = split.value.map((p) => p.text);
  const node = findTomlNode(index, keyPath);
  if (node === undefined) {
    const path = keyPath;
    const near = closestAncestor(index, path);
    const message = `key ${quoted}: key path not found`;
    if (near === undefined) return { issue: createIssue('TOML_KEY_NOT_FOUND', message, { path }) };
    return { issue: tomlIssueAt(text, near, 'TOML_KEY_NOT_FOUND', message, path) };
  }
  const path = node.path;
  const encoded = encodeTomlPath(path);
  if (!TOML_SCALAR_KINDS.has(node.kind)) {
    return { issue: tomlIssueAt(text, node.start, 'TOML_NOT_A_SCALAR', `key ${quoted}: key path addresses ${node.kind} instead of a scalar node`, path) };
  }
  const rendered = renderTomlValue(update.value, node.kind);
  if (rendered === undefined) {
    return { issue: tomlIssueAt(text, node.start, 'TOML_UNSUPPORTED_VALUE', `key ${quoted}: value is not a TOML scalar type (${describeValue(update.value)})`, path) };
  }
  const at = positionAt(findLineStarts(text), node.start);
  const dataPath = path.map((part, i) => (Array.isArray(valueAt(data, path.slice(0, i))) ? Number(part) : part));
  return {
    encoded,
    edit: { start: node.start, end: node.end, insert: rendered },
    change: { op: 'replace', path: dataPath, key: update.key, from: valueAt(data, path), value: update.value, line: at.line, column: at.column },
  };
}

/** Where the longest existing prefix of a missing path starts, to point an issue at. */
function closestAncestor(index: TomlIndex, path: readonly string[]): number | undefined {
  for (let n = path.length - 1; n > 0; n--) {
    const node = findTomlNode(index, path.slice(0, n));
    if (node !== undefined) return node.start;
  }
  return undefined;
}

function valueAt(data: unknown, path: readonly string[]): unknown {
  let current = data;
  for (const part of path) {
    if (Array.isArray(current)) current = current[Number(part)];
    else if (typeof current === 'object' && current !== null && Object.hasOwn(current, part)) current = (current as Record<string, unknown>)[part];
    else return undefined;
  }
  return current;
}

function describeValue(value: unknown): string {
  if (value === null) return 'got null';
  if (Array.isArray(value)) return 'got an array';
  if (value instanceof Date) return 'got an invalid date';
  return `got ${typeof value}`;
}
