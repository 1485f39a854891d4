import type { GitCommitMetadata, GitPort, GitTagMetadata } from '../ports/index.js';
import type { Issue } from '../errors/index.js';
import { addScopedIssues, callPort, DiscoveryStopped, omitEmpty, readAllPages, type SubscriptionScope } from './discover-support.js';
import type { GitDiscoveryResult } from './discover-types.js';
import { compilePathFilters, pathsPassFilters, type CompiledPathFilters } from './path-filters.js';
import { selectGitRefs } from './select-git-refs.js';
import type { CommitCandidate, DiscoveredCommit, GitSubscriptionFields, GitSubscriptionLike, TagCandidate } from './types.js';

/** The largest batch of commits asked for at once, as Kargo pages `git log`. */
const MAX_COMMIT_BATCH = 1000;
/** The first batch when the subscription sets no limit. */
const DEFAULT_COMMIT_BATCH = 20;

function select(scope: SubscriptionScope, sub: GitSubscriptionFields, candidates: { commits?: readonly CommitCandidate[]; tags?: readonly TagCandidate[] }): DiscoveredCommit[] {
  const selected = selectGitRefs(sub as GitSubscriptionLike, candidates);
  if (!selected.ok) {
    addScopedIssues(scope, selected.issues);
    throw new DiscoveryStopped();
  }
  return selected.value;
}

async function changedPaths(scope: SubscriptionScope, git: GitPort, repoURL: string, id: string): Promise<readonly string[]> {
  const read = await callPort(scope, `reading the paths changed by ${id}`, () => git.getChangedPaths({ repoURL, id, signal: scope.signal }));
  return read.ok && Array.isArray(read.value) ? read.value : [];
}

/**
 * NewestFromBranch: pages through the branch's first-parent history (the first batch is the
 * limit, each later one twice as big, at most 1000), keeping commits that pass `since` and the
 * expression filter and then the path filters, until `discoveryLimit` are kept. Changed paths are
 * read only for commits that got that far.
 */
async function discoverFromBranch(scope: SubscriptionScope, git: GitPort, sub: GitSubscriptionFields, paths: CompiledPathFilters, limit: number): Promise<DiscoveredCommit[]> {
  const withoutPaths: GitSubscriptionFields = { ...sub, includePaths: undefined, excludePaths: undefined, discoveryLimit: 0 };
  const kept: DiscoveredCommit[] = [];
  let batch = Number.isFinite(limit) ? Math.min(Math.max(limit, 1), MAX_COMMIT_BATCH) : DEFAULT_COMMIT_BATCH;
  for (let skip = 0; kept.length < limit; ) {
    const page = await callPort(scope, `listing the commits of ${sub.branch || 'the default branch'}`, () =>
      git.listCommits({ repoURL: sub.repoURL, branch: sub.branch, skip, maxCount: batch, since: sub.since, signal: scope.signal }),
    );
    const commits: readonly GitCommitMetadata[] = page.ok && Array.isArray(page.value) ? page.value : [];
    for (const commit of select(scope, withoutPaths, { commits })) {
      if (kept.length >= limit) break;
      if (paths.configured && !pathsPassFilters(paths, await changedPaths(scope, git, sub.repoURL, commit.id))) continue;
      kept.push(commit);
    }
    if (commits.length < batch) break;
    skip += commits.length;
    batch = Math.min(batch * 2, MAX_COMMIT_BATCH);
  }
  return kept;
}

/**
 * Tag strategies: lists every tag (newest creator date first), lets the selector filter and
 * order them, then, with path filters, walks that order reading each tag's changed paths until
 * enough are kept (an explicit limit of 0 keeps the first match, as Kargo's loop does).
 */
async function discoverFromTags(scope: SubscriptionScope, git: GitPort, sub: GitSubscriptionFields, paths: CompiledPathFilters, limit: number): Promise<DiscoveredCommit[]> {
  const tags = await readAllPages<GitTagMetadata>(scope, 'listing the tags', (cursor) => git.listTags({ repoURL: sub.repoURL, cursor, pageSize: scope.pageSize, signal: scope.signal }));
  if (!paths.configured) return select(scope, sub, { tags });
  const ordered = select(scope, { ...sub, includePaths: undefined, excludePaths: undefined, discoveryLimit: 0 }, { tags });
  const cap = sub.discoveryLimit === 0 ? 1 : limit;
  const kept: DiscoveredCommit[] = [];
  for (const tag of ordered) {
    if (kept.length >= cap) break;
    if (pathsPassFilters(paths, await changedPaths(scope, git, sub.repoURL, tag.id))) kept.push(tag);
  }
  return kept;
}

/**
 * Discovers the commits of one Git subscription through a Git port, in Kargo's order of work (see
 * the two strategies above). Failures stop discovery with an issue naming the subscription and
 * its repository.
 */
export async function discoverGitSubscription(scope: SubscriptionScope, git: GitPort, sub: GitSubscriptionFields, subscriptionName: string | undefined): Promise<GitDiscoveryResult> {
  select(scope, sub, {});
  const pathIssues: Issue[] = [];
  const paths = compilePathFilters(sub, pathIssues);
  const limit = sub.discoveryLimit === undefined || sub.discoveryLimit === 0 ? Number.POSITIVE_INFINITY : sub.discoveryLimit;
  const strategy = sub.commitSelectionStrategy || 'NewestFromBranch';
  const commits = strategy === 'NewestFromBranch' ? await discoverFromBranch(scope, git, sub, paths, limit) : await discoverFromTags(scope, git, sub, paths, limit);
  return omitEmpty<GitDiscoveryResult>({ repoURL: sub.repoURL, commits, subscriptionName });
}
