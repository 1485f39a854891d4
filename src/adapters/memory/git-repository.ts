import { normalizeGitURL } from '../../discovery/index.js';
import { WaybillError } from '../../errors/index.js';
import { sha1Hex } from '../../freight/index.js';
import type {
  ChangedPathsRequest,
  GitCommitMetadata,
  GitPort,
  GitTagMetadata,
  ListCommitsRequest,
  ListGitTagsRequest,
  Page,
  PortCallOptions,
  PortFailure,
  PortResult,
} from '../../ports/index.js';
import { cancelledFailure, injectedFailure, memoryTime, pageOf, type InjectedFailure } from './registry.js';

/** A commit added to a {@link MemoryGit} repository. */
export interface MemoryCommitInput {
  /** The branch to commit to (default: the repository's default branch). */
  readonly branch?: string | undefined;
  /** Made up from the content when left out (40 hex digits). */
  readonly id?: string | undefined;
  readonly subject?: string | undefined;
  /** `Name <email>`. */
  readonly author?: string | undefined;
  /** `Name <email>` (default: the author). */
  readonly committer?: string | undefined;
  /** The commit date (default: a minute after the branch tip, or 2026-01-01T00:00:00Z). */
  readonly date?: string | Date | undefined;
  /** The paths the commit changes (default: the keys of `files`). */
  readonly paths?: readonly string[] | undefined;
  /** File contents the commit writes (`null` deletes a file); other files stay as in the parent. */
  readonly files?: Readonly<Record<string, string | null>> | undefined;
  /** The whole message (default: the subject). */
  readonly message?: string | undefined;
}

/** A tag added to a {@link MemoryGit} repository. */
export interface MemoryTagInput {
  readonly tag: string;
  /** The commit id to tag (default: the tip of `branch`). */
  readonly commit?: string | undefined;
  /** The branch whose tip is tagged when `commit` is left out (default: the default branch). */
  readonly branch?: string | undefined;
  /** Makes an annotated tag: its message. */
  readonly annotation?: string | undefined;
  /** `Name <email>` of an annotated tag's tagger. */
  readonly tagger?: string | undefined;
  /** The tagger date of an annotated tag (default: the commit date). */
  readonly date?: string | Date | undefined;
}

/** Options for a repository of a {@link MemoryGit}. */
export interface MemoryRepositoryOptions {
  /** The branch used when a request names none (default `main`). */
  readonly defaultBranch?: string | undefined;
}

/** A {@link GitPort} held in memory, with ways to add commits and tags and to make it fail. */
export interface MemoryGit extends GitPort {
  /** Creates an empty repository (repositories are also created by their first commit). */
  createRepository(repoURL: string, options?: MemoryRepositoryOptions): void;
  /** Adds a commit on top of a branch and returns its id. */
  commit(repoURL: string, input?: MemoryCommitInput): string;
  /** Tags a commit (moving the tag if it exists). */
  tag(repoURL: string, input: MemoryTagInput): void;
  /** Makes every call about `repoURL` fail with `failure` until {@link MemoryGit.heal}. */
  fail(repoURL: string, failure?: InjectedFailure): void;
  /** Ends an injected failure. */
  heal(repoURL: string): void;
  /** The head commit of a branch (default: the default branch), or `undefined`. */
  branchHead(repoURL: string, branch?: string): string | undefined;
  /** The branches of a repository, by name, with their head commits. */
  branches(repoURL: string): Record<string, string>;
  /** The files (path to text) of a commit, or of a branch's head; `undefined` when there is none. */
  readFiles(repoURL: string, ref?: string): Record<string, string> | undefined;
  /** The parents of a commit (first parent first), or `undefined` when there is no such commit. */
  parentsOf(repoURL: string, commit: string): readonly string[] | undefined;
  /**
   * Every call made, in order: `listCommits <url> <branch> <skip>+<maxCount>`, `listTags <url>`,
   * `getChangedPaths <url> <id>`, and the calls of workspaces and pull requests on this Git.
   */
  readonly requests: readonly string[];
}

/** A commit object: its metadata, parents (first parent first), whole tree and changed paths. */
export interface StoredCommit extends GitCommitMetadata {
  readonly parents: readonly string[];
  /** The whole tree: path to text. */
  readonly tree: ReadonlyMap<string, string>;
  readonly message: string;
  /** The paths changed against the first parent. */
  readonly paths: readonly string[];
}

/** A tag as stored. */
export interface StoredTag {
  readonly tag: string;
  readonly id: string;
  readonly date?: string | undefined;
  readonly tagger?: string | undefined;
  readonly annotation?: string | undefined;
}

/** One repository of a {@link MemoryGit}: branch heads, commit objects and tags. */
export interface StoredGitRepository {
  readonly defaultBranch: string;
  /** Each branch's head commit id. */
  readonly heads: Map<string, string>;
  readonly commits: Map<string, StoredCommit>;
  readonly tags: Map<string, StoredTag>;
}

/** What workspaces and pull requests on a {@link MemoryGit} share with it. */
export interface MemoryGitInternals {
  /** The repository at a URL (any spelling Kargo accepts), or `undefined`. */
  lookup(repoURL: string): StoredGitRepository | undefined;
  /** Logs a call and checks cancellation and injected failures; then the repository or a failure. */
  precheck(request: PortCallOptions & { readonly repoURL: string }, subject: string): { ok: false; failure: PortFailure } | StoredGitRepository;
}

const internals = new WeakMap<object, MemoryGitInternals>();

/** The shared model behind a {@link MemoryGit}, for the in-memory workspace and pull requests. */
export function memoryGitInternals(git: MemoryGit): MemoryGitInternals | undefined {
  return internals.get(git);
}

const FIRST_DATE = '2026-01-01T00:00:00Z';
/** The identity in-memory commits are made with when none is given. */
export const DEFAULT_AUTHOR = 'Waybill Example <waybill@example.com>';

function notFound(message: string): { ok: false; failure: PortFailure } {
  return { ok: false, failure: { kind: 'not-found', message, retryable: false } };
}

function describeTag(t: StoredTag, commit: StoredCommit): GitTagMetadata {
  const annotated = t.annotation !== undefined || t.tagger !== undefined;
  const subject = annotated ? (t.annotation ?? '').split('\n')[0] : commit.subject;
  return {
    tag: t.tag,
    id: t.id,
    creatorDate: annotated && t.date !== undefined ? t.date : commit.creatorDate,
    ...(subject ? { subject } : {}),
    ...(commit.author !== undefined ? { author: commit.author } : {}),
    ...(commit.committer !== undefined ? { committer: commit.committer } : {}),
    ...(t.tagger !== undefined ? { tagger: t.tagger } : {}),
    ...(t.annotation !== undefined ? { annotation: t.annotation } : {}),
  };
}

/**
 * Creates an empty set of in-memory Git repositories, keyed by normalized URL (so
 * `https://github.com/org/repo.git` and `https://GitHub.com/org/repo` are one repository). Commits
 * made without an id or a date get deterministic ones, so the same calls always give the same ids.
 * Commits hold whole trees of files and their parents, so `createMemoryGitWorkspace` and
 * `createMemoryPullRequests` can clone, push and merge on the same repositories discovery lists.
 */
export function createMemoryGit(): MemoryGit {
  const repositories = new Map<string, StoredGitRepository>();
  const failures = new Map<string, InjectedFailure>();
  const requests: string[] = [];
  const key = (url: string): string => normalizeGitURL(url);
  const create = (repoURL: string, options: MemoryRepositoryOptions = {}): StoredGitRepository => {
    let repo = repositories.get(key(repoURL));
    if (repo === undefined) {
      repo = { defaultBranch: options.defaultBranch ?? 'main', heads: new Map(), commits: new Map(), tags: new Map() };
      repositories.set(key(repoURL), repo);
    }
    return repo;
  };
  const precheck = (request: PortCallOptions & { repoURL: string }, subject: string): { ok: false; failure: PortFailure } | StoredGitRepository => {
    requests.push(subject);
    const cancelled = cancelledFailure(request, subject);
    if (cancelled !== undefined) return { ok: false, failure: cancelled };
    const injected = failures.get(key(request.repoURL));
    if (injected !== undefined) return { ok: false, failure: injectedFailure(subject, injected) };
    return repositories.get(key(request.repoURL)) ?? notFound(`repository ${request.repoURL} not found`);
  };
  const isFailure = (value: { ok: false; failure: PortFailure } | StoredGitRepository): value is { ok: false; failure: PortFailure } => 'failure' in value;
  const git: MemoryGit = {
    createRepository(repoURL, options) {
      create(repoURL, options);
    },
    commit(repoURL, input = {}) {
      const repo = create(repoURL);
      const branch = input.branch || repo.defaultBranch;
      const parentId = repo.heads.get(branch);
      const parent = parentId === undefined ? undefined : repo.commits.get(parentId);
      const date =
        memoryTime(input.date, 'commit date') ??
        (parent === undefined ? FIRST_DATE : new Date(Date.parse(parent.creatorDate) + 60_000).toISOString().replace('.000Z', 'Z'));
      const author = input.author ?? DEFAULT_AUTHOR;
      const paths = [...(input.paths ?? Object.keys(input.files ?? {}))];
      const seed: unknown[] = [key(repoURL), parent?.id ?? null, branch, input.subject ?? '', author, date, paths];
      if (input.files !== undefined) seed.push(input.files);
      const id = input.id ?? sha1Hex(JSON.stringify(seed));
      if (!/^[0-9a-f]{4,64}$/.test(id)) throw new WaybillError('INTERNAL', `a commit id must be hexadecimal, got ${JSON.stringify(id)}`);
      const tree = new Map(parent?.tree ?? []);
      if (input.files !== undefined) {
        for (const [path, text] of Object.entries(input.files)) {
          if (text === null) tree.delete(path);
          else tree.set(path, text);
        }
      } else {
        // Commits described only by their paths still change their tree, so checkouts see a change.
        for (const path of paths) tree.set(path, `${path} at ${id}\n`);
      }
      const commit: StoredCommit = {
        id,
        creatorDate: date,
        ...(input.subject !== undefined ? { subject: input.subject } : {}),
        author,
        committer: input.committer ?? author,
        parents: parent === undefined ? [] : [parent.id],
        tree,
        message: input.message ?? input.subject ?? '',
        paths,
      };
      repo.commits.set(id, commit);
      repo.heads.set(branch, id);
      return id;
    },
    tag(repoURL, input) {
      const repo = create(repoURL);
      if (typeof input?.tag !== 'string' || input.tag === '') throw new WaybillError('INTERNAL', 'a tag needs a non-empty name');
      let id = input.commit;
      if (id === undefined) id = repo.heads.get(input.branch || repo.defaultBranch);
      if (id === undefined || !repo.commits.has(id)) throw new WaybillError('INTERNAL', `cannot tag ${input.tag}: no such commit ${JSON.stringify(id ?? '(empty branch)')}`);
      const date = memoryTime(input.date, 'tag date');
      repo.tags.set(input.tag, {
        tag: input.tag,
        id,
        ...(date !== undefined ? { date } : {}),
        ...(input.tagger !== undefined ? { tagger: input.tagger } : {}),
        ...(input.annotation !== undefined ? { annotation: input.annotation } : {}),
      });
    },
    fail(repoURL, failure = {}) {
      failures.set(key(repoURL), failure);
    },
    heal(repoURL) {
      failures.delete(key(repoURL));
    },
    branchHead(repoURL, branch) {
      const repo = repositories.get(key(repoURL));
      return repo?.heads.get(branch || repo.defaultBranch);
    },
    branches(repoURL) {
      const repo = repositories.get(key(repoURL));
      return Object.fromEntries([...(repo?.heads ?? [])].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    },
    readFiles(repoURL, ref) {
      const repo = repositories.get(key(repoURL));
      if (repo === undefined) return undefined;
      const id = repo.commits.has(ref ?? '') ? ref : repo.heads.get(ref || repo.defaultBranch) ?? (ref === undefined ? undefined : repo.tags.get(ref)?.id);
      const commit = id === undefined ? undefined : repo.commits.get(id);
      return commit === undefined ? undefined : Object.fromEntries([...commit.tree].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    },
    parentsOf(repoURL, commit) {
      return repositories.get(key(repoURL))?.commits.get(commit)?.parents;
    },
    get requests() {
      return requests;
    },
    async listCommits(request: ListCommitsRequest): Promise<PortResult<readonly GitCommitMetadata[]>> {
      const repo = precheck(request, `listCommits ${request.repoURL} ${request.branch || '(default)'} ${request.skip}+${request.maxCount}`);
      if (isFailure(repo)) return repo;
      const branch = request.branch || repo.defaultBranch;
      const head = repo.heads.get(branch);
      if (head === undefined) return notFound(`branch ${branch} not found in ${request.repoURL}`);
      const since = request.since === undefined ? undefined : Date.parse(request.since);
      const out: GitCommitMetadata[] = [];
      let skipped = 0;
      for (let c = repo.commits.get(head); c !== undefined && out.length < request.maxCount; c = c.parents[0] === undefined ? undefined : repo.commits.get(c.parents[0])) {
        if (since !== undefined && Date.parse(c.creatorDate) < since) continue;
        if (skipped < request.skip) {
          skipped++;
          continue;
        }
        out.push(commitMetadata(c));
      }
      return { ok: true, value: out };
    },
    async listTags(request: ListGitTagsRequest): Promise<PortResult<Page<GitTagMetadata>>> {
      const repo = precheck(request, `listTags ${request.repoURL}`);
      if (isFailure(repo)) return repo;
      const described = [...repo.tags.values()].map((t) => describeTag(t, repo.commits.get(t.id) as StoredCommit));
      // Newest creator date first; git breaks ties by ref name, ascending.
      described.sort((a, b) => (a.creatorDate === b.creatorDate ? (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0) : a.creatorDate < b.creatorDate ? 1 : -1));
      return pageOf(described, request.cursor, request.pageSize, 1000);
    },
    async getChangedPaths(request: ChangedPathsRequest): Promise<PortResult<readonly string[]>> {
      const repo = precheck(request, `getChangedPaths ${request.repoURL} ${request.id}`);
      if (isFailure(repo)) return repo;
      const commit = repo.commits.get(request.id);
      if (commit === undefined) return notFound(`commit ${request.id} not found in ${request.repoURL}`);
      return { ok: true, value: [...commit.paths] };
    },
  };
  internals.set(git, { lookup: (repoURL) => repositories.get(key(repoURL)), precheck });
  return git;
}

/** The metadata discovery reports of a stored commit. */
export function commitMetadata(c: StoredCommit): GitCommitMetadata {
  return {
    id: c.id,
    creatorDate: c.creatorDate,
    ...(c.subject !== undefined ? { subject: c.subject } : {}),
    ...(c.author !== undefined ? { author: c.author } : {}),
    ...(c.committer !== undefined ? { committer: c.committer } : {}),
  };
}

