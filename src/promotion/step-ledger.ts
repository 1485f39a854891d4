import type { StepExecutionMetadata } from '../model/index.js';
import { buildPromotionEnv, splitStepAlias } from '../expressions/index.js';
import { setEntry } from './shared-state.js';
import type { StepStatus } from './types.js';

/** The engine's working record of one step's execution (its `stepExecutionMetadata` entry). */
export interface StepRecord {
  readonly alias: string;
  readonly startedAt?: string;
  readonly finishedAt?: string;
  readonly errorCount: number;
  readonly status?: StepStatus;
  readonly message?: string;
  readonly continueOnError?: boolean;
}

interface MutableRecord {
  alias: string;
  startedAt?: string;
  finishedAt?: string;
  errorCount: number;
  status?: StepStatus;
  message?: string;
  continueOnError?: boolean;
}

const VALID_STATUSES: readonly string[] = ['Succeeded', 'Skipped', 'Aborted', 'Failed', 'Errored', 'Running'];

function countsAsFailure(record: StepRecord): boolean {
  return record.continueOnError !== true && (record.status === 'Errored' || record.status === 'Failed');
}

/**
 * The step execution records of one run, kept so that each step costs the same however many
 * steps came before it. Records are appended in execution order and found by alias through an
 * index; the number of failures that count (`failure()`, skipping) is kept as records change;
 * the `stepMetas` map of the expression env is updated for the records that changed only; and a
 * snapshot records the length of a log of frozen entries, building its own array when read.
 *
 * Every change goes through a method here: that is what keeps the indexes and the log right.
 */
export class StepLedger {
  private readonly records: MutableRecord[] = [];
  private readonly byAlias = new Map<string, MutableRecord>();
  // The last record of an alias is the one the env shows (as a map built in order would).
  private readonly lastByAlias = new Map<string, MutableRecord>();
  private readonly positions = new Map<MutableRecord, number>();
  // status(alias) answers with the first record of that short alias in the caller's scope.
  private readonly byScope = new Map<string, Map<string, MutableRecord>>();
  private failures = 0;
  /** The `stepMetas` map of the expression env: alias to a StepExecutionMetadata struct. */
  readonly env: Record<string, unknown> = {};
  private readonly envStale = new Set<MutableRecord>();
  private readonly unlogged = new Set<MutableRecord>();
  private readonly log: (readonly [number, StepExecutionMetadata])[] = [];

  /** Starts from persisted records, kept as they are read (see {@link readStepRecord}). */
  constructor(initial: readonly StepRecord[] = []) {
    for (const record of initial) this.add({ ...record });
    this.flushLog();
  }

  /** The records in execution order (read-only views of the working records). */
  list(): readonly StepRecord[] {
    return this.records;
  }

  /** The first record with this alias. */
  find(alias: string): StepRecord | undefined {
    return this.byAlias.get(alias);
  }

  /** The record of a step, appended when the step has none yet. */
  recordFor(alias: string, continueOnError: boolean): StepRecord {
    return this.byAlias.get(alias) ?? this.add({ alias, errorCount: 0, ...(continueOnError ? { continueOnError: true } : {}) });
  }

  /** Whether a step that counts has Failed or Errored (Aborted does not count). */
  hasFailures(): boolean {
    return this.failures > 0;
  }

  /** The status of the first step with this short alias in a scope (a task's alias, or `""` for the top level). */
  statusIn(scope: string, short: string): string | undefined {
    const record = this.byScope.get(scope)?.get(short);
    return record === undefined ? undefined : (record.status ?? '');
  }

  /** Sets a record's status and message (an empty message removes it). */
  setStatus(record: StepRecord, status: StepStatus, message: string | undefined): void {
    const r = this.own(record);
    const before = countsAsFailure(r);
    r.status = status;
    if (message === undefined || message === '') delete r.message;
    else r.message = message;
    this.failures += (countsAsFailure(r) ? 1 : 0) - (before ? 1 : 0);
    this.touch(r);
  }

  /** Marks a step started (and resets its error count) unless it already was. */
  start(record: StepRecord, at: string): void {
    const r = this.own(record);
    if (r.startedAt !== undefined) return;
    r.startedAt = at;
    r.errorCount = 0;
    this.touch(r);
  }

  /** Marks a step finished. */
  finish(record: StepRecord, at: string): void {
    const r = this.own(record);
    r.finishedAt = at;
    this.touch(r);
  }

  /** Counts one more error of a step and returns the new count. */
  countError(record: StepRecord): number {
    const r = this.own(record);
    r.errorCount += 1;
    this.touch(r);
    return r.errorCount;
  }

  /** Brings the env's `stepMetas` map up to date with the records that changed. */
  refreshEnv(): Record<string, unknown> {
    for (const r of this.envStale) {
      if (this.lastByAlias.get(r.alias) === r) setEntry(this.env, r.alias, stepMetaValue(r));
    }
    this.envStale.clear();
    return this.env;
  }

  /** A mark of the records as they are now, for {@link StepLedger.materialize}. */
  version(): number {
    this.flushLog();
    return this.log.length;
  }

  /** A new array of the records as they were at `version`; its entries are frozen and shared. */
  materialize(version: number): StepExecutionMetadata[] {
    const out: StepExecutionMetadata[] = [];
    const end = Math.min(version, this.log.length);
    for (let i = 0; i < end; i++) {
      const [position, entry] = this.log[i] as readonly [number, StepExecutionMetadata];
      out[position] = entry;
    }
    return out;
  }

  private add(record: MutableRecord): MutableRecord {
    this.positions.set(record, this.records.length);
    this.records.push(record);
    if (!this.byAlias.has(record.alias)) this.byAlias.set(record.alias, record);
    this.lastByAlias.set(record.alias, record);
    const { namespace, short } = splitStepAlias(record.alias);
    let scope = this.byScope.get(namespace);
    if (scope === undefined) {
      scope = new Map();
      this.byScope.set(namespace, scope);
    }
    if (!scope.has(short)) scope.set(short, record);
    if (countsAsFailure(record)) this.failures += 1;
    this.touch(record);
    return record;
  }

  private own(record: StepRecord): MutableRecord {
    // Records handed out are this ledger's own; the cast only drops the read-only view.
    return record as MutableRecord;
  }

  private touch(record: MutableRecord): void {
    this.envStale.add(record);
    this.unlogged.add(record);
  }

  private flushLog(): void {
    if (this.unlogged.size === 0) return;
    // In position order, so that replaying the log builds the array front to back.
    const batch = [...this.unlogged].map((r) => [this.positions.get(r) ?? 0, r] as const).sort((a, b) => a[0] - b[0]);
    for (const [position, r] of batch) this.log.push([position, Object.freeze(writeStepRecord(r))]);
    this.unlogged.clear();
  }
}

// The expression area builds the StepExecutionMetadata struct only as part of an env; an env over
// one record and no outputs is small, so asking for one costs the same however long the promotion is.
function stepMetaValue(record: StepRecord): unknown {
  const env = buildPromotionEnv({ project: '', promotion: '', stage: '', outputs: {}, stepMetas: [record] });
  return (env['stepMetas'] as Record<string, unknown>)[record.alias];
}

/** Reads a persisted `stepExecutionMetadata` entry, keeping only fields of the right type. */
export function readStepRecord(meta: StepExecutionMetadata): StepRecord {
  const out: MutableRecord = { alias: typeof meta.alias === 'string' ? meta.alias : '', errorCount: typeof meta.errorCount === 'number' && Number.isFinite(meta.errorCount) ? meta.errorCount : 0 };
  if (typeof meta.startedAt === 'string') out.startedAt = meta.startedAt;
  if (typeof meta.finishedAt === 'string') out.finishedAt = meta.finishedAt;
  if (typeof meta.status === 'string' && VALID_STATUSES.includes(meta.status)) out.status = meta.status;
  if (typeof meta.message === 'string' && meta.message !== '') out.message = meta.message;
  if (meta.continueOnError === true) out.continueOnError = true;
  return out;
}

/** The persisted form of a record: a new object with the fields that are set. */
export function writeStepRecord(record: StepRecord): StepExecutionMetadata {
  return {
    alias: record.alias,
    ...(record.startedAt === undefined ? {} : { startedAt: record.startedAt }),
    ...(record.finishedAt === undefined ? {} : { finishedAt: record.finishedAt }),
    errorCount: record.errorCount,
    ...(record.status === undefined ? {} : { status: record.status }),
    ...(record.message === undefined ? {} : { message: record.message }),
    ...(record.continueOnError === true ? { continueOnError: true } : {}),
  };
}
