import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatGoDurationNanos, parseGoDurationText } from '../../../src/durations/index.js';

const nanos = (text: string): bigint | string => {
  const r = parseGoDurationText(text);
  return r.ok ? r.nanoseconds : r.reason;
};

describe('parseGoDurationText', () => {
  it.each([
    ['0', 0n],
    ['-0', 0n],
    ['300ms', 300_000_000n],
    ['1.5h', 5_400_000_000_000n],
    ['2h45m', 9_900_000_000_000n],
    ['-1.5h', -5_400_000_000_000n],
    ['1h0m0s', 3_600_000_000_000n],
    ['.5s', 500_000_000n],
    ['1.s', 1_000_000_000n],
    ['1µs', 1_000n],
    ['1μs', 1_000n],
    ['1us', 1_000n],
    ['9223372036854775807ns', 9_223_372_036_854_775_807n],
    ['-9223372036854775808ns', -9_223_372_036_854_775_808n],
  ])('%s is %s ns, as in Go', (text, want) => {
    expect(nanos(text)).toBe(want);
  });

  it.each([
    ['', 'invalid'],
    ['1', 'missing-unit'],
    ['1d', 'unknown-unit'],
    ['1hx', 'unknown-unit'],
    ['.s', 'invalid'],
    ['-', 'invalid'],
    ['9223372036854775808ns', 'invalid'],
  ])('%s is rejected (%s)', (text, reason) => {
    expect(nanos(text)).toBe(reason);
  });

  it("uses Go's messages", () => {
    expect(parseGoDurationText('1d')).toMatchObject({ ok: false, message: 'time: unknown unit "d" in duration "1d"' });
    expect(parseGoDurationText('5')).toMatchObject({ ok: false, message: 'time: missing unit in duration "5"' });
  });
});

describe('formatGoDurationNanos', () => {
  it.each([
    [0n, '0s'],
    [1n, '1ns'],
    [1_500n, '1.5µs'],
    [250_000_000n, '250ms'],
    [1_500_000_000n, '1.5s'],
    [5_400_000_000_000n, '1h30m0s'],
    [-61_000_000_000n, '-1m1s'],
  ])('%s ns prints as %s', (value, want) => {
    expect(formatGoDurationNanos(value)).toBe(want);
  });

  it('reads back what it prints, for every int64 duration', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), (value) => {
        expect(nanos(formatGoDurationNanos(value))).toBe(value);
      }),
    );
  });
});
