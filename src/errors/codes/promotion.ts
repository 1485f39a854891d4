import type { CodeCatalog } from './catalog.js';

/** Codes of promotion templates, tasks, steps and the step engine. */
export const promotionCodes = {
  PROMOTION_TEMPLATE_MISSING: {
    summary: 'The Stage has no promotion steps.',
    cause: 'A Promotion copies its steps from `spec.promotionTemplate.spec.steps` of its Stage; the template is missing or lists no step, so there is nothing to run.',
    fix: 'Add a `promotionTemplate` with at least one step to the Stage.',
  },
  PROMOTION_STEP_INVALID: {
    summary: 'A template step is neither a step nor a task reference.',
    cause: 'A step of a Stage template must set exactly one of `uses` (a step kind) and `task` (a PromotionTask reference); a step of a task must set `uses`, because tasks are inflated only one level deep.',
    fix: 'Set `uses` to a step kind such as `yaml-update`, or `task.name` to a PromotionTask, but not both.',
  },
  PROMOTION_ALIAS_RESERVED: {
    summary: 'A step alias looks like a generated one.',
    cause: 'Aliases of the form `step-N` and `task-N` are given to steps without `as`; an explicit alias of that form could clash with them.',
    fix: 'Choose another `as`, for example `update-values`.',
  },
  PROMOTION_ALIAS_DUPLICATE: {
    summary: 'Two steps have the same alias.',
    cause: 'Step outputs and records are keyed by alias, so every alias (explicit or generated, task steps included as `task::step`) must be unique.',
    fix: 'Give one of the steps another `as`.',
  },
  PROMOTION_TASK_NOT_FOUND: {
    summary: 'A step references a task that was not supplied.',
    cause: 'The step names a PromotionTask (or ClusterPromotionTask, by `task.kind`) that is not among the tasks passed in, or is in another namespace.',
    fix: 'Pass the task resource, check its name and kind, and that a PromotionTask is in the Stage\'s namespace.',
  },
  PROMOTION_TASK_VARIABLE_MISSING: {
    summary: 'A task variable has no value.',
    cause: 'The task declares a variable without a default, and neither the promotion variables (Stage and template `vars`) nor the referencing step\'s `vars` give it a non-empty value.',
    fix: 'Give the variable a value in the referencing step\'s `vars`, in the template\'s `vars`, or a default in the task.',
  },
  PROMOTION_TASK_FIELD_DROPPED: {
    summary: 'A field of a task-referencing step is ignored.',
    cause: 'When a task is inflated into its steps, only the referencing step\'s `as` and `vars` are used, as in Kargo; its `if`, `continueOnError`, `retry` and `config` are dropped.',
    fix: 'Move the condition, retry or config onto the task\'s own steps, or remove it from the referencing step.',
  },
  PROMOTION_INVALID_INPUT: {
    summary: 'A Promotion cannot be built from the input.',
    cause: 'The Stage or Freight lacks a name, or no Promotion name was given and no id source was supplied to make one.',
    fix: 'Pass named Stage and Freight resources, and either `name` or `ids` (an IdSource, for example one making ULIDs).',
  },
  PROMOTION_STEP_CONFIG_INVALID: {
    summary: 'A step\'s config does not match the step\'s schema.',
    cause: 'After its expressions are evaluated, the config has an unknown field, lacks a required one, or has a value of the wrong type. Step configs are strict, as in Kargo.',
    fix: 'Compare the config with the step\'s reference in docs/concepts/promotions.md and fix the field named in the message.',
  },
  PROMOTION_PLAN_HTTP_SIMULATED: {
    summary: 'A plan did not send an HTTP request and simulated its answer.',
    cause: 'A plan sends only GET and HEAD requests, and only through a real HTTP port; any other request (or any request without `ports.http`) is recorded in `plan.http` with `sent: false` and answered by the simulator (an empty 200 by default). What the step and the steps after it did with that answer is a guess.',
    fix: 'Pass `simulateHttp` to planPromotion to answer the request as the service would, or read the steps after it in the plan knowing their input was simulated.',
  },
  PROMOTION_PLAN_MERGE_PREDICTED: {
    summary: 'A plan predicted the merge of a pull request it did not open.',
    cause: 'A `git-wait-for-pr` step waits on a pull request that is open on the real service and was not opened by the plan; the plan cannot know when or how it will be merged, so it gave the step a predicted merge commit id, which later steps then used.',
    fix: 'Nothing to fix if the pull request is expected to be merged; values derived from `outputs.<step>.commit` in the plan are stand-ins until it is.',
  },
  PROMOTION_PLAN_INCOMPLETE: {
    summary: 'A plan stopped before the promotion finished.',
    cause: 'A step kept returning a retriable error (or kept running) through every run the plan allows (`maxRuns`, 10 by default), so the plan ends with the promotion still Running and the steps after that step never planned.',
    fix: 'Read the message of the step the plan stopped on and fix what makes it fail, or raise `maxRuns` if the step needs more attempts.',
  },
} as const satisfies CodeCatalog;
