import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareVersions,
  compareVersionsWithOriginal,
  explainConstraint,
  parseConstraint,
  parseVersion,
  satisfies,
  sortVersionsDescending,
  type Version,
} from '../../src/versions/index.js';

const segment = fc.oneof(
  fc.integer({ min: 0, max: 12 }),
  fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
  fc.bigInt({ min: 0n, max: 18446744073709551615n }),
);
const numericId = fc.oneof(fc.integer({ min: 0, max: 20 }).map(String), fc.bigInt({ min: 0n, max: 10n ** 22n }).map(String));
const alnumId = fc.stringMatching(/^[0-9A-Za-z-]{1,6}$/).filter((s) => !/^[0-9]+$/.test(s));
const identifier = fc.oneof(numericId, alnumId, fc.constantFrom('alpha', 'beta', 'rc', 'Alpha', '-'));
const prerelease = fc.oneof(fc.constant(''), fc.array(identifier, { minLength: 1, maxLength: 4 }).map((ids) => ids.join('.')));
const metadata = fc.oneof(
  fc.constant(''),
  fc.array(fc.stringMatching(/^[0-9A-Za-z-]{1,5}$/), { minLength: 1, maxLength: 3 }).map((ids) => ids.join('.')),
);

/** Random version texts, in every spelling the loose parser accepts. */
const versionText = fc
  .record({
    v: fc.boolean(),
    major: segment,
    minor: segment,
    patch: segment,
    parts: fc.constantFrom(1, 2, 3, 3, 3),
    zeros: fc.constantFrom('', '', '', '0', '00'),
    prerelease,
    metadata,
  })
  .map(({ v, major, minor, patch, parts, zeros, prerelease: pre, metadata: meta }) => {
    const numbers = [major, minor, patch].slice(0, parts).map((n) => `${zeros}${n}`);
    return `${v ? 'v' : ''}${numbers.join('.')}${pre ? `-${pre}` : ''}${meta ? `+${meta}` : ''}`;
  });

/** Small versions, so that comparisons often tie on some part. */
const smallVersionText = fc
  .record({
    major: fc.integer({ min: 0, max: 3 }),
    minor: fc.integer({ min: 0, max: 3 }),
    patch: fc.integer({ min: 0, max: 3 }),
    pre: fc.constantFrom('', '', 'alpha', 'alpha.1', 'beta', '0', '1', 'rc.1'),
    meta: fc.constantFrom('', '', 'b1', 'x.y'),
  })
  .map(({ major, minor, patch, pre, meta }) => `${major}.${minor}.${patch}${pre ? `-${pre}` : ''}${meta ? `+${meta}` : ''}`);

const anyVersionText = fc.oneof(versionText, smallVersionText);

function parsed(text: string): Version {
  const v = parseVersion(text);
  if (v === undefined) throw new Error(`generated version ${text} does not parse`);
  return v;
}

describe('version laws', () => {
  it('every generated spelling parses, and parsing the normalized text gives the same version', () => {
    fc.assert(
      fc.property(versionText, (text) => {
        const v = parsed(text);
        expect(v.original).toBe(text);
        const again = parsed(v.normalized);
        expect(again.normalized).toBe(v.normalized);
        expect([again.major, again.minor, again.patch, again.prerelease, again.metadata]).toEqual([
          v.major,
          v.minor,
          v.patch,
          v.prerelease,
          v.metadata,
        ]);
        expect(compareVersions(v, again)).toBe(0);
      }),
    );
  });

  it('segments are numbers up to MAX_SAFE_INTEGER and bigints above', () => {
    fc.assert(
      fc.property(versionText, (text) => {
        const v = parsed(text);
        for (const s of [v.major, v.minor, v.patch]) {
          if (typeof s === 'bigint') expect(s > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
          else expect(Number.isSafeInteger(s) && s >= 0).toBe(true);
        }
      }),
    );
  });

  it('the normalized text of a version is strict', () => {
    fc.assert(
      fc.property(versionText, (text) => {
        expect(parseVersion(parsed(text).normalized, { strict: true, vPrefix: false })).toBeDefined();
      }),
    );
  });

  it('compare is reflexive and antisymmetric', () => {
    fc.assert(
      fc.property(anyVersionText, anyVersionText, (a, b) => {
        expect(compareVersions(a, a)).toBe(0);
        expect(compareVersions(a, b)).toBe(-compareVersions(b, a) || 0);
      }),
    );
  });

  it('compare is transitive', () => {
    fc.assert(
      fc.property(anyVersionText, anyVersionText, anyVersionText, (a, b, c) => {
        const [x, y, z] = [a, b, c].map(parsed).sort(compareVersions) as [Version, Version, Version];
        expect(compareVersions(x, y)).toBeLessThanOrEqual(0);
        expect(compareVersions(y, z)).toBeLessThanOrEqual(0);
        expect(compareVersions(x, z)).toBeLessThanOrEqual(0);
      }),
      { numRuns: 300 },
    );
  });

  it('build metadata never changes precedence', () => {
    fc.assert(
      fc.property(anyVersionText, metadata, metadata, (text, m1, m2) => {
        const base = parsed(text).normalized.split('+')[0]!;
        const a = m1 ? `${base}+${m1}` : base;
        const b = m2 ? `${base}+${m2}` : base;
        expect(compareVersions(a, b)).toBe(0);
      }),
    );
  });

  it('a release is above all of its prereleases', () => {
    fc.assert(
      fc.property(anyVersionText, (text) => {
        const v = parsed(text);
        fc.pre(v.prerelease !== '');
        const release = `${v.major}.${v.minor}.${v.patch}`;
        expect(compareVersions(v, release)).toBe(-1);
      }),
    );
  });

  it('sorting best first is deterministic whatever the input order', () => {
    fc.assert(
      fc.property(fc.array(anyVersionText, { maxLength: 20 }), fc.integer(), (texts, seed) => {
        const versions = texts.map(parsed);
        const shuffled = [...versions].sort((a, b) => (((a.original.length * 31 + seed) % 7) - ((b.original.length * 31 + seed) % 7)));
        const one = sortVersionsDescending(versions).map((v) => v.original);
        const two = sortVersionsDescending(shuffled).map((v) => v.original);
        expect(two).toEqual(one);
        for (let i = 1; i < versions.length; i++) {
          expect(compareVersionsWithOriginal(sortVersionsDescending(versions)[i - 1]!, sortVersionsDescending(versions)[i]!)).toBeGreaterThanOrEqual(0);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('constraint laws', () => {
  it('=v is satisfied exactly by the versions equal to v', () => {
    fc.assert(
      fc.property(smallVersionText, smallVersionText, (a, b) => {
        // A prerelease constraint opens the gate, so equality is all that decides.
        expect(satisfies(b, `=${a}`)).toBe(
          compareVersions(a, b) === 0 && (parsed(b).prerelease === '' || parsed(a).prerelease !== ''),
        );
      }),
    );
  });

  it('>=a <b is the intersection of >=a and <b', () => {
    fc.assert(
      fc.property(smallVersionText, smallVersionText, smallVersionText, (a, b, v) => {
        const both = satisfies(v, `>=${a} <${b}`);
        const hasPre = parsed(a).prerelease !== '' || parsed(b).prerelease !== '';
        if (parsed(v).prerelease === '' || hasPre) {
          // With the gate open (or not needed) each half is judged as in the pair.
          const gate = parsed(v).prerelease === '' ? '' : ' >=0.0.0-0';
          expect(both).toBe(satisfies(v, `>=${a}${gate}`) && satisfies(v, `<${b}${gate}`));
        } else {
          expect(both).toBe(false);
        }
      }),
    );
  });

  it('a || b is the union of a and b', () => {
    const simple = fc
      .tuple(fc.constantFrom('', '=', '!=', '>', '<', '>=', '<=', '~', '^'), smallVersionText)
      .map(([op, v]) => `${op}${v.split('+')[0]}`);
    fc.assert(
      fc.property(simple, simple, smallVersionText, (a, b, v) => {
        expect(satisfies(v, `${a} || ${b}`)).toBe(satisfies(v, a) || satisfies(v, b));
      }),
    );
  });

  it('comma and space mean the same', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom('>', '<', '>=', '<=', '~', '^', '!='), smallVersionText), { minLength: 1, maxLength: 4 }),
        smallVersionText,
        (parts, v) => {
          const items = parts.map(([op, x]) => `${op}${x}`);
          expect(satisfies(v, items.join(', '))).toBe(satisfies(v, items.join(' ')));
        },
      ),
    );
  });

  it('a release satisfies a constraint exactly when explainConstraint says so', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom('', '>', '<', '>=', '<=', '~', '^', '!='), smallVersionText), { minLength: 1, maxLength: 3 }),
        fc.array(fc.tuple(fc.constantFrom('', '>', '<', '~', '^'), fc.constantFrom('1', '1.x', '2.1', '*', '0')), { maxLength: 2 }),
        smallVersionText,
        (group, other, v) => {
          const text = [group.map(([op, x]) => op + x).join(' '), ...other.map(([op, x]) => op + x)].join(' || ');
          const e = explainConstraint(v, text);
          expect(e.ok).toBe(true);
          if (e.ok) {
            expect(e.value.satisfied).toBe(satisfies(v, text));
            expect(e.value.satisfied).toBe(e.value.rejections.length === 0);
          }
        },
      ),
    );
  });

  it('a prerelease never satisfies a group without a prerelease comparator', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom('', '>', '<', '>=', '<=', '~', '^', '!='), fc.constantFrom('1', '1.2', '1.2.3', '*', '0.x', '2')), {
          minLength: 1,
          maxLength: 3,
        }),
        smallVersionText,
        (group, v) => {
          fc.pre(parsed(v).prerelease !== '');
          expect(satisfies(v, group.map(([op, x]) => op + x).join(' '))).toBe(false);
        },
      ),
    );
  });

  it('the normalized constraint means the same as the original', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom('', '=', '>', '<', '>=', '=>', '<=', '=<', '~', '~>', '^', '!='), fc.constantFrom(' ', ''), smallVersionText), {
          minLength: 1,
          maxLength: 4,
        }),
        smallVersionText,
        (items, v) => {
          const text = items.map(([op, sp, x]) => op + sp + x).join(' , ');
          const c = parseConstraint(text);
          expect(c.ok).toBe(true);
          if (c.ok) expect(satisfies(v, c.value.normalized)).toBe(satisfies(v, text));
        },
      ),
    );
  });
});
