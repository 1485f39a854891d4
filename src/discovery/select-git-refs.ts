import { createIssue, type Issue } from '../errors/index.js';
import { err, ok, type Result } from '../result.js';
import { compareBytewise } from './compare-bytewise.js';
import { formatKubeTime, toEpochMillis } from './dates.js';
import { compileExpressionFilter, type ExpressionFilter } from './expression-filter.js';
import { readDiscoveryLimit } from './limits.js';
import { compilePathFilters, pathsPassFilters, type CompiledPathFilters } from './path-filters.js';
import { allowedBy, compareVersionedDescending, readConstraint, readVersion, type Versioned } from './semver-support.js';
import { GIT_FIELDS, readSubscription } from './read-subscription.js';
import { shortenSubject } from './subject.js';
import { checkDeprecatedTagFields, compileTagFilter } from './tag-filter.js';
import type { CommitCandidate, CommitSelectionStrategy, DiscoveredCommit, GitSubscriptionFields, GitSubscriptionLike, TagCandidate } from './types.js';

const GIT_STRATEGIES: readonly string[] = ['NewestFromBranch', 'SemVer', 'Lexical', 'NewestTag'] satisfies CommitSelectionStrategy[];

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** The candidate's changed paths, ignoring anything that is not text. */
function changedPathsOf(c: CommitCandidate | TagCandidate): string[] {
  const paths: unknown = c.changedPaths;
  return Array.isArray(paths) ? paths.filter((p): p is string => typeof p === 'string') : [];
}

function toDate(value: string | Date): Date | null {
  const ms = toEpochMillis(value);
  return ms === undefined ? null : new Date(ms);
}

function describeCommit(c: CommitCandidate | TagCandidate, extra: Partial<DiscoveredCommit>): DiscoveredCommit {
  const out: Mutable<DiscoveredCommit> = { id: c.id };
  if (extra.tag) out.tag = extra.tag;
  if (extra.branch) out.branch = extra.branch;
  if (typeof c.subject === 'string' && c.subject !== '') out.subject = shortenSubject(c.subject);
  if (typeof c.author === 'string' && c.author !== '') out.author = c.author;
  if (typeof c.committer === 'string' && c.committer !== '') out.committer = c.committer;
  if (typeof c.creatorDate === 'string' || c.creatorDate instanceof Date) {
    const date = formatKubeTime(c.creatorDate);
    if (date !== '') out.creatorDate = date;
  }
  return out;
}

function readList<T>(list: readonly T[] | undefined, field: 'commits' | 'tags', required: 'id' | 'tag', issues: Issue[]): T[] {
  if (list === undefined) return [];
  if (!Array.isArray(list)) {
    issues.push(createIssue('DISCOVERY_INVALID_INPUT', `${field} must be a list`, { path: [field] }));
    return [];
  }
  const out: T[] = [];
  list.forEach((item, index) => {
    const record = item as unknown as Record<string, unknown> | null;
    const valid = typeof record === 'object' && record !== null && typeof record['id'] === 'string' && (required === 'id' || typeof record['tag'] === 'string');
    if (valid) out.push(item);
    else issues.push(createIssue('DISCOVERY_INVALID_INPUT', `each of ${field} needs a string \`${required}\`${required === 'tag' ? ' and `id`' : ''}`, { path: [field, index] }));
  });
  return out;
}

/** Applies the expression filter to each candidate in order; stops at the first failure. */
function filterByExpression<T>(items: readonly T[], filter: ExpressionFilter | undefined, envOf: (item: T) => Record<string, unknown>, issues: Issue[]): T[] {
  if (filter === undefined) return [...items];
  const out: T[] = [];
  for (const item of items) {
    const passed = filter(envOf(item));
    if (!passed.ok) {
      issues.push(...passed.issues);
      return [];
    }
    if (passed.value) out.push(item);
  }
  return out;
}

function selectFromBranch(sub: GitSubscriptionFields, commits: readonly CommitCandidate[], limit: number, expression: ExpressionFilter | undefined, paths: CompiledPathFilters, issues: Issue[]): DiscoveredCommit[] {
  const since = sub.since ? toEpochMillis(sub.since) : undefined;
  if (sub.since && since === undefined) {
    issues.push(createIssue('DISCOVERY_INVALID_INPUT', `since ${JSON.stringify(sub.since)} is not an RFC 3339 time`, { path: ['since'] }));
    return [];
  }
  const branch = sub.branch ?? '';
  const out: DiscoveredCommit[] = [];
  for (const c of commits) {
    if (out.length >= limit) break;
    if (since !== undefined && (toEpochMillis(c.creatorDate) ?? Number.NEGATIVE_INFINITY) < since) continue;
    if (expression !== undefined) {
      const env = { id: c.id, commitDate: toDate(c.creatorDate), author: c.author ?? '', committer: c.committer ?? '', subject: c.subject ?? '' };
      const passed = expression(env);
      if (!passed.ok) {
        issues.push(...passed.issues);
        return [];
      }
      if (!passed.value) continue;
    }
    if (paths.configured && !pathsPassFilters(paths, changedPathsOf(c))) continue;
    out.push(describeCommit(c, { branch }));
  }
  return out;
}

function orderTags(strategy: string, sub: GitSubscriptionFields, tags: readonly TagCandidate[], issues: Issue[]): TagCandidate[] {
  if (strategy === 'Lexical') return [...tags].sort((a, b) => compareBytewise(b.tag, a.tag));
  if (strategy !== 'SemVer') return [...tags]; // NewestTag keeps the newest-creator-date-first order
  const constraint = readConstraint(sub.semverConstraint, 'semverConstraint', issues);
  const strict = sub.strictSemvers ?? true;
  const kept: Versioned<TagCandidate>[] = [];
  for (const t of tags) {
    const version = readVersion(t.tag, strict);
    if (version !== undefined && allowedBy(version, constraint)) kept.push({ version, item: t });
  }
  kept.sort(compareVersionedDescending);
  return kept.map((k) => k.item);
}

function selectFromTags(strategy: string, sub: GitSubscriptionFields, tags: readonly TagCandidate[], limit: number, expression: ExpressionFilter | undefined, paths: CompiledPathFilters, issues: Issue[]): DiscoveredCommit[] {
  checkDeprecatedTagFields(sub, issues);
  const nameFilter = compileTagFilter(sub, issues);
  if (issues.length > 0) return [];
  const named = tags
    .map((t) => (t.tag.startsWith('refs/tags/') ? { ...t, tag: t.tag.slice('refs/tags/'.length) } : t))
    .filter((t) => nameFilter(t.tag));
  const ordered = orderTags(strategy, sub, named, issues);
  if (issues.length > 0) return [];
  const envOf = (t: TagCandidate): Record<string, unknown> => ({
    tag: t.tag,
    id: t.id,
    creatorDate: toDate(t.creatorDate),
    author: t.author ?? '',
    committer: t.committer ?? '',
    subject: t.subject ?? '',
    tagger: t.tagger ?? '',
    annotation: t.annotation ?? '',
  });
  const filtered = filterByExpression(ordered, expression, envOf, issues);
  let chosen: TagCandidate[] = filtered;
  if (paths.configured) {
    // Kargo counts after adding, so an explicit limit of 0 keeps exactly the first match here.
    const cap = sub.discoveryLimit === 0 ? 1 : limit;
    chosen = [];
    for (const t of filtered) {
      if (!pathsPassFilters(paths, changedPathsOf(t))) continue;
      chosen.push(t);
      if (chosen.length >= cap) break;
    }
  }
  return chosen.slice(0, limit).map((t) => describeCommit(t, { tag: t.tag }));
}

/**
 * Picks commits for a Git subscription from candidates a Git port listed, best first, cut to
 * `discoveryLimit`, with Kargo's rules:
 * - NewestFromBranch (the default): the branch's commits in the given (newest first) order, on or
 *   after `since`, that pass `expressionFilter` (env `id`, `commitDate`, `author`, `committer`,
 *   `subject`) and the path filters; each is reported with the subscription's `branch`.
 * - SemVer, Lexical, NewestTag: tags (without any `refs/tags/` prefix) that pass the allow/ignore
 *   regexes (SemVer: that also parse, strictly by default, and satisfy `semverConstraint`) and
 *   `expressionFilter` (env `tag`, `id`, `creatorDate`, `author`, `committer`, `subject`, `tagger`,
 *   `annotation`); ordered by version, by name descending, or kept newest first; then the path
 *   filters, walking in that order until the limit is reached.
 * Subjects are cut to 80 bytes at a character boundary. Bad settings are issues.
 */
export function selectGitRefs(
  subscription: GitSubscriptionLike,
  candidates: { readonly commits?: readonly CommitCandidate[] | undefined; readonly tags?: readonly TagCandidate[] | undefined },
): Result<DiscoveredCommit[]> {
  const issues: Issue[] = [];
  const sub = readSubscription<GitSubscriptionFields>(subscription, GIT_FIELDS, 'Git', issues);
  if (sub === undefined) return err(issues);
  const strategy = sub.commitSelectionStrategy || 'NewestFromBranch';
  if (!GIT_STRATEGIES.includes(strategy)) {
    issues.push(
      createIssue('DISCOVERY_UNSUPPORTED_STRATEGY', `commit selection strategy ${JSON.stringify(strategy)} is not supported (use NewestFromBranch, SemVer, Lexical or NewestTag)`, {
        path: ['commitSelectionStrategy'],
      }),
    );
  }
  const limit = readDiscoveryLimit(sub.discoveryLimit, issues);
  const expression = compileExpressionFilter(sub.expressionFilter, issues);
  const paths = compilePathFilters(sub, issues);
  const given = typeof candidates === 'object' && candidates !== null ? candidates : {};
  const commits = readList<CommitCandidate>(given.commits, 'commits', 'id', issues);
  const tags = readList<TagCandidate>(given.tags, 'tags', 'tag', issues);
  if (issues.length > 0) return err(issues);
  const selected =
    strategy === 'NewestFromBranch'
      ? selectFromBranch(sub, commits, limit, expression, paths, issues)
      : selectFromTags(strategy, sub, tags, limit, expression, paths, issues);
  return issues.length > 0 ? err(issues) : ok(selected);
}
