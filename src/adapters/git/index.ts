/**
 * The Git adapter: waybill's Git ports backed by the `git` command (through `child_process`).
 * `createGitAdapter()` discovers commits and tags with their changed paths, from blobless clones
 * in a cache directory; `createGitWorkspace()` makes the checkouts a promotion edits, commits,
 * rebases and pushes (a push is a compare-and-swap on the remote head). Needs Node and git 2.30 or
 * newer; not for browsers.
 * @packageDocumentation
 * @module waybill/adapters/git
 */
import type { AdapterDescription } from '../../ports/index.js';

export { createGitAdapter } from './git-adapter.js';
export type { GitAdapter, GitAdapterOptions } from './git-adapter.js';
export type { GitCommandEvent, GitRunnerOptions } from './git-runner.js';
export type { GitCredentials, GitCredentialsProvider } from './credentials.js';
export { createGitWorkspace } from './git-workspace.js';
export type { GitWorkspace, GitWorkspaceOptions } from './git-workspace.js';
export { createFileWorkTree } from './file-work-tree.js';
export type { FileWorkTreeOptions } from './file-work-tree.js';

/** What this subpath provides. */
export const gitAdapter: AdapterDescription = {
  name: 'git',
  subpath: 'waybill/adapters/git',
  implements: ['GitPort', 'GitWorkspacePort'],
  available: true,
  summary: 'Commits, tags and changed paths (blobless clones in a cache directory), and checkouts to commit and push, through the git command.',
};
