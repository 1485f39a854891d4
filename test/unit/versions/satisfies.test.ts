import { describe, expect, it } from 'vitest';
import { parseConstraint, parseVersion, satisfies, satisfiesParsed } from '../../../src/versions/index.js';

type Row = readonly [constraint: string, version: string, expected: boolean];

function check(rows: readonly Row[]): void {
  it.each(rows)('%j with %s -> %s', (constraint, version, expected) => {
    expect(satisfies(version, constraint)).toBe(expected);
    const c = parseConstraint(constraint);
    const v = parseVersion(version);
    expect(c.ok && v !== undefined && satisfiesParsed(v, c.value)).toBe(expected);
  });
}

describe('comparison operators', () => {
  check([
    ['=1.2.3', '1.2.3', true],
    ['1.2.3', '1.2.4', false],
    ['=1.2.3', '1.2.3+build.5', true],
    ['=1.0.0', '1', true],
    ['!=1.2.3', '1.2.4', true],
    ['!=1.2.3', '1.2.3+build', false],
    ['>1.2.3', '1.2.4', true],
    ['>1.2.3', '1.2.3', false],
    ['<1.2.3', '1.2.2', true],
    ['<1.2.3', '1.2.3', false],
    ['>=1.2.3', '1.2.3', true],
    ['=>1.2.3', '1.2.2', false],
    ['<=1.2.3', '1.2.3', true],
    ['=<1.2.3', '1.2.4', false],
    ['<=1.2.3+a', '1.2.3+b', true],
  ]);
});

describe('partial versions and wildcards', () => {
  check([
    ['1.x', '1.9.9', true],
    ['1.*', '2.0.0', false],
    ['1.2.X', '1.2.4', true],
    ['1.2.x', '1.3.0', false],
    ['=1', '1.9.9', true],
    ['=1', '2.0.0', false],
    ['*', '1.2.3', true],
    // `>1` and `>1.2` exclude the whole partial range.
    ['>1', '1.9.9', false],
    ['>1', '2.0.0', true],
    ['>1.2', '1.2.9', false],
    ['>1.2', '1.3.0', true],
    // `<` and `>=` use the zero-filled base.
    ['<1.2', '1.1.99', true],
    ['<1.2', '1.2.0', false],
    ['>=1.2', '1.2.0', true],
    // `<=` includes the whole partial range.
    ['<=1.2', '1.2.99', true],
    ['<=1.2', '1.3.0', false],
    ['<=1', '1.99.0', true],
    ['<=1', '2.0.0', false],
    ['!=1.x', '1.5.0', false],
    ['!=1.x', '2.0.0', true],
    ['!=1.2.x', '1.2.5', false],
    ['!=1.2.x', '1.3.0', true],
    ['>x', '1.0.0', true],
    ['<x', '0.0.0', false],
  ]);
});

describe('tilde and caret', () => {
  check([
    ['~1.2.3', '1.2.9', true],
    ['~1.2.3', '1.3.0', false],
    ['~1.2.3', '1.2.2', false],
    ['~> 1.2', '1.2.9', true],
    ['~> 1.2', '1.3.0', false],
    ['~1', '1.9.0', true],
    ['~0', '0.9.0', true],
    ['~0.0', '0.0.5', true],
    ['~0.0', '0.1.0', false],
    ['~1.x', '1.9.0', true],
    ['^1.2.3', '1.9.0', true],
    ['^1.2.3', '1.2.2', false],
    ['^1.2.3', '2.0.0', false],
    ['^v1.0.0', '1.5.0', true],
    ['^0.2.3', '0.2.9', true],
    ['^0.2.3', '0.3.0', false],
    ['^0.0.3', '0.0.3', true],
    ['^0.0.3', '0.0.4', false],
    ['^0.0', '0.0.9', true],
    ['^0.0', '0.1.0', false],
    ['^0', '0.9.0', true],
    ['^0', '1.0.0', false],
    ['^1.x', '1.9.0', true],
    ['^0.x', '0.9.0', true],
    ['^0.0.x', '0.0.9', true],
    ['^0.0.x', '0.1.0', false],
    ['^0.1.x', '0.1.9', true],
  ]);
});

describe('documented oddities kept from Masterminds', () => {
  check([
    // `^*` admits only 0.0.0 although the library's comment says "any".
    ['^*', '0.0.0', true],
    ['^*', '0.0.1', false],
    ['^*', '1.0.0', false],
    // `<=*` admits only 0.0.x.
    ['<=*', '0.0.5', true],
    ['<=*', '0.1.0', false],
    // `~*`, `~x` and `~0.0.0` admit everything.
    ['~*', '3.1.4', true],
    ['~x', '3.1.4', true],
    ['~0.0.0', '5.0.0', true],
    // `!=*` excludes only 0.0.0; `>*` is above 0.0.0.
    ['!=*', '1.0.0', true],
    ['!=*', '0.0.0', false],
    ['>*', '0.0.1', true],
    ['>*', '0.0.0', false],
    // Without spaces, "1.2-1.4" is the version 1.2.0-1.4.
    ['1.2-1.4', '1.2.0-1.4', true],
    ['1.2-1.4', '1.3.0', false],
    ['1.2 - 1.4.5', '1.4.5', true],
    ['1.2 - 1.4.5', '1.4.6', false],
    ['1.2 - 1.4.5', '1.2.0', true],
    ['x - 2', '1.0.0', true],
    ['1.x - 2.x', '2.9.0', true],
    // Metadata on a constraint is accepted and ignored.
    ['=1.2.3+meta', '1.2.3', true],
    ['1.x+01', '1.2.0', true],
    ['01.02.03', '1.2.3', true],
    ['18446744073709551615', '18446744073709551615.0.0', true],
  ]);
});

describe('the prerelease gate (per OR-group)', () => {
  check([
    ['^1.0.0', '1.0.1-rc.1', false],
    ['*', '1.0.0-rc.1', false],
    ['1.x', '1.0.0-rc.1', false],
    ['~1.2.3', '1.2.3-rc.1', false],
    ['>=1.2.3-alpha', '1.2.3-beta', true],
    // Once admitted, a prerelease is compared whatever its numbers (node-semver says no to all three).
    ['>=1.2.3-alpha', '1.5.0-beta', true],
    ['^1.2.3-alpha', '1.9.0-rc.1', true],
    ['~1.2.3-beta', '1.2.4-alpha', true],
    ['>=1.0.0-0 <2.0.0', '2.0.0-rc.1', true],
    ['<2.0.0 || >=3.0.0-0', '1.5.0-rc.1', false],
    ['<2.0.0 || >=3.0.0-0', '3.1.0-rc.1', true],
    ['<1.2.3-rc.1 || *', '1.2.3-alpha', true],
    ['1.2.x-0', '1.2.3-alpha.1', true],
    ['1.2.x-0', '1.3.0-alpha', false],
    ['!=1.0.0-rc.1', '1.0.0-rc.2', true],
    ['!=1.2.x-rc', '1.2.3-rc', false],
    ['!=1.2.x-rc', '1.2.3-beta', true],
    ['!=1.2.x-rc', '1.2.3', true],
  ]);
});

describe('AND, OR and separators', () => {
  check([
    ['>=1.0.0 <2.0.0', '1.0.0', true],
    ['>= 1.0.0 , < 2.0.0', '1.5.0', true],
    ['>=1,<2', '1.5.0', true],
    ['>=1 ,<2', '2.0.0', false],
    ['<1.0.0||>=2.0.0', '0.9.0', true],
    ['<1.0.0||>=2.0.0', '1.5.0', false],
    ['2 - 3 >=1', '2.5.0', true],
    ['1 - 2||3', '3.0.0', true],
    ['1.0 - 2.0, 3.0 - 4.0', '2.5.0', false],
    ['\t>=1\n', '1.0.0', true],
  ]);
});

describe('satisfies with bad input', () => {
  it('is false, not an exception, for an invalid constraint or version', () => {
    expect(satisfies('1.0.0', 'latest')).toBe(false);
    expect(satisfies('latest', '*')).toBe(false);
    expect(satisfies('1.0.0.0', '>=0')).toBe(false);
    expect(satisfies(undefined as unknown as string, '*')).toBe(false);
    expect(satisfies('1.0.0', null as unknown as string)).toBe(false);
  });

  it('answers the same for a cached constraint text', () => {
    for (let i = 0; i < 3; i++) {
      expect(satisfies('1.5.0', '^1.2')).toBe(true);
      expect(satisfies('2.5.0', '^1.2')).toBe(false);
      expect(satisfies('1.0.0', 'nope')).toBe(false);
    }
  });

  it('keeps answering correctly past the cache limit', () => {
    for (let i = 0; i < 600; i++) expect(satisfies(`1.${i}.0`, `>=1.${i}.0 <1.${i + 1}.0`)).toBe(true);
    expect(satisfies('1.0.0', '>=1.0.0 <1.1.0')).toBe(true);
  });
});
