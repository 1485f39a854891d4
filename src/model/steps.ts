import * as z from 'zod';
import { dnsSubdomainSchema, expressionVariableSchema, goDurationSchema } from './common.js';
import { reportViolations, type RuleViolation } from './rule.js';
import type { PathSegment } from '../errors/issue.js';

/** The kinds a step may reference as a task. */
export const PROMOTION_TASK_KINDS = ['PromotionTask', 'ClusterPromotionTask'] as const;

/** A reference from a step to a (Cluster)PromotionTask; `kind` defaults to `PromotionTask` at run time. */
export const promotionTaskReferenceSchema = z.looseObject({
  name: dnsSubdomainSchema,
  kind: z.enum(PROMOTION_TASK_KINDS).optional(),
});
/** A reference from a step to a task. */
export type PromotionTaskReference = z.output<typeof promotionTaskReferenceSchema>;

/** How often and how long a step is retried. */
export const promotionStepRetrySchema = z.looseObject({
  timeout: goDurationSchema.optional(),
  errorThreshold: z.number().int().min(0).max(4294967295).optional(),
});
/** How often and how long a step is retried. */
export type PromotionStepRetry = z.output<typeof promotionStepRetrySchema>;

/**
 * The shape of one promotion step, without the rules that depend on where the step lives (a
 * Stage's template may reference tasks; Promotions and tasks may not): see {@link checkPromotionSteps}.
 */
export const promotionStepShapeSchema = z.looseObject({
  uses: z.string().min(1, 'must not be empty').optional(),
  task: promotionTaskReferenceSchema.optional(),
  as: z.string().optional(),
  if: z.string().optional(),
  continueOnError: z.boolean().optional(),
  retry: promotionStepRetrySchema.optional(),
  vars: z.array(expressionVariableSchema).optional(),
  config: z.record(z.string(), z.unknown()).optional(),
});
/** One promotion step: `uses` a builtin (or custom) step, or references a `task`. */
export type PromotionStep = z.output<typeof promotionStepShapeSchema>;

/** Where a list of steps lives, which decides whether steps may reference tasks. */
export type StepContext = 'template' | 'promotion' | 'task';

const RESERVED_ALIAS = /^(step|task)-\d+$/;

/**
 * The rules Kargo applies to a list of steps, by context: a Stage template step has exactly one of
 * `uses` and `task`, and a task step sets none of `continueOnError`, `retry`, `if` or `config`;
 * Promotion and task steps must use `uses` and no `task`. In every context an explicit alias
 * (`as`, trimmed) is unique and does not look like a generated one (`step-3`, `task-1`).
 */
export function checkPromotionSteps(steps: readonly PromotionStep[], context: StepContext): RuleViolation[] {
  const out: RuleViolation[] = [];
  const firstByAlias = new Map<string, number>();
  steps.forEach((step, i) => {
    const at = (...rest: PathSegment[]): PathSegment[] => [i, ...rest];
    const hasUses = step.uses !== undefined;
    const hasTask = step.task !== undefined;
    if (context === 'template') {
      if (hasUses === hasTask) {
        out.push({ code: 'MANIFEST_STEP_INVALID', message: 'a step must set exactly one of "uses" and "task"', path: at() });
      }
      if (hasTask) {
        for (const [field, what] of [
          ['continueOnError', 'set continueOnError'],
          ['retry', 'set retry'],
          ['if', "have an 'if' condition"],
          ['config', 'have a config'],
        ] as const) {
          if (step[field] !== undefined && !(field === 'if' && step.if === '')) {
            out.push({ code: 'MANIFEST_STEP_INVALID', message: `a step that references a task cannot ${what}`, path: at(field) });
          }
        }
      }
    } else if (!hasUses || hasTask) {
      const owner = context === 'promotion' ? 'a Promotion step' : 'a PromotionTask step';
      out.push({ code: 'MANIFEST_STEP_INVALID', message: `${owner} must set "uses" and must not reference a task`, path: at(hasTask ? 'task' : 'uses') });
    }
    const alias = (step.as ?? '').trim();
    if (alias === '') return;
    const first = firstByAlias.get(alias);
    if (first !== undefined) {
      out.push({ code: 'MANIFEST_STEP_INVALID', message: `step alias ${JSON.stringify(alias)} is already used by step ${first}`, path: at('as') });
    } else {
      firstByAlias.set(alias, i);
    }
    if (RESERVED_ALIAS.test(alias)) {
      out.push({ code: 'MANIFEST_STEP_INVALID', message: `step alias ${JSON.stringify(alias)} is reserved (aliases like step-N and task-N are generated)`, path: at('as') });
    }
  });
  return out;
}

/** Builds the schema of a step list for a context, with its rules and a minimum of one step. */
export function stepListSchema(context: StepContext) {
  return z
    .array(promotionStepShapeSchema)
    .min(1, 'at least one step is required')
    .superRefine((steps, ctx) => reportViolations(ctx, checkPromotionSteps(steps, context)));
}

/** A template step list (a Stage's `promotionTemplate.spec.steps`): steps may reference tasks. */
export const templateStepsSchema = stepListSchema('template');
/** The step list of a Promotion: every step `uses` a step kind. */
export const promotionStepsSchema = stepListSchema('promotion');
/** The step list of a (Cluster)PromotionTask: every step `uses` a step kind. */
export const taskStepsSchema = stepListSchema('task');

/** One template step, alone, with the template rules (exactly one of `uses` and `task`, ...). */
export const promotionStepSchema = promotionStepShapeSchema.superRefine((step, ctx) =>
  reportViolations(ctx, checkPromotionSteps([step], 'template').map((v) => ({ ...v, path: v.path.slice(1) }))),
);
