import { describe, expect, it } from 'vitest';
import { isVersion, parseVersion, parseVersionResult } from '../../../src/versions/index.js';

describe('parseVersion (loose, Masterminds NewVersion)', () => {
  it('parses a full version into plain data', () => {
    expect(parseVersion('v1.2.3-rc.1+build.5')).toEqual({
      major: 1,
      minor: 2,
      patch: 3,
      prerelease: 'rc.1',
      metadata: 'build.5',
      original: 'v1.2.3-rc.1+build.5',
      normalized: '1.2.3-rc.1+build.5',
    });
  });

  it('fills in a missing minor and patch with 0', () => {
    expect(parseVersion('1')?.normalized).toBe('1.0.0');
    expect(parseVersion('1.2')?.normalized).toBe('1.2.0');
    expect(parseVersion('v1.2')?.original).toBe('v1.2');
  });

  it('accepts and drops leading zeros in the numbers', () => {
    const v = parseVersion('01.02.03');
    expect([v?.major, v?.minor, v?.patch]).toEqual([1, 2, 3]);
    expect(v?.normalized).toBe('1.2.3');
    expect(parseVersion('0000000000000000000001')?.normalized).toBe('1.0.0');
  });

  it('takes a prerelease or metadata right after a partial version', () => {
    expect(parseVersion('1-2')).toMatchObject({ major: 1, minor: 0, patch: 0, prerelease: '2' });
    // Not a range: "1.2-3.4" is 1.2.0 with prerelease "3.4".
    expect(parseVersion('1.2-3.4')).toMatchObject({ minor: 2, prerelease: '3.4', normalized: '1.2.0-3.4' });
    expect(parseVersion('1+abc')?.normalized).toBe('1.0.0+abc');
  });

  it('allows hyphens inside identifiers and leading zeros in metadata', () => {
    expect(parseVersion('1.0.0--')?.prerelease).toBe('-');
    expect(parseVersion('1.0.0-a-b.c')?.prerelease).toBe('a-b.c');
    expect(parseVersion('1.0.0+01')?.metadata).toBe('01');
    expect(parseVersion('1.2.3+a.b-c')?.metadata).toBe('a.b-c');
  });

  it.each([
    ['', 'empty'],
    ['V1.0.0', 'uppercase V'],
    ['vv1.0.0', 'two v'],
    ['v', 'v alone'],
    ['1.0.0.0', 'four numbers'],
    ['1.2.3-beta_1', 'underscore in prerelease'],
    ['1.2.3_build', 'underscore'],
    [' 1.0.0', 'leading space'],
    ['1.0.0 ', 'trailing space'],
    ['1.0.0\n', 'trailing newline'],
    ['1.0.0-', 'empty prerelease'],
    ['1.0.0+', 'empty metadata'],
    ['1.0.0-a..b', 'empty prerelease identifier'],
    ['1.0.0-alpha.01', 'leading zero in a numeric prerelease identifier'],
    ['1.0.0-a+b+c', 'two plus signs'],
    ['1.', 'dangling dot'],
    ['1..2', 'empty minor'],
    ['-1', 'sign'],
    ['+1', 'plus sign'],
    ['latest', 'a word'],
    ['18446744073709551616.0.0', 'a number above uint64'],
    ['1.２.3', 'a non-ASCII digit'],
  ])('rejects %j (%s)', (text) => {
    expect(parseVersion(text)).toBeUndefined();
    expect(isVersion(text)).toBe(false);
  });

  it('keeps segments above 2^53 - 1 exact as bigint and smaller ones as numbers', () => {
    const max = parseVersion('18446744073709551615.9007199254740991.9007199254740992');
    expect(max?.major).toBe(18446744073709551615n);
    expect(max?.minor).toBe(9007199254740991);
    expect(max?.patch).toBe(9007199254740992n);
    expect(max?.normalized).toBe('18446744073709551615.9007199254740991.9007199254740992');
    expect(parseVersion('9007199254740993')?.major).toBe(9007199254740993n);
  });

  it('accepts a huge numeric prerelease identifier (it counts as alphanumeric)', () => {
    expect(parseVersion('1.0.0-99999999999999999999')?.prerelease).toBe('99999999999999999999');
  });

  it('answers undefined for non-string input instead of throwing', () => {
    expect(parseVersion(42 as unknown as string)).toBeUndefined();
    expect(parseVersion(null as unknown as string)).toBeUndefined();
  });
});

describe('parseVersion strict (Kargo strictSemvers)', () => {
  it.each([
    ['1.0.0', true],
    ['v1.0.0', true],
    ['v1.2.3-0', true],
    ['1.0.0+build', true],
    ['0.0.0', true],
    ['1', false],
    ['1.2', false],
    ['v1.2', false],
    ['01.2.3', false],
    ['1.02.3', false],
    ['v01.2.3', false],
    ['1-2', false],
    ['20240101', false],
    ['1234567', false],
  ])('%j -> %s', (text, valid) => {
    expect(parseVersion(text, { strict: true }) !== undefined).toBe(valid);
  });

  it('keeps the v in original', () => {
    expect(parseVersion('v1.2.3', { strict: true })?.original).toBe('v1.2.3');
  });
});

describe('parseVersion without a v prefix (Masterminds StrictNewVersion)', () => {
  it('rejects v but accepts canonical versions', () => {
    expect(parseVersion('v1.2.3', { strict: true, vPrefix: false })).toBeUndefined();
    expect(parseVersion('1.2.3-rc.1+b', { strict: true, vPrefix: false })?.normalized).toBe('1.2.3-rc.1+b');
    expect(parseVersion('v1.2', { vPrefix: false })).toBeUndefined();
    expect(parseVersion('1.2', { vPrefix: false })?.normalized).toBe('1.2.0');
  });
});

describe('parseVersionResult', () => {
  it('returns the version on success', () => {
    const r = parseVersionResult('v1.2.3');
    expect(r.ok && r.value.normalized).toBe('1.2.3');
  });

  it('says what is wrong and where', () => {
    const r = parseVersionResult('V1.0.0');
    expect(r.ok).toBe(false);
    expect(r.issues[0]).toMatchObject({ code: 'VERSION_INVALID', severity: 'error', line: 1, column: 1 });
    expect(r.issues[0]?.message).toContain('"V"');
  });

  it.each([
    ['', 'empty', undefined],
    ['1.0.0-alpha.01', 'leading zero', 13],
    ['1.0.0.0', 'unexpected character', 6],
    ['18446744073709551616', 'larger than 18446744073709551615', 1],
    ['1.0.0-a..b', 'prerelease identifier is empty', 9],
    ['1.0.0+', 'metadata identifier is empty', 7],
    ['1.', 'expected a digit', 3],
  ])('explains %j (%s)', (text, words, column) => {
    const r = parseVersionResult(text);
    expect(r.ok).toBe(false);
    expect(r.issues[0]?.message).toContain(words);
    expect(r.issues[0]?.column).toBe(column);
  });

  it('explains the strict failures', () => {
    const partial = parseVersionResult('1.2', { strict: true });
    expect(!partial.ok && partial.issues[0]?.message).toContain('all three numbers');
    const zero = parseVersionResult('1.02.3', { strict: true });
    expect(!zero.ok && zero.issues[0]?.message).toContain('leading zero');
    expect(zero.issues[0]?.column).toBe(3);
    const v = parseVersionResult('v1.2.3', { strict: true, vPrefix: false });
    expect(!v.ok && v.issues[0]?.message).toContain('"v" prefix');
  });

  it('reports the line of a newline inside the text', () => {
    const r = parseVersionResult('1.0.0\nx');
    expect(r.issues[0]).toMatchObject({ line: 1, column: 6 });
  });

  it('rejects non-string input with an issue', () => {
    const r = parseVersionResult(undefined as unknown as string);
    expect(r.ok).toBe(false);
    expect(r.issues[0]?.code).toBe('VERSION_INVALID');
  });
});
