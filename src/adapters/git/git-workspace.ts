import { access, mkdir, readdir, realpath, rm } from 'node:fs/promises';
import { isAbsolute, join, resolve as resolvePath } from 'node:path';
import type {
  GitCheckout,
  GitCheckoutRequest,
  GitCloneRequest,
  GitCommitOutcome,
  GitCommitRequest,
  GitIdentity,
  GitPushOutcome,
  GitPushRequest,
  GitRebaseOutcome,
  GitRebaseRequest,
  GitTagOutcome,
  GitTagRequest,
  GitWorkspacePort,
  PortFailure,
  PortResult,
} from '../../ports/index.js';
import { confinePath, type WorkTree } from '../../promotion/index.js';
import { classifyGitFailure, redactSecrets } from './classify-failure.js';
import { createFileWorkTree } from './file-work-tree.js';
import { createGitRunner, isSession, type GitRunnerOptions, type GitSession } from './git-runner.js';
import type { GitRun } from './run-git.js';
import { importSigningKey, removeSigningKey } from './signing-key.js';
import { createKeyedLock } from './keyed-lock.js';

/** How {@link createGitWorkspace} works. */
export interface GitWorkspaceOptions extends GitRunnerOptions {
  /** The promotion's work directory (absolute); checkouts are made at paths inside it. Created when missing. */
  readonly workDir: string;
  /** The identity of commits and annotated tags when a clone names none (default `Waybill <waybill@localhost>`). */
  readonly defaultAuthor?: GitIdentity | undefined;
}

/** A {@link GitWorkspacePort} on disk, with the work tree of the whole work directory and a cleanup. */
export interface GitWorkspace extends GitWorkspacePort {
  /** The work directory, as a work tree: pass it as `ports.workTree` so the file steps edit the checkouts. */
  readonly workDirTree: WorkTree;
  /** Removes the private directory git ran with (not the work directory, which is the caller's). */
  close(): Promise<void>;
}

type Failed = { readonly ok: false; readonly failure: PortFailure };

const failed = (kind: PortFailure['kind'], message: string, retryable = false): Failed => ({ ok: false, failure: { kind, message, retryable } });
const DEFAULT_AUTHOR: GitIdentity = { name: 'Waybill', email: 'waybill@localhost' };
// Under refs/worktree/ so that checkouts sharing one clone each keep their own.
const REMOTE_HEAD = 'refs/worktree/waybill/remote-head';

// The branch a checkout stands for when it is checked out detached because another checkout of
// the same clone holds that branch (per-worktree configuration).
const SHARED_BRANCH_KEY = 'waybill.branch';

/** How a checkout is made: a clone of its own, a worktree of the clone that holds the repository already, or that clone's directory again. */
type CheckoutMode = 'clone' | 'worktree' | 'reuse';

/** A ref name part git accepts and that cannot be read as an option. */
const isSafeRefName = (name: string): boolean =>
  /^[^-\s~^:?*[\\\x00-\x1f\x7f][^\s~^:?*[\\\x00-\x1f\x7f]*$/.test(name) && !name.includes('..') && !name.includes('@{') && !name.endsWith('.lock') && !name.endsWith('/') && !name.endsWith('.');

const isCommitId = (id: string): boolean => /^[0-9a-f]{4,64}$/i.test(id);

const toGitDate = (value: string | Date): string | undefined => {
  const ms = value instanceof Date ? value.getTime() : Date.parse(value);
  return Number.isNaN(ms) ? undefined : `@${Math.floor(ms / 1000)} +0000`;
};

/**
 * Creates the workspace half of the Git port on disk: real clones at paths inside `workDir`,
 * commits with the identity and date the core passes, rebases with `git rebase`, and pushes that
 * are a compare-and-swap on the remote head (`git push --force-with-lease=<branch>:<expected>`),
 * so a concurrent push is never overwritten. git runs as in `createGitAdapter` (no shell, no user
 * configuration, credentials through askpass only).
 */
export function createGitWorkspace(options: GitWorkspaceOptions): GitWorkspace {
  const runner = createGitRunner(options);
  const workDir = isAbsolute(options.workDir) ? options.workDir : resolvePath(options.workDir);
  const defaultAuthor = options.defaultAuthor ?? DEFAULT_AUTHOR;
  const lock = createKeyedLock();
  // The clone that holds each repository's objects, and for each checkout the clone it belongs
  // to: checkouts sharing a clone take the same lock, since git's refs and index locks are shared.
  const primaries = new Map<string, string>();
  const groups = new Map<string, string>();

  /** Runs a call after every earlier call on the same clone has finished. */
  const serialize = <T>(key: string, task: () => Promise<T>): Promise<T> => lock.run(key, task);

  const exists = async (path: string): Promise<boolean> => {
    try {
      await access(path);
      return true;
    } catch {
      return false;
    }
  };

  /** Runs `fn` in a session on the checkout at `path`, never rejecting. */
  const withCheckout = async <T>(request: GitCheckoutRequest, verb: string, fn: (s: GitSession, dir: string, path: string) => Promise<PortResult<T>>): Promise<PortResult<T>> => {
    const path = confinePath(typeof request.path === 'string' ? request.path : '');
    const what = `${verb} ${path === '' ? '.' : path}`;
    if (request.signal?.aborted) return failed('cancelled', `${what}: cancelled`);
    const dir = path === '' ? workDir : join(workDir, path);
    let secrets: readonly string[] = [];
    try {
      return await serialize(groups.get(dir) ?? dir, async () => {
        if (!(await exists(join(dir, '.git')))) return failed('not-found', `${what}: no checkout at ${JSON.stringify(request.path)}`);
        const local = await runner.session('', request.signal, what, false);
        if (!isSession(local)) return { ok: false, failure: local };
        const url = (await local.git(['-C', dir, 'config', '--get', 'remote.origin.url'])).stdout.trim();
        const session = await runner.session(url, request.signal, `${what} (${redactSecrets(url, [])})`);
        if (!isSession(session)) return { ok: false, failure: session };
        secrets = session.secrets;
        return await fn(session, dir, path);
      });
    } catch (error) {
      return failed('transport', `${what}: ${redactSecrets(error instanceof Error ? error.message : String(error), secrets)}`);
    }
  };

  const gitFailure = (s: GitSession, run: GitRun, step: string): Failed => ({ ok: false, failure: classifyGitFailure(run, `${s.what}: ${step}`, s.secrets) });
  const ok = (run: GitRun): boolean => run.code === 0 && run.killed === undefined;
  const revParse = async (s: GitSession, dir: string, ref: string): Promise<string | undefined> => {
    const run = await s.git(['-C', dir, 'rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
    const id = run.stdout.trim();
    return ok(run) && id !== '' ? id : undefined;
  };
  const describeCheckout = async (s: GitSession, dir: string, path: string): Promise<GitCheckout> => {
    const branchRun = await s.git(['-C', dir, 'symbolic-ref', '--quiet', '--short', 'HEAD']);
    const branch = ok(branchRun) ? branchRun.stdout.trim() : (await s.git(['-C', dir, 'config', '--get', SHARED_BRANCH_KEY])).stdout.trim();
    const commit = await revParse(s, dir, 'HEAD');
    return { path, repoURL: s.url, ...(branch !== '' ? { branch } : {}), ...(commit !== undefined ? { commit } : {}) };
  };
  /** The remote's heads and tags named, as `ref -> commit` (annotated tags peeled). */
  const lsRemote = async (s: GitSession, dir: string, refs: readonly string[]): Promise<Map<string, string> | Failed> => {
    const run = await s.git(['-C', dir, 'ls-remote', 'origin', ...refs]);
    if (!ok(run)) return gitFailure(s, run, 'git ls-remote');
    const out = new Map<string, string>();
    for (const line of run.stdout.split('\n')) {
      const [id, ref] = line.split('\t');
      if (id === undefined || ref === undefined) continue;
      if (ref.endsWith('^{}')) out.set(ref.slice(0, -3), id);
      else if (!out.has(ref)) out.set(ref, id);
    }
    return out;
  };
  const identityEnv = (author: GitIdentity, committer: GitIdentity, date: string): Record<string, string> => ({
    GIT_AUTHOR_NAME: author.name,
    GIT_AUTHOR_EMAIL: author.email,
    GIT_AUTHOR_DATE: date,
    GIT_COMMITTER_NAME: committer.name,
    GIT_COMMITTER_EMAIL: committer.email,
    GIT_COMMITTER_DATE: date,
  });
  const configuredIdentity = async (s: GitSession, dir: string): Promise<GitIdentity> => {
    const name = (await s.git(['-C', dir, 'config', '--get', 'user.name'])).stdout.trim();
    const email = (await s.git(['-C', dir, 'config', '--get', 'user.email'])).stdout.trim();
    return name === '' ? defaultAuthor : { name, email };
  };

  const clone = async (request: GitCloneRequest): Promise<PortResult<GitCheckout>> => {
    const path = confinePath(typeof request.path === 'string' ? request.path : '');
    const url = typeof request.repoURL === 'string' ? request.repoURL.trim() : '';
    const what = `clone ${redactSecrets(url, [])} into ${path === '' ? '.' : path}`;
    if (request.signal?.aborted) return failed('cancelled', `${what}: cancelled`);
    if (url === '' || url.startsWith('-') || /[\0\n\r]/.test(url)) return failed('not-found', `${what}: not a repository URL`);
    const chosen = [request.branch, request.commit, request.tag].filter((r) => r !== undefined && r !== '');
    if (chosen.length > 1) return failed('invalid-response', `${what}: give one of branch, commit and tag`);
    if (request.branch && !isSafeRefName(request.branch)) return failed('not-found', `${what}: ${JSON.stringify(request.branch)} is not a valid branch name`);
    if (request.tag && !isSafeRefName(request.tag)) return failed('not-found', `${what}: ${JSON.stringify(request.tag)} is not a valid tag name`);
    if (request.commit && !isCommitId(request.commit)) return failed('not-found', `${what}: ${JSON.stringify(request.commit)} is not a commit id`);
    const dir = path === '' ? workDir : join(workDir, path);
    let secrets: readonly string[] = [];
    try {
      const known = primaries.get(url);
      const primary = known !== undefined && (await exists(join(known, '.git'))) ? known : undefined;
      return await serialize(primary ?? dir, async () => {
        const s = await runner.session(url, request.signal, what);
        if (!isSession(s)) return { ok: false, failure: s };
        secrets = s.secrets;
        let mode: CheckoutMode = 'clone';
        if (await exists(join(dir, '.git'))) {
          const existing = (await s.git(['-C', dir, 'config', '--get', 'remote.origin.url'])).stdout.trim();
          if (existing !== url) return failed('invalid-response', `${what}: the path holds a checkout of ${redactSecrets(existing, [])}`);
          if (dir === primary && (await hasLinkedWorktrees(s, dir))) {
            // Other checkouts use this clone's objects: keep its .git and replace only the files.
            mode = 'reuse';
            await Promise.all((await readdir(dir)).filter((name) => name !== '.git').map((name) => rm(join(dir, name), { recursive: true, force: true })));
          } else {
            await rm(dir, { recursive: true, force: true });
          }
        } else if ((await exists(dir)) && (await readdir(dir)).length > 0) {
          return failed('invalid-response', `${what}: the path is not empty`);
        }
        if (primary !== undefined && primary !== dir) {
          await s.git(['-C', primary, 'worktree', 'prune']);
          await mkdir(dir, { recursive: true });
          // A worktree shares the clone's objects and remote-tracking refs, so nothing is fetched twice.
          // When git cannot add one (the clone has no commit yet), a clone of its own still works.
          const added = await s.git(['-C', primary, 'worktree', 'add', '--quiet', '--force', '--detach', '--no-checkout', dir]);
          if (ok(added)) mode = 'worktree';
          else if (added.killed !== undefined) return gitFailure(s, added, 'git worktree add');
          else {
            await rm(dir, { recursive: true, force: true });
            await s.git(['-C', primary, 'worktree', 'prune']);
          }
        }
        await mkdir(dir, { recursive: true });
        const made = await cloneInto(s, dir, path, request, mode);
        if (!made.ok) {
          if (mode !== 'reuse') await rm(dir, { recursive: true, force: true });
          if (mode === 'worktree' && primary !== undefined) await s.git(['-C', primary, 'worktree', 'prune']);
          return made;
        }
        // A clone made while another of the same repository was being made leaves that one the shared clone.
        if (mode === 'clone' && primary === undefined && primaries.get(url) === known) primaries.set(url, dir);
        groups.set(dir, mode === 'worktree' && primary !== undefined ? primary : dir);
        return made;
      });
    } catch (error) {
      return failed('transport', `${what}: ${redactSecrets(error instanceof Error ? error.message : String(error), secrets)}`);
    }
  };

  const isBranchHeldElsewhere = async (s: GitSession, dir: string, branch: string): Promise<boolean> => {
    const list = await s.git(['-C', dir, 'worktree', 'list', '--porcelain']);
    const own = await realpath(dir).catch(() => dir);
    let current = '';
    for (const line of list.stdout.split('\n')) {
      if (line.startsWith('worktree ')) current = line.slice('worktree '.length);
      else if (line === `branch refs/heads/${branch}` && current !== own && current !== dir) return true;
    }
    return false;
  };

  const hasLinkedWorktrees = async (s: GitSession, dir: string): Promise<boolean> => {
    await s.git(['-C', dir, 'worktree', 'prune']);
    const list = await s.git(['-C', dir, 'worktree', 'list', '--porcelain']);
    return ok(list) && list.stdout.split('\n').filter((line) => line.startsWith('worktree ')).length > 1;
  };

  const cloneInto = async (s: GitSession, dir: string, path: string, request: GitCloneRequest, mode: CheckoutMode): Promise<PortResult<GitCheckout>> => {
    const author = request.author ?? defaultAuthor;
    const setup =
      mode === 'clone'
        ? [
            ['init', '--quiet', dir],
            ['-C', dir, 'config', 'remote.origin.url', s.url],
            ['-C', dir, 'config', 'remote.origin.fetch', '+refs/heads/*:refs/remotes/origin/*'],
            // Each checkout sharing this clone keeps its own identity.
            ['-C', dir, 'config', 'extensions.worktreeConfig', 'true'],
          ]
        : [];
    if (mode !== 'clone') await s.git(['-C', dir, 'config', '--worktree', '--unset-all', SHARED_BRANCH_KEY]);
    for (const args of [...setup, ['-C', dir, 'config', '--worktree', 'user.name', author.name], ['-C', dir, 'config', '--worktree', 'user.email', author.email]]) {
      const run = await s.git(args);
      if (!ok(run)) return gitFailure(s, run, 'preparing the checkout');
    }
    const fetch = (refspecs: readonly string[]) => s.git(['-C', dir, 'fetch', '--quiet', '--no-tags', 'origin', ...refspecs]);
    if (request.commit) {
      const run = await fetch([request.commit]);
      if (!ok(run)) {
        const failure = classifyGitFailure(run, `${s.what}: git fetch`, s.secrets);
        return failure.kind === 'transport' && /not our ref|unadvertised object|couldn't find remote ref|not a valid object/i.test(run.stderr) ? failed('not-found', `${s.what}: no commit ${request.commit}`) : { ok: false, failure };
      }
      const checkout = await s.git(['-C', dir, 'checkout', '--quiet', '--force', '--detach', request.commit]);
      if (!ok(checkout)) return checkout.killed === undefined ? failed('not-found', `${s.what}: no commit ${request.commit}`) : gitFailure(s, checkout, 'git checkout');
    } else if (request.tag) {
      const run = await fetch([`+refs/tags/${request.tag}:refs/tags/${request.tag}`]);
      if (!ok(run)) return gitFailure(s, run, 'git fetch');
      const checkout = await s.git(['-C', dir, 'checkout', '--quiet', '--force', '--detach', `refs/tags/${request.tag}^{commit}`]);
      if (!ok(checkout)) return gitFailure(s, checkout, 'git checkout');
    } else {
      let branch = request.branch ?? '';
      if (branch === '') {
        const head = await s.git(['-C', dir, 'ls-remote', '--symref', 'origin', 'HEAD']);
        if (!ok(head)) return gitFailure(s, head, 'git ls-remote');
        branch = /^ref: refs\/heads\/(\S+)\tHEAD$/m.exec(head.stdout)?.[1] ?? '';
        if (branch === '') return failed('not-found', `${s.what}: the remote has no default branch`);
      }
      const run = await fetch([`+refs/heads/${branch}:refs/remotes/origin/${branch}`]);
      if (ok(run)) {
        // A branch another checkout of the same clone holds is checked out detached here: two
        // checkouts on one local branch would move each other's head with every commit.
        const held = mode !== 'clone' && (await isBranchHeldElsewhere(s, dir, branch));
        const checkout = await s.git(['-C', dir, 'checkout', '--quiet', '--force', ...(held ? ['--detach'] : ['-B', branch]), `refs/remotes/origin/${branch}`]);
        if (!ok(checkout)) return gitFailure(s, checkout, 'git checkout');
        if (held) {
          const named = await s.git(['-C', dir, 'config', '--worktree', SHARED_BRANCH_KEY, branch]);
          if (!ok(named)) return gitFailure(s, named, 'git config');
        }
      } else {
        const failure = classifyGitFailure(run, `${s.what}: git fetch`, s.secrets);
        if (failure.kind !== 'not-found' || !/couldn't find remote ref/i.test(run.stderr)) return { ok: false, failure };
        if (request.create !== true) return failed('not-found', `${s.what}: no branch ${branch}`);
        // An orphan branch: HEAD names a branch that has no commit yet.
        const orphan = await s.git(['-C', dir, 'symbolic-ref', 'HEAD', `refs/heads/${branch}`]);
        if (!ok(orphan)) return gitFailure(s, orphan, 'git symbolic-ref');
        if (mode !== 'clone') {
          // A shared clone's index may hold another checkout's files; an orphan branch starts empty.
          const emptied = await s.git(['-C', dir, 'read-tree', '--empty']);
          if (!ok(emptied)) return gitFailure(s, emptied, 'git read-tree');
        }
      }
    }
    return { ok: true, value: await describeCheckout(s, dir, path) };
  };

  return {
    workDirTree: createFileWorkTree(workDir),
    clone,

    workTree: (request) => withCheckout(request, 'workTree', async (_s, dir) => ({ ok: true, value: createFileWorkTree(dir, { hidden: ['.git'] }) })),

    head: (request) => withCheckout(request, 'head', async (s, dir, path) => ({ ok: true, value: await describeCheckout(s, dir, path) })),

    commit: (request: GitCommitRequest): Promise<PortResult<GitCommitOutcome>> =>
      withCheckout<GitCommitOutcome>(request, 'commit', async (s, dir) => {
        const date = toGitDate(request.date);
        if (date === undefined) return failed('invalid-response', `${s.what}: invalid date ${String(request.date)}`);
        const add = await s.git(['-C', dir, 'add', '--all']);
        if (!ok(add)) return gitFailure(s, add, 'git add');
        const head = await revParse(s, dir, 'HEAD');
        const staged = await s.git(['-C', dir, 'diff', '--cached', '--quiet', ...(head === undefined ? [] : ['HEAD']), '--']);
        if (staged.killed !== undefined) return gitFailure(s, staged, 'git diff');
        const empty = head === undefined ? (await s.git(['-C', dir, 'ls-files'])).stdout.trim() === '' : staged.code === 0;
        if (empty) return { ok: true, value: head === undefined ? { committed: false } : { committed: false, commit: head } };
        const author = request.author ?? (await configuredIdentity(s, dir));
        const committer = request.committer ?? author;
        const commitArgs = ['commit', '--quiet', '--no-verify', '--cleanup=verbatim', '--allow-empty-message', '-m', request.message];
        let run: GitRun;
        if (typeof request.signingKey === 'string' && request.signingKey.trim() !== '') {
          // The key lives only in a private keyring made for this commit and removed right after.
          const key = await importSigningKey(request.signingKey, { signal: request.signal, timeoutMs: options.timeoutMs ?? 600_000 });
          if ('error' in key) return failed('invalid-response', `${s.what}: ${key.error}`);
          try {
            run = await s.git(['-C', dir, '-c', `user.signingkey=${key.fingerprint}`, '-c', 'gpg.program=gpg', ...commitArgs, '-S'], { env: { ...identityEnv(author, committer, date), ...key.env } });
          } finally {
            await removeSigningKey(key);
          }
        } else {
          run = await s.git(['-C', dir, ...commitArgs], { env: identityEnv(author, committer, date) });
        }
        if (!ok(run)) return gitFailure(s, run, 'git commit');
        const commit = await revParse(s, dir, 'HEAD');
        return commit === undefined ? failed('invalid-response', `${s.what}: the commit left no head`) : { ok: true, value: { committed: true, commit } };
      }),

    rebase: (request: GitRebaseRequest): Promise<PortResult<GitRebaseOutcome>> =>
      withCheckout(request, `rebase onto ${request.branch}`, async (s, dir) => {
        if (!isSafeRefName(request.branch)) return failed('not-found', `${s.what}: ${JSON.stringify(request.branch)} is not a valid branch name`);
        const fetched = await s.git(['-C', dir, 'fetch', '--quiet', '--no-tags', 'origin', `+refs/heads/${request.branch}:${REMOTE_HEAD}`]);
        const head = await revParse(s, dir, 'HEAD');
        const at = (status: GitRebaseOutcome['status'], remoteHead: string | undefined, commit: string | undefined, message?: string): PortResult<GitRebaseOutcome> => ({
          ok: true,
          value: { status, ...(remoteHead !== undefined ? { remoteHead } : {}), ...(commit !== undefined ? { commit } : {}), ...(message !== undefined ? { message } : {}) },
        });
        if (!ok(fetched)) {
          if (fetched.killed === undefined && /couldn't find remote ref/i.test(fetched.stderr)) return at('no-remote-branch', undefined, head);
          return gitFailure(s, fetched, 'git fetch');
        }
        const remoteHead = await revParse(s, dir, REMOTE_HEAD);
        if (remoteHead === undefined) return failed('invalid-response', `${s.what}: the fetched branch has no head`);
        if (head !== undefined) {
          const ancestor = await s.git(['-C', dir, 'merge-base', '--is-ancestor', remoteHead, head]);
          if (ancestor.killed !== undefined) return gitFailure(s, ancestor, 'git merge-base');
          if (ancestor.code === 0) return at('up-to-date', remoteHead, head);
        }
        const status = await s.git(['-C', dir, 'status', '--porcelain']);
        if (!ok(status)) return gitFailure(s, status, 'git status');
        if (status.stdout.trim() !== '') return at('conflict', remoteHead, head, 'the checkout has uncommitted changes');
        if (head === undefined) {
          const reset = await s.git(['-C', dir, 'reset', '--quiet', '--hard', remoteHead]);
          if (!ok(reset)) return gitFailure(s, reset, 'git reset');
          return at('rebased', remoteHead, remoteHead);
        }
        const identity = await configuredIdentity(s, dir);
        const rebase = await s.git(['-C', dir, 'rebase', '--quiet', '--committer-date-is-author-date', remoteHead], {
          env: { GIT_COMMITTER_NAME: identity.name, GIT_COMMITTER_EMAIL: identity.email },
        });
        if (!ok(rebase)) {
          const conflicts = await s.git(['-C', dir, 'diff', '--name-only', '--diff-filter=U']);
          await s.git(['-C', dir, 'rebase', '--abort']);
          if (rebase.killed !== undefined) return gitFailure(s, rebase, 'git rebase');
          const paths = conflicts.stdout.split('\n').filter((p) => p !== '');
          return at('conflict', remoteHead, head, paths.length > 0 ? `conflicting changes to ${paths.join(', ')}` : 'the changes could not be replayed');
        }
        return at('rebased', remoteHead, await revParse(s, dir, 'HEAD'));
      }),

    push: (request: GitPushRequest): Promise<PortResult<GitPushOutcome>> =>
      withCheckout(request, `push to ${request.branch}`, async (s, dir) => {
        if (!isSafeRefName(request.branch)) return failed('not-found', `${s.what}: ${JSON.stringify(request.branch)} is not a valid branch name`);
        if (request.tag !== undefined && !isSafeRefName(request.tag)) return failed('not-found', `${s.what}: ${JSON.stringify(request.tag)} is not a valid tag name`);
        if (request.expectedHead !== null && !isCommitId(String(request.expectedHead))) return failed('invalid-response', `${s.what}: the expected head is not a commit id`);
        const branchRef = `refs/heads/${request.branch}`;
        const tagRef = request.tag === undefined ? undefined : `refs/tags/${request.tag}`;
        const remote = await lsRemote(s, dir, tagRef === undefined ? [branchRef] : [branchRef, tagRef]);
        if (!(remote instanceof Map)) return remote;
        const current = remote.get(branchRef);
        const rejected = (reason: 'stale' | 'non-fast-forward' | 'tag-exists' | 'no-commits', remoteHead = current): PortResult<GitPushOutcome> => ({
          ok: true,
          value: { status: 'rejected', reason, ...(remoteHead !== undefined ? { remoteHead } : {}) },
        });
        const head = await revParse(s, dir, 'HEAD');
        if (head === undefined) return rejected('no-commits');
        const localTag = tagRef === undefined ? undefined : await revParse(s, dir, tagRef);
        if (tagRef !== undefined && localTag === undefined) return failed('not-found', `${s.what}: no local tag ${String(request.tag)}`);
        const remoteTag = tagRef === undefined ? undefined : remote.get(tagRef);
        if (localTag !== undefined && remoteTag !== undefined && remoteTag !== localTag) return rejected('tag-exists');
        const branchChanges = current !== head;
        const tagChanges = localTag !== undefined && remoteTag === undefined;
        if (branchChanges) {
          if ((current ?? null) !== request.expectedHead) return rejected('stale');
          if (current !== undefined && request.force !== true) {
            if ((await revParse(s, dir, current)) === undefined) {
              const fetched = await s.git(['-C', dir, 'fetch', '--quiet', '--no-tags', 'origin', `+${branchRef}:${REMOTE_HEAD}`]);
              if (!ok(fetched)) return gitFailure(s, fetched, 'git fetch');
            }
            const ancestor = await s.git(['-C', dir, 'merge-base', '--is-ancestor', current, head]);
            if (ancestor.killed !== undefined) return gitFailure(s, ancestor, 'git merge-base');
            if (ancestor.code !== 0) return rejected('non-fast-forward');
          }
        }
        if (!branchChanges && !tagChanges) return { ok: true, value: { status: 'pushed', commit: head, changed: false } };
        // The lease makes the push a compare-and-swap: the remote branch moves only if it is still
        // at the head checked above (or still missing), whatever happened since.
        const refspecs = [...(branchChanges ? [`${head}:${branchRef}`] : []), ...(tagChanges && tagRef !== undefined ? [`${tagRef}:${tagRef}`] : [])];
        const lease = branchChanges ? [`--force-with-lease=${branchRef}:${current ?? ''}`] : [];
        const run = await s.git(['-C', dir, 'push', '--quiet', '--porcelain', '--no-verify', ...lease, 'origin', ...refspecs]);
        if (!ok(run)) {
          if (run.killed === undefined && /stale info|fetch first|\[rejected\]|! \S+\s+\S+\s+\[/i.test(run.stdout + run.stderr)) {
            const after = await lsRemote(s, dir, [branchRef]);
            return rejected('stale', after instanceof Map ? after.get(branchRef) : undefined);
          }
          return gitFailure(s, run, 'git push');
        }
        return { ok: true, value: { status: 'pushed', commit: head, changed: true } };
      }),

    tag: (request: GitTagRequest): Promise<PortResult<GitTagOutcome>> =>
      withCheckout(request, `tag ${String(request.tag)}`, async (s, dir) => {
        if (typeof request.tag !== 'string' || !isSafeRefName(request.tag)) return failed('invalid-response', `${s.what}: not a valid tag name`);
        const head = await revParse(s, dir, 'HEAD');
        if (head === undefined) return failed('invalid-response', `${s.what}: the checkout has no commit`);
        const existing = await revParse(s, dir, `refs/tags/${request.tag}`);
        if (existing !== undefined && existing !== head && request.force !== true) return failed('invalid-response', `${s.what}: the tag already exists on ${existing}`);
        const annotated = request.message !== undefined && request.message !== '';
        const date = request.date === undefined ? undefined : toGitDate(request.date);
        if (request.date !== undefined && date === undefined) return failed('invalid-response', `${s.what}: invalid date ${String(request.date)}`);
        const identity = await configuredIdentity(s, dir);
        const args = annotated ? ['tag', '--force', '--annotate', '--cleanup=verbatim', '-m', request.message ?? '', request.tag, head] : ['tag', '--force', request.tag, head];
        if (existing === head && !annotated) return { ok: true, value: { tag: request.tag, commit: head } };
        const run = await s.git(['-C', dir, ...args], { env: { GIT_COMMITTER_NAME: identity.name, GIT_COMMITTER_EMAIL: identity.email, ...(date !== undefined ? { GIT_COMMITTER_DATE: date } : {}) } });
        if (!ok(run)) return gitFailure(s, run, 'git tag');
        return { ok: true, value: { tag: request.tag, commit: head } };
      }),

    async close() {
      await lock.idle();
      await runner.close();
    },
  };
}
