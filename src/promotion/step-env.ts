import type { Issue } from '../errors/index.js';
import { err, ok, type Result } from '../result.js';
import {
  buildPromotionContext,
  evaluateTemplate,
  goTypeOf,
  kargoFunctions,
  splitStepAlias,
  type ExprFunction,
  type FunctionTable,
  type KargoExpressionContext,
  type PromotionContextInput,
  type VariableDefinition,
} from '../expressions/index.js';
import type { SharedState } from './shared-state.js';
import type { StepLedger } from './step-ledger.js';

/**
 * Builds the expression envs of a run's steps (Kargo's `ctx`, `vars`, `outputs`, `stepMetas`,
 * `task.outputs`, `target`) and the functions they may call, with the same layout and the same
 * answers as `buildPromotionEnv`, `evaluateStepVars` and `kargoFunctions`, but from the run's live
 * state and records: nothing is rebuilt from all earlier steps, so a step's env costs the same at
 * step 5,000 as at step 1. An env is valid until the engine writes the next output or record.
 */
export class StepEnvironment {
  private readonly base: PromotionContextInput;
  private readonly promotionVars: readonly VariableDefinition[];
  private readonly dataFunctions: FunctionTable;
  private readonly allFunctions: FunctionTable;
  private scope = '';

  constructor(
    base: PromotionContextInput,
    promotionVars: readonly VariableDefinition[],
    context: KargoExpressionContext,
    private readonly state: SharedState,
    private readonly ledger: StepLedger,
  ) {
    this.base = base;
    this.promotionVars = promotionVars;
    // Without the status functions, the table does not depend on the step: build it once.
    this.dataFunctions = kargoFunctions(context, { status: false });
    this.allFunctions = { ...this.dataFunctions, ...this.statusFunctions() };
  }

  /** Functions for a step's `if` and config (with `always()`, `success()`, `failure()`, `status()`). */
  functionsFor(alias: string): FunctionTable {
    this.scope = splitStepAlias(alias).namespace;
    return this.allFunctions;
  }

  /**
   * Evaluates a step's `vars` and builds the env of its `if` and config. The variables are
   * evaluated as Kargo does: the promotion's variables first, in order, each seeing `ctx` and the
   * variables before it; then the step's own, which also see `outputs`, `stepMetas` and
   * `task.outputs`. A later definition of a name replaces an earlier one.
   */
  prepare(alias: string, stepVars: readonly VariableDefinition[], now: Date): Result<{ vars: Record<string, unknown>; env: Record<string, unknown> }> {
    const vars: Record<string, unknown> = {};
    const context = buildPromotionContext({ ...this.base, stepAlias: alias });
    const run = (list: readonly VariableDefinition[], key: 'promotionVars' | 'stepVars', withState: boolean): Issue[] | undefined => {
      for (const [i, v] of list.entries()) {
        const env = withState ? this.stepEnv(context, alias, vars) : { ...context, vars };
        const result = evaluateTemplate(v.value ?? '', env, { now, functions: this.dataFunctions, path: [key, i, 'value'] });
        if (!result.ok) {
          const prefix = `error pre-processing promotion variable ${JSON.stringify(v.name)}: `;
          return result.issues.map((issue) => ({ ...issue, message: prefix + issue.message }));
        }
        vars[v.name] = result.value;
      }
      return undefined;
    };
    const promotionIssues = run(this.promotionVars, 'promotionVars', false);
    if (promotionIssues !== undefined) return err(promotionIssues);
    const stepIssues = run(stepVars, 'stepVars', true);
    if (stepIssues !== undefined) return err(stepIssues);
    return ok({ vars, env: this.stepEnv(context, alias, vars) });
  }

  private stepEnv(context: Record<string, unknown>, alias: string, vars: Readonly<Record<string, unknown>>): Record<string, unknown> {
    const env: Record<string, unknown> = { ...context, stepMetas: this.ledger.refreshEnv(), outputs: this.state.live };
    const task = this.state.taskOutputs(alias);
    if (task !== undefined) env['task'] = { outputs: task };
    env['vars'] = vars;
    return env;
  }

  // The status functions answer from the ledger's counters and indexes instead of scanning every
  // record; their messages are those of the expression area's own status functions.
  private statusFunctions(): Record<string, ExprFunction> {
    const ledger = this.ledger;
    const noArguments = (name: string, answer: () => boolean): ExprFunction => ({
      name,
      call(args, ctx) {
        if (args.length !== 0) ctx.fail(`expected 0 arguments, got ${args.length}`);
        return answer();
      },
    });
    return {
      always: noArguments('always', () => true),
      success: noArguments('success', () => !ledger.hasFailures()),
      failure: noArguments('failure', () => ledger.hasFailures()),
      status: {
        name: 'status',
        call: (args, ctx) => {
          if (args.length !== 1) ctx.fail(`expected 1 argument, got ${args.length}`);
          const alias = args[0] ?? null;
          if (typeof alias !== 'string') return ctx.fail(`argument must be string, got ${goTypeOf(alias)}`);
          if (alias === '') ctx.fail('argument must not be empty');
          return ledger.statusIn(this.scope, alias) ?? '';
        },
      },
    };
  }
}
