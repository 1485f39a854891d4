import { STEP_ALIAS_SEPARATOR } from '../expressions/index.js';

/** Aliases of this form are generated for steps without `as`; an explicit alias may not look like one. */
export const RESERVED_ALIAS_PATTERN = /^(step|task)-\d+$/;

/** Whether an explicit alias is reserved (`step-3`, `task-1`). */
export function isReservedAlias(alias: string): boolean {
  return typeof alias === 'string' && RESERVED_ALIAS_PATTERN.test(alias.trim());
}

/**
 * The alias of the step at `index` (0-based) of a step list, as Kargo gives it: its `as` when set,
 * else `task-<index+1>` for a task reference and `step-<index+1>` for the rest.
 */
export function stepAliasOf(step: { readonly as?: string | undefined; readonly task?: unknown } | null | undefined, index: number): string {
  const explicit = typeof step?.as === 'string' ? step.as.trim() : '';
  if (explicit !== '') return explicit;
  return step?.task !== undefined && step?.task !== null ? `task-${index + 1}` : `step-${index + 1}`;
}

/** The alias of a task's inner step once inflated under the task step's alias: `<task>::<inner>`. */
export function taskStepAlias(taskAlias: string, innerAlias: string): string {
  return `${taskAlias}${STEP_ALIAS_SEPARATOR}${innerAlias}`;
}
