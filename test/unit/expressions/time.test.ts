import { describe, expect, it } from 'vitest';
import { compileExpression, ExprDuration, ExprTime, formatGoDuration, parseGoDuration, runExpression } from '../../../src/expressions/index.js';
import { evalErr, evalOk } from './helpers.js';

describe('durations', () => {
  it.each([
    ['1h30m', 5_400_000_000_000n],
    ['-1.5h', -5_400_000_000_000n],
    ['300ms', 300_000_000n],
    ['1us', 1_000n],
    ['1µs', 1_000n],
    ['2h45m30.5s', 9_930_500_000_000n],
    ['0', 0n],
  ])('parses %s', (text, ns) => {
    expect(parseGoDuration(text).nanoseconds).toBe(ns);
  });

  it.each(['', 'abc', '1', '1x', '.s', '--1s'])('rejects %j', (text) => {
    expect(() => parseGoDuration(text)).toThrow(/time: /);
  });

  it.each([
    [0n, '0s'],
    [1n, '1ns'],
    [1_500n, '1.5µs'],
    [2_000_000n, '2ms'],
    [1_500_000_000n, '1.5s'],
    [90_000_000_000n, '1m30s'],
    [5_400_000_000_000n, '1h30m0s'],
    [-60_000_000_000n, '-1m0s'],
  ])('formats %s ns as %s', (ns, text) => {
    expect(formatGoDuration(ns)).toBe(text);
  });

  it('does arithmetic and comparison on durations', () => {
    expect(evalOk("duration('1h') - duration('30m')")).toBe(1_800_000_000_000);
    expect(evalOk("string(duration('1m') * 2)")).toBe('2m0s');
    expect(evalOk("duration('90m').Hours()")).toBe(1.5);
    expect(evalOk("duration('1h') > duration('59m')")).toBe(true);
    expect(evalOk("type(duration('1s'))")).toBe('time.Duration');
    expect(evalErr('duration(5)').code).toBe('EXPR_SYNTAX');
    expect(evalErr("duration('soon')").message).toContain('time: invalid duration "soon"');
  });
});

describe('dates', () => {
  it('parses with the default layouts and with Go layouts', () => {
    expect(evalOk("date('2024-03-02').Month().String()")).toBe('March');
    expect(evalOk("date('2024-03-02 10:11:12').Minute()")).toBe(11);
    expect(evalOk("date('2024-01-02T00:00:00Z').Unix()")).toBe(1_704_153_600);
    expect(evalOk("date('02/01/2024', '02/01/2006').Month()")).toBe(1);
    expect(evalOk("date('Tue, 02 Jan 2024 15:04:05 UTC').Hour()")).toBe(15);
    expect(evalOk("date('2024-01-02').Weekday().String()")).toBe('Tuesday');
    expect(evalOk("date('2024-01-02T10:00:00.123+02:00').Format('2006-01-02T15:04:05.000Z07:00')")).toBe('2024-01-02T10:00:00.123+02:00');
    expect(evalOk("date('2024-01-02T10:00:00+02:00').UTC().Hour()")).toBe(8);
    expect(evalErr("date('not a date')").message).toContain('invalid date not a date');
  });

  it('formats with Go layouts', () => {
    const t = "date('2024-07-04T15:04:05Z')";
    expect(evalOk(`${t}.Format('Mon Jan _2 03:04:05 PM 2006')`)).toBe('Thu Jul  4 03:04:05 PM 2024');
    expect(evalOk(`${t}.Format('January 2, 06 at 15h')`)).toBe('July 4, 24 at 15h');
    expect(evalOk(`${t}.Format('002 -0700 MST')`)).toBe('186 +0000 UTC');
  });

  it('handles named zones', () => {
    expect(evalOk("date('2024-07-01 12:00:00', '2006-01-02 15:04:05', 'Europe/Berlin').UTC().Hour()")).toBe(10);
    expect(evalOk("date('2024-01-01T12:00:00Z').In(timezone('Asia/Tokyo')).Hour()")).toBe(21);
    expect(evalErr("timezone('Mars/Olympus')").message).toContain('unknown time zone');
  });

  it('moves and compares times', () => {
    expect(evalOk("date('2024-01-02').Add(duration('36h')).Format('2006-01-02T15:04')")).toBe('2024-01-03T12:00');
    expect(evalOk("date('2024-01-31').AddDate(0, 1, 0).Format('2006-01-02')")).toBe('2024-03-02');
    expect(evalOk("date('2024-01-02') - date('2024-01-01')")).toBe(86_400_000_000_000);
    expect(evalOk("date('2024-01-02').After(date('2024-01-01'))")).toBe(true);
    expect(evalOk("date('2024-01-02') < date('2024-01-01')")).toBe(false);
    expect(evalOk("date('2024-01-02T10:31:00Z').Truncate(duration('1h')).Hour()")).toBe(10);
  });

  it('reads times from the env and returns them as RFC 3339 text', () => {
    expect(evalOk('t.Year()', { t: new Date('2021-06-15T10:00:00Z') })).toBe(2021);
    expect(evalOk('t', { t: new Date('2021-06-15T10:00:00.5Z') })).toBe('2021-06-15T10:00:00.5Z');
  });
});

describe('now()', () => {
  it('returns the time given in the options, never the clock', () => {
    expect(evalOk('now()', {}, { now: '2025-02-03T04:05:06Z' })).toBe('2025-02-03T04:05:06Z');
    expect(evalOk('now().Year()', {}, { now: new Date('2030-01-01T00:00:00Z') })).toBe(2030);
    expect(evalOk("now() - duration('1h') < now()", {}, { now: '2025-01-01T00:00:00Z' })).toBe(true);
  });

  it('fails without a time instead of reading the clock', () => {
    expect(evalErr('now()').message).toContain('pass the `now` option');
    expect(evalErr('now()', {}, { now: 'yesterday' }).code).toBe('EXPR_RUNTIME');
  });

  it('keeps raw times and durations as objects for runExpression callers', () => {
    const c = compileExpression("now() + duration('1s')");
    expect(c.ok).toBe(true);
    if (!c.ok) return;
    const r = runExpression(c.value, {}, { now: '2025-01-01T00:00:00Z' });
    expect(r.ok && r.value instanceof ExprTime && r.value.unixNano).toBe(1_735_689_601_000_000_000n);
    const d = compileExpression("duration('2s')");
    if (d.ok) {
      const v = runExpression(d.value, {});
      expect(v.ok && v.value instanceof ExprDuration && v.value.nanoseconds).toBe(2_000_000_000n);
    }
  });
});
