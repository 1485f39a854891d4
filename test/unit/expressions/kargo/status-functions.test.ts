import { describe, expect, it } from 'vitest';
import { hasStepFailures, kargoFunctions, splitStepAlias } from '../../../../src/expressions/kargo/index.js';
import { call } from './call.js';

const metas = [
  { alias: 'a', status: 'Failed' },
  { alias: 'task-1::a', status: 'Succeeded' },
  { alias: 'task-1::b', status: 'Running' },
];

describe('always(), success(), failure()', () => {
  it('read the step records', () => {
    const f = kargoFunctions({ stepMetas: metas });
    expect(call(f['always']!)).toBe(true);
    expect(call(f['failure']!)).toBe(true);
    expect(call(f['success']!)).toBe(false);
  });

  it('ignore continueOnError steps and Aborted steps', () => {
    expect(hasStepFailures([{ alias: 'a', status: 'Errored', continueOnError: true }])).toBe(false);
    expect(hasStepFailures([{ alias: 'a', status: 'Aborted' }])).toBe(false);
    expect(hasStepFailures([{ alias: 'a', status: 'Errored' }])).toBe(true);
    expect(call(kargoFunctions({})['success']!)).toBe(true);
  });

  it('take no arguments', () => {
    expect(() => call(kargoFunctions({})['failure']!, 1n)).toThrow('expected 0 arguments, got 1');
  });
});

describe('status()', () => {
  it('looks only at steps in the current step’s scope', () => {
    expect(call(kargoFunctions({ stepMetas: metas, currentStepAlias: 'task-1::c' })['status']!, 'a')).toBe('Succeeded');
    expect(call(kargoFunctions({ stepMetas: metas, currentStepAlias: 'b' })['status']!, 'a')).toBe('Failed');
    expect(call(kargoFunctions({ stepMetas: metas, currentStepAlias: 'b' })['status']!, 'zzz')).toBe('');
  });

  it('rejects an empty alias and non-strings', () => {
    const status = kargoFunctions({})['status']!;
    expect(() => call(status, '')).toThrow('argument must not be empty');
    expect(() => call(status, 1.5)).toThrow('argument must be string, got float64');
  });

  it('is left out when status functions are turned off', () => {
    const f = kargoFunctions({}, { status: false });
    expect(Object.keys(f)).not.toContain('status');
    expect(Object.keys(f)).not.toContain('always');
    expect(Object.keys(f)).toContain('secret');
  });
});

describe('splitStepAlias', () => {
  it('splits only aliases with exactly one separator', () => {
    expect(splitStepAlias('t::x')).toEqual({ namespace: 't', short: 'x' });
    expect(splitStepAlias('x')).toEqual({ namespace: '', short: 'x' });
    expect(splitStepAlias('a::b::c')).toEqual({ namespace: '', short: 'a::b::c' });
  });
});
