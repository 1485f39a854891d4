import { describe, expect, it } from 'vitest';
import { durationToMillis, formatGoDuration, parseGoDuration } from '../../../../src/pipeline/index.js';

const ms = (text: string) => {
  const r = parseGoDuration(text);
  return r.ok ? r.value : r.issues.map((i) => i.code);
};

describe('parseGoDuration', () => {
  it('reads Go duration strings as milliseconds', () => {
    expect(ms('1h30m')).toBe(5_400_000);
    expect(ms('30m')).toBe(1_800_000);
    expect(ms('1.5h')).toBe(5_400_000);
    expect(ms('500ms')).toBe(500);
    expect(ms('2h45m30.5s')).toBe(9_930_500);
    expect(ms('1us')).toBe(0.001);
    expect(ms('1µs')).toBe(0.001);
    expect(ms('250ns')).toBe(0.00025);
    expect(ms('.5s')).toBe(500);
    expect(ms('1.s')).toBe(1000);
    expect(ms('0')).toBe(0);
    expect(ms('0s')).toBe(0);
    expect(ms('-1h')).toBe(-3_600_000);
    expect(ms('+2m')).toBe(120_000);
  });

  it('rejects what Go rejects, with PIPELINE_INVALID_DURATION', () => {
    for (const bad of ['', '1', '1d', 'h', '.s', '1h 30m', '1hx', '-', 'one hour', '1e3s', '1..5s']) {
      expect(ms(bad), bad).toEqual(['PIPELINE_INVALID_DURATION']);
    }
  });

  it('rejects durations longer than Go can hold', () => {
    expect(ms('2562048h')).toEqual(['PIPELINE_INVALID_DURATION']);
    expect(typeof ms('2562047h')).toBe('number');
  });

  it('takes numbers as milliseconds', () => {
    expect(durationToMillis(1500)).toEqual({ ok: true, value: 1500, issues: [] });
    expect(durationToMillis(Number.NaN).ok).toBe(false);
  });
});

describe('formatGoDuration', () => {
  it("writes Go's Duration.String form", () => {
    expect(formatGoDuration(0)).toBe('0s');
    expect(formatGoDuration(5_400_000)).toBe('1h30m0s');
    expect(formatGoDuration(7_200_000)).toBe('2h0m0s');
    expect(formatGoDuration(90_500)).toBe('1m30.5s');
    expect(formatGoDuration(1000)).toBe('1s');
    expect(formatGoDuration(500)).toBe('500ms');
    expect(formatGoDuration(1.5)).toBe('1.5ms');
    expect(formatGoDuration(0.001)).toBe('1µs');
    expect(formatGoDuration(0.000_25)).toBe('250ns');
    expect(formatGoDuration(-60_000)).toBe('-1m0s');
  });

  it('round-trips through parseGoDuration', () => {
    for (const value of [0, 1, 999, 1000, 61_000, 3_600_000, 3_661_001, 86_400_000 * 3]) {
      expect(ms(formatGoDuration(value))).toBe(value);
    }
  });
});
