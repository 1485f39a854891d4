/**
 * The working half of the Git port: checkouts a promotion edits, commits, pushes that never
 * overwrite what they did not expect, rebases for retries, and tags.
 * @packageDocumentation
 */
import type { WorkTree } from './work-tree.js';
import type { PortCallOptions, PortResult } from './registry.js';

/** `Name <email>` parts of a commit's author or committer. */
export interface GitIdentity {
  readonly name: string;
  readonly email: string;
}

/** Names a checkout by its path in the promotion's work directory. */
export interface GitCheckoutRequest extends PortCallOptions {
  /** The checkout's path, relative to the work directory (`./out`, `src`). */
  readonly path: string;
}

/**
 * What to check out, and where. At most one of `branch`, `commit` and `tag`; with none, the
 * remote's default branch. A `commit` or `tag` checkout is detached (it has no branch to push to
 * unless a push names one).
 */
export interface GitCloneRequest extends GitCheckoutRequest {
  readonly repoURL: string;
  readonly branch?: string | undefined;
  readonly commit?: string | undefined;
  readonly tag?: string | undefined;
  /** When the branch does not exist on the remote, start it as an empty orphan branch. */
  readonly create?: boolean | undefined;
  /** Directories to check out alone (a sparse checkout); adapters may check out everything. */
  readonly sparse?: readonly string[] | undefined;
  /** The identity commits in this checkout are made with, unless a commit names another. */
  readonly author?: GitIdentity | undefined;
}

/** A checkout as it stands. */
export interface GitCheckout {
  readonly path: string;
  readonly repoURL: string;
  /** The checked-out branch; absent for a detached checkout. */
  readonly branch?: string | undefined;
  /** The commit the checkout is at; absent on an orphan branch that has no commit yet. */
  readonly commit?: string | undefined;
}

/** A commit of every change in a checkout. */
export interface GitCommitRequest extends GitCheckoutRequest {
  readonly message: string;
  /** Defaults to the checkout's identity. */
  readonly author?: GitIdentity | undefined;
  /** Defaults to the author. */
  readonly committer?: GitIdentity | undefined;
  /** The author and committer date (RFC 3339 or a Date); the core passes its own `now`. */
  readonly date: string | Date;
  /**
   * An ASCII-armored GPG private key (without a passphrase) to sign the commit with. An
   * implementation must keep it out of argv, logs and failure messages.
   */
  readonly signingKey?: string | undefined;
}

/** The outcome of a commit: the new commit, or nothing to commit (with the current head). */
export type GitCommitOutcome =
  | { readonly committed: true; readonly commit: string }
  | { readonly committed: false; readonly commit?: string | undefined };

/**
 * Fetches `branch` from the remote and rebases the checkout's own commits onto it. Commits that
 * become empty are dropped, as `git rebase` drops them.
 */
export interface GitRebaseRequest extends GitCheckoutRequest {
  readonly branch: string;
}

/**
 * The outcome of a rebase:
 * - `up-to-date`: the checkout already holds the remote head (nothing changed);
 * - `rebased`: the checkout now sits on the remote head (fast-forwarded or replayed);
 * - `no-remote-branch`: the branch does not exist on the remote (nothing changed);
 * - `conflict`: a change could not be replayed, or the checkout has uncommitted changes
 *   (nothing changed).
 *
 * `remoteHead` is the branch's head as fetched: the value a following push should expect.
 */
export interface GitRebaseOutcome {
  readonly status: 'up-to-date' | 'rebased' | 'no-remote-branch' | 'conflict';
  readonly remoteHead?: string | undefined;
  /** The checkout's head after the rebase. */
  readonly commit?: string | undefined;
  /** Why a conflict happened (the paths, or the uncommitted changes). */
  readonly message?: string | undefined;
}

/**
 * A push of the checkout's head to `branch`, guarded by `expectedHead`: the push happens only if
 * the remote branch is still at that commit (`null`: only if the branch does not exist yet), so a
 * concurrent push is never overwritten.
 */
export interface GitPushRequest extends GitCheckoutRequest {
  readonly branch: string;
  readonly expectedHead: string | null;
  /**
   * Allows a push that is not a fast-forward of `expectedHead`. It still never overwrites a head
   * other than the expected one.
   */
  readonly force?: boolean | undefined;
  /** A local tag to push too. */
  readonly tag?: string | undefined;
}

/**
 * The outcome of a push: pushed (`changed` false when the remote already held the commit), or
 * rejected without any change to the remote:
 * - `stale`: the remote branch is not at `expectedHead` (its actual head is in `remoteHead`);
 * - `non-fast-forward`: the push would drop remote commits and `force` is not set;
 * - `tag-exists`: the remote has the tag on another commit;
 * - `no-commits`: the checkout has no commit to push.
 */
export type GitPushOutcome =
  | { readonly status: 'pushed'; readonly commit: string; readonly changed: boolean }
  | { readonly status: 'rejected'; readonly reason: 'stale' | 'non-fast-forward' | 'tag-exists' | 'no-commits'; readonly remoteHead?: string | undefined };

/** A tag on the checkout's head: annotated when it has a message. */
export interface GitTagRequest extends GitCheckoutRequest {
  readonly tag: string;
  readonly message?: string | undefined;
  /** Moves an existing local tag. */
  readonly force?: boolean | undefined;
  /** The tagger date of an annotated tag. */
  readonly date?: string | Date | undefined;
}

/** A tag made in a checkout. */
export interface GitTagOutcome {
  readonly tag: string;
  readonly commit: string;
}

/**
 * Checkouts of Git repositories inside one promotion's work directory. An implementation serves
 * one work directory; the files of a checkout at `./out` are the work directory's files under
 * `out`, so the file steps (given the same directory as `ports.workTree`) edit them. Methods
 * resolve to a {@link PortResult} and never reject; a fired signal gives a `cancelled` failure.
 * Implementations: `createMemoryGitWorkspace()` in `waybill/adapters/memory`, or your own; all
 * must pass `gitWorkspaceContract` from `waybill/testing`.
 */
export interface GitWorkspacePort {
  /**
   * Clones `repoURL` and checks out a branch, commit or tag at `path` (or starts an orphan branch
   * when `create` is set and the branch is missing). Cloning again into a path that holds a
   * checkout of the same repository replaces it; a path holding anything else fails.
   */
  clone(request: GitCloneRequest): Promise<PortResult<GitCheckout>>;
  /** The files of a checkout, as a work tree rooted at the checkout. */
  workTree(request: GitCheckoutRequest): Promise<PortResult<WorkTree>>;
  /** Stages every change in the checkout (additions, edits, deletions) and commits it. */
  commit(request: GitCommitRequest): Promise<PortResult<GitCommitOutcome>>;
  /** Fetches a remote branch and rebases the checkout's own commits onto it. */
  rebase(request: GitRebaseRequest): Promise<PortResult<GitRebaseOutcome>>;
  /** Pushes the checkout's head to a branch, only if the remote head is the expected one. */
  push(request: GitPushRequest): Promise<PortResult<GitPushOutcome>>;
  /** Tags the checkout's head locally (push it with {@link GitPushRequest.tag}). */
  tag(request: GitTagRequest): Promise<PortResult<GitTagOutcome>>;
  /** Where the checkout stands: its repository, branch and head commit. */
  head(request: GitCheckoutRequest): Promise<PortResult<GitCheckout>>;
}
