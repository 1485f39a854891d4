import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { createGitWorkspace, type GitWorkspace } from '../../adapters/git/index.js';
import type { GitIdentity, PortFailure } from '../../ports/index.js';

/** The GitOps repository of the demo: a bare repository on disk that stands in for a hosted one. */
export interface DemoRemote {
  /** The URL the Stages name (a hosted repository that is never contacted). */
  readonly url: string;
  /** The bare repository's directory. */
  readonly path: string;
  /**
   * Environment for the git adapter: git's `url.<base>.insteadOf` rewrite, so that every clone,
   * fetch and push of {@link DemoRemote.url} reaches the bare repository instead.
   */
  readonly env: Readonly<Record<string, string>>;
}

/** What the first commit of the demo repository holds, and who made it when. */
export interface SeedCommit {
  readonly files: Readonly<Record<string, string>>;
  readonly message: string;
  readonly author: GitIdentity;
  readonly date: string;
}

/** Options of {@link openWorkspace}: where checkouts go, and who commits. */
export interface DemoWorkspaceOptions {
  readonly workDir: string;
  readonly author: GitIdentity;
}

/**
 * Runs git outside the adapter, for what the adapter has no call for (making a bare repository,
 * reading the log). Like the adapter, it ignores the user's and the system's git configuration,
 * so the output does not depend on the machine.
 */
export function runGit(args: readonly string[], home: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      [...args],
      {
        env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: home, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', LC_ALL: 'C', LANG: 'C' },
        maxBuffer: 16 * 1024 * 1024,
      },
      (error, stdout, stderr) => (error ? reject(new Error(`git ${args.join(' ')}: ${stderr.trim() || error.message}`)) : resolve(stdout)),
    );
  });
}

/**
 * Makes an empty bare repository in `dir` standing for `url`, and the environment that points the
 * git adapter at it.
 */
export async function createDemoRemote(dir: string, url: string): Promise<DemoRemote> {
  const path = join(dir, 'kargo-demo.git');
  await runGit(['init', '--quiet', '--bare', '--initial-branch=main', path], dir);
  return {
    url,
    path,
    env: { GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: `url.file://${path}.insteadOf`, GIT_CONFIG_VALUE_0: url },
  };
}

/** A git workspace (the adapter from `waybill/adapters/git`) whose clones of the demo URL reach the bare repository. */
export function openWorkspace(remote: DemoRemote, options: DemoWorkspaceOptions): GitWorkspace {
  return createGitWorkspace({ workDir: options.workDir, env: remote.env, defaultAuthor: options.author, timeoutMs: 30_000 });
}

/**
 * Makes the first commit on `main` through the git adapter: clone (an orphan branch, since the
 * remote is empty), write the files, commit with a fixed author and date, push.
 */
export async function pushSeedCommit(remote: DemoRemote, workDir: string, seed: SeedCommit): Promise<string> {
  const workspace = openWorkspace(remote, { workDir, author: seed.author });
  try {
    const path = 'seed';
    check(await workspace.clone({ repoURL: remote.url, branch: 'main', create: true, path }), 'clone');
    const tree = check(await workspace.workTree({ path }), 'open the checkout');
    for (const [file, text] of Object.entries(seed.files)) await tree.writeFile(file, text);
    const committed = check(await workspace.commit({ path, message: seed.message, author: seed.author, date: seed.date }), 'commit');
    const pushed = check(await workspace.push({ path, branch: 'main', expectedHead: null }), 'push');
    if (pushed.status !== 'pushed' || committed.commit === undefined) throw new Error(`the first push to ${remote.url} was rejected`);
    return committed.commit;
  } finally {
    await workspace.close();
  }
}

/** `git log -p` of a branch of the bare repository, oldest commit first, in a layout that does not depend on the machine. */
export function readLog(remote: DemoRemote, home: string, branch = 'main'): Promise<string> {
  return runGit(['--git-dir', remote.path, 'log', '--reverse', '-p', '--no-color', '--format=medium', '--date=iso-strict', branch, '--'], home);
}

function check<T>(result: { readonly ok: true; readonly value: T } | { readonly ok: false; readonly failure: PortFailure }, what: string): T {
  if (!result.ok) throw new Error(`git: cannot ${what}: ${result.failure.message}`);
  return result.value;
}
