import { splitStepAlias, STEP_ALIAS_SEPARATOR } from '../expressions/index.js';

/**
 * Sets a key on a plain object as data, so that a key such as `__proto__` is stored as an entry
 * instead of replacing the object's prototype.
 */
export function setEntry(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/**
 * A Promotion's shared state (step alias to output) kept so that each step costs the same however
 * long the promotion is. The engine writes outputs in place into one live map, which the
 * expression env reads as `outputs`; each write is also appended to a log, so a snapshot only
 * records the log's length and builds its own copy of the map when someone reads it. Task
 * outputs (`task.outputs` of a step inside a task) are kept per task as they are written, instead
 * of being filtered out of the whole state for every step.
 *
 * Values must be frozen before they are written: snapshots and step contexts share them.
 */
export class SharedState {
  /** The state as it is now: the `outputs` of the expression env. */
  readonly live: Record<string, unknown> = {};
  private readonly log: (readonly [string, unknown])[] = [];
  private readonly tasks = new Map<string, Record<string, unknown>>();

  /** Starts from a persisted state (its values already frozen). */
  constructor(initial: Readonly<Record<string, unknown>> = {}) {
    for (const [key, value] of Object.entries(initial)) this.set(key, value);
  }

  /** Records one output (or a task's aggregate) under a key. */
  set(key: string, value: unknown): void {
    setEntry(this.live, key, value);
    this.log.push([key, value]);
    // Only `task::step` (exactly one separator) belongs to a task, as `task.outputs` reads it.
    if (key.includes(STEP_ALIAS_SEPARATOR)) {
      const { namespace, short } = splitStepAlias(key);
      if (namespace !== '') {
        let outputs = this.tasks.get(namespace);
        if (outputs === undefined) {
          outputs = {};
          this.tasks.set(namespace, outputs);
        }
        setEntry(outputs, short, value);
      }
    }
  }

  /** The current value under a key (own entries only). */
  get(key: string): unknown {
    return Object.hasOwn(this.live, key) ? this.live[key] : undefined;
  }

  /**
   * The outputs of the steps of the task a step belongs to, keyed by their short alias, or
   * `undefined` for a step outside any task. The map is live: read it before the next write.
   */
  taskOutputs(stepAlias: string): Record<string, unknown> | undefined {
    if (!stepAlias.includes(STEP_ALIAS_SEPARATOR)) return undefined;
    const { namespace } = splitStepAlias(stepAlias);
    if (namespace === '') return undefined;
    return this.tasks.get(namespace) ?? {};
  }

  /** A mark of the state as it is now, for {@link SharedState.materialize}. */
  version(): number {
    return this.log.length;
  }

  /** A new plain object holding the state as it was at `version`. */
  materialize(version: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const end = Math.min(version, this.log.length);
    for (let i = 0; i < end; i++) {
      const [key, value] = this.log[i] as readonly [string, unknown];
      setEntry(out, key, value);
    }
    return out;
  }
}
