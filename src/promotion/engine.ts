import type { PromotionStep, StepExecutionMetadata } from '../model/index.js';
import type { Issue } from '../errors/index.js';
import {
  evaluateCondition,
  evaluateConfig,
  splitStepAlias,
  STEP_ALIAS_SEPARATOR,
  type FreightReferenceLike,
  type FreightRequestLike,
  type WarehouseLike,
  type PromotionContextInput,
  type VariableDefinition,
} from '../expressions/index.js';
import { formatGoDuration, parseGoDuration } from '../pipeline/index.js';
import { stepAliasOf } from './aliases.js';
import { cloneJson, freezeJson } from './json-clone.js';
import { defineLazyField } from './lazy-field.js';
import { finalPromotionPhase } from './phase.js';
import type { AnyStepDefinition } from './registry.js';
import type { PromotionRunContext, RunnablePromotion, RunPromotionOptions } from './run-context.js';
import { SharedState } from './shared-state.js';
import { StepEnvironment } from './step-env.js';
import { readStepRecord, StepLedger } from './step-ledger.js';
import type { HealthCheckRequest, NowSource, PromotionRunStatus, PromotionSnapshot, StepReport, StepResult, StepRunContext, StepStatus } from './types.js';

const VALID_STATUSES: readonly string[] = ['Succeeded', 'Skipped', 'Aborted', 'Failed', 'Errored', 'Running'];
const TERMINAL_PHASES: readonly string[] = ['Succeeded', 'Failed', 'Errored', 'Aborted'];
const CREATE_ACTOR_ANNOTATION = 'kargo.akuity.io/create-actor';

/** Reads the time from a now source, as a Date. */
export function readNow(now: NowSource): Date {
  const value = typeof now === 'function' ? now() : typeof now === 'object' && !(now instanceof Date) ? now.now() : now;
  return value instanceof Date ? value : new Date(value);
}

// Kubernetes stores times with second precision; rounding here keeps a resumed run identical.
function timeText(date: Date): string {
  const ms = date.getTime();
  if (Number.isNaN(ms)) return '1970-01-01T00:00:00Z';
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

function issuesText(issues: readonly Issue[]): string {
  return issues.map((i) => i.message).join('; ');
}

/**
 * Runs a Promotion's steps with Kargo's rules, as a pure state machine over its persisted status
 * (`currentStep`, `stepExecutionMetadata`, `state`, `healthChecks`): steps are skipped after a
 * failure unless their `if` says otherwise, `continueOnError` steps do not count, retriable errors
 * are retried up to `retry.errorThreshold` (default 1) within `retry.timeout`, and a step that
 * returns Running pauses the promotion. After each step it yields a snapshot to persist; feeding
 * the persisted status back (as `promotion.status`) resumes at the step it stopped on. The run
 * ends when the promotion reaches a terminal phase or waits on a Running step. Aborting
 * `options.signal` ends it as an abort does: the current step is Aborted and so is the promotion.
 */
export async function* runPromotion(
  promotion: RunnablePromotion,
  context: PromotionRunContext,
  options: RunPromotionOptions,
): AsyncGenerator<PromotionSnapshot, PromotionRunStatus, undefined> {
  const run = new PromotionRun(promotion, context, options);
  return yield* run.execute();
}

/** Options of {@link runPromotionToEnd}. */
export interface RunToEndOptions extends RunPromotionOptions {
  /**
   * How many runs to make while the promotion waits on a Running step (default 1: return the
   * Running status, as one reconcile of Kargo's controller would).
   */
  readonly maxRuns?: number;
  /** Waits between runs, given the step's suggested delay in milliseconds. */
  readonly wait?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/**
 * Runs a Promotion and returns its last status (see {@link runPromotion}). With `maxRuns` above 1
 * it runs again, after `wait`, while the promotion is waiting on a Running step, resuming from the
 * status of the previous run each time.
 */
export async function runPromotionToEnd(promotion: RunnablePromotion, context: PromotionRunContext, options: RunToEndOptions): Promise<PromotionRunStatus> {
  let current: RunnablePromotion = promotion;
  const runs = Math.max(1, Math.floor(options.maxRuns ?? 1));
  let last: PromotionRunStatus | undefined;
  for (let n = 0; n < runs; n++) {
    let retryAfter = 0;
    for await (const snapshot of runPromotion(current, context, options)) {
      last = snapshot.status;
      retryAfter = snapshot.retryAfter ?? 0;
    }
    if (last === undefined || last.phase !== 'Running' || n === runs - 1) break;
    current = withPromotionStatus(current, last);
    if (options.wait !== undefined) await options.wait(retryAfter, options.signal);
  }
  return last ?? { phase: 'Errored', message: 'the promotion did not run', currentStep: 0, stepExecutionMetadata: [], state: {} };
}

/** Returns a copy of the Promotion with the engine's status fields set from a snapshot's status. */
export function withPromotionStatus<P extends RunnablePromotion>(promotion: P, status: PromotionRunStatus): P {
  return { ...promotion, status: { ...(promotion.status ?? {}), ...status } };
}

class PromotionRun {
  private readonly steps: readonly PromotionStep[];
  private readonly ledger: StepLedger;
  private readonly state: SharedState;
  // Append-only, entries frozen: a snapshot keeps the length and shares the entries.
  private readonly healthChecks: HealthCheckRequest[];
  private readonly base: PromotionContextInput;
  private readonly freight: readonly FreightReferenceLike[];
  private readonly env: StepEnvironment;

  constructor(
    private readonly promotion: RunnablePromotion,
    private readonly context: PromotionRunContext,
    private readonly options: RunPromotionOptions,
  ) {
    const status = promotion.status;
    this.steps = Array.isArray(promotion.spec?.steps) ? promotion.spec.steps.map((s: unknown) => (s !== null && typeof s === 'object' ? (s as PromotionStep) : {})) : [];
    this.ledger = new StepLedger(listOf<StepExecutionMetadata>(status?.stepExecutionMetadata).map(readStepRecord));
    const state = cloneJson(status?.state ?? {});
    // The outputs are frozen once and then shared by the env, step contexts and snapshots.
    this.state = new SharedState(state !== null && typeof state === 'object' && !Array.isArray(state) ? (freezeJson(state) as Record<string, unknown>) : {});
    this.healthChecks = listOf<{ readonly uses?: string | undefined; readonly config?: unknown }>(status?.healthChecks).map((h) => freezeJson({ uses: h.uses ?? '', ...(h.config === undefined ? {} : { config: cloneJson(h.config) }) }));
    // The model's types and the expression functions' read the same JSON; only optionality is spelled differently.
    this.freight = (context.freight as readonly FreightReferenceLike[] | undefined) ?? freightOf(status?.freightCollection);
    const annotations = promotion.metadata?.annotations ?? {};
    const actor = context.actor ?? annotations[CREATE_ACTOR_ANNOTATION];
    const targetFreight = context.targetFreight ?? targetFreightOf(promotion);
    this.base = {
      project: context.project ?? promotion.metadata?.namespace ?? '',
      promotion: promotion.metadata?.name ?? '',
      stage: promotion.spec?.stage ?? '',
      ...(context.uiBaseUrl === undefined ? {} : { uiBaseUrl: context.uiBaseUrl }),
      ...(actor === undefined ? {} : { actor }),
      ...(context.rollback === undefined ? {} : { rollback: context.rollback }),
      ...(context.target === undefined ? {} : { target: context.target }),
      ...(targetFreight === undefined ? {} : { targetFreight }),
    };
    const c = this.context;
    this.env = new StepEnvironment(
      this.base,
      toVariables(promotion.spec?.vars),
      {
        project: this.base.project,
        freight: this.freight,
        ...(c.freightRequests === undefined ? {} : { freightRequests: c.freightRequests as readonly FreightRequestLike[] }),
        ...(c.warehouses === undefined ? {} : { warehouses: c.warehouses as readonly WarehouseLike[] }),
        ...(c.lookups === undefined ? {} : { lookups: c.lookups }),
      },
      this.state,
      this.ledger,
    );
  }

  async *execute(): AsyncGenerator<PromotionSnapshot, PromotionRunStatus, undefined> {
    const persisted = this.promotion.status;
    if (persisted?.phase !== undefined && TERMINAL_PHASES.includes(persisted.phase)) {
      const status = this.snapshotStatus(persisted.phase as PromotionRunStatus['phase'], stepIndexOf(persisted.currentStep), typeof persisted.message === 'string' ? persisted.message : undefined);
      yield { status, done: true };
      return status;
    }
    if (this.steps.length === 0) {
      const status = this.snapshotStatus('Errored', 0, 'the Promotion has no steps');
      yield { status, done: true };
      return status;
    }
    const start = stepIndexOf(persisted?.currentStep);
    let report: StepReport | undefined;
    for (let i = start; i < this.steps.length; i++) {
      if (this.aborted()) return yield* this.abort(i, report);
      const outcome = await this.runStep(i);
      if (this.aborted()) return yield* this.abort(i, outcome.report);
      if (outcome.suspend) {
        const status = this.snapshotStatus('Running', i, undefined);
        const snapshot: PromotionSnapshot = { status, step: outcome.report, done: true, ...(outcome.retryAfter === undefined ? {} : { retryAfter: outcome.retryAfter }) };
        yield snapshot;
        return status;
      }
      report = outcome.report;
      if (i < this.steps.length - 1) yield { status: this.snapshotStatus('Running', i + 1, undefined), step: report, done: false };
    }
    const final = finalPromotionPhase(this.ledger.list());
    const status = this.snapshotStatus(final.phase, this.steps.length - 1, final.message);
    yield { status, ...(report === undefined ? {} : { step: report }), done: true };
    return status;
  }

  private async *abort(i: number, report: StepReport | undefined): AsyncGenerator<PromotionSnapshot, PromotionRunStatus, undefined> {
    const alias = stepAliasOf(this.steps[i] ?? {}, i);
    const meta = this.ledger.find(alias);
    if (meta !== undefined && meta.startedAt !== undefined && (meta.finishedAt === undefined || meta.status === 'Running')) {
      this.ledger.setStatus(meta, 'Aborted', meta.message);
      this.ledger.finish(meta, timeText(this.now()));
    }
    const reason: unknown = this.options.signal?.reason;
    const message = typeof reason === 'string' && reason !== '' ? reason : 'Promotion terminated per user request';
    const status = this.snapshotStatus('Aborted', i, message);
    const step = meta !== undefined && report !== undefined && report.alias === alias ? { ...report, status: 'Aborted' as const } : report;
    yield { status, ...(step === undefined ? {} : { step }), done: true };
    return status;
  }

  private aborted(): boolean {
    return this.options.signal?.aborted === true;
  }

  private now(): Date {
    return readNow(this.options.now);
  }

  private buildEnv(step: PromotionStep, alias: string, now: Date): { ok: true; env: Record<string, unknown>; vars: Record<string, unknown> } | { ok: false; message: string } {
    const prepared = this.env.prepare(alias, toVariables(step.vars), now);
    return prepared.ok ? { ok: true, ...prepared.value } : { ok: false, message: issuesText(prepared.issues) };
  }

  private async runStep(i: number): Promise<{ report: StepReport; suspend: boolean; retryAfter?: number }> {
    const step = this.steps[i] as PromotionStep;
    const alias = stepAliasOf(step, i);
    const ledger = this.ledger;
    const meta = ledger.recordFor(alias, step.continueOnError === true);
    const report = (): StepReport => ({ index: i, alias, status: meta.status ?? 'Errored', ...(meta.message === undefined ? {} : { message: meta.message }), metadataUpdates: [] });
    const now = this.now();
    const nowText = timeText(now);

    if (meta.startedAt === undefined) {
      let skip: boolean;
      if (step.if === undefined || step.if === '') {
        skip = ledger.hasFailures();
      } else {
        const built = this.buildEnv(step, alias, now);
        const condition = built.ok ? evaluateCondition(step.if, built.env, { functions: this.env.functionsFor(alias), now, path: ['spec', 'steps', i, 'if'] }) : undefined;
        if (!built.ok || condition === undefined || !condition.ok) {
          const why = !built.ok ? built.message : condition !== undefined && !condition.ok ? issuesText(condition.issues) : '';
          ledger.setStatus(meta, 'Errored', `error checking if step ${JSON.stringify(alias)} should be skipped: ${why}`);
          return { report: report(), suspend: false };
        }
        skip = !condition.value;
      }
      if (skip) {
        ledger.setStatus(meta, 'Skipped', undefined);
        return { report: report(), suspend: false };
      }
    }

    const uses = step.uses ?? '';
    const definition = this.options.steps.get(uses);
    if (definition === undefined) {
      ledger.setStatus(meta, 'Errored', `step kind ${JSON.stringify(uses)} is not registered; register it in the step registry passed to runPromotion`);
      ledger.finish(meta, nowText);
      return { report: report(), suspend: false };
    }
    ledger.start(meta, nowText);

    const built = this.buildEnv(step, alias, now);
    const config = built.ok ? evaluateConfig(step.config ?? {}, built.env, { functions: this.env.functionsFor(alias), now, path: ['spec', 'steps', i, 'config'] }) : undefined;
    if (!built.ok || config === undefined || !config.ok) {
      const why = !built.ok ? built.message : config !== undefined && !config.ok ? issuesText(config.issues) : '';
      ledger.setStatus(meta, 'Errored', `failed to build step context: ${why}`);
      ledger.finish(meta, nowText);
      return { report: report(), suspend: false };
    }

    const result = await this.invoke(definition, config.value, i, alias, built.vars, now);
    const metadataUpdates = result.metadataUpdates ?? [];
    const withUpdates = (): StepReport => ({ ...report(), metadataUpdates });

    // Outputs are kept whatever the outcome, so a retried step can see what it did before.
    const output = result.output === undefined || result.output === null ? null : freezeJson(cloneJson(result.output));
    this.state.set(alias, output);
    if (definition.propagatesTaskOutputs === true && alias.includes(STEP_ALIAS_SEPARATOR) && output !== null && typeof output === 'object') {
      const { namespace } = splitStepAlias(alias);
      const previous = this.state.get(namespace);
      const aggregate: Record<string, unknown> = previous !== null && typeof previous === 'object' && !Array.isArray(previous) ? { ...(previous as Record<string, unknown>) } : {};
      for (const [key, value] of Object.entries(output)) aggregate[key] = value;
      this.state.set(namespace, freezeJson(aggregate));
    }

    if (typeof result.status !== 'string' || !VALID_STATUSES.includes(result.status)) {
      ledger.setStatus(meta, 'Errored', `step ${JSON.stringify(alias)} returned an invalid status ${JSON.stringify(String(result.status))}`);
      ledger.finish(meta, nowText);
      return { report: withUpdates(), suspend: false };
    }
    let status = result.status as StepStatus;
    let message = result.message;
    let error = result.error;
    if (error !== undefined) {
      const text = status === 'Errored' ? `error running step ${JSON.stringify(alias)}: ${error.message}` : `step ${JSON.stringify(alias)}: ${error.message}`;
      error = { message: text, terminal: error.terminal === true };
      if (status !== 'Failed') status = 'Errored';
      message = text;
    } else if (status === 'Errored') {
      error = { message: `step ${JSON.stringify(alias)} errored: ${message !== undefined && message !== '' ? message : 'no details provided'}`, terminal: false };
    }

    let finished = false;
    if (status === 'Succeeded' || status === 'Skipped') {
      finished = true;
    } else if (status === 'Failed' && error?.terminal === true) {
      finished = true;
    } else if (error?.terminal === true) {
      status = 'Errored';
      message = `an unrecoverable error occurred: ${error.message}`;
      finished = true;
    } else if (error !== undefined) {
      const errorCount = ledger.countError(meta);
      const threshold = step.retry?.errorThreshold !== undefined && step.retry.errorThreshold > 0 ? step.retry.errorThreshold : (definition.errorThreshold ?? 1);
      if (errorCount >= threshold) {
        if (status !== 'Failed') status = 'Errored';
        message = `step ${JSON.stringify(alias)} met error threshold of ${threshold}: ${error.message}`;
        finished = true;
      }
    } else if (status === 'Failed' || status === 'Aborted') {
      // A runner that reports a final failure without an error means it: nothing to retry.
      finished = true;
    }

    if (!finished) {
      const timeout = timeoutOf(step, definition);
      const startedAt = Date.parse(meta.startedAt ?? nowText);
      if (timeout > 0 && now.getTime() - startedAt > timeout) {
        status = 'Errored';
        message = `step ${JSON.stringify(alias)} timed out after ${formatGoDuration(timeout)}`;
        finished = true;
      }
    }

    if (!finished) {
      if (error !== undefined) message = `${message ?? error.message}; step will be retried`;
      ledger.setStatus(meta, status, message);
      return { report: withUpdates(), suspend: true, ...(result.retryAfter === undefined ? {} : { retryAfter: result.retryAfter }) };
    }
    ledger.setStatus(meta, status, message);
    ledger.finish(meta, nowText);
    if (status === 'Succeeded' && result.healthCheck !== undefined) {
      this.healthChecks.push(freezeJson({ uses: result.healthCheck.uses, ...(result.healthCheck.config === undefined ? {} : { config: cloneJson(result.healthCheck.config) }) }));
    }
    return { report: withUpdates(), suspend: false };
  }

  private async invoke(definition: AnyStepDefinition, config: unknown, index: number, alias: string, vars: Record<string, unknown>, now: Date): Promise<StepResult> {
    const parsed = definition.configSchema.safeParse(config);
    if (!parsed.success) {
      const detail = parsed.error.issues.map((i) => (i.path.length > 0 ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
      return { status: 'Failed', error: { message: `invalid ${definition.uses} config: ${detail}`, terminal: true } };
    }
    const c = this.context;
    const context: StepRunContext = {
      alias,
      index,
      project: this.base.project,
      stage: this.base.stage,
      promotion: this.base.promotion,
      state: {},
      vars,
      freight: this.freight,
      now,
      ports: this.options.ports ?? {},
      ...(this.options.signal === undefined ? {} : { signal: this.options.signal }),
      ...(c.freightRequests === undefined ? {} : { freightRequests: c.freightRequests }),
      ...(this.base.actor === undefined ? {} : { actor: this.base.actor }),
    };
    // The runner gets its own copy of the state as it is now, built only if the runner reads it.
    const state = this.state;
    const version = state.version();
    defineLazyField(context, 'state', () => state.materialize(version));
    try {
      const run = definition.run as (config: unknown, context: StepRunContext) => StepResult | Promise<StepResult>;
      const result = await run(parsed.data, context);
      if (result === null || typeof result !== 'object') return { status: String(result) };
      return result;
    } catch (e) {
      return { status: 'Errored', error: { message: `step panicked: ${e instanceof Error ? e.message : String(e)}`, terminal: true } };
    }
  }

  /**
   * The status to persist. Its scalar fields are set now; `stepExecutionMetadata`, `state` and
   * `healthChecks` record how long the run's logs are and build their arrays and maps when first
   * read, so that a snapshot costs the same whatever the length of the promotion, yet reads as a
   * plain, independent status that never changes once yielded.
   */
  private snapshotStatus(phase: PromotionRunStatus['phase'], currentStep: number, message: string | undefined): PromotionRunStatus {
    const status: Record<string, unknown> = { phase, ...(message === undefined || message === '' ? {} : { message }), currentStep };
    const ledger = this.ledger;
    const metas = ledger.version();
    defineLazyField(status, 'stepExecutionMetadata', () => ledger.materialize(metas));
    const state = this.state;
    const outputs = state.version();
    defineLazyField(status, 'state', () => state.materialize(outputs));
    const checks = this.healthChecks;
    const count = checks.length;
    if (count > 0) defineLazyField(status, 'healthChecks', () => checks.slice(0, count));
    return status as unknown as PromotionRunStatus;
  }
}

function stepIndexOf(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
}

// Persisted data may have been edited by hand: keep only the entries that are objects.
function listOf<T>(value: unknown): T[] {
  return Array.isArray(value) ? (value.filter((item) => item !== null && typeof item === 'object' && !Array.isArray(item)) as T[]) : [];
}

function toVariables(list: readonly { readonly name: string; readonly value?: string | undefined }[] | undefined): VariableDefinition[] {
  return listOf<{ readonly name: string; readonly value?: string | undefined }>(list).filter((v) => typeof v.name === 'string').map((v) => (typeof v.value === 'string' ? { name: v.name, value: v.value } : { name: v.name }));
}

function timeoutOf(step: PromotionStep, definition: AnyStepDefinition): number {
  const text = step.retry?.timeout;
  if (text !== undefined && text !== '') {
    const parsed = parseGoDuration(text);
    if (parsed.ok && parsed.value > 0) return parsed.value;
  }
  return definition.timeout ?? 0;
}

function freightOf(collection: unknown): FreightReferenceLike[] {
  if (collection === null || typeof collection !== 'object') return [];
  const items = (collection as { items?: unknown }).items;
  if (items === null || typeof items !== 'object') return [];
  return Object.values(items as Record<string, unknown>).filter((f): f is FreightReferenceLike => f !== null && typeof f === 'object');
}

function targetFreightOf(promotion: RunnablePromotion): PromotionContextInput['targetFreight'] {
  const name = promotion.spec?.freight;
  if (name === undefined || name === '') return undefined;
  const ref = promotion.status?.freight;
  const origin = ref !== null && typeof ref === 'object' ? (ref as { origin?: { name?: unknown } }).origin : undefined;
  return typeof origin?.name === 'string' ? { name, origin: { name: origin.name } } : { name };
}
