import type { Clock, IdSource, PortResult } from '../../ports/index.js';
import type { StartVerificationRequest, VerificationPhase, VerificationPort, VerificationRef, VerificationRun } from '../../ports/verification.js';

/** How a started verification turns out: its final phase, after how long, and why. */
export interface MemoryVerificationOutcome {
  /**
   * The phase the run ends in. A phase that is not final (`Pending`, `Running`) keeps the run going
   * until {@link MemoryVerification.complete} or `abort` ends it.
   */
  readonly phase: VerificationPhase;
  /** How long after its start the run becomes final, by the clock (default 0: at once). */
  readonly afterMs?: number | undefined;
  readonly message?: string | undefined;
}

/** A started run, as {@link MemoryVerification.runs} reports it. */
export interface MemoryVerificationRecord extends VerificationRun {
  readonly request: Omit<StartVerificationRequest, 'signal'>;
}

/** A {@link VerificationPort} in memory, with controls for tests and simulations. */
export interface MemoryVerification extends VerificationPort {
  /** Makes a run final now with `phase` (a run that is already final is left as it is); false for an unknown id. */
  complete(id: string, phase: VerificationPhase, message?: string): boolean;
  /** Every run started, oldest first, with its phase as of the clock's current time. */
  runs(): MemoryVerificationRecord[];
}

/** Options of {@link createMemoryVerification}. */
export interface MemoryVerificationOptions {
  readonly clock: Clock;
  /** Names the runs. */
  readonly ids: IdSource;
  /** Decides how each run turns out; default: `Successful` at once. */
  readonly decide?: ((request: StartVerificationRequest) => MemoryVerificationOutcome) | undefined;
}

const FINAL: ReadonlySet<string> = new Set(['Successful', 'Failed', 'Error', 'Aborted', 'Inconclusive']);

interface Run {
  readonly id: string;
  readonly request: Omit<StartVerificationRequest, 'signal'>;
  readonly startedMs: number;
  readonly outcome: MemoryVerificationOutcome;
  phase: VerificationPhase;
  message?: string | undefined;
  finishedMs?: number | undefined;
}

function timeText(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/**
 * Creates an in-memory verification port. Each run is decided when it starts (`decide`, default
 * `Successful` at once) and becomes final at `startedAt + afterMs` by the clock: until then it is
 * `Running` and reports `expectedFinishAt`. Runs are kept per Project; `get` or `abort` of a run
 * of another Project is `not-found`.
 */
export function createMemoryVerification(options: MemoryVerificationOptions): MemoryVerification {
  const runs: Run[] = [];
  const nowMs = (): number => options.clock.now().getTime();

  const settle = (run: Run): void => {
    if (FINAL.has(run.phase)) return;
    const after = run.outcome.afterMs ?? 0;
    if (FINAL.has(run.outcome.phase) && nowMs() >= run.startedMs + after) {
      run.phase = run.outcome.phase;
      run.message = run.outcome.message;
      run.finishedMs = run.startedMs + Math.max(0, after);
    }
  };
  const view = (run: Run): VerificationRun => {
    settle(run);
    const final = FINAL.has(run.phase);
    const after = run.outcome.afterMs ?? 0;
    return {
      id: run.id,
      phase: run.phase,
      ...(run.message === undefined || run.message === '' ? {} : { message: run.message }),
      startedAt: timeText(run.startedMs),
      ...(final && run.finishedMs !== undefined ? { finishedAt: timeText(run.finishedMs) } : {}),
      ...(!final && FINAL.has(run.outcome.phase) ? { expectedFinishAt: timeText(run.startedMs + Math.max(0, after)) } : {}),
    };
  };
  const find = (ref: VerificationRef): Run | undefined => runs.find((r) => r.id === ref.id && r.request.project === ref.project);
  const cancelled = <T>(signal: AbortSignal | undefined, what: string): PortResult<T> | undefined =>
    signal?.aborted === true ? { ok: false, failure: { kind: 'cancelled', message: `${what}: cancelled`, retryable: false } } : undefined;
  const missing = <T>(ref: VerificationRef): PortResult<T> => ({
    ok: false,
    failure: { kind: 'not-found', message: `verification "${ref.id}" not found in project "${ref.project}"`, retryable: false },
  });

  return {
    async start(request: StartVerificationRequest): Promise<PortResult<VerificationRun>> {
      const stop = cancelled<VerificationRun>(request.signal, 'start verification');
      if (stop) return stop;
      const { signal: _signal, ...rest } = request;
      const outcome = options.decide?.(request) ?? { phase: 'Successful' };
      const run: Run = { id: options.ids.next(), request: structuredClone(rest), startedMs: nowMs(), outcome, phase: 'Running' };
      runs.push(run);
      return { ok: true, value: view(run) };
    },
    async get(ref: VerificationRef): Promise<PortResult<VerificationRun>> {
      const stop = cancelled<VerificationRun>(ref.signal, 'get verification');
      if (stop) return stop;
      const run = find(ref);
      return run === undefined ? missing(ref) : { ok: true, value: view(run) };
    },
    async abort(ref: VerificationRef): Promise<PortResult<VerificationRun>> {
      const stop = cancelled<VerificationRun>(ref.signal, 'abort verification');
      if (stop) return stop;
      const run = find(ref);
      if (run === undefined) return missing(ref);
      settle(run);
      if (!FINAL.has(run.phase)) {
        run.phase = 'Aborted';
        run.message = 'aborted';
        run.finishedMs = nowMs();
      }
      return { ok: true, value: view(run) };
    },
    complete(id: string, phase: VerificationPhase, message?: string): boolean {
      const run = runs.find((r) => r.id === id);
      if (run === undefined) return false;
      settle(run);
      if (!FINAL.has(run.phase)) {
        run.phase = phase;
        run.message = message;
        if (FINAL.has(phase)) run.finishedMs = nowMs();
      }
      return true;
    },
    runs(): MemoryVerificationRecord[] {
      return runs.map((r) => ({ ...view(r), request: structuredClone(r.request) }));
    },
  };
}
