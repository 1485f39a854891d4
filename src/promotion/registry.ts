import type * as z from 'zod';
import { createIssue, type Issue } from '../errors/index.js';
import type { StepResult, StepRunContext } from './types.js';

/**
 * A step kind: its name (`uses`), the strict schema of its evaluated config, and its runner.
 * `errorThreshold` and `timeout` are the defaults used when a step sets no `retry`.
 */
export interface StepDefinition<Config = unknown> {
  /** The name steps use it by (`yaml-update`, `my-org/notify`). */
  readonly uses: string;
  /** The schema of the config after expressions are evaluated; a mismatch fails the step. */
  readonly configSchema: z.ZodType<Config>;
  /** Runs the step. May return a promise; an exception is recorded as a terminal error. */
  readonly run: (config: Config, context: StepRunContext) => StepResult | Promise<StepResult>;
  /** How many consecutive retriable errors end the step (default 1, as for every Kargo builtin). */
  readonly errorThreshold?: number;
  /** Milliseconds after the step first started at which it times out (default 0: never). */
  readonly timeout?: number;
  /**
   * Whether the step's output is also merged into its task's outputs (`outputs.<task>.<key>`).
   * Only compose-output does this among the builtins.
   */
  readonly propagatesTaskOutputs?: boolean;
}

/**
 * A step definition with its config type erased, as the registry holds it. The engine validates a
 * config with `configSchema` before it calls `run`, so `run` always gets what its schema produced.
 */
export interface AnyStepDefinition {
  readonly uses: string;
  readonly configSchema: z.ZodType;
  readonly run: (config: never, context: StepRunContext) => StepResult | Promise<StepResult>;
  readonly errorThreshold?: number;
  readonly timeout?: number;
  readonly propagatesTaskOutputs?: boolean;
}

/** The step kinds a promotion may use, by name. */
export interface StepRegistry {
  /** The definition for `uses`, or `undefined` when the kind is not registered. */
  get(uses: string): AnyStepDefinition | undefined;
  /** Whether `uses` is registered. */
  has(uses: string): boolean;
  /** Every registered name, sorted. */
  names(): string[];
}

/**
 * Declares a step kind. The config type is inferred from `configSchema`, so `run` gets a typed,
 * already-validated config.
 */
export function defineStep<Schema extends z.ZodType>(definition: {
  readonly uses: string;
  readonly configSchema: Schema;
  readonly run: (config: z.output<Schema>, context: StepRunContext) => StepResult | Promise<StepResult>;
  readonly errorThreshold?: number;
  readonly timeout?: number;
  readonly propagatesTaskOutputs?: boolean;
}): StepDefinition<z.output<Schema>> {
  return Object.freeze({ ...definition }) as StepDefinition<z.output<Schema>>;
}

/**
 * Builds a registry from step definitions (and other registries, whose steps are copied). When
 * two definitions share a name, the later one wins, so an embedder can replace a builtin step.
 */
export function createStepRegistry(definitions: readonly (AnyStepDefinition | StepRegistry)[]): StepRegistry {
  const byName = new Map<string, AnyStepDefinition>();
  for (const item of definitions) {
    if (isRegistry(item)) {
      for (const name of item.names()) {
        const def = item.get(name);
        if (def !== undefined) byName.set(name, def);
      }
    } else {
      byName.set(item.uses, item);
    }
  }
  return {
    get: (uses) => byName.get(uses),
    has: (uses) => byName.has(uses),
    names: () => [...byName.keys()].sort(),
  };
}

function isRegistry(item: AnyStepDefinition | StepRegistry): item is StepRegistry {
  return typeof (item as StepRegistry).names === 'function' && typeof (item as StepRegistry).get === 'function';
}

/**
 * Checks a step config, as it will be after its expressions are evaluated, against the schema of
 * its step kind; returns one issue per problem (`PROMOTION_STEP_CONFIG_INVALID`, path into the
 * config). An unregistered kind gives no issues: the registry cannot judge it.
 */
export function validateStepConfig(registry: StepRegistry, uses: string, config: unknown): Issue[] {
  const definition = registry.get(uses);
  if (definition === undefined) return [];
  const parsed = definition.configSchema.safeParse(config);
  if (parsed.success) return [];
  return parsed.error.issues.map((i) =>
    createIssue('PROMOTION_STEP_CONFIG_INVALID', `invalid ${uses} config: ${i.message}`, { path: i.path.filter((p): p is string | number => typeof p !== 'symbol') }),
  );
}
