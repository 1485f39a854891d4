import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareBytewise, selectChartVersions, selectGitRefs, selectImages, type ImageCandidate, type ImageSubscriptionLike } from '../../src/discovery/index.js';
import { compareVersions, parseVersion, satisfies } from '../../src/versions/index.js';

const segment = fc.integer({ min: 0, max: 12 });
const versionTag = fc
  .tuple(fc.constantFrom('', 'v'), segment, segment, segment, fc.constantFrom('', '-rc.1', '-alpha', '+b1'))
  .map(([v, a, b, c, s]) => `${v}${a}.${b}.${c}${s}`);
const otherTag = fc.constantFrom('latest', 'main', '1.2', '01.2.3', 'abc1234', 'nightly-2024', '7');
const tagList = fc.uniqueArray(fc.oneof(versionTag, otherTag), { maxLength: 40 });
const constraint = fc.constantFrom(undefined, '>=1.0.0', '^2.0.0', '~3.1', '<5.0.0-0', '1.x || >=10.0.0');
const limit = fc.integer({ min: 1, max: 10 });
const allow = fc.constantFrom<string[] | undefined>(undefined, ['^v'], ['^[0-9]'], ['1', '2']);

const shuffled = <T>(items: readonly T[]) => fc.shuffledSubarray([...items], { minLength: items.length, maxLength: items.length });

function eligibleSemVer(tag: string, sub: ImageSubscriptionLike): boolean {
  if (sub.allowTagsRegexes && !sub.allowTagsRegexes.some((r) => new RegExp(r).test(tag))) return false;
  const v = parseVersion(tag, { strict: sub.strictSemvers ?? true });
  return v !== undefined && (sub.constraint === undefined || satisfies(v, sub.constraint));
}

describe('image selection laws', () => {
  it('SemVer: order-independent, eligible only, sorted, maximal and cut to the limit', () => {
    fc.assert(
      fc.property(tagList, constraint, limit, allow, fc.boolean(), (tags, c, n, allowTags, strict) => {
        const sub: ImageSubscriptionLike = {
          repoURL: 'x.io/a',
          discoveryLimit: n,
          strictSemvers: strict,
          ...(c !== undefined ? { constraint: c } : {}),
          ...(allowTags ? { allowTagsRegexes: allowTags } : {}),
        };
        const cands = tags.map((tag) => ({ tag }));
        const r = selectImages(sub, cands);
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        const got = r.value.map((x) => x.tag);
        const eligible = tags.filter((t) => eligibleSemVer(t, sub));
        expect(got.every((t) => eligible.includes(t))).toBe(true);
        expect(got.length).toBe(Math.min(n, eligible.length));
        for (let i = 1; i < got.length; i++) expect(compareVersions(got[i - 1]!, got[i]!)).toBeGreaterThanOrEqual(0);
        // Maximal: nothing left out ranks above the last one kept.
        const last = got[got.length - 1];
        if (last !== undefined) for (const t of eligible) if (!got.includes(t)) expect(compareVersions(t, last)).toBeLessThanOrEqual(0);
        fc.assert(
          fc.property(shuffled(cands), (again) => {
            const r2 = selectImages(sub, again);
            expect(r2.ok && r2.value.map((x) => x.tag)).toEqual(got);
          }),
          { numRuns: 3 },
        );
      }),
      { numRuns: 150 },
    );
  });

  it('Lexical and NewestBuild: order-independent, sorted, cut to the limit', () => {
    const stamped = fc.uniqueArray(fc.record({ tag: fc.string({ maxLength: 6 }), day: fc.integer({ min: 1, max: 5 }) }), { selector: (x) => x.tag, maxLength: 30 });
    fc.assert(
      fc.property(stamped, limit, fc.constantFrom('Lexical', 'NewestBuild') as fc.Arbitrary<'Lexical' | 'NewestBuild'>, (items, n, strategy) => {
        const cands: ImageCandidate[] = items.map((x) => ({ tag: x.tag, createdAt: `2024-01-0${x.day}T00:00:00Z` }));
        const sub: ImageSubscriptionLike = { repoURL: 'x.io/a', imageSelectionStrategy: strategy, discoveryLimit: n };
        const r = selectImages(sub, cands);
        if (!r.ok) throw new Error('selection failed');
        const got = r.value;
        expect(got.length).toBe(Math.min(n, cands.length));
        for (let i = 1; i < got.length; i++) {
          const [a, b] = [got[i - 1]!, got[i]!];
          if (strategy === 'Lexical') expect(compareBytewise(a.tag, b.tag)).toBe(1);
          else expect(Date.parse(String(a.createdAt)) > Date.parse(String(b.createdAt)) || (a.createdAt === b.createdAt && compareBytewise(a.tag, b.tag) === 1)).toBe(true);
        }
        const reversed = selectImages(sub, [...cands].reverse());
        expect(reversed.ok && reversed.value.map((x) => x.tag)).toEqual(got.map((x) => x.tag));
      }),
      { numRuns: 200 },
    );
  });
});

describe('git and chart selection laws', () => {
  it('SemVer and Lexical tag selection do not depend on the tag order', () => {
    fc.assert(
      fc.property(tagList, fc.constantFrom('SemVer', 'Lexical') as fc.Arbitrary<'SemVer' | 'Lexical'>, limit, (names, strategy, n) => {
        const tags = names.map((tag, i) => ({ tag, id: `id${i}`, creatorDate: '2024-01-01T00:00:00Z' }));
        const sub = { repoURL: 'https://g/x', commitSelectionStrategy: strategy, discoveryLimit: n };
        const a = selectGitRefs(sub, { tags });
        const b = selectGitRefs(sub, { tags: [...tags].reverse() });
        expect(a.ok && b.ok).toBe(true);
        expect(a.ok && a.value).toEqual(b.ok && b.value);
        expect(a.ok && a.value.length).toBeLessThanOrEqual(n);
      }),
      { numRuns: 150 },
    );
  });

  it('chart selection does not depend on the version order and respects the limit', () => {
    fc.assert(
      fc.property(tagList, limit, fc.boolean(), (versions, n, oci) => {
        const sub = oci ? { repoURL: 'oci://x.io/c', discoveryLimit: n } : { repoURL: 'https://c.io', name: 'c', discoveryLimit: n };
        const a = selectChartVersions(sub, versions);
        const b = selectChartVersions(sub, [...versions].reverse());
        expect(a.ok && a.value).toEqual(b.ok && b.value);
        expect(a.ok && a.value.length).toBeLessThanOrEqual(n);
      }),
      { numRuns: 150 },
    );
  });
});

describe('selection fuzz', () => {
  it('returns a result, never throws, for arbitrary subscriptions and candidates', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), (sub, cands) => {
        const r1 = selectImages(sub as never, cands as never);
        const r2 = selectGitRefs(sub as never, cands as never);
        const r3 = selectChartVersions(sub as never, cands as never);
        for (const r of [r1, r2, r3]) expect(typeof r.ok).toBe('boolean');
      }),
      { numRuns: 500 },
    );
  });

  it('never throws when known fields hold values of the wrong type', () => {
    const field = fc.oneof(fc.anything(), fc.string(), fc.array(fc.anything(), { maxLength: 3 }));
    const subscription = fc.record(
      {
        repoURL: field,
        imageSelectionStrategy: fc.oneof(field, fc.constantFrom('SemVer', 'Lexical', 'NewestBuild', 'Digest')),
        commitSelectionStrategy: fc.oneof(field, fc.constantFrom('NewestFromBranch', 'SemVer', 'Lexical', 'NewestTag')),
        constraint: field,
        semverConstraint: field,
        strictSemvers: field,
        allowTagsRegexes: field,
        ignoreTagsRegexes: field,
        allowTags: field,
        ignoreTags: field,
        platform: field,
        discoveryLimit: field,
        includePaths: field,
        excludePaths: field,
        branch: field,
        since: field,
        name: field,
      },
      { requiredKeys: [] },
    );
    const candidate = fc.record(
      { tag: fc.oneof(field, fc.string()), id: fc.oneof(field, fc.string()), creatorDate: field, createdAt: field, subject: field, author: field, changedPaths: field, platforms: field },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(subscription, fc.array(candidate, { maxLength: 4 }), fc.array(fc.oneof(field, fc.string()), { maxLength: 4 }), (sub, cands, versions) => {
        const results = [
          selectImages(sub as never, cands as never),
          selectGitRefs(sub as never, { commits: cands as never }),
          selectGitRefs({ ...(sub as object), commitSelectionStrategy: 'NewestTag' } as never, { tags: cands as never }),
          selectChartVersions(sub as never, versions as never),
        ];
        for (const r of results) expect(typeof r.ok).toBe('boolean');
      }),
      { numRuns: 1000 },
    );
  });

  it('reports bad regexes as issues, never throws', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 8 }), { maxLength: 3 }), (regexes) => {
        const r = selectImages({ repoURL: 'x.io/a', imageSelectionStrategy: 'Lexical', allowTagsRegexes: regexes }, [{ tag: 'abc' }]);
        if (!r.ok) expect(r.issues.every((i) => i.code === 'DISCOVERY_INVALID_TAG_REGEX')).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
