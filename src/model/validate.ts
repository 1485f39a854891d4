import type * as z from 'zod';
import { createIssue, type Issue } from '../errors/issue.js';
import { projectConfigSchema } from './project.js';
import { issuesFromZod } from './resource.js';
import { stageSchema } from './stage.js';
import { promotionStepShapeSchema, promotionStepsSchema, taskStepsSchema, templateStepsSchema, type StepContext } from './steps.js';

const stepListSchemas: Record<StepContext, z.ZodType> = { template: templateStepsSchema, promotion: promotionStepsSchema, task: taskStepsSchema };

function errorsOf(schema: z.ZodType, value: unknown, what: string): Issue[] {
  try {
    const parsed = schema.safeParse(value);
    return parsed.success ? [] : issuesFromZod(parsed.error.issues);
  } catch (e) {
    return [createIssue('MANIFEST_INVALID', `the ${what} could not be validated: ${e instanceof Error ? e.message : String(e)}`)];
  }
}

/**
 * Checks a Stage as Kargo's API server admits it: the schema (types, enums, patterns, required
 * fields) and the webhook rules (each origin requested once; `MatchUpstream` with exactly one
 * upstream Stage and without `direct`; template steps with exactly one of `uses`/`task`, task steps
 * without `if`/`config`/`continueOnError`/`retry`; unique, non-reserved aliases). Returns the errors;
 * an empty list means Kargo would accept the Stage. Like Kargo, it does not reject cycles, unknown
 * upstream Stages or Warehouses, or sources with neither `direct` nor `stages`.
 */
export function validateStage(stage: unknown): Issue[] {
  return errorsOf(stageSchema, stage, 'Stage');
}

/**
 * Checks a ProjectConfig as Kargo admits it: the schema, its name equal to its namespace (the
 * Project), each promotion policy with exactly one of `stage`/`stageSelector`, valid `glob:` /
 * `regex:` / `regexp:` selector names with a known prefix, and no exact Stage name used by two
 * policies. Returns the errors; an empty list means Kargo would accept it.
 */
export function validateProjectConfig(config: unknown): Issue[] {
  return errorsOf(projectConfigSchema, config, 'ProjectConfig');
}

/**
 * Checks a list of promotion steps (as written in a Stage template by default; `promotion` or
 * `task` for the stricter rules of Promotions and PromotionTasks). Returns the errors, with paths
 * starting at the step index.
 */
export function validatePromotionSteps(steps: unknown, context: StepContext = 'template'): Issue[] {
  return errorsOf(stepListSchemas[context] ?? templateStepsSchema, steps, 'step list');
}

/** Checks one promotion step's shape (types of `uses`, `task`, `retry`, `vars`, `config`...). */
export function validatePromotionStepShape(step: unknown): Issue[] {
  return errorsOf(promotionStepShapeSchema, step, 'step');
}
