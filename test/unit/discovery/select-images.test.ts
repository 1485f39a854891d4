import { describe, expect, it } from 'vitest';
import { selectImages, type ImageCandidate, type ImageSubscriptionLike } from '../../../src/discovery/index.js';

const sub = (extra: Partial<ImageSubscriptionLike> = {}): ImageSubscriptionLike => ({ repoURL: 'ghcr.io/org/app', ...extra });
const tags = (...names: string[]): ImageCandidate[] => names.map((tag) => ({ tag }));
const selectedTags = (s: ImageSubscriptionLike, c: readonly ImageCandidate[]): string[] => {
  const r = selectImages(s, c);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value.map((x) => x.tag);
};
const issuesOf = (s: ImageSubscriptionLike, c: readonly ImageCandidate[] = []) => {
  const r = selectImages(s, c);
  expect(r.ok).toBe(false);
  return r.issues;
};

describe('selectImages: SemVer', () => {
  it('defaults to SemVer with strict versions', () => {
    expect(selectedTags(sub(), tags('1.2', 'v1.3.0', '1.2.9', 'latest', '20240101'))).toEqual(['v1.3.0', '1.2.9']);
  });
  it('accepts partial and numeric tags when strictSemvers is false', () => {
    expect(selectedTags(sub({ strictSemvers: false }), tags('1.2', '20240101', '1.10.0'))).toEqual(['20240101', '1.10.0', '1.2']);
  });
  it('applies the Masterminds constraint, prereleases only with a prerelease comparator', () => {
    expect(selectedTags(sub({ constraint: '^1.2.0' }), tags('1.2.0', '1.9.9', '2.0.0', '1.5.0-rc.1'))).toEqual(['1.9.9', '1.2.0']);
    expect(selectedTags(sub({ constraint: '>=1.2.0-0' }), tags('1.2.0', '1.5.0-rc.1'))).toEqual(['1.5.0-rc.1', '1.2.0']);
  });
  it('breaks precedence ties by the original text, descending', () => {
    expect(selectedTags(sub({ strictSemvers: false }), tags('1', '1.0.0', 'v1.0.0', '1.0', 'v1'))).toEqual(['v1.0.0', 'v1', '1.0.0', '1.0', '1']);
  });
  it('reports an invalid constraint at its field', () => {
    const [issue] = issuesOf(sub({ constraint: '>= 1 &&' }));
    expect(issue).toMatchObject({ code: 'DISCOVERY_INVALID_CONSTRAINT', path: ['constraint'] });
  });
});

describe('selectImages: regexes', () => {
  it('treats regexes as unanchored RE2', () => {
    expect(selectedTags(sub({ imageSelectionStrategy: 'Lexical', allowTagsRegexes: ['(?i)^RC'] }), tags('rc1', 'RC2', 'xrc'))).toEqual(['rc1', 'RC2']);
  });
  it('reports invalid regexes with their list and index', () => {
    const issues = issuesOf(sub({ allowTagsRegexes: ['ok', '(?=x)'], ignoreTagsRegexes: ['('] }));
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ['DISCOVERY_INVALID_TAG_REGEX', ['allowTagsRegexes', 1]],
      ['DISCOVERY_INVALID_TAG_REGEX', ['ignoreTagsRegexes', 0]],
    ]);
  });
  it('runs a catastrophic pattern against a 50,000-character tag in linear time', () => {
    const long = 'a'.repeat(50_000) + '!';
    const start = performance.now();
    const r = selectImages(sub({ imageSelectionStrategy: 'Lexical', allowTagsRegexes: ['(a+)+$'] }), tags(long, 'aaa'));
    expect(performance.now() - start).toBeLessThan(2000);
    expect(r.ok && r.value.map((c) => c.tag)).toEqual(['aaa']);
  });
});

describe('selectImages: deprecated fields and settings', () => {
  it('fails on allowTags and ignoreTags', () => {
    const issues = issuesOf(sub({ allowTags: '^v', ignoreTags: ['x'] }));
    expect(issues.map((i) => i.code)).toEqual(['DISCOVERY_DEPRECATED_ALLOW_TAGS', 'DISCOVERY_DEPRECATED_IGNORE_TAGS']);
  });
  it('ignores empty deprecated fields', () => {
    expect(selectedTags(sub({ allowTags: '', ignoreTags: [] }), tags('1.0.0'))).toEqual(['1.0.0']);
  });
  it('rejects an unknown strategy and a bad limit', () => {
    const issues = issuesOf(sub({ imageSelectionStrategy: 'Newest' as never, discoveryLimit: -1 }));
    expect(issues.map((i) => i.code)).toEqual(['DISCOVERY_UNSUPPORTED_STRATEGY', 'DISCOVERY_INVALID_LIMIT']);
  });
  it('reports malformed candidates instead of throwing', () => {
    const issues = issuesOf(sub(), [{ tag: '1.0.0' }, null as never, { tag: 3 } as never]);
    expect(issues.map((i) => i.path)).toEqual([
      ['candidates', 1],
      ['candidates', 2],
    ]);
  });
});

describe('selectImages: platform', () => {
  const multi = (tag: string, ...platforms: string[]): ImageCandidate => ({
    tag,
    platforms: platforms.map((p) => {
      const [os = '', arch = '', variant] = p.split('/');
      return variant === undefined ? { os, arch } : { os, arch, variant };
    }),
  });
  it('keeps only images whose index lists exactly the platform, and skipped ones do not count', () => {
    const cands = [multi('3.0.0', 'linux/amd64'), multi('2.0.0', 'linux/arm64/v8'), multi('1.0.0', 'linux/arm64'), { tag: '0.9.0' }];
    expect(selectedTags(sub({ platform: 'linux/arm64', discoveryLimit: 1 }), cands)).toEqual(['1.0.0']);
    expect(selectedTags(sub({ platform: 'linux/arm64/v8' }), cands)).toEqual(['2.0.0']);
  });
  it('rejects a platform without an architecture', () => {
    expect(issuesOf(sub({ platform: 'linux' }))[0]).toMatchObject({ code: 'DISCOVERY_INVALID_PLATFORM', path: ['platform'] });
  });
});

describe('selectImages: NewestBuild and Digest', () => {
  it('sorts by creation time, ties and missing times by tag', () => {
    const cands: ImageCandidate[] = [
      { tag: 'a', createdAt: '2024-01-01T00:00:00Z' },
      { tag: 'b', createdAt: new Date('2024-01-01T00:00:00Z') },
      { tag: 'c' },
      { tag: 'd', createdAt: '2024-02-01T00:00:00Z' },
    ];
    expect(selectedTags(sub({ imageSelectionStrategy: 'NewestBuild' }), cands)).toEqual(['d', 'b', 'a', 'c']);
    expect(selectedTags(sub({ imageSelectionStrategy: 'NewestBuild', discoveryLimit: 2 }), cands)).toEqual(['d', 'b']);
  });
  it('follows the tag named by constraint', () => {
    const cands: ImageCandidate[] = [{ tag: 'latest', digest: 'sha256:1' }, { tag: 'v1' }];
    const r = selectImages(sub({ imageSelectionStrategy: 'Digest', constraint: 'latest' }), cands);
    expect(r.ok && r.value).toEqual([{ tag: 'latest', digest: 'sha256:1' }]);
    expect(selectedTags(sub({ imageSelectionStrategy: 'Digest', constraint: 'missing' }), cands)).toEqual([]);
  });
  it('requires a constraint for Digest', () => {
    expect(issuesOf(sub({ imageSelectionStrategy: 'Digest' }))[0]).toMatchObject({ code: 'DISCOVERY_DIGEST_CONSTRAINT_REQUIRED' });
  });
});

describe('selectImages: scale', () => {
  it('selects from one million tags', () => {
    const many: ImageCandidate[] = [];
    for (let i = 0; i < 1_000_000; i++) many.push({ tag: i % 3 === 0 ? `build-${i}` : `${i % 7}.${i % 101}.${i % 1009}` });
    const r = selectImages(sub({ constraint: '<6.50.0', discoveryLimit: 3 }), many);
    // Oracle: plain numeric triples, compared as numbers.
    const key = (t: string): number[] => t.split('.').map(Number);
    const expected = many
      .map((c) => c.tag)
      .filter((t) => /^\d+\.\d+\.\d+$/.test(t))
      .map(key)
      .filter(([a = 0, b = 0]) => a < 6 || (a === 6 && b < 50))
      .sort((x, y) => y[0]! - x[0]! || y[1]! - x[1]! || y[2]! - x[2]!)
      .slice(0, 3)
      .map((k) => k.join('.'));
    expect(expected).toHaveLength(3);
    expect(r.ok && r.value.map((c) => c.tag)).toEqual(expected);
  }, 60_000);
});
