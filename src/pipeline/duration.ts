import { formatGoDurationNanos, parseGoDurationText } from '../durations/index.js';
import { createIssue } from '../errors/index.js';
import { err, ok, type Result } from '../result.js';
import { showValue } from './show.js';
import type { DurationInput } from './types.js';

function invalid<T>(text: string, why: string): Result<T> {
  return err(createIssue('PIPELINE_INVALID_DURATION', `invalid duration ${JSON.stringify(text)}: ${why}`));
}

/**
 * Parses a Go duration string (`"1h30m"`, `"30m"`, `"1.5h"`, `"500ms"`, `"0"`) into milliseconds,
 * with Go's grammar: an optional sign, then one or more decimal numbers each followed by a unit
 * (`ns`, `us`/`µs`, `ms`, `s`, `m`, `h`). Days are not a unit. Sub-millisecond parts give a
 * fractional result.
 */
export function parseGoDuration(text: string): Result<number> {
  const nanos = parseGoDurationNanos(text);
  if (!nanos.ok) return nanos;
  // Whole milliseconds and the rest apart, so whole-millisecond values come out exact.
  return ok(Number(nanos.value / 1_000_000n) + Number(nanos.value % 1_000_000n) / 1e6);
}

/** Parses a Go duration string into exact nanoseconds (see {@link parseGoDuration}). */
export function parseGoDurationNanos(text: string): Result<bigint> {
  if (typeof text !== 'string') return err(createIssue('PIPELINE_INVALID_DURATION', `invalid duration ${showValue(text)}: not a string`));
  const parsed = parseGoDurationText(text);
  return parsed.ok ? ok(parsed.nanoseconds) : err(createIssue('PIPELINE_INVALID_DURATION', parsed.message));
}

/**
 * Turns a duration given as a Go string or as milliseconds into milliseconds. A number is taken
 * as milliseconds as it is (it must be finite).
 */
export function durationToMillis(value: DurationInput): Result<number> {
  if (typeof value === 'number') {
    return Number.isFinite(value) ? ok(value) : invalid(String(value), 'not a finite number of milliseconds');
  }
  if (typeof value !== 'string') {
    return err(createIssue('PIPELINE_INVALID_DURATION', `invalid duration ${showValue(value)}: not a string or a number of milliseconds`));
  }
  return parseGoDuration(value);
}

/**
 * Formats milliseconds the way Go's `Duration.String` does: `"1h30m0s"`, `"2m5.5s"`, `"500ms"`,
 * `"0s"`. Fractions of a nanosecond are rounded to the nearest nanosecond.
 */
export function formatGoDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '0s';
  // Whole milliseconds and the fraction apart: ms * 1e6 would lose precision past 2^53 ns.
  const whole = Math.trunc(ms);
  return formatGoDurationNanos(BigInt(whole) * 1_000_000n + BigInt(Math.round((ms - whole) * 1e6)));
}

export { formatGoDurationNanos };
