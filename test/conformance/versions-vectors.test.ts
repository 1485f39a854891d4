import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compareVersions, parseConstraint, parseVersion, satisfies } from '../../src/versions/index.js';

interface VectorCase<I, E> {
  name: string;
  op: string;
  input: I;
  expected: E;
}

function load<I, E>(file: string): VectorCase<I, E>[] {
  const url = new URL(`../fixtures/versions/${file}`, import.meta.url);
  return (JSON.parse(readFileSync(url, 'utf8')) as { cases: VectorCase<I, E>[] }).cases;
}

const asText = (v: unknown): string | undefined => (v === undefined || v === null ? undefined : String(v));

describe('semver_parse vectors (parse_tag)', () => {
  const cases = load<
    { tag: string },
    {
      looseValid: boolean;
      kargoStrictValid: boolean;
      strictLibValid: boolean;
      major?: number;
      minor?: number;
      patch?: number;
      prerelease?: string;
      metadata?: string;
      normalized?: string;
    }
  >('semver_parse.json');

  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const e = c.expected;
    const loose = parseVersion(c.input.tag);
    const strict = parseVersion(c.input.tag, { strict: true });
    const library = parseVersion(c.input.tag, { strict: true, vPrefix: false });
    expect(loose !== undefined).toBe(e.looseValid);
    expect(strict !== undefined).toBe(e.kargoStrictValid);
    expect(library !== undefined).toBe(e.strictLibValid);
    if (loose !== undefined) {
      expect(asText(loose.major)).toBe(asText(e.major));
      expect(asText(loose.minor)).toBe(asText(e.minor));
      expect(asText(loose.patch)).toBe(asText(e.patch));
      expect(loose.prerelease).toBe(e.prerelease);
      expect(loose.metadata).toBe(e.metadata);
      expect(loose.normalized).toBe(e.normalized);
      expect(loose.original).toBe(c.input.tag);
    }
  });
});

describe('semver_compare vectors (compare)', () => {
  const cases = load<{ a: string; b: string }, -1 | 0 | 1>('semver_compare.json');
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(compareVersions(c.input.a, c.input.b)).toBe(c.expected);
    expect(compareVersions(c.input.b, c.input.a)).toBe(-c.expected || 0);
  });
});

describe('semver_constraints vectors (constraint_check)', () => {
  const cases = load<
    { constraint: string; version: string },
    { constraintValid: boolean; versionValid?: boolean; matches?: boolean }
  >('semver_constraints.json');

  it.each(cases.map((c) => [`${c.input.constraint} :: ${c.input.version}`, c] as const))('%s', (_name, c) => {
    const e = c.expected;
    expect(parseConstraint(c.input.constraint).ok).toBe(e.constraintValid);
    // Cases about an invalid constraint state nothing about the version.
    if (e.versionValid !== undefined) {
      expect(parseVersion(c.input.version) !== undefined).toBe(e.versionValid);
    }
    if (e.constraintValid && e.versionValid === true) {
      expect(satisfies(c.input.version, c.input.constraint)).toBe(e.matches);
    }
  });
});
