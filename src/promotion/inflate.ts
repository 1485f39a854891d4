import { createIssue, type Issue, type PathSegment } from '../errors/index.js';
import type { ExpressionVariable, PromotionStep } from '../model/index.js';
import { toResult, type Result } from '../result.js';
import { cloneJson } from './json-clone.js';
import { isReservedAlias, stepAliasOf, taskStepAlias } from './aliases.js';

/** A variable as Stages, templates and tasks declare it. */
export interface VariableLike {
  readonly name: string;
  readonly value?: string | undefined;
}

/** The parts of a Stage that make its promotion steps. */
export interface TemplateStageLike {
  readonly metadata?: { readonly name?: string | undefined; readonly namespace?: string | undefined; readonly uid?: string | undefined } | undefined;
  readonly spec?: {
    readonly vars?: readonly VariableLike[] | undefined;
    readonly promotionTemplate?: { readonly spec?: { readonly vars?: readonly VariableLike[] | undefined; readonly steps?: readonly PromotionStep[] | undefined } | undefined } | undefined;
  } | undefined;
}

/** A PromotionTask or ClusterPromotionTask, as far as inflation reads it. */
export interface PromotionTaskLike {
  readonly kind?: string | undefined;
  readonly metadata?: { readonly name?: string | undefined; readonly namespace?: string | undefined } | undefined;
  readonly spec?: { readonly vars?: readonly VariableLike[] | undefined; readonly steps?: readonly PromotionStep[] | undefined } | undefined;
}

const TEMPLATE_STEPS_PATH: readonly PathSegment[] = ['spec', 'promotionTemplate', 'spec', 'steps'];
// The only fields Kargo carries from a task's step onto the inflated step.
const CARRIED_FIELDS = ['uses', 'if', 'continueOnError', 'retry', 'config'] as const;
const DROPPED_FIELDS = ['if', 'continueOnError', 'retry', 'config'] as const;

/**
 * The promotion variables of a Stage: its own `vars`, then its template's (a later definition of a
 * name wins when they are evaluated).
 */
export function promotionVarsOf(stage: TemplateStageLike): ExpressionVariable[] {
  const listOf = (vars: unknown): VariableLike[] => (Array.isArray(vars) ? (vars.filter(isVariable) as VariableLike[]) : []);
  return [...listOf(stage.spec?.vars), ...listOf(stage.spec?.promotionTemplate?.spec?.vars)].map(toVariable);
}

/**
 * Builds the flat step list a Promotion of the Stage carries, as Kargo does when it admits one:
 * template steps are copied, and each step that references a task is replaced by the task's steps,
 * aliased `<alias>::<inner alias>` (the task step's alias is its `as` or `task-<n>`, an inner
 * step's its `as` or `step-<n>`). Each inflated step's `vars` are the task's variables that the
 * promotion variables do not already give a value, then the referencing step's `vars`, then its
 * own. A task variable with no value anywhere is an error (`missing value for variable`). The
 * referencing step's `if`, `continueOnError`, `retry` and `config` are dropped, with a warning.
 * Issue paths point into the Stage (`spec.promotionTemplate.spec.steps[i]...`); problems inside a
 * task name the task in their message and point at the referencing step.
 */
export function inflatePromotionSteps(stage: TemplateStageLike, tasks: readonly PromotionTaskLike[] = []): Result<PromotionStep[]> {
  const steps = stage.spec?.promotionTemplate?.spec?.steps;
  const stageName = stage.metadata?.name ?? '';
  const namespace = stage.metadata?.namespace ?? '';
  if (!Array.isArray(steps) || steps.length === 0) {
    return toResult([], [
      createIssue('PROMOTION_TEMPLATE_MISSING', `Stage ${JSON.stringify(stageName)} in namespace ${JSON.stringify(namespace)} defines no promotion steps`, {
        path: ['spec', 'promotionTemplate'],
      }),
    ]);
  }
  const promotionVars = promotionVarsOf(stage);
  const issues: Issue[] = [];
  const out: PromotionStep[] = [];
  const sources: PathSegment[][] = [];
  const explicit = new Map<string, number>();

  steps.forEach((raw: unknown, i: number) => {
    const at = (...rest: PathSegment[]): PathSegment[] => [...TEMPLATE_STEPS_PATH, i, ...rest];
    const shapeProblem = stepShapeProblem(raw);
    if (shapeProblem !== undefined) {
      issues.push(createIssue('PROMOTION_STEP_INVALID', shapeProblem.message, { path: at(...shapeProblem.path) }));
      return;
    }
    const step = raw as PromotionStep;
    const alias = (step.as ?? '').trim();
    if (alias !== '') {
      if (isReservedAlias(alias)) {
        issues.push(createIssue('PROMOTION_ALIAS_RESERVED', `step alias ${JSON.stringify(alias)} is reserved: aliases like step-N and task-N are generated`, { path: at('as') }));
      }
      const first = explicit.get(alias);
      if (first !== undefined) issues.push(createIssue('PROMOTION_ALIAS_DUPLICATE', `step alias ${JSON.stringify(alias)} is already used by step ${first}`, { path: at('as') }));
      else explicit.set(alias, i);
    }
    const hasUses = typeof step.uses === 'string' && step.uses !== '';
    const hasTask = step.task !== undefined && step.task !== null;
    if (hasUses === hasTask) {
      issues.push(createIssue('PROMOTION_STEP_INVALID', 'a step must set exactly one of "uses" and "task"', { path: at() }));
      return;
    }
    if (!hasTask) {
      out.push(step);
      sources.push(at());
      return;
    }
    for (const field of DROPPED_FIELDS) {
      if (step[field] !== undefined && !(field === 'if' && step.if === '')) {
        issues.push(
          createIssue('PROMOTION_TASK_FIELD_DROPPED', `"${field}" of a step that references a task is ignored; set it on the task's steps instead`, {
            path: at(field),
            severity: 'warning',
          }),
        );
      }
    }
    const inflated = inflateTask(step, stepAliasOf(step, i), tasks, namespace, promotionVars, at, issues);
    for (const s of inflated) {
      out.push(s);
      sources.push(at('task'));
    }
  });

  const seen = new Map<string, number>();
  out.forEach((step, k) => {
    const alias = stepAliasOf(step, k);
    const first = seen.get(alias);
    if (first === undefined) {
      seen.set(alias, k);
      return;
    }
    if (explicit.has(alias) && !alias.includes('::')) return; // already reported against the template
    issues.push(createIssue('PROMOTION_ALIAS_DUPLICATE', `step alias ${JSON.stringify(alias)} is used by two steps of the promotion`, { path: sources[k] ?? [] }));
  });
  return toResult(out.map((step) => cloneJson(step) as PromotionStep), issues);
}

function inflateTask(
  step: PromotionStep,
  alias: string,
  tasks: readonly PromotionTaskLike[],
  namespace: string,
  promotionVars: readonly VariableLike[],
  at: (...rest: PathSegment[]) => PathSegment[],
  issues: Issue[],
): PromotionStep[] {
  const ref = step.task ?? { name: '' };
  const kind = ref.kind ?? 'PromotionTask';
  const name = ref.name;
  const task = (Array.isArray(tasks) ? tasks : []).find(
    (t) =>
      t !== null &&
      typeof t === 'object' &&
      (t.kind ?? 'PromotionTask') === kind &&
      t.metadata?.name === name &&
      (kind === 'ClusterPromotionTask' || namespace === '' || t.metadata?.namespace === undefined || t.metadata.namespace === namespace),
  );
  const label = `${kind} ${JSON.stringify(name)}`;
  if (task === undefined) {
    const where = kind === 'PromotionTask' && namespace !== '' ? ` in namespace ${JSON.stringify(namespace)}` : '';
    issues.push(createIssue('PROMOTION_TASK_NOT_FOUND', `${label}${where} was not found among the tasks supplied`, { path: at('task', 'name') }));
    return [];
  }
  const refVars = step.vars ?? [];
  const taskProblem = task.spec?.vars === undefined || Array.isArray(task.spec.vars) ? undefined : 'vars is not a list';
  if (taskProblem !== undefined || (task.spec?.vars ?? []).some((v: unknown) => !isVariable(v))) {
    issues.push(createIssue('PROMOTION_STEP_INVALID', `${label}: every variable must have a string name and value`, { path: at('task') }));
    return [];
  }
  const kept: ExpressionVariable[] = [];
  let missing = false;
  for (const v of task.spec?.vars ?? []) {
    if (promotionVars.some((p) => p.name === v.name && nonEmpty(p.value))) continue;
    if (nonEmpty(v.value)) {
      kept.push(toVariable(v));
      continue;
    }
    if (refVars.some((r) => r.name === v.name && nonEmpty(r.value))) continue;
    missing = true;
    issues.push(createIssue('PROMOTION_TASK_VARIABLE_MISSING', `${label}: missing value for variable ${JSON.stringify(v.name)}`, { path: at('vars') }));
  }
  if (missing) return [];
  const vars = [...kept, ...refVars.map(toVariable)];
  const inner = task.spec?.steps ?? [];
  if (!Array.isArray(inner) || inner.length === 0) {
    issues.push(createIssue('PROMOTION_STEP_INVALID', `${label} has no steps`, { path: at('task') }));
    return [];
  }
  const out: PromotionStep[] = [];
  inner.forEach((raw: unknown, j: number) => {
    if (stepShapeProblem(raw) !== undefined) {
      issues.push(createIssue('PROMOTION_STEP_INVALID', `step ${j} of ${label} is not a well-formed step`, { path: at('task') }));
      return;
    }
    const s = raw as PromotionStep;
    if (typeof s.uses !== 'string' || s.uses === '' || (s.task !== undefined && s.task !== null)) {
      issues.push(createIssue('PROMOTION_STEP_INVALID', `step ${j} of ${label} must set "uses" and must not reference a task (tasks do not nest)`, { path: at('task') }));
      return;
    }
    const innerAlias = (s.as ?? '').trim();
    if (innerAlias !== '' && isReservedAlias(innerAlias)) {
      issues.push(createIssue('PROMOTION_ALIAS_RESERVED', `step ${j} of ${label}: alias ${JSON.stringify(innerAlias)} is reserved`, { path: at('task') }));
    }
    const built: Record<string, unknown> = { as: taskStepAlias(alias, innerAlias !== '' ? innerAlias : `step-${j + 1}`) };
    for (const field of CARRIED_FIELDS) if (s[field] !== undefined) built[field] = s[field];
    const allVars = [...vars, ...(s.vars ?? []).map(toVariable)];
    if (allVars.length > 0) built['vars'] = allVars;
    out.push(built as PromotionStep);
  });
  return out;
}

// The field types inflation relies on; the rest of a step is copied as it is.
function stepShapeProblem(step: unknown): { message: string; path: PathSegment[] } | undefined {
  if (step === null || typeof step !== 'object' || Array.isArray(step)) return { message: 'a step must be an object', path: [] };
  const s = step as Record<string, unknown>;
  for (const field of ['uses', 'as', 'if'] as const) {
    if (s[field] !== undefined && typeof s[field] !== 'string') return { message: `"${field}" must be a string`, path: [field] };
  }
  if (s['vars'] !== undefined && (!Array.isArray(s['vars']) || !s['vars'].every(isVariable))) {
    return { message: '"vars" must be a list of variables with a string name and value', path: ['vars'] };
  }
  const task = s['task'];
  if (task !== undefined && (task === null || typeof task !== 'object' || typeof (task as Record<string, unknown>)['name'] !== 'string')) {
    return { message: '"task" must name a task', path: ['task'] };
  }
  return undefined;
}

function isVariable(v: unknown): boolean {
  if (v === null || typeof v !== 'object') return false;
  const r = v as Record<string, unknown>;
  return typeof r['name'] === 'string' && (r['value'] === undefined || typeof r['value'] === 'string');
}

function nonEmpty(value: string | undefined): boolean {
  return typeof value === 'string' && value !== '';
}

function toVariable(v: VariableLike): ExpressionVariable {
  return typeof v.value === 'string' ? { name: v.name, value: v.value } : { name: v.name };
}
