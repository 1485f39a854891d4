import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compareVersions, parseConstraint, parseVersion, satisfies } from '../../src/versions/index.js';

// Answers recorded from the Masterminds semver v3 library itself, for generated and hand-picked
// inputs (see each file's description).

type OracleCase =
  | { op: 'parse'; input: { text: string }; expected: ParseExpectation }
  | { op: 'compare'; input: { a: string; b: string }; expected: -1 | 0 | 1 }
  | { op: 'check'; input: { constraint: string; version: string }; expected: CheckExpectation };

interface ParseExpectation {
  looseValid: boolean;
  kargoStrictValid: boolean;
  libStrictValid: boolean;
  major?: string;
  minor?: string;
  patch?: string;
  prerelease?: string;
  metadata?: string;
  normalized?: string;
}

interface CheckExpectation {
  constraintValid: boolean;
  normalized?: string;
  versionValid?: boolean;
  matches?: boolean;
}

function load(file: string): OracleCase[] {
  const url = new URL(`../fixtures/versions/${file}`, import.meta.url);
  return (JSON.parse(readFileSync(url, 'utf8')) as { cases: OracleCase[] }).cases;
}

function runCase(c: OracleCase): void {
  if (c.op === 'parse') {
    const e = c.expected;
    const loose = parseVersion(c.input.text);
    expect(loose !== undefined).toBe(e.looseValid);
    expect(parseVersion(c.input.text, { strict: true }) !== undefined).toBe(e.kargoStrictValid);
    expect(parseVersion(c.input.text, { strict: true, vPrefix: false }) !== undefined).toBe(e.libStrictValid);
    if (loose !== undefined) {
      expect([String(loose.major), String(loose.minor), String(loose.patch)]).toEqual([e.major, e.minor, e.patch]);
      expect(loose.prerelease).toBe(e.prerelease);
      expect(loose.metadata).toBe(e.metadata);
      expect(loose.normalized).toBe(e.normalized);
    }
  } else if (c.op === 'compare') {
    expect(compareVersions(c.input.a, c.input.b)).toBe(c.expected);
  } else {
    const e = c.expected;
    const parsed = parseConstraint(c.input.constraint);
    expect(parsed.ok).toBe(e.constraintValid);
    if (!parsed.ok) {
      expect(parsed.issues.length).toBeGreaterThan(0);
      expect(parsed.issues.every((i) => i.code === 'VERSION_INVALID_CONSTRAINT')).toBe(true);
      return;
    }
    expect(parsed.value.normalized).toBe(e.normalized);
    const version = parseVersion(c.input.version);
    expect(version !== undefined).toBe(e.versionValid);
    if (version !== undefined) expect(satisfies(version, parsed.value)).toBe(e.matches);
  }
}

for (const file of ['masterminds_quirks.json', 'masterminds_oracle.json']) {
  describe(`Masterminds answers: ${file}`, () => {
    const cases = load(file);
    it.each(cases.map((c, i) => [i, JSON.stringify(c.input), c] as const))('#%i %s', (_i, _name, c) => {
      runCase(c);
    });
  });
}
