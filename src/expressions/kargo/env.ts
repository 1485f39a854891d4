import type { Issue } from '../../errors/index.js';
import { err, ok, type Result } from '../../result.js';
import type { FunctionTable } from '../functions.js';
import { evaluateTemplate, type TemplateOptions } from '../template/evaluate-template.js';
import { splitStepAlias, STEP_ALIAS_SEPARATOR } from './status-functions.js';
import { makeStepExecutionMetadata } from './structs.js';
import type { StepExecutionMetadataLike } from './types.js';

/** What the `ctx` and `target` variables of a promotion step are built from. */
export interface PromotionContextInput {
  readonly uiBaseUrl?: string;
  readonly project: string;
  readonly promotion: string;
  readonly stage: string;
  /** The Freight being promoted. */
  readonly targetFreight?: { readonly name: string; readonly alias?: string; readonly origin?: { readonly name: string } };
  /** Who started the promotion. */
  readonly actor?: string;
  /** Whether the promotion rolls back to earlier Freight. */
  readonly rollback?: boolean;
  /** The alias of the step being evaluated (`step-1`, `deploy::step-2`). */
  readonly stepAlias?: string;
  /** Present only when the promotion promotes to a specific target: its params and labels. */
  readonly target?: { readonly params?: unknown; readonly labels?: unknown };
}

/** What a step's env adds to `ctx`: the variables, the outputs so far and the step records. */
export interface PromotionEnvInput extends PromotionContextInput {
  /** The `vars` map (already evaluated). */
  readonly vars?: Readonly<Record<string, unknown>>;
  /** The shared state: step alias to that step's output. Omit for promotion-level vars. */
  readonly outputs?: Readonly<Record<string, unknown>>;
  /** Execution records of the steps so far (become `stepMetas`, keyed by alias). */
  readonly stepMetas?: readonly StepExecutionMetadataLike[];
}

/**
 * Builds the `ctx` variable (and `target` when the promotion has one) exactly as Kargo lays it out:
 * `ctx.{uiBaseUrl, project, promotion, stage, targetFreight.{name, alias, origin.name},
 * meta.promotion.{actor, rollback}, meta.step.alias}`.
 */
export function buildPromotionContext(input: PromotionContextInput): Record<string, unknown> {
  const env: Record<string, unknown> = {
    ctx: {
      uiBaseUrl: input.uiBaseUrl ?? '',
      project: input.project,
      promotion: input.promotion,
      stage: input.stage,
      targetFreight: {
        name: input.targetFreight?.name ?? '',
        alias: input.targetFreight?.alias ?? '',
        origin: { name: input.targetFreight?.origin?.name ?? '' },
      },
      meta: {
        promotion: { actor: input.actor ?? '', rollback: input.rollback ?? false },
        step: { alias: input.stepAlias ?? '' },
      },
    },
  };
  if (input.target !== undefined) env['target'] = { params: input.target.params ?? null, labels: input.target.labels ?? null };
  return env;
}

/**
 * The outputs of the other steps of the current step's task, keyed by their short alias (what
 * `task.outputs.<alias>` reads), or `undefined` when the step is not part of a task.
 */
export function taskOutputsOf(stepAlias: string, outputs: Readonly<Record<string, unknown>>): Record<string, unknown> | undefined {
  const { namespace } = splitStepAlias(stepAlias);
  if (namespace === '' || !stepAlias.includes(STEP_ALIAS_SEPARATOR)) return undefined;
  const out: Record<string, unknown> = {};
  for (const [alias, output] of Object.entries(outputs)) {
    const parts = splitStepAlias(alias);
    if (alias.includes(STEP_ALIAS_SEPARATOR) && parts.namespace === namespace) out[parts.short] = output;
  }
  return out;
}

/**
 * Builds the env of a promotion step's expressions (Kargo's `ctx`, `vars`, `outputs`, `stepMetas`,
 * `task.outputs`, `target`). `outputs`, `stepMetas` and `task` appear only when `outputs` is given,
 * as in Kargo, where promotion-level variables cannot see step results.
 */
export function buildPromotionEnv(input: PromotionEnvInput): Record<string, unknown> {
  const env = buildPromotionContext(input);
  if (input.outputs !== undefined) {
    const metas: Record<string, unknown> = {};
    for (const meta of input.stepMetas ?? []) metas[meta.alias ?? ''] = makeStepExecutionMetadata(meta as Record<string, unknown>);
    env['stepMetas'] = metas;
    env['outputs'] = input.outputs;
    const task = taskOutputsOf(input.stepAlias ?? '', input.outputs);
    if (task !== undefined) env['task'] = { outputs: task };
  }
  env['vars'] = input.vars ?? {};
  return env;
}

/** A variable definition (`vars[]` of a Stage, promotion template, task or step). */
export interface VariableDefinition {
  readonly name: string;
  /** A template; may refer to earlier variables. */
  readonly value?: string;
}

/** Inputs of {@link evaluateStepVars}. */
export interface StepVarsInput extends PromotionContextInput {
  /** The promotion's variables (Stage vars, then promotion template vars). */
  readonly promotionVars?: readonly VariableDefinition[];
  /** The step's own variables. */
  readonly stepVars?: readonly VariableDefinition[];
  readonly outputs?: Readonly<Record<string, unknown>>;
  readonly stepMetas?: readonly StepExecutionMetadataLike[];
}

/**
 * Evaluates the `vars` map of a step as Kargo does: promotion variables first, in order, each seeing
 * `ctx` and the variables before it; then the step's variables, which also see `outputs`,
 * `stepMetas` and `task.outputs`. A later definition of a name replaces an earlier one. Pass the
 * functions without the status functions (Kargo does not offer them here).
 */
export function evaluateStepVars(input: StepVarsInput, functions: FunctionTable = {}, options: Omit<TemplateOptions, 'functions' | 'path'> = {}): Result<Record<string, unknown>> {
  const vars: Record<string, unknown> = {};
  const run = (list: readonly VariableDefinition[], key: 'promotionVars' | 'stepVars', withState: boolean): Issue[] | undefined => {
    for (const [i, v] of list.entries()) {
      const env = buildPromotionEnv(withState ? { ...input, vars, outputs: input.outputs ?? {} } : { ...withoutState(input), vars });
      const result = evaluateTemplate(v.value ?? '', env, { ...options, functions, path: [key, i, 'value'] });
      if (!result.ok) {
        const prefix = `error pre-processing promotion variable ${JSON.stringify(v.name)}: `;
        return result.issues.map((issue) => ({ ...issue, message: prefix + issue.message }));
      }
      vars[v.name] = result.value;
    }
    return undefined;
  };
  const promotionIssues = run(input.promotionVars ?? [], 'promotionVars', false);
  if (promotionIssues !== undefined) return err(promotionIssues);
  const stepIssues = run(input.stepVars ?? [], 'stepVars', true);
  if (stepIssues !== undefined) return err(stepIssues);
  return ok(vars);
}

function withoutState(input: StepVarsInput): PromotionContextInput {
  const { outputs: _outputs, stepMetas: _metas, promotionVars: _p, stepVars: _s, ...rest } = input;
  return rest;
}
