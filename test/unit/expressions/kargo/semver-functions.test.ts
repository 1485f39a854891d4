import { describe, expect, it } from 'vitest';
import { kargoFunctions, SemverValue } from '../../../../src/expressions/kargo/index.js';
import type { ExprObject, ExprValue } from '../../../../src/expressions/values.js';
import { call } from './call.js';

const f = kargoFunctions();
const parse = (text: string) => call(f['semverParse']!, text) as SemverValue;
const invoke = (v: ExprObject, method: string, ...args: ExprValue[]) => {
  const m = v.getMethod(method);
  if (m === undefined) throw new Error(`no method ${method}`);
  return m(args);
};

describe('semverDiff()', () => {
  it.each([
    ['1.0.0', '2.0.0', 'Major'],
    ['1.1.0', '1.2.0', 'Minor'],
    ['1.1.1', '1.1.2', 'Patch'],
    ['1.1.1+a', '1.1.1+b', 'Metadata'],
    ['1.1.0-alpha', '1.1.0-beta', 'None'],
    ['v1.2', '1.2.0', 'None'],
    ['1.0.0', 'not-a-version', 'Incomparable'],
  ])('%s vs %s is %s', (a, b, want) => {
    expect(call(f['semverDiff']!, a, b)).toBe(want);
  });

  it('requires two strings', () => {
    expect(() => call(f['semverDiff']!, '1.0.0')).toThrow('expected 2 arguments, got 1');
    expect(() => call(f['semverDiff']!, '1.0.0', 2n)).toThrow('second argument must be string, got int');
  });
});

describe('semverParse()', () => {
  it('exposes Masterminds methods', () => {
    const v = parse('v1.2.3-rc.1+build.5');
    expect(v).toBeInstanceOf(SemverValue);
    expect(invoke(v, 'Major')).toBe(1n);
    expect(invoke(v, 'Minor')).toBe(2n);
    expect(invoke(v, 'Patch')).toBe(3n);
    expect(invoke(v, 'Prerelease')).toBe('rc.1');
    expect(invoke(v, 'Metadata')).toBe('build.5');
    expect(invoke(v, 'Original')).toBe('v1.2.3-rc.1+build.5');
    expect(invoke(v, 'String')).toBe('1.2.3-rc.1+build.5');
    expect(v.toJS()).toBe('1.2.3-rc.1+build.5');
  });

  it('increments like Masterminds', () => {
    const pre = parse('v1.2.3-rc.1');
    expect(String(invoke(pre, 'IncPatch'))).toBe('1.2.3');
    expect(invoke(invoke(pre, 'IncPatch') as SemverValue, 'Original')).toBe('v1.2.3');
    expect(String(invoke(parse('1.2.3+m'), 'IncPatch'))).toBe('1.2.4');
    expect(String(invoke(parse('1.2.3'), 'IncMinor'))).toBe('1.3.0');
    expect(String(invoke(parse('1.2.3'), 'IncMajor'))).toBe('2.0.0');
    expect(String(invoke(parse('1.2.3'), 'SetPrerelease', 'beta.2'))).toBe('1.2.3-beta.2');
  });

  it('compares by precedence', () => {
    expect(invoke(parse('1.0.0-alpha'), 'LessThan', parse('1.0.0'))).toBe(true);
    expect(invoke(parse('1.0.0-alpha.10'), 'GreaterThan', parse('1.0.0-alpha.9'))).toBe(true);
    expect(invoke(parse('1.0.0-alpha'), 'LessThan', parse('1.0.0-alpha.1'))).toBe(true);
    expect(invoke(parse('1.0.0+a'), 'Equal', parse('1.0.0+b'))).toBe(true);
    expect(invoke(parse('2.0.0'), 'Compare', parse('10.0.0'))).toBe(-1n);
  });

  it('rejects text that is not a version', () => {
    expect(() => parse('latest')).toThrow('invalid semantic version');
    expect(() => call(f['semverParse']!, 1n)).toThrow('argument must be string, got int');
  });
});
