import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareVersions,
  explainConstraint,
  parseConstraint,
  parseVersion,
  parseVersionResult,
  satisfies,
} from '../../src/versions/index.js';

// Text made of the characters that matter to versions and constraints, plus some that never do.
const alphabet = [...' \t\n\u000b\u00a0.,-+|xX*vV0123456789=<>!~^abAB_&'];
const noisy = fc.array(fc.constantFrom(...alphabet), { maxLength: 40 }).map((cs) => cs.join(''));
const anyText = fc.oneof(noisy, fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 20 }));

describe('fuzz: versions', () => {
  it('parseVersion never throws and answers a version or undefined', () => {
    fc.assert(
      fc.property(anyText, fc.boolean(), fc.boolean(), (text, strict, vPrefix) => {
        const v = parseVersion(text, { strict, vPrefix });
        if (v !== undefined) {
          expect(v.original).toBe(text);
          expect(parseVersion(v.normalized)?.normalized).toBe(v.normalized);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('parseVersionResult gives a VERSION_INVALID issue exactly when parseVersion gives undefined', () => {
    fc.assert(
      fc.property(anyText, fc.boolean(), (text, strict) => {
        const r = parseVersionResult(text, { strict });
        expect(r.ok).toBe(parseVersion(text, { strict }) !== undefined);
        if (!r.ok) {
          expect(r.issues).toHaveLength(1);
          expect(r.issues[0]?.code).toBe('VERSION_INVALID');
          expect(r.issues[0]?.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('strict acceptance implies loose acceptance with the same value', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const strict = parseVersion(text, { strict: true });
        if (strict !== undefined) expect(parseVersion(text)).toEqual(strict);
      }),
      { numRuns: 2000 },
    );
  });

  it('compareVersions never throws and stays antisymmetric on any strings', () => {
    fc.assert(
      fc.property(anyText, anyText, (a, b) => {
        const d = compareVersions(a, b);
        expect([-1, 0, 1]).toContain(d);
        expect(compareVersions(b, a)).toBe(-d || 0);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('fuzz: constraints', () => {
  it('parseConstraint never throws; failures carry VERSION_INVALID_CONSTRAINT issues', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const r = parseConstraint(text);
        if (r.ok) {
          expect(r.value.groups.length).toBeGreaterThan(0);
          expect(r.value.groups.every((g) => g.comparators.length > 0)).toBe(true);
        } else {
          expect(r.issues.length).toBeGreaterThan(0);
          for (const issue of r.issues) {
            expect(issue.code).toBe('VERSION_INVALID_CONSTRAINT');
            if (issue.column !== undefined) expect(issue.column).toBeGreaterThanOrEqual(1);
          }
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('satisfies and explainConstraint never throw and agree', () => {
    fc.assert(
      fc.property(anyText, fc.oneof(anyText, fc.constantFrom('1.2.3', 'v1.0.0-rc.1', '0.0.0')), (constraint, version) => {
        const s = satisfies(version, constraint);
        const e = explainConstraint(version, constraint);
        if (e.ok) expect(e.value.satisfied).toBe(s);
        else expect(s).toBe(false);
      }),
      { numRuns: 3000 },
    );
  });

  it('finishes quickly on long adversarial constraints', () => {
    const long = [
      `${'1'.repeat(20_000)} - ${'2'.repeat(20_000)}`,
      `1-${'a'.repeat(30_000)}|`,
      `${'1.'.repeat(20_000)} - 1`,
      `${'x'.repeat(50_000)}`,
      `>=1 ${'||'.repeat(20_000)}`,
      `${' - '.repeat(20_000)}`,
      `${'1 - '.repeat(10_000)}1`,
    ];
    const start = performance.now();
    for (const text of long) {
      const r = parseConstraint(text);
      expect(typeof r.ok).toBe('boolean');
    }
    expect(performance.now() - start).toBeLessThan(5_000);
  });
});
