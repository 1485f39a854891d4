import { confinePath } from '../../promotion/secure-path.js';
import { createMemoryWorkTree, type MemoryWorkTree } from '../../promotion/memory-work-tree.js';
import type { WorkTree } from '../../promotion/work-tree.js';
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
import { commitsSince, isAncestor, makeCommit, mergeBase, mergeTrees, sameTree, type CommitLookup } from './git-graph.js';
import { DEFAULT_AUTHOR, memoryGitInternals, type MemoryGit, type MemoryGitInternals, type StoredCommit, type StoredGitRepository, type StoredTag } from './git-repository.js';
import { cancelledFailure, memoryTime } from './registry.js';

/** Options of {@link createMemoryGitWorkspace}. */
export interface MemoryGitWorkspaceOptions {
  /** The work directory checkouts live in (default: a new, empty one). */
  readonly workDir?: MemoryWorkTree | undefined;
}

/**
 * A {@link GitWorkspacePort} over a {@link MemoryGit}: clones, commits and pushes happen on the
 * same repositories discovery lists, so a pushed commit shows up in `listCommits`.
 */
export interface MemoryGitWorkspace extends GitWorkspacePort {
  /** The work directory: pass it as `ports.workTree` so the file steps edit the checkouts. */
  readonly workDir: MemoryWorkTree;
  /** The paths that hold checkouts, sorted. */
  checkouts(): string[];
}

interface Checkout {
  readonly path: string;
  readonly repoURL: string;
  branch: string | undefined;
  head: string | undefined;
  readonly author: string;
  /** Commits made here and not (yet) on the remote. */
  readonly objects: Map<string, StoredCommit>;
  readonly tags: Map<string, StoredTag>;
}

type Failed = { ok: false; failure: PortFailure };

const failed = (kind: PortFailure['kind'], message: string, retryable = false): Failed => ({ ok: false, failure: { kind, message, retryable } });
const identityText = (who: GitIdentity): string => `${who.name} <${who.email}>`;

/**
 * Creates a workspace on an in-memory Git: one promotion's work directory, holding checkouts at
 * paths inside it. Local commits stay in the workspace until a push copies them to the remote,
 * so an interrupted promotion never leaves a partial commit there.
 */
export function createMemoryGitWorkspace(git: MemoryGit, options: MemoryGitWorkspaceOptions = {}): MemoryGitWorkspace {
  const shared = memoryGitInternals(git);
  if (shared === undefined) throw new TypeError('createMemoryGitWorkspace needs a Git made by createMemoryGit()');
  const model: MemoryGitInternals = shared;
  const workDir = options.workDir ?? createMemoryWorkTree();
  const checkouts = new Map<string, Checkout>();

  const lookupIn = (checkout: Checkout | undefined, repo: StoredGitRepository): CommitLookup => (id) => checkout?.objects.get(id) ?? repo.commits.get(id);

  /** The files of a checkout, leaving out checkouts nested inside it. */
  const filesOf = (path: string): Map<string, string> => {
    const prefix = path === '' ? '' : `${path}/`;
    const nested = [...checkouts.keys()].filter((p) => p !== path && (path === '' || p.startsWith(prefix))).map((p) => `${p}/`);
    const out = new Map<string, string>();
    for (const [file, text] of Object.entries(workDir.files())) {
      if (!file.startsWith(prefix) || nested.some((n) => file.startsWith(n))) continue;
      out.set(file.slice(prefix.length), text);
    }
    return out;
  };
  const materialize = async (checkout: Checkout, tree: ReadonlyMap<string, string>): Promise<void> => {
    for (const file of filesOf(checkout.path).keys()) await workDir.remove(join(checkout.path, file));
    for (const [file, text] of tree) await workDir.writeFile(join(checkout.path, file), text);
  };
  const treeOf = (checkout: Checkout, repo: StoredGitRepository): ReadonlyMap<string, string> =>
    checkout.head === undefined ? new Map() : (lookupIn(checkout, repo)(checkout.head)?.tree ?? new Map());

  /** Checks the signal, finds the checkout and its repository, and logs the call. */
  const open = (request: GitCheckoutRequest, verb: string): Failed | { checkout: Checkout; repo: StoredGitRepository } => {
    const path = confinePath(request.path);
    const cancelled = cancelledFailure(request, `${verb} ${path}`);
    if (cancelled !== undefined) return { ok: false, failure: cancelled };
    const checkout = checkouts.get(path);
    if (checkout === undefined) return failed('not-found', `${verb}: no checkout at ${JSON.stringify(request.path)}`);
    const repo = model.precheck({ repoURL: checkout.repoURL, signal: request.signal }, `${verb} ${checkout.repoURL} ${path}`);
    if ('failure' in repo) return repo;
    return { checkout, repo };
  };

  return {
    workDir,
    checkouts: () => [...checkouts.keys()].sort(),

    async clone(request: GitCloneRequest): Promise<PortResult<GitCheckout>> {
      const path = confinePath(request.path);
      const subject = `clone ${request.repoURL} ${path}`;
      const repo = model.precheck(request, subject);
      if ('failure' in repo) return repo;
      const chosen = [request.branch, request.commit, request.tag].filter((r) => r !== undefined && r !== '');
      if (chosen.length > 1) return failed('invalid-response', `${subject}: give one of branch, commit and tag`);
      const existing = checkouts.get(path);
      if (existing !== undefined && existing.repoURL !== request.repoURL) return failed('invalid-response', `${subject}: the path holds a checkout of ${existing.repoURL}`);
      if (existing === undefined && ((await workDir.lstat(path)) === 'file' || filesOf(path).size > 0)) {
        return failed('invalid-response', `${subject}: the path is not empty`);
      }
      let branch: string | undefined;
      let head: string | undefined;
      if (request.commit) {
        if (!repo.commits.has(request.commit)) return failed('not-found', `${subject}: no commit ${request.commit}`);
        head = request.commit;
      } else if (request.tag) {
        head = repo.tags.get(request.tag)?.id;
        if (head === undefined) return failed('not-found', `${subject}: no tag ${request.tag}`);
      } else {
        branch = request.branch || repo.defaultBranch;
        head = repo.heads.get(branch);
        if (head === undefined && request.create !== true) return failed('not-found', `${subject}: no branch ${branch}`);
      }
      const checkout: Checkout = {
        path,
        repoURL: request.repoURL,
        branch,
        head,
        author: request.author === undefined ? DEFAULT_AUTHOR : identityText(request.author),
        objects: new Map(),
        tags: new Map(),
      };
      checkouts.set(path, checkout);
      await materialize(checkout, treeOf(checkout, repo));
      return { ok: true, value: describe(checkout) };
    },

    async workTree(request) {
      const found = open(request, 'workTree');
      if ('ok' in found) return found;
      return { ok: true, value: subtree(workDir, found.checkout.path) };
    },

    async head(request) {
      const found = open(request, 'head');
      if ('ok' in found) return found;
      return { ok: true, value: describe(found.checkout) };
    },

    async commit(request: GitCommitRequest): Promise<PortResult<GitCommitOutcome>> {
      const found = open(request, 'commit');
      if ('ok' in found) return found;
      const { checkout, repo } = found;
      const date = memoryDate(request.date);
      if (date === undefined) return failed('invalid-response', `commit ${checkout.path}: invalid date ${String(request.date)}`);
      const tree = filesOf(checkout.path);
      if (sameTree(tree, treeOf(checkout, repo))) return { ok: true, value: checkout.head === undefined ? { committed: false } : { committed: false, commit: checkout.head } };
      const author = request.author === undefined ? checkout.author : identityText(request.author);
      const commit = makeCommit(
        { parents: checkout.head === undefined ? [] : [checkout.head], tree, message: request.message, author, committer: request.committer === undefined ? author : identityText(request.committer), date },
        lookupIn(checkout, repo),
      );
      checkout.objects.set(commit.id, commit);
      checkout.head = commit.id;
      return { ok: true, value: { committed: true, commit: commit.id } };
    },

    async rebase(request: GitRebaseRequest): Promise<PortResult<GitRebaseOutcome>> {
      const found = open(request, `rebase ${request.branch}`);
      if ('ok' in found) return found;
      const { checkout, repo } = found;
      const lookup = lookupIn(checkout, repo);
      const remoteHead = repo.heads.get(request.branch);
      const at = (status: GitRebaseOutcome['status'], extra: { message?: string } = {}): PortResult<GitRebaseOutcome> => ({
        ok: true,
        value: { status, ...(remoteHead === undefined ? {} : { remoteHead }), ...(checkout.head === undefined ? {} : { commit: checkout.head }), ...extra },
      });
      if (remoteHead === undefined) return at('no-remote-branch');
      if (checkout.head !== undefined && isAncestor(remoteHead, checkout.head, lookup)) return at('up-to-date');
      if (!sameTree(filesOf(checkout.path), treeOf(checkout, repo))) return at('conflict', { message: 'the checkout has uncommitted changes' });
      let tip = repo.commits.get(remoteHead) as StoredCommit;
      const base = checkout.head === undefined ? undefined : mergeBase(checkout.head, remoteHead, lookup);
      const replayed = new Map<string, StoredCommit>();
      const replayLookup: CommitLookup = (id) => replayed.get(id) ?? lookup(id);
      for (const local of checkout.head === undefined ? [] : commitsSince(checkout.head, base, lookup)) {
        const parentTree = local.parents[0] === undefined ? new Map<string, string>() : (lookup(local.parents[0])?.tree ?? new Map<string, string>());
        const merged = mergeTrees(parentTree, local.tree, tip.tree);
        if (!merged.ok) return at('conflict', { message: `conflicting changes to ${merged.conflicts.join(', ')}` });
        // A change the remote already has leaves an empty commit, which rebase drops.
        if (sameTree(merged.tree, tip.tree)) continue;
        const author = local.author ?? DEFAULT_AUTHOR;
        tip = makeCommit({ parents: [tip.id], tree: merged.tree, message: local.message, author, committer: local.committer ?? author, date: local.creatorDate }, replayLookup);
        replayed.set(tip.id, tip);
      }
      for (const [id, c] of replayed) checkout.objects.set(id, c);
      checkout.head = tip.id;
      await materialize(checkout, tip.tree);
      return at('rebased');
    },

    async push(request: GitPushRequest): Promise<PortResult<GitPushOutcome>> {
      const found = open(request, `push ${request.branch}`);
      if ('ok' in found) return found;
      const { checkout, repo } = found;
      const lookup = lookupIn(checkout, repo);
      const current = repo.heads.get(request.branch);
      const rejected = (reason: 'stale' | 'non-fast-forward' | 'tag-exists' | 'no-commits'): PortResult<GitPushOutcome> => ({
        ok: true,
        value: { status: 'rejected', reason, ...(current === undefined ? {} : { remoteHead: current }) },
      });
      const head = checkout.head;
      if (head === undefined) return rejected('no-commits');
      const localTag = request.tag === undefined ? undefined : checkout.tags.get(request.tag);
      if (request.tag !== undefined && localTag === undefined) return failed('not-found', `push: no local tag ${request.tag} in ${checkout.path}`);
      const remoteTag = request.tag === undefined ? undefined : repo.tags.get(request.tag);
      if (localTag !== undefined && remoteTag !== undefined && remoteTag.id !== localTag.id) return rejected('tag-exists');
      const branchChanges = current !== head;
      if (branchChanges) {
        if ((current ?? null) !== request.expectedHead) return rejected('stale');
        if (current !== undefined && request.force !== true && !isAncestor(current, head, lookup)) return rejected('non-fast-forward');
      }
      // Objects first, then the ref: the ref moves in one step, so the remote never shows half a push.
      for (const id of [head, ...(localTag === undefined ? [] : [localTag.id])]) {
        for (const c of commitsSince(id, undefined, lookup)) if (!repo.commits.has(c.id)) repo.commits.set(c.id, c);
      }
      if (branchChanges) repo.heads.set(request.branch, head);
      const tagChanges = localTag !== undefined && remoteTag === undefined;
      if (localTag !== undefined && tagChanges) repo.tags.set(localTag.tag, localTag);
      return { ok: true, value: { status: 'pushed', commit: head, changed: branchChanges || tagChanges } };
    },

    async tag(request: GitTagRequest): Promise<PortResult<GitTagOutcome>> {
      const found = open(request, `tag ${request.tag}`);
      if ('ok' in found) return found;
      const { checkout } = found;
      if (checkout.head === undefined) return failed('invalid-response', `tag ${request.tag}: the checkout at ${checkout.path} has no commit`);
      const existing = checkout.tags.get(request.tag);
      if (existing !== undefined && existing.id !== checkout.head && request.force !== true) return failed('invalid-response', `tag ${request.tag} already exists on ${existing.id}`);
      const date = request.date === undefined ? undefined : memoryDate(request.date);
      const annotated = request.message !== undefined && request.message !== '';
      checkout.tags.set(request.tag, {
        tag: request.tag,
        id: checkout.head,
        ...(annotated ? { annotation: request.message, tagger: checkout.author } : {}),
        ...(annotated && date !== undefined ? { date } : {}),
      });
      return { ok: true, value: { tag: request.tag, commit: checkout.head } };
    },
  };
}

function describe(checkout: Checkout): GitCheckout {
  return {
    path: checkout.path,
    repoURL: checkout.repoURL,
    ...(checkout.branch === undefined ? {} : { branch: checkout.branch }),
    ...(checkout.head === undefined ? {} : { commit: checkout.head }),
  };
}

function join(dir: string, name: string): string {
  return dir === '' ? name : `${dir}/${name}`;
}

function memoryDate(value: string | Date): string | undefined {
  try {
    return memoryTime(value, 'date');
  } catch {
    return undefined;
  }
}

/** A work tree showing one directory of another, with paths confined to that directory. */
function subtree(tree: WorkTree, root: string): WorkTree {
  const at = (path: string): string => join(root, confinePath(path));
  const inside = (path: string): string => {
    const p = confinePath(path);
    return p === '' ? root : at(p);
  };
  return {
    readFile: (path) => tree.readFile(inside(path)),
    writeFile: (path, contents, options) => tree.writeFile(inside(path), contents, options),
    remove: async (path) => {
      const p = confinePath(path);
      // Removing the root of a checkout empties it; the directory itself stays.
      if (p === '') {
        const entries = (await tree.list(root)) ?? [];
        for (const e of entries) await tree.remove(join(root, e.name));
        return entries.length > 0;
      }
      return tree.remove(at(p));
    },
    lstat: (path) => tree.lstat(inside(path)),
    list: (path) => tree.list(inside(path)),
  };
}

