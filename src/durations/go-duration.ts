// Go's time.ParseDuration and Duration.String have no JavaScript library with the same grammar
// (fractions on every unit, "µs", a bare "0", int64 nanoseconds, "1h0m0s" output). Kargo writes
// soak times, timeouts and expression durations in that grammar, so it is implemented here once
// and shared by the expression language and the pipeline.

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

const INT64_MIN_MAGNITUDE = 2n ** 63n;

/** Why a text is not a Go duration, with the message Go's `time.ParseDuration` gives. */
export interface GoDurationError {
  readonly reason: 'invalid' | 'missing-unit' | 'unknown-unit';
  readonly message: string;
}

/** The outcome of {@link parseGoDurationText}: exact nanoseconds, or why the text is not a duration. */
export type GoDurationParse = { readonly ok: true; readonly nanoseconds: bigint } | ({ readonly ok: false } & GoDurationError);

/**
 * Parses a Go duration (`"300ms"`, `"-1.5h"`, `"2h45m"`, `"0"`) into exact int64 nanoseconds, with
 * Go's grammar: an optional sign, then one or more decimal numbers, each with an optional fraction
 * and a unit (`ns`, `us`/`µs`, `ms`, `s`, `m`, `h`; no days). Out-of-range values are invalid.
 */
export function parseGoDurationText(text: string): GoDurationParse {
  const quoted = JSON.stringify(text);
  const invalid = (): GoDurationParse => ({ ok: false, reason: 'invalid', message: `time: invalid duration ${quoted}` });
  let s = text;
  let negative = false;
  if (s.startsWith('-') || s.startsWith('+')) {
    negative = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return { ok: true, nanoseconds: 0n };
  if (s === '') return invalid();
  let total = 0n;
  while (s !== '') {
    const number = /^(\d*)(?:\.(\d*))?/.exec(s);
    const whole = number?.[1] ?? '';
    const frac = number?.[2];
    if (whole === '' && (frac === undefined || frac === '')) return invalid();
    s = s.slice((number?.[0] ?? '').length);
    // Go takes the whole non-digit run as the unit, so "1hx" names the unknown unit "hx".
    const unitText = /^[^\d.]+/.exec(s)?.[0];
    if (unitText === undefined) return { ok: false, reason: 'missing-unit', message: `time: missing unit in duration ${quoted}` };
    const unit = Object.hasOwn(NANOS_PER_UNIT, unitText) ? NANOS_PER_UNIT[unitText] : undefined;
    if (unit === undefined) {
      return { ok: false, reason: 'unknown-unit', message: `time: unknown unit ${JSON.stringify(unitText)} in duration ${quoted}` };
    }
    s = s.slice(unitText.length);
    let value = BigInt(whole === '' ? '0' : whole) * unit;
    if (frac !== undefined && frac !== '') value += (BigInt(frac) * unit) / 10n ** BigInt(frac.length);
    total += value;
    if (total > INT64_MIN_MAGNITUDE) return invalid();
  }
  // -2^63 is a valid duration, +2^63 is not.
  if (!negative && total === INT64_MIN_MAGNITUDE) return invalid();
  return { ok: true, nanoseconds: negative ? -total : total };
}

/** Formats nanoseconds the way Go's `time.Duration.String()` does (`1h30m0s`, `1.5s`, `250ms`, `0s`). */
export function formatGoDurationNanos(nanoseconds: bigint): string {
  if (nanoseconds === 0n) return '0s';
  const sign = nanoseconds < 0n ? '-' : '';
  const n = nanoseconds < 0n ? -nanoseconds : nanoseconds;
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

function formatFraction(value: bigint, scale: bigint): string {
  const whole = value / scale;
  const frac = value % scale;
  if (frac === 0n) return whole.toString();
  const digits = scale.toString().length - 1;
  return `${whole}.${frac.toString().padStart(digits, '0').replace(/0+$/, '')}`;
}
