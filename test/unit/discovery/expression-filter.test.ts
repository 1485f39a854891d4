import { describe, expect, it } from 'vitest';
import { readGoBool, selectGitRefs, type CommitCandidate, type GitSubscriptionLike, type TagCandidate } from '../../../src/discovery/index.js';

const sub = (extra: Partial<GitSubscriptionLike>): GitSubscriptionLike => ({ repoURL: 'https://github.com/o/r', ...extra });
const commits: CommitCandidate[] = [
  { id: 'c3', creatorDate: '2024-01-03T00:00:00Z', subject: 'wip: later', author: 'Ann' },
  { id: 'c2', creatorDate: '2024-01-02T00:00:00Z', subject: 'fix: thing', author: 'Bob' },
  { id: 'c1', creatorDate: '2024-01-01T00:00:00Z', subject: 'feat: start', author: 'Ann' },
];
const tags: TagCandidate[] = [
  { tag: 'v2.0.0', id: 'b', creatorDate: '2024-02-01T00:00:00Z', tagger: 'Rel Bot', annotation: 'release' },
  { tag: 'v1.0.0', id: 'a', creatorDate: '2024-01-01T00:00:00Z', tagger: 'Ann', annotation: '' },
];
const ids = (s: GitSubscriptionLike, input: { commits?: CommitCandidate[]; tags?: TagCandidate[] }) => {
  const r = selectGitRefs(s, input);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value.map((c) => c.tag ?? c.id);
};

describe('expressionFilter', () => {
  it('filters branch commits with id, subject, author and commitDate', () => {
    expect(ids(sub({ expressionFilter: '!(subject startsWith "wip")' }), { commits })).toEqual(['c2', 'c1']);
    expect(ids(sub({ expressionFilter: 'author == "Ann" && id != "c3"' }), { commits })).toEqual(['c1']);
    expect(ids(sub({ expressionFilter: 'commitDate.Year() == 2024 && commitDate.Day() >= 2' }), { commits })).toEqual(['c3', 'c2']);
  });
  it('filters tags with tag, tagger and annotation', () => {
    expect(ids(sub({ commitSelectionStrategy: 'SemVer', expressionFilter: 'annotation == "release"' }), { tags })).toEqual(['v2.0.0']);
    expect(ids(sub({ commitSelectionStrategy: 'NewestTag', expressionFilter: 'tagger != "Rel Bot" && tag matches "^v1"' }), { tags })).toEqual(['v1.0.0']);
  });
  it('reads text and numbers as Go reads booleans', () => {
    expect(ids(sub({ expressionFilter: 'id == "c1" ? "true" : "F"' }), { commits })).toEqual(['c1']);
    expect(ids(sub({ expressionFilter: 'id == "c2" ? 1 : 0' }), { commits })).toEqual(['c2']);
  });
  it('fails on results that are not booleans, and on runtime errors', () => {
    const r = selectGitRefs(sub({ expressionFilter: '"yes"' }), { commits });
    expect(!r.ok && r.issues[0]).toMatchObject({ code: 'DISCOVERY_EXPRESSION_FILTER_FAILED', path: ['expressionFilter'] });
    const r2 = selectGitRefs(sub({ expressionFilter: 'nope.field == 1' }), { commits });
    expect(r2.ok).toBe(false);
  });
  it('reports a filter that does not compile', () => {
    const r = selectGitRefs(sub({ expressionFilter: 'id ==' }), { commits });
    expect(!r.ok && r.issues[0]).toMatchObject({ code: 'DISCOVERY_INVALID_EXPRESSION_FILTER', path: ['expressionFilter'] });
  });
});

describe('readGoBool', () => {
  it('accepts what strconv.ParseBool accepts', () => {
    for (const t of ['1', 't', 'T', 'TRUE', 'true', 'True']) expect(readGoBool(t)).toBe(true);
    for (const f of ['0', 'f', 'F', 'FALSE', 'false', 'False']) expect(readGoBool(f)).toBe(false);
    expect(readGoBool(1n)).toBe(true);
    expect(readGoBool(0)).toBe(false);
    for (const bad of ['yes', 'tRUE', '', 2n, 1.5, null]) expect(readGoBool(bad)).toBeUndefined();
  });
});
