/**
 * The port through which promotions open, watch and merge pull requests.
 * @packageDocumentation
 */
import type { PortCallOptions, PortResult } from './registry.js';

/** The state of a pull request. */
export type PullRequestState = 'open' | 'merged' | 'closed';

/** A pull request as the port reports it. */
export interface PullRequest {
  readonly number: number;
  readonly url: string;
  readonly state: PullRequestState;
  readonly sourceBranch: string;
  readonly targetBranch: string;
  readonly title: string;
  /** The commit the merge made on the target branch, once merged. */
  readonly mergeCommit?: string | undefined;
}

/** A pull request to open. */
export interface OpenPullRequestRequest extends PortCallOptions {
  readonly repoURL: string;
  readonly sourceBranch: string;
  readonly targetBranch: string;
  readonly title: string;
  readonly description?: string | undefined;
  readonly labels?: readonly string[] | undefined;
  /** Creates a missing target branch (as an empty branch) instead of failing. */
  readonly createTargetBranch?: boolean | undefined;
}

/** Names one pull request. */
export interface PullRequestRef extends PortCallOptions {
  readonly repoURL: string;
  readonly number: number;
}

/** How to merge a pull request. */
export interface MergePullRequestRequest extends PullRequestRef {
  /** `merge` (a merge commit, the default), `squash` or `rebase`; adapters may support fewer. */
  readonly mergeMethod?: string | undefined;
}

/**
 * The outcome of a merge: merged (also when it already was), or not merged, with why (closed,
 * conflicts, checks pending). A pull request that cannot be merged yet is not a failure.
 */
export type MergePullRequestOutcome =
  | { readonly merged: true; readonly pullRequest: PullRequest }
  | { readonly merged: false; readonly reason: string; readonly pullRequest: PullRequest };

/**
 * A Git hosting service's pull requests. Methods resolve to a {@link PortResult} and never
 * reject. Implementations: `createMemoryPullRequests()` in `waybill/adapters/memory`, or your
 * own; all must pass `pullRequestsContract` from `waybill/testing`.
 */
export interface PullRequestPort {
  /**
   * Opens a pull request from `sourceBranch` into `targetBranch`. When one is already open between
   * the same branches, returns it instead of opening another, so a retried promotion never opens
   * two. A missing source branch (or target, without `createTargetBranch`) is `not-found`.
   */
  open(request: OpenPullRequestRequest): Promise<PortResult<PullRequest>>;
  /** A pull request's current state; a missing one is `not-found`. */
  get(request: PullRequestRef): Promise<PortResult<PullRequest>>;
  /** Merges an open pull request. */
  merge(request: MergePullRequestRequest): Promise<PortResult<MergePullRequestOutcome>>;
}
