import type { CST } from 'yaml';
import { createIssue, type Issue } from '../errors/index.js';
import { err, ok, type Result } from '../result.js';
import { applyEdits, detectLineEnding, type TextEdit } from './text-lines.js';
import type { Change, EditResult, UpdateYamlOptions, ValueUpdate } from './types.js';
import { tryFastUpdate } from './yaml-fast-update.js';
import { detectIndentUnit } from './yaml-indent.js';
import { planUpdate, type PlanContext, type PlannedEdit } from './yaml-plan.js';
import type { BlockLayout } from './yaml-new-node.js';
import { readYamlSource } from './yaml-source.js';

/**
 * Sets scalar values in a YAML text and changes nothing else: each update's key (Kargo's key
 * syntax) is walked on the file's concrete syntax tree and only the target scalar's token is
 * replaced, its quote style, anchor and tag kept; comments, flow collections, CRLF line endings,
 * a missing final newline and the other documents keep their bytes. With `create: true`,
 * missing keys and appended items (index equal to the length, or `-1`) are added in the style of
 * their siblings. All updates are checked first; if any fails, the result holds every issue and
 * no text. Two updates of the same value: the last wins.
 */
export function updateYaml(text: string, updates: readonly ValueUpdate[], opts: UpdateYamlOptions = {}): Result<EditResult> {
  if ((opts.document ?? 0) === 0) {
    const fast = tryFastUpdate(text, updates);
    if (fast) return ok(fast);
  }
  return updateYamlOnCst(text, updates, opts);
}

/** `updateYaml` without its fast path: always through the `yaml` package's parser and composer. */
export function updateYamlOnCst(text: string, updates: readonly ValueUpdate[], opts: UpdateYamlOptions = {}): Result<EditResult> {
  const docIndex = opts.document ?? 0;
  if (!Number.isInteger(docIndex) || docIndex < 0) {
    return err(createIssue('YAML_DOCUMENT_NOT_FOUND', `document must be a non-negative integer, got ${String(docIndex)}`));
  }
  const first = planAll(text, updates, docIndex, opts.create === true);
  if (!first.ok) return first;
  const plans = first.value;
  if (!plans.some((p) => p.inserts)) return ok(applyPlans(text, plans));
  // Insertions move offsets and may create parents later updates use: apply one update at a time.
  let current = text;
  const changes: Change[] = [];
  for (const update of updates) {
    const step = planAll(current, [update], docIndex, true);
    if (!step.ok) return step;
    const applied = applyPlans(current, step.value);
    current = applied.text;
    changes.push(...applied.changes);
  }
  return ok({ text: current, changes });
}

function planAll(text: string, updates: readonly ValueUpdate[], docIndex: number, create: boolean): Result<PlannedEdit[]> {
  const parsed = readYamlSource(text);
  if (!parsed.ok) return err(parsed.issues);
  const { source } = parsed;
  // A file of only comments or white space holds one empty document.
  const empty: CST.Document = { type: 'document', offset: text.length, start: [] };
  const doc = source.documents.length === 0 && docIndex === 0 ? empty : source.documents[docIndex];
  if (!doc) {
    const count = source.documents.length;
    return err(createIssue('YAML_DOCUMENT_NOT_FOUND', `document ${docIndex} does not exist: the file has ${count} document${count === 1 ? '' : 's'}`));
  }
  let layout: BlockLayout | undefined;
  const ctx: PlanContext = {
    source,
    doc,
    create,
    layout: () => (layout ??= { unit: detectIndentUnit(text), nl: detectLineEnding(text) }),
  };
  const plans: PlannedEdit[] = [];
  const issues: Issue[] = [];
  updates.forEach((update) => {
    const plan = planUpdate(ctx, update.key, update.value);
    if ('edit' in plan) plans.push(plan);
    else issues.push(plan);
  });
  return issues.length > 0 ? err(issues) : ok(plans);
}

/** Applies replacement plans together: the last plan for a token wins; untouched tokens make no change. */
function applyPlans(text: string, plans: readonly PlannedEdit[]): EditResult {
  const byStart = new Map<number, PlannedEdit>();
  for (const plan of plans) {
    byStart.delete(plan.edit.start);
    byStart.set(plan.edit.start, plan);
  }
  const edits: TextEdit[] = [];
  const changes: Change[] = [];
  for (const plan of byStart.values()) {
    const { edit } = plan;
    if (!plan.inserts && text.slice(edit.start, edit.end) === edit.insert) continue;
    edits.push(edit);
    changes.push(plan.change);
  }
  return { text: applyEdits(text, edits), changes };
}
