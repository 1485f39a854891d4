import { describe, expect, it } from 'vitest';
import { selectGitRefs, type CommitCandidate, type GitSubscriptionLike, type TagCandidate } from '../../../src/discovery/index.js';

const sub = (extra: Partial<GitSubscriptionLike> = {}): GitSubscriptionLike => ({ repoURL: 'https://github.com/org/repo', ...extra });
const commit = (id: string, day: number, changedPaths: string[] = ['a.txt'], subject = `commit ${id}`): CommitCandidate => ({
  id,
  creatorDate: `2024-01-${String(day).padStart(2, '0')}T12:00:00Z`,
  subject,
  author: 'Ann <ann@example.com>',
  committer: 'Ann <ann@example.com>',
  changedPaths,
});
const tag = (name: string, id: string, day: number, changedPaths: string[] = ['a.txt']): TagCandidate => ({
  tag: name,
  id,
  creatorDate: new Date(Date.UTC(2024, 0, day)),
  changedPaths,
});

describe('selectGitRefs: NewestFromBranch', () => {
  it('keeps the given order, cut to the limit, with Kargo fields', () => {
    const r = selectGitRefs(sub({ branch: 'main', discoveryLimit: 2 }), { commits: [commit('c3', 3), commit('c2', 2), commit('c1', 1)] });
    expect(r.ok && r.value).toEqual([
      { id: 'c3', branch: 'main', subject: 'commit c3', author: 'Ann <ann@example.com>', committer: 'Ann <ann@example.com>', creatorDate: '2024-01-03T12:00:00Z' },
      { id: 'c2', branch: 'main', subject: 'commit c2', author: 'Ann <ann@example.com>', committer: 'Ann <ann@example.com>', creatorDate: '2024-01-02T12:00:00Z' },
    ]);
  });
  it('leaves branch out when the subscription follows the default branch', () => {
    const r = selectGitRefs(sub(), { commits: [commit('c1', 1)] });
    expect(r.ok && r.value[0]).not.toHaveProperty('branch');
  });
  it('walks commits through path filters until the limit', () => {
    const commits = [commit('c4', 4, ['docs/a.md']), commit('c3', 3, ['apps/x.yaml']), commit('c2', 2, []), commit('c1', 1, ['apps/y.yaml'])];
    const r = selectGitRefs(sub({ includePaths: ['apps'], discoveryLimit: 5 }), { commits });
    expect(r.ok && r.value.map((c) => c.id)).toEqual(['c3', 'c1']);
  });
  it('drops commits older than since', () => {
    const r = selectGitRefs(sub({ since: '2024-01-02T00:00:00Z' }), { commits: [commit('c3', 3), commit('c2', 2), commit('c1', 1)] });
    expect(r.ok && r.value.map((c) => c.id)).toEqual(['c3', 'c2']);
  });
  it('cuts long subjects to 80 bytes at a character boundary', () => {
    const subject = 'é'.repeat(50); // 100 bytes
    const r = selectGitRefs(sub(), { commits: [commit('c1', 1, ['a'], subject)] });
    const got = r.ok ? (r.value[0]?.subject ?? '') : '';
    expect(got).toBe('é'.repeat(38) + '...');
    expect(new TextEncoder().encode(got).length).toBeLessThanOrEqual(80);
  });
  it('ignores deprecated tag fields, which only tag strategies read', () => {
    expect(selectGitRefs(sub({ allowTags: 'x' }), { commits: [commit('c1', 1)] }).ok).toBe(true);
  });
});

describe('selectGitRefs: tag strategies', () => {
  const tags = [tag('v1.10.0', 'a', 5), tag('refs/tags/v1.9.0', 'b', 4), tag('v2.0.0-rc.1', 'c', 3), tag('nightly', 'd', 2), tag('v1.2', 'e', 1)];
  it('SemVer orders by version, strips refs/tags/ and skips non-versions', () => {
    // Without a constraint every version counts, prereleases included.
    const r = selectGitRefs(sub({ commitSelectionStrategy: 'SemVer' }), { tags });
    expect(r.ok && r.value.map((c) => c.tag)).toEqual(['v2.0.0-rc.1', 'v1.10.0', 'v1.9.0']);
    expect(r.ok && r.value[1]).toMatchObject({ id: 'a', tag: 'v1.10.0', creatorDate: '2024-01-05T00:00:00Z' });
  });
  it('SemVer takes the constraint from semverConstraint', () => {
    const r = selectGitRefs(sub({ commitSelectionStrategy: 'SemVer', semverConstraint: '>=2.0.0-0', strictSemvers: false }), { tags });
    expect(r.ok && r.value.map((c) => c.tag)).toEqual(['v2.0.0-rc.1']);
  });
  it('Lexical orders names bytewise, descending', () => {
    const r = selectGitRefs(sub({ commitSelectionStrategy: 'Lexical' }), { tags });
    expect(r.ok && r.value.map((c) => c.tag)).toEqual(['v2.0.0-rc.1', 'v1.9.0', 'v1.2', 'v1.10.0', 'nightly']);
  });
  it('NewestTag keeps the given order', () => {
    const r = selectGitRefs(sub({ commitSelectionStrategy: 'NewestTag', ignoreTagsRegexes: ['^n'] }), { tags });
    expect(r.ok && r.value.map((c) => c.tag)).toEqual(['v1.10.0', 'v1.9.0', 'v2.0.0-rc.1', 'v1.2']);
  });
  it('applies path filters in selection order and stops at the limit', () => {
    const withPaths = [tag('v3.0.0', 'a', 3, ['docs/x']), tag('v2.0.0', 'b', 2, ['apps/x']), tag('v1.0.0', 'c', 1, ['apps/y'])];
    const r = selectGitRefs(sub({ commitSelectionStrategy: 'SemVer', excludePaths: ['glob:docs/**'], discoveryLimit: 1 }), { tags: withPaths });
    expect(r.ok && r.value.map((c) => c.tag)).toEqual(['v2.0.0']);
  });
  it('keeps exactly one tag with path filters and an explicit limit of 0, as Kargo does', () => {
    const withPaths = [tag('v2.0.0', 'b', 2, ['apps/x']), tag('v1.0.0', 'c', 1, ['apps/y'])];
    const r = selectGitRefs(sub({ commitSelectionStrategy: 'SemVer', includePaths: ['apps'], discoveryLimit: 0 }), { tags: withPaths });
    expect(r.ok && r.value.map((c) => c.tag)).toEqual(['v2.0.0']);
  });
  it('fails on deprecated fields and bad settings, naming the fields', () => {
    const r = selectGitRefs(sub({ commitSelectionStrategy: 'Lexical', ignoreTags: ['x'], allowTagsRegexes: ['['] }), { tags });
    expect(!r.ok && r.issues.map((i) => [i.code, i.path])).toEqual([
      ['DISCOVERY_DEPRECATED_IGNORE_TAGS', ['ignoreTags']],
      ['DISCOVERY_INVALID_TAG_REGEX', ['allowTagsRegexes', 0]],
    ]);
    const bad = selectGitRefs(sub({ commitSelectionStrategy: 'SemVer', semverConstraint: '~= 1', includePaths: ['glob:{'] }), { tags });
    expect(!bad.ok && bad.issues.map((i) => [i.code, i.path])).toEqual([['DISCOVERY_INVALID_PATH_SELECTOR', ['includePaths', 0]]]);
  });
  it('reports an invalid constraint at semverConstraint', () => {
    const r = selectGitRefs(sub({ commitSelectionStrategy: 'SemVer', semverConstraint: '~= 1' }), { tags });
    expect(!r.ok && r.issues[0]).toMatchObject({ code: 'DISCOVERY_INVALID_CONSTRAINT', path: ['semverConstraint'] });
  });
  it('reports malformed candidates instead of throwing', () => {
    const r = selectGitRefs(sub({ commitSelectionStrategy: 'NewestTag' }), { tags: [{ tag: 'x' } as never] });
    expect(!r.ok && r.issues[0]).toMatchObject({ code: 'DISCOVERY_INVALID_INPUT', path: ['tags', 0] });
    expect(selectGitRefs(null as never, {}).ok).toBe(false);
  });
});
