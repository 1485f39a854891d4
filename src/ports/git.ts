/**
 * The discovery half of the port through which waybill reads Git repositories: a branch's
 * history, the tags, and the paths a commit changed.
 * @packageDocumentation
 */
import type { Page, PageRequest, PortCallOptions, PortResult } from './registry.js';

/** Which commits of a branch to list: `git log --first-parent --skip=skip --max-count=maxCount`. */
export interface ListCommitsRequest extends PortCallOptions {
  /** The repository URL as the subscription gives it. */
  readonly repoURL: string;
  /** The branch; absent or empty means the remote's default branch. */
  readonly branch?: string | undefined;
  /** How many of the newest commits to pass over. */
  readonly skip: number;
  /** At most this many commits. */
  readonly maxCount: number;
  /** RFC 3339: only commits made at or after this time. */
  readonly since?: string | undefined;
}

/** A commit of a branch's first-parent history. */
export interface GitCommitMetadata {
  /** The full commit id. */
  readonly id: string;
  /** RFC 3339: the committer date. */
  readonly creatorDate: string;
  /** The first line of the message. */
  readonly subject?: string | undefined;
  /** `Name <email>`. */
  readonly author?: string | undefined;
  /** `Name <email>`. */
  readonly committer?: string | undefined;
}

/** Which repository to list the tags of. */
export interface ListGitTagsRequest extends PageRequest {
  readonly repoURL: string;
}

/**
 * A tag, as `git for-each-ref --sort=-creatordate refs/tags` describes it. `id` is always the
 * commit the tag points to (dereferenced for annotated tags).
 */
export interface GitTagMetadata {
  /** The short name (`v1.2.3`, not `refs/tags/v1.2.3`). */
  readonly tag: string;
  /** The commit the tag points to. */
  readonly id: string;
  /** RFC 3339: the tagger date of an annotated tag, the commit date of a lightweight one. */
  readonly creatorDate: string;
  readonly subject?: string | undefined;
  readonly author?: string | undefined;
  readonly committer?: string | undefined;
  /** `Name <email>` of an annotated tag's tagger. */
  readonly tagger?: string | undefined;
  /** The message of an annotated tag. */
  readonly annotation?: string | undefined;
}

/** Which commit's changed paths to read. */
export interface ChangedPathsRequest extends PortCallOptions {
  readonly repoURL: string;
  /** The commit id. */
  readonly id: string;
}

/**
 * A Git repository, as artifact discovery needs it. Implementations: `createMemoryGit()` in
 * `waybill/adapters/memory`, the git CLI adapter in `waybill/adapters/git`, or your own; all must
 * pass `gitContract` from `waybill/testing`.
 */
export interface GitPort {
  /**
   * Commits of a branch's first-parent history, newest first, from `skip` on, at most `maxCount`.
   * Fewer than `maxCount` means the history ends. A missing repository or branch is `not-found`.
   */
  listCommits(request: ListCommitsRequest): Promise<PortResult<readonly GitCommitMetadata[]>>;
  /**
   * One page of the repository's tags, newest creator date first (ties by name, ascending).
   * Following `next` until it is absent yields every tag exactly once.
   */
  listTags(request: ListGitTagsRequest): Promise<PortResult<Page<GitTagMetadata>>>;
  /**
   * The paths a commit changed against its first parent, with renames reported as the old and
   * the new path (`git show --name-status --no-renames --first-parent`).
   */
  getChangedPaths(request: ChangedPathsRequest): Promise<PortResult<readonly string[]>>;
}
