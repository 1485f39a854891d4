import { createIssue } from '../errors/index.js';
import { err, ok, type Result } from '../result.js';
import { showValue } from './show.js';
import type { DurationInput } from './types.js';

// Go's time.ParseDuration and Duration.String have no JavaScript library with the same grammar
// (fractions on every unit, "µs", "0" alone, "1h0m0s" output), so both are written here.

const NANOS_PER_UNIT: Readonly<Record<string, bigint>> = {
  ns: 1n,
  us: 1_000n,
  'µs': 1_000n, // U+00B5 micro sign
  'μs': 1_000n, // U+03BC Greek small letter mu
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};

/** Go's largest duration, in nanoseconds (about 292 years). */
const MAX_NANOS = 9_223_372_036_854_775_807n;

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
  let rest = text;
  let negative = false;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    negative = rest[0] === '-';
    rest = rest.slice(1);
  }
  if (rest === '0') return ok(0n);
  if (rest === '') return invalid(text, 'empty');
  let total = 0n;
  while (rest !== '') {
    const m = /^([0-9]*)(?:\.([0-9]*))?([^0-9.]+)/.exec(rest);
    if (!m || ((m[1] ?? '') === '' && (m[2] ?? '') === '')) return invalid(text, 'expected a number');
    const whole = m[1] ?? '';
    const frac = m[2] ?? '';
    const unitText = m[3] ?? '';
    // Go takes the whole non-digit run as the unit, so "1hx" is the unknown unit "hx".
    if (!Object.hasOwn(NANOS_PER_UNIT, unitText)) {
      return invalid(text, `unknown unit ${JSON.stringify(unitText)}`);
    }
    const unit = NANOS_PER_UNIT[unitText]!;
    let value = BigInt(whole === '' ? '0' : whole) * unit;
    if (frac !== '') {
      const scale = 10n ** BigInt(frac.length);
      value += (BigInt(frac) * unit) / scale;
    }
    total += value;
    if (total > MAX_NANOS) return invalid(text, 'out of range');
    rest = rest.slice(m[0].length);
  }
  return ok(negative ? -total : total);
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

function formatFraction(value: bigint, scale: bigint): string {
  const whole = value / scale;
  const frac = value % scale;
  if (frac === 0n) return whole.toString();
  const digits = scale.toString().length - 1;
  return `${whole}.${frac.toString().padStart(digits, '0').replace(/0+$/, '')}`;
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

/** Formats exact nanoseconds the way Go's `Duration.String` does. */
export function formatGoDurationNanos(nanos: bigint): string {
  if (nanos === 0n) return '0s';
  const sign = nanos < 0n ? '-' : '';
  const n = nanos < 0n ? -nanos : nanos;
  if (n < 1_000n) return `${sign}${n}ns`;
  if (n < 1_000_000n) return `${sign}${formatFraction(n, 1_000n)}µs`;
  if (n < 1_000_000_000n) return `${sign}${formatFraction(n, 1_000_000n)}ms`;
  const hours = n / NANOS_PER_UNIT.h!;
  const minutes = (n % NANOS_PER_UNIT.h!) / NANOS_PER_UNIT.m!;
  const seconds = formatFraction(n % NANOS_PER_UNIT.m!, NANOS_PER_UNIT.s!);
  if (hours > 0n) return `${sign}${hours}h${minutes}m${seconds}s`;
  if (minutes > 0n) return `${sign}${minutes}m${seconds}s`;
  return `${sign}${seconds}s`;
}
