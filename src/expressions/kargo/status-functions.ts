import type { ExprFunction } from '../functions.js';
import { goTypeOf } from '../values.js';
import type { KargoExpressionContext, StepExecutionMetadataLike } from './types.js';

/** The separator between a task step's alias and the task's alias (`deploy::step-1`). */
export const STEP_ALIAS_SEPARATOR = '::';

/**
 * True when a step record counts as a failure: status Errored or Failed, and the step is not
 * marked `continueOnError`. Aborted steps do not count.
 */
export function hasStepFailures(stepMetas: readonly StepExecutionMetadataLike[]): boolean {
  return stepMetas.some((m) => m.continueOnError !== true && (m.status === 'Errored' || m.status === 'Failed'));
}

/** Splits an alias into its task namespace and short alias; only `a::b` (one separator) has a namespace. */
export function splitStepAlias(alias: string): { namespace: string; short: string } {
  const parts = alias.split(STEP_ALIAS_SEPARATOR);
  return parts.length === 2 ? { namespace: parts[0] ?? '', short: parts[1] ?? '' } : { namespace: '', short: alias };
}

function noArguments(name: string, result: (context: KargoExpressionContext) => boolean, context: KargoExpressionContext): ExprFunction {
  return {
    name,
    call(args, ctx) {
      if (args.length !== 0) ctx.fail(`expected 0 arguments, got ${args.length}`);
      return result(context);
    },
  };
}

/** Builds `always()`: true. */
export function alwaysFunction(context: KargoExpressionContext): ExprFunction {
  return noArguments('always', () => true, context);
}

/** Builds `failure()`: whether an earlier step failed or errored (ignoring continueOnError steps). */
export function failureFunction(context: KargoExpressionContext): ExprFunction {
  return noArguments('failure', (c) => hasStepFailures(c.stepMetas ?? []), context);
}

/** Builds `success()`: the opposite of `failure()`. */
export function successFunction(context: KargoExpressionContext): ExprFunction {
  return noArguments('success', (c) => !hasStepFailures(c.stepMetas ?? []), context);
}

/**
 * Builds `status(alias)`: the status of the step with that short alias in the current step's own
 * scope (top-level steps see top-level steps; a task's steps see that task's steps), or `""`.
 */
export function statusFunction(context: KargoExpressionContext): ExprFunction {
  const current = splitStepAlias(context.currentStepAlias ?? '').namespace;
  return {
    name: 'status',
    call(args, ctx) {
      if (args.length !== 1) ctx.fail(`expected 1 argument, got ${args.length}`);
      const alias = args[0] ?? null;
      if (typeof alias !== 'string') return ctx.fail(`argument must be string, got ${goTypeOf(alias)}`);
      if (alias === '') ctx.fail('argument must not be empty');
      for (const meta of context.stepMetas ?? []) {
        const { namespace, short } = splitStepAlias(meta.alias ?? '');
        if (namespace === current && short === alias) return meta.status ?? '';
      }
      return '';
    },
  };
}
