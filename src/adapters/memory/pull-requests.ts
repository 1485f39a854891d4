import { normalizeGitURL } from '../../discovery/index.js';
import type { MergePullRequestOutcome, MergePullRequestRequest, OpenPullRequestRequest, PortFailure, PortResult, PullRequest, PullRequestPort, PullRequestRef } from '../../ports/index.js';
import { isAncestor, makeCommit, mergeBase, mergeTrees, sameTree, type CommitLookup } from './git-graph.js';
import { DEFAULT_AUTHOR, memoryGitInternals, type MemoryGit, type StoredCommit, type StoredGitRepository } from './git-repository.js';
import { memoryTime } from './registry.js';

/** Options of {@link createMemoryPullRequests}. */
export interface MemoryPullRequestsOptions {
  /** The date of merge commits (default: a minute after the newer of the two heads). */
  readonly now?: (() => Date | string) | undefined;
  /** `Name <email>` of whoever merges (default: the in-memory Git's default identity). */
  readonly merger?: string | undefined;
}

/** A pull request as the in-memory service keeps it. */
export interface MemoryPullRequest extends PullRequest {
  readonly repoURL: string;
  readonly description?: string | undefined;
  readonly labels: readonly string[];
}

/** A {@link PullRequestPort} over a {@link MemoryGit}: merging moves the target branch there. */
export interface MemoryPullRequests extends PullRequestPort {
  /** Closes an open pull request without merging it (as a reviewer might). */
  close(repoURL: string, number: number): void;
  /** Every pull request, in the order they were opened. */
  list(): readonly MemoryPullRequest[];
}

type Failed = { ok: false; failure: PortFailure };

/**
 * Creates an in-memory pull request service on a {@link MemoryGit}. Numbers count from 1 per
 * repository; URLs are `<repo URL without .git>/pull/<number>`. A merge makes a merge commit
 * (`squash` and `rebase` make one commit on the target's head) when the changes of both sides
 * touch different files, and reports a conflict otherwise.
 */
export function createMemoryPullRequests(git: MemoryGit, options: MemoryPullRequestsOptions = {}): MemoryPullRequests {
  const model = memoryGitInternals(git);
  if (model === undefined) throw new TypeError('createMemoryPullRequests needs a Git made by createMemoryGit()');
  const shared = model;
  const all: MemoryPullRequest[] = [];
  const find = (repoURL: string, number: number): MemoryPullRequest | undefined => all.find((p) => normalizeGitURL(p.repoURL) === normalizeGitURL(repoURL) && p.number === number);
  const replace = (next: MemoryPullRequest): MemoryPullRequest => {
    all[all.findIndex((p) => p.repoURL === next.repoURL && p.number === next.number)] = next;
    return next;
  };
  const publicView = (p: MemoryPullRequest): PullRequest => ({
    number: p.number,
    url: p.url,
    state: p.state,
    sourceBranch: p.sourceBranch,
    targetBranch: p.targetBranch,
    title: p.title,
    ...(p.mergeCommit === undefined ? {} : { mergeCommit: p.mergeCommit }),
  });
  const precheck = (request: { repoURL: string; signal?: AbortSignal | undefined }, subject: string): Failed | StoredGitRepository => shared.precheck(request, subject);

  return {
    close(repoURL, number) {
      const p = find(repoURL, number);
      if (p !== undefined && p.state === 'open') replace({ ...p, state: 'closed' });
    },
    list: () => [...all],

    async open(request: OpenPullRequestRequest): Promise<PortResult<PullRequest>> {
      const repo = precheck(request, `openPullRequest ${request.repoURL} ${request.sourceBranch}->${request.targetBranch}`);
      if ('failure' in repo) return repo;
      const same = all.find((p) => normalizeGitURL(p.repoURL) === normalizeGitURL(request.repoURL) && p.state === 'open' && p.sourceBranch === request.sourceBranch && p.targetBranch === request.targetBranch);
      if (same !== undefined) return { ok: true, value: publicView(same) };
      if (!repo.heads.has(request.sourceBranch)) return notFound(`source branch ${request.sourceBranch} not found in ${request.repoURL}`);
      if (!repo.heads.has(request.targetBranch)) {
        if (request.createTargetBranch !== true) return notFound(`target branch ${request.targetBranch} not found in ${request.repoURL}`);
        const root = makeCommit({ parents: [], tree: new Map(), message: `Create ${request.targetBranch}`, author: options.merger ?? DEFAULT_AUTHOR, committer: options.merger ?? DEFAULT_AUTHOR, date: '2026-01-01T00:00:00Z' }, (id) => repo.commits.get(id));
        repo.commits.set(root.id, root);
        repo.heads.set(request.targetBranch, root.id);
      }
      const number = all.filter((p) => normalizeGitURL(p.repoURL) === normalizeGitURL(request.repoURL)).length + 1;
      const created: MemoryPullRequest = {
        repoURL: request.repoURL,
        number,
        url: `${request.repoURL.replace(/\.git$/, '').replace(/\/+$/, '')}/pull/${number}`,
        state: 'open',
        sourceBranch: request.sourceBranch,
        targetBranch: request.targetBranch,
        title: request.title,
        ...(request.description === undefined ? {} : { description: request.description }),
        labels: [...(request.labels ?? [])],
      };
      all.push(created);
      return { ok: true, value: publicView(created) };
    },

    async get(request: PullRequestRef): Promise<PortResult<PullRequest>> {
      const repo = precheck(request, `getPullRequest ${request.repoURL} ${request.number}`);
      if ('failure' in repo) return repo;
      const p = find(request.repoURL, request.number);
      return p === undefined ? notFound(`pull request ${request.number} not found in ${request.repoURL}`) : { ok: true, value: publicView(p) };
    },

    async merge(request: MergePullRequestRequest): Promise<PortResult<MergePullRequestOutcome>> {
      const repo = precheck(request, `mergePullRequest ${request.repoURL} ${request.number}`);
      if ('failure' in repo) return repo;
      const p = find(request.repoURL, request.number);
      if (p === undefined) return notFound(`pull request ${request.number} not found in ${request.repoURL}`);
      if (p.state === 'merged') return { ok: true, value: { merged: true, pullRequest: publicView(p) } };
      if (p.state === 'closed') return { ok: true, value: { merged: false, reason: 'the pull request is closed', pullRequest: publicView(p) } };
      const source = repo.heads.get(p.sourceBranch);
      const target = repo.heads.get(p.targetBranch);
      if (source === undefined || target === undefined) return { ok: true, value: { merged: false, reason: 'a branch of the pull request no longer exists', pullRequest: publicView(p) } };
      const lookup: CommitLookup = (id) => repo.commits.get(id);
      const sourceCommit = lookup(source) as StoredCommit;
      const targetCommit = lookup(target) as StoredCommit;
      const base = mergeBase(source, target, lookup);
      const merged = isAncestor(source, target, lookup)
        ? { ok: true as const, tree: new Map(targetCommit.tree) }
        : mergeTrees(base === undefined ? new Map() : (lookup(base)?.tree ?? new Map()), targetCommit.tree, sourceCommit.tree);
      if (!merged.ok) return { ok: true, value: { merged: false, reason: `conflicting changes to ${merged.conflicts.join(', ')}`, pullRequest: publicView(p) } };
      const later = Date.parse(sourceCommit.creatorDate) > Date.parse(targetCommit.creatorDate) ? sourceCommit.creatorDate : targetCommit.creatorDate;
      const date = options.now !== undefined ? (memoryTime(options.now(), 'merge date') as string) : new Date(Date.parse(later) + 60_000).toISOString().replace('.000Z', 'Z');
      const who = options.merger ?? DEFAULT_AUTHOR;
      const method = request.mergeMethod ?? 'merge';
      let mergeCommit: string;
      if (method === 'merge') {
        const commit = makeCommit({ parents: [target, source], tree: merged.tree, message: `Merge pull request #${p.number} from ${p.sourceBranch}\n\n${p.title}`, author: who, committer: who, date }, lookup);
        repo.commits.set(commit.id, commit);
        mergeCommit = commit.id;
      } else if (sameTree(merged.tree, targetCommit.tree)) {
        mergeCommit = target;
      } else {
        const commit = makeCommit({ parents: [target], tree: merged.tree, message: `${p.title} (#${p.number})`, author: who, committer: who, date }, lookup);
        repo.commits.set(commit.id, commit);
        mergeCommit = commit.id;
      }
      repo.heads.set(p.targetBranch, mergeCommit);
      const done = replace({ ...p, state: 'merged', mergeCommit });
      return { ok: true, value: { merged: true, pullRequest: publicView(done) } };
    },
  };
}

function notFound(message: string): Failed {
  return { ok: false, failure: { kind: 'not-found', message, retryable: false } };
}
