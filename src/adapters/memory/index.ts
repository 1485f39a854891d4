/**
 * In-memory, deterministic implementations of waybill's ports, for tests, examples, browsers and
 * simulations. They do no I/O and never read the real clock.
 * @packageDocumentation
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
  implements: ['Clock', 'IdSource', 'RegistryPort', 'GitPort', 'ChartRepositoryPort', 'GitWorkspacePort', 'PullRequestPort', 'ClusterPort', 'HttpPort'],
  available: true,
  summary: 'Deterministic in-memory ports: a manual clock, sequential ids, an image registry, Git repositories (with workspaces to commit and push), pull requests, chart repositories, Argo CD Applications and HTTP endpoints.',
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
