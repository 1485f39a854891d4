import { createHash } from 'node:crypto';
import { access, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type {
  ChangedPathsRequest,
  GitCommitMetadata,
  GitPort,
  GitTagMetadata,
  ListCommitsRequest,
  ListGitTagsRequest,
  Page,
  PortFailure,
  PortResult,
} from '../../ports/index.js';
import { classifyGitFailure, redactSecrets } from './classify-failure.js';
import { createGitRunner, isSession, type GitRunnerOptions, type GitSession } from './git-runner.js';
import { LOG_FORMAT, parseLog, parseTagRefs, TAG_FORMAT } from './parse-output.js';
import type { GitRun } from './run-git.js';
import { createKeyedLock } from './keyed-lock.js';

/** How {@link createGitAdapter} reaches repositories. */
export interface GitAdapterOptions extends GitRunnerOptions {
  /**
   * Where the blobless clones are kept, one bare repository per repository URL. Default: a new
   * directory under the system temp directory, removed by {@link GitAdapter.close}. A directory
   * given here is kept, so clones survive restarts; only one adapter (one process) should use it
   * at a time.
   */
  readonly cacheDir?: string | undefined;
  /**
   * Reuses what was fetched less than this many milliseconds ago instead of fetching again
   * (default 0: every listing fetches first). Pages after the first of one `listTags` walk never
   * fetch, so a walk sees one consistent set of tags.
   */
  readonly refreshIntervalMs?: number | undefined;
  /** Fetches without `--filter=blob:none` when `false` (for servers that refuse partial clones). Default `true`. */
  readonly blobless?: boolean | undefined;
}

/** The Git port backed by the git command, with a way to remove its temporary files. */
export interface GitAdapter extends GitPort {
  /** Removes the temporary directories the adapter made (its default cache included). */
  close(): Promise<void>;
}

/** A session on one repository's clone in the cache. */
interface CallContext extends GitSession {
  /** The bare clone's directory. */
  readonly dir: string;
}

type Failed = { readonly ok: false; readonly failure: PortFailure };

const MAX_PAGE_SIZE = 1000;
const DEFAULT_HEAD_REF = 'refs/waybill/remote-head';

const failed = (kind: PortFailure['kind'], message: string, retryable = false): Failed => ({ ok: false, failure: { kind, message, retryable } });

/** A branch name git would accept in a refspec, and that cannot be read as an option. */
const isSafeBranch = (branch: string): boolean =>
  /^[^-\s~^:?*[\\\x00-\x1f\x7f][^\s~^:?*[\\\x00-\x1f\x7f]*$/.test(branch) && !branch.includes('..') && !branch.includes('@{') && !branch.endsWith('.lock') && !branch.endsWith('/') && !branch.endsWith('.');

/**
 * Creates the Git port backed by the `git` command: each repository is fetched as a blobless
 * clone (commits and trees, no file contents) into a cache directory, then read with `git log
 * --first-parent`, `git for-each-ref --sort=-creatordate refs/tags` and `git diff-tree`, as Kargo
 * reads it. git runs without a shell, without the user's or the system's git configuration, with
 * terminal prompts off and the C locale; credentials reach it only through an askpass program.
 * Failures resolve to `PortResult` failures (`not-found`, `unauthorized`, `transport` with
 * `retryable`, `cancelled`); an `AbortSignal` kills the running git process.
 */
export function createGitAdapter(options: GitAdapterOptions = {}): GitAdapter {
  const refreshIntervalMs = options.refreshIntervalMs ?? 0;
  const runner = createGitRunner(options);
  let cache: Promise<{ dir: string; owned: boolean }> | undefined;
  const lock = createKeyedLock();
  const fetchedAt = new Map<string, number>();

  const cacheDirectory = (): Promise<{ dir: string; owned: boolean }> => {
    if (cache === undefined) {
      const made = (async () => {
        if (options.cacheDir === undefined) return { dir: await mkdtemp(join(tmpdir(), 'waybill-git-cache-')), owned: true };
        await mkdir(options.cacheDir, { recursive: true });
        return { dir: options.cacheDir, owned: false };
      })();
      cache = made;
      made.catch(() => {
        if (cache === made) cache = undefined;
      });
    }
    return cache;
  };

  /** Runs a call after every earlier call on the same clone has finished. */
  const serialize = <T>(key: string, task: () => Promise<T>): Promise<T> => lock.run(key, task);

  /** Runs one port call: checks, credentials, the per-clone lock, and a net for anything thrown. */
  const call = async <T>(
    request: { readonly repoURL: string; readonly signal?: AbortSignal | undefined },
    operation: string,
    fn: (ctx: CallContext) => Promise<PortResult<T>>,
  ): Promise<PortResult<T>> => {
    const url = typeof request.repoURL === 'string' ? request.repoURL.trim() : '';
    const what = `${operation} ${redactSecrets(url, [])}`;
    if (request.signal?.aborted) return failed('cancelled', `${what}: cancelled`);
    if (url === '' || url.startsWith('-') || /[\0\n\r]/.test(url)) return failed('not-found', `${what}: not a repository URL`);
    let secrets: readonly string[] = [];
    try {
      const session = await runner.session(url, request.signal, what);
      if (!isSession(session)) return { ok: false, failure: session };
      secrets = session.secrets;
      const { dir: cacheDir } = await cacheDirectory();
      const dir = join(cacheDir, createHash('sha256').update(url).digest('hex').slice(0, 32));
      const ctx: CallContext = { ...session, git: session.git, dir };
      return await serialize(dir, () => fn(ctx));
    } catch (error) {
      const detail = redactSecrets(error instanceof Error ? error.message : String(error), secrets);
      return failed('transport', `${what}: ${detail}`);
    }
  };

  /** Makes the bare clone directory with its `origin`, once. */
  const ensureClone = async (ctx: CallContext): Promise<Failed | undefined> => {
    try {
      await access(join(ctx.dir, 'HEAD'));
      return undefined;
    } catch {
      // Not made yet.
    }
    for (const args of [
      ['init', '--bare', '--quiet', ctx.dir],
      ['-C', ctx.dir, 'config', 'remote.origin.url', ctx.url],
    ]) {
      const run = await ctx.git(args);
      if (run.code !== 0) {
        await rm(ctx.dir, { recursive: true, force: true });
        return { ok: false, failure: classifyGitFailure(run, `${ctx.what}: preparing the cache`, ctx.secrets) };
      }
    }
    return undefined;
  };

  /**
   * Removes lock files a killed git left behind (a cancelled or timed-out fetch is killed with
   * SIGKILL, so it cannot clean up). Calls on one clone are serialized and a cache directory
   * belongs to one process, so any lock present before a fetch is stale.
   */
  const removeStaleLocks = async (dir: string): Promise<void> => {
    const visit = async (path: string, recurse: boolean): Promise<void> => {
      let entries;
      try {
        entries = await readdir(path, { withFileTypes: true });
      } catch {
        return;
      }
      for (const entry of entries) {
        const child = join(path, entry.name);
        if (entry.isFile() && entry.name.endsWith('.lock')) await rm(child, { force: true });
        else if (recurse && entry.isDirectory()) await visit(child, true);
      }
    };
    await visit(dir, false);
    await visit(join(dir, 'refs'), true);
  };

  /**
   * Kargo's short-circuit: for a single branch, `git ls-remote` first, and no fetch at all when the
   * remote still points where the local copy does. True when nothing changed, false when a fetch is
   * needed (or the refspecs are not a single branch), a failure when the remote cannot be asked.
   */
  const isUnchangedOnRemote = async (ctx: CallContext, refspecs: readonly string[]): Promise<boolean | Failed> => {
    const single = refspecs.length === 1 ? /^\+(HEAD|refs\/heads\/[^*:]+):(refs\/[^*:]+)$/.exec(refspecs[0] ?? '') : null;
    if (single === null) return false;
    const [, source = '', local = ''] = single;
    const mine = await ctx.git(['-C', ctx.dir, 'rev-parse', '--verify', '--quiet', `${local}^{commit}`]);
    if (mine.code !== 0 || mine.killed !== undefined) return false;
    const remote = await ctx.git(['-C', ctx.dir, 'ls-remote', 'origin', source]);
    if (remote.code !== 0 || remote.killed !== undefined) return { ok: false, failure: classifyGitFailure(remote, `${ctx.what}: git ls-remote`, ctx.secrets) };
    const line = remote.stdout.split('\n').find((l) => l.endsWith(`\t${source}`));
    return line !== undefined && line.split('\t')[0] === mine.stdout.trim();
  };

  /** Fetches `refspecs` from origin unless they were fetched within the refresh interval, or the remote has not moved. */
  const fetchRefs = async (ctx: CallContext, refspecs: readonly string[], extra: readonly string[] = [], force = false): Promise<Failed | undefined> => {
    const made = await ensureClone(ctx);
    if (made !== undefined) return made;
    const key = `${ctx.dir}\0${refspecs.join(' ')}`;
    const last = fetchedAt.get(key);
    if (!force && last !== undefined && refreshIntervalMs > 0 && Date.now() - last < refreshIntervalMs) return undefined;
    const unchanged = await isUnchangedOnRemote(ctx, refspecs);
    if (unchanged !== false) {
      if (unchanged !== true) return unchanged;
      fetchedAt.set(key, Date.now());
      return undefined;
    }
    const filter = options.blobless === false ? [] : ['--filter=blob:none'];
    await removeStaleLocks(ctx.dir);
    const run = await ctx.git(['-C', ctx.dir, 'fetch', '--quiet', '--no-tags', '--no-write-fetch-head', ...filter, ...extra, 'origin', ...refspecs]);
    if (run.code !== 0 || run.killed !== undefined) return { ok: false, failure: classifyGitFailure(run, `${ctx.what}: git fetch`, ctx.secrets) };
    fetchedAt.set(key, Date.now());
    return undefined;
  };

  const wasFetched = (ctx: CallContext, refspecs: readonly string[]): boolean => fetchedAt.has(`${ctx.dir}\0${refspecs.join(' ')}`);

  const readFailure = (ctx: CallContext, run: GitRun, step: string): Failed => ({ ok: false, failure: classifyGitFailure(run, `${ctx.what}: ${step}`, ctx.secrets) });

  const listCommits = (request: ListCommitsRequest): Promise<PortResult<readonly GitCommitMetadata[]>> => {
    const branch = typeof request.branch === 'string' ? request.branch : '';
    return call(request, `listing commits of ${branch === '' ? 'the default branch' : `branch ${branch}`} of`, async (ctx) => {
      if (branch !== '' && !isSafeBranch(branch)) return failed('not-found', `${ctx.what}: ${JSON.stringify(branch)} is not a valid branch name`);
      let sinceArg: string[] = [];
      if (request.since !== undefined && request.since !== '') {
        const ms = Date.parse(request.since);
        if (Number.isNaN(ms)) return failed('invalid-response', `${ctx.what}: since ${JSON.stringify(request.since)} is not an RFC 3339 time`);
        // git compares whole seconds; rounding up keeps "at or after since" exact.
        sinceArg = [`--since=@${Math.ceil(ms / 1000)} +0000`];
      }
      const ref = branch === '' ? DEFAULT_HEAD_REF : `refs/remotes/origin/${branch}`;
      const refspec = branch === '' ? `+HEAD:${DEFAULT_HEAD_REF}` : `+refs/heads/${branch}:${ref}`;
      const fetched = await fetchRefs(ctx, [refspec]);
      if (fetched !== undefined) return fetched;
      const skip = Number.isSafeInteger(request.skip) && request.skip > 0 ? request.skip : 0;
      const maxCount = Number.isSafeInteger(request.maxCount) && request.maxCount > 0 ? request.maxCount : 0;
      if (maxCount === 0) return { ok: true, value: [] };
      const run = await ctx.git(['-C', ctx.dir, 'log', '--first-parent', '--no-color', `--format=${LOG_FORMAT}`, `--skip=${skip}`, `--max-count=${maxCount}`, ...sinceArg, ref, '--']);
      if (run.code !== 0 || run.killed !== undefined) return readFailure(ctx, run, 'git log');
      return { ok: true, value: parseLog(run.stdout) };
    });
  };

  const listTags = (request: ListGitTagsRequest): Promise<PortResult<Page<GitTagMetadata>>> =>
    call(request, 'listing tags of', async (ctx) => {
      const start = request.cursor === undefined || request.cursor === '' ? 0 : Number(request.cursor);
      if (!Number.isSafeInteger(start) || start < 0) return failed('invalid-response', `${ctx.what}: unknown page cursor ${JSON.stringify(request.cursor)}`);
      const refspecs = ['+refs/tags/*:refs/tags/*'];
      if (start === 0 || !wasFetched(ctx, refspecs)) {
        const fetched = await fetchRefs(ctx, refspecs, ['--prune'], start === 0 ? false : true);
        if (fetched !== undefined) return fetched;
      }
      // The last --sort is the main key: newest creator date first, then the name, ascending.
      const run = await ctx.git(['-C', ctx.dir, 'for-each-ref', '--sort=refname', '--sort=-creatordate', `--format=${TAG_FORMAT}`, 'refs/tags']);
      if (run.code !== 0 || run.killed !== undefined) return readFailure(ctx, run, 'git for-each-ref');
      const { tags, nested } = parseTagRefs(run.stdout);
      const unreadable = new Set<number>();
      for (const [index, { ref }] of nested) {
        const resolved = await ctx.git(['-C', ctx.dir, 'rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
        if (resolved.killed === 'cancelled') return readFailure(ctx, resolved, 'git rev-parse');
        const id = resolved.stdout.trim();
        const tag = tags[index];
        if (resolved.code === 0 && tag !== undefined && /^[0-9a-f]{40,64}$/.test(id)) tags[index] = { ...tag, id };
        else unreadable.add(index);
      }
      const all = tags.filter((_, i) => !unreadable.has(i));
      if (start > all.length) return failed('invalid-response', `${ctx.what}: unknown page cursor ${JSON.stringify(request.cursor)}`);
      const size = request.pageSize !== undefined && Number.isInteger(request.pageSize) && request.pageSize > 0 ? Math.min(request.pageSize, MAX_PAGE_SIZE) : MAX_PAGE_SIZE;
      const end = Math.min(all.length, start + size);
      const items = all.slice(start, end);
      return { ok: true, value: end < all.length ? { items, next: String(end) } : { items } };
    });

  const getChangedPaths = (request: ChangedPathsRequest): Promise<PortResult<readonly string[]>> =>
    call(request, `reading the paths commit ${String(request.id).slice(0, 64)} changed in`, async (ctx) => {
      const id = typeof request.id === 'string' ? request.id.toLowerCase() : '';
      if (!/^[0-9a-f]{4,64}$/.test(id)) return failed('not-found', `${ctx.what}: not a commit id`);
      const made = await ensureClone(ctx);
      if (made !== undefined) return made;
      const noLazyFetch = { env: { GIT_NO_LAZY_FETCH: '1' } };
      const present = await ctx.git(['-C', ctx.dir, 'cat-file', '-e', `${id}^{commit}`], noLazyFetch);
      if (present.killed !== undefined) return readFailure(ctx, present, 'git cat-file');
      if (present.code !== 0) {
        // Not fetched yet (or gone): ask the remote for this one commit and its history.
        const fetched = await fetchRefs(ctx, [id], [], true);
        if (fetched !== undefined) {
          return fetched.failure.kind === 'transport' && /not our ref|unadvertised object|couldn't find remote ref|no such remote ref|not a valid object/i.test(fetched.failure.message)
            ? failed('not-found', `${ctx.what}: no such commit`)
            : fetched;
        }
      }
      const parents = await ctx.git(['-C', ctx.dir, 'rev-list', '--parents', '--max-count=1', id, '--'], noLazyFetch);
      if (parents.code !== 0 || parents.killed !== undefined) {
        return parents.killed === undefined ? failed('not-found', `${ctx.what}: no such commit`) : readFailure(ctx, parents, 'git rev-list');
      }
      const [full, firstParent] = parents.stdout.trim().split(/\s+/);
      if (full === undefined || full === '') return failed('not-found', `${ctx.what}: no such commit`);
      const diffArgs = firstParent === undefined ? ['--root', full] : [firstParent, full];
      const diff = await ctx.git(['-C', ctx.dir, 'diff-tree', '-r', '-z', '--no-commit-id', '--name-only', '--no-renames', ...diffArgs]);
      if (diff.code !== 0 || diff.killed !== undefined) return readFailure(ctx, diff, 'git diff-tree');
      return { ok: true, value: [...new Set(diff.stdout.split('\0').filter((p) => p !== ''))] };
    });

  return {
    listCommits,
    listTags,
    getChangedPaths,
    async close() {
      await lock.idle();
      await runner.close();
      const pending = cache;
      cache = undefined;
      if (pending === undefined) return;
      try {
        const made = await pending;
        if (made.owned) await rm(made.dir, { recursive: true, force: true });
      } catch {
        // Nothing was made, or it is already gone.
      }
    },
  };
}
