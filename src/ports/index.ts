/**
 * Ports: the small interfaces through which waybill's core reaches the outside world. The core
 * never reads the clock or makes ids itself; whoever composes it passes implementations of these
 * interfaces (the in-memory ones from `waybill/adapters/memory`, real ones, or their own). Every
 * port has a contract suite in `waybill/testing` that an implementation must pass.
 *
 * This module holds types only: importing it costs nothing at run time.
 * @packageDocumentation
 * @module waybill/ports
 */

/**
 * A source of the current time. Decisions that depend on time (soak times, freight age, retry
 * deadlines) take `now` from a `Clock` handed in by the caller, so they can be replayed and tested.
 *
 * Contract: `now()` returns a valid `Date` (never `Invalid Date`), a fresh object on each call
 * (callers may mutate it), and successive calls never go backwards.
 */
export interface Clock {
  /** The current instant. */
  now(): Date;
}

/**
 * A source of unique identifiers, for names waybill has to invent (a Promotion's name, a
 * simulated commit). Tests pass a deterministic source so that output can be compared exactly.
 *
 * Contract: `next()` returns a non-empty string that the same source has not returned before.
 */
export interface IdSource {
  /** The next identifier. */
  next(): string;
}

/**
 * What an adapter subpath says about itself: the ports it implements and whether it is ready to
 * use. Tools (the `waybill` command, documentation) list adapters from these descriptions.
 */
export interface AdapterDescription {
  /** Short name, the last part of the subpath (`memory`, `git`, ...). */
  readonly name: string;
  /** The subpath to import it from. */
  readonly subpath: string;
  /** The ports it implements, by interface name. */
  readonly implements: readonly string[];
  /** `true` when the adapter is usable; `false` while it is only described. */
  readonly available: boolean;
  /** One sentence about what it talks to. */
  readonly summary: string;
}

export type { PortFailureKind, PortFailure, PortResult, PortCallOptions, PageRequest, Page, RegistryPort, ListImageTagsRequest, GetImageRequest, ImageMetadata, ImagePlatformMetadata } from './registry.js';
export type { GitPort, ListCommitsRequest, GitCommitMetadata, ListGitTagsRequest, GitTagMetadata, ChangedPathsRequest } from './git.js';
export type { ChartRepositoryPort, ListChartVersionsRequest } from './chart-repository.js';
export type {
  ClusterPort,
  ArgoCDApplication,
  ArgoCDApplicationSource,
  ArgoCDApplicationStatus,
  ArgoCDHelmParameter,
  ArgoCDInfo,
  ArgoCDOperation,
  ArgoCDOperationPhase,
  ArgoCDOperationState,
  ArgoCDHealthStatus,
  ArgoCDSyncStatus,
  LabelSelector,
  LabelSelectorRequirement,
  GetApplicationRequest,
  ListApplicationsRequest,
  PatchApplicationRequest,
} from './cluster.js';
export type { HttpPort, HttpRequest, HttpResponse, HttpHeader } from './http.js';
export type {
  GitWorkspacePort,
  GitIdentity,
  GitCheckoutRequest,
  GitCloneRequest,
  GitCheckout,
  GitCommitRequest,
  GitCommitOutcome,
  GitRebaseRequest,
  GitRebaseOutcome,
  GitPushRequest,
  GitPushOutcome,
  GitTagRequest,
  GitTagOutcome,
} from './git-workspace.js';
export type { PullRequestPort, PullRequest, PullRequestState, OpenPullRequestRequest, PullRequestRef, MergePullRequestRequest, MergePullRequestOutcome } from './pull-requests.js';
export type { WorkTree, WorkTreeEntry, WorkTreeEntryType, WriteFileOptions } from './work-tree.js';
export type { StorePort, StoredResourceOf, StoreFailure, StoreFailureKind, StoreResult, StoreRef, StoreQuery, StoreStatusWrite, StoreMetadataWrite, StoreChange } from './store.js';
export type { VerificationPort, VerificationPhase, StartVerificationRequest, VerificationRun, VerificationRef } from './verification.js';
export type { LeasePort, LeaseSpec, LeaseRecord, LeaseRef } from './lease.js';
export type { HelmDependencyPort, HelmChartDependency, HelmDependencyUpdateRequest, HelmDependencyUpdate } from './helm.js';
