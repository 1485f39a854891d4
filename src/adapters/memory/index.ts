/**
 * In-memory, deterministic implementations of waybill's ports, for tests, examples, browsers and
 * simulations. They do no I/O and never read the real clock.
 * @packageDocumentation
 * @module waybill/adapters/memory
 */
import type { AdapterDescription } from '../../ports/index.js';

export { createManualClock } from './clock.js';
export type { ManualClock } from './clock.js';
export { createSequentialIds } from './ids.js';
export type { SequentialIds } from './ids.js';

/** What this subpath provides. */
export const memoryAdapter: AdapterDescription = {
  name: 'memory',
  subpath: 'waybill/adapters/memory',
  implements: [
    'Clock',
    'IdSource',
    'RegistryPort',
    'GitPort',
    'ChartRepositoryPort',
    'GitWorkspacePort',
    'PullRequestPort',
    'ClusterPort',
    'HttpPort',
    'StorePort',
    'VerificationPort',
    'LeasePort',
    'HelmDependencyPort',
  ],
  available: true,
  summary:
    'Deterministic in-memory ports: a manual clock, sequential ids, an image registry, Git repositories (with workspaces to commit and push), pull requests, chart repositories, Argo CD Applications, HTTP endpoints, a resource store, verifications, a Lease and Helm dependency resolution.',
};
export { createMemoryRegistry } from './registry.js';
export type { MemoryRegistry, MemoryRegistryOptions, MemoryImage, MemoryImagePlatform, InjectedFailure } from './registry.js';
export { createMemoryGit } from './git-repository.js';
export type { MemoryGit, MemoryCommitInput, MemoryTagInput, MemoryRepositoryOptions } from './git-repository.js';
export { createMemoryChartRepository } from './chart-repository.js';
export type { MemoryChartRepository, MemoryChartInput } from './chart-repository.js';
export { createMemoryGitWorkspace } from './git-workspace.js';
export type { MemoryGitWorkspace, MemoryGitWorkspaceOptions } from './git-workspace.js';
export { createMemoryPullRequests } from './pull-requests.js';
export type { MemoryPullRequests, MemoryPullRequest, MemoryPullRequestsOptions } from './pull-requests.js';
export { createMemoryCluster } from './cluster.js';
export type { MemoryCluster, MemoryClusterOptions, MemorySyncOutcome, RecordedPatch } from './cluster.js';
export { createMemoryHttp } from './http.js';
export type { MemoryHttp, MemoryHttpHandler, MemoryHttpReply } from './http.js';
export { createMemoryStore } from './store.js';
export type { MemoryStore, MemoryStoreOptions } from './store.js';
export { createMemoryVerification } from './verification.js';
export type { MemoryVerification, MemoryVerificationOptions, MemoryVerificationOutcome, MemoryVerificationRecord } from './verification.js';
export { createMemoryLease } from './lease.js';
export type { MemoryLease, MemoryLeaseWrite } from './lease.js';
export { createMemoryHelmDependencies, helmLockDigest, renderHelmLock } from './helm.js';
export type { MemoryHelmDependencies, MemoryHelmDependenciesOptions, HelmLockedDependency } from './helm.js';
