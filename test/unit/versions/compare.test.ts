import { describe, expect, it } from 'vitest';
import {
  comparePrereleases,
  compareVersions,
  compareVersionsWithOriginal,
  parseVersion,
  sortVersionsAscending,
  sortVersionsDescending,
  type Version,
} from '../../../src/versions/index.js';

const v = (text: string): Version => {
  const parsed = parseVersion(text);
  if (parsed === undefined) throw new Error(`test version ${text} does not parse`);
  return parsed;
};

describe('compareVersions', () => {
  it.each([
    ['1.0.0', '2.0.0', -1],
    ['1.10.0', '1.9.0', 1],
    ['1.0.10', '1.0.9', 1],
    ['1.0.0', '1.0', 0],
    ['v1', '1.0.0', 0],
    ['01.1', '1.1.0', 0],
    ['1.0.0-rc.1', '1.0.0', -1],
    ['1.0.0+a', '1.0.0+b', 0],
    ['1.0.0-rc.1', '1.0.0-rc.1+x', 0],
    ['9007199254740993.0.0', '9007199254740992.0.0', 1],
    ['18446744073709551615.0.0', '9007199254740991.0.0', 1],
  ] as const)('%s vs %s is %i', (a, b, expected) => {
    expect(compareVersions(a, b)).toBe(expected);
    expect(compareVersions(b, a)).toBe(-expected || 0);
    expect(compareVersions(v(a), v(b))).toBe(expected);
  });

  it('accepts a mix of strings and parsed versions', () => {
    expect(compareVersions(v('1.2.3'), '1.2.4')).toBe(-1);
  });

  it('sorts strings that are not versions below every version, and among themselves bytewise', () => {
    expect(compareVersions('latest', '0.0.0')).toBe(-1);
    expect(compareVersions('0.0.0-0', 'latest')).toBe(1);
    expect(compareVersions('latest', 'main')).toBe(-1);
    expect(compareVersions('main', 'main')).toBe(0);
  });
});

describe('prerelease precedence (Masterminds rules)', () => {
  it.each([
    ['alpha', 'alpha.1', -1],
    ['alpha.1', 'alpha.beta', -1],
    ['beta.2', 'beta.11', -1],
    ['1', 'a', -1],
    ['1.2', '1.10', -1],
    ['Alpha', 'alpha', -1],
    ['a-b', 'a', 1],
    ['x.1', 'x', 1],
    // Too big for uint64: compared as text, so it sorts above any number.
    ['99999999999999999999', '2', 1],
    ['18446744073709551615', '18446744073709551614', 1],
    ['rc.1', 'rc.1', 0],
  ] as const)('%s vs %s is %i', (a, b, expected) => {
    expect(comparePrereleases(a, b)).toBe(expected);
    expect(compareVersions(`1.0.0-${a}`, `1.0.0-${b}`)).toBe(expected);
  });

  it('keeps the Masterminds answer for numerically equal identifiers written differently', () => {
    // Parsed versions never hold "01"; hand-built ones can, and Masterminds says "less".
    expect(comparePrereleases('01', '1')).toBe(-1);
    expect(comparePrereleases('1', '01')).toBe(-1);
  });

  it('treats an empty prerelease as missing', () => {
    expect(comparePrereleases('', 'alpha')).toBe(-1);
    expect(comparePrereleases('alpha', '')).toBe(1);
  });
});

describe('discovery order', () => {
  it('breaks precedence ties by the original text, bytewise', () => {
    const texts = ['1', '1.0', '1.0.0', 'v1', 'v1.0.0'];
    const sorted = sortVersionsDescending(texts.map(v)).map((x) => x.original);
    expect(sorted).toEqual(['v1.0.0', 'v1', '1.0.0', '1.0', '1']);
    expect(sortVersionsAscending(texts.map(v)).map((x) => x.original)).toEqual([...sorted].reverse());
  });

  it('orders by precedence first', () => {
    const sorted = sortVersionsDescending(['1.0.0-rc.1', 'v0.9.0', '1.0.0', '1.0.0+z', '2.0.0-alpha'].map(v));
    expect(sorted.map((x) => x.original)).toEqual(['2.0.0-alpha', '1.0.0+z', '1.0.0', '1.0.0-rc.1', 'v0.9.0']);
  });

  it('does not modify its input', () => {
    const input = [v('1.0.0'), v('2.0.0')];
    sortVersionsDescending(input);
    expect(input.map((x) => x.original)).toEqual(['1.0.0', '2.0.0']);
  });

  it('compares equal only for identical originals', () => {
    expect(compareVersionsWithOriginal(v('1.0.0+a'), v('1.0.0+b'))).toBe(-1);
    expect(compareVersionsWithOriginal(v('1.0.0'), v('1.0.0'))).toBe(0);
  });
});
