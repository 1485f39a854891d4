import type { Clock } from '../../ports/index.js';
import { WaybillError } from '../../errors/index.js';

/** A {@link Clock} whose time only moves when told to: for tests, examples and simulations. */
export interface ManualClock extends Clock {
  /** Moves the clock forward by `ms` milliseconds (0 or more) and returns the new time. */
  advance(ms: number): Date;
  /** Moves the clock to `time`, which must not be earlier than the current time; returns it. */
  set(time: Date | string | number): Date;
}

/**
 * Creates a clock that starts at `start` (a `Date`, an RFC 3339 string or epoch milliseconds) and
 * stands still until `advance` or `set` is called. It never goes backwards, so it keeps the
 * `Clock` contract; asking it to throws a `WaybillError`, since that is a mistake in the calling
 * test rather than bad user input.
 */
export function createManualClock(start: Date | string | number): ManualClock {
  let current = toMillis(start, 'start');
  return {
    now: () => new Date(current),
    advance(ms: number): Date {
      if (!Number.isFinite(ms) || ms < 0) {
        throw new WaybillError('INTERNAL', `advance() needs a finite number of milliseconds, 0 or more; got ${String(ms)}`);
      }
      current += ms;
      return new Date(current);
    },
    set(time: Date | string | number): Date {
      const next = toMillis(time, 'time');
      if (next < current) {
        throw new WaybillError('INTERNAL', `set() cannot move the clock backwards (from ${new Date(current).toISOString()} to ${new Date(next).toISOString()})`);
      }
      current = next;
      return new Date(current);
    },
  };
}

function toMillis(value: Date | string | number, what: string): number {
  const ms = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value);
  if (!Number.isFinite(ms)) throw new WaybillError('INTERNAL', `${what} is not a valid time: ${String(value)}`);
  return ms;
}
