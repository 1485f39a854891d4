import type {
  GitCheckout,
  GitCloneRequest,
  GitCommitOutcome,
  GitPushOutcome,
  GitRebaseOutcome,
  GitWorkspacePort,
  PortFailure,
  PortResult,
  PullRequest,
  PullRequestPort,
} from '../ports/index.js';
import { confinePath } from './secure-path.js';
import { predictCommitId } from './plan-ids.js';
import type { PlannedCheckout, PlannedCommit, PlannedPullRequest, PlannedPush, PlannedTag } from './plan-types.js';
import { subtreeOf, type OverlayWorkTree } from './plan-work-tree.js';

/** What a checkout holds: its files (relative to the checkout) and the commit they are at. */
export interface PlanCheckoutContent {
  readonly files: Readonly<Record<string, string>>;
  readonly commit?: string | undefined;
}

/**
 * Supplies the contents a `git-clone` would check out, since a plan must not clone. `undefined`
 * means the repository, branch, commit or tag does not exist. Without one, a plan uses what the
 * work tree already holds at the checkout's path.
 */
export type PlanCheckoutSource = (request: GitCloneRequest) => PlanCheckoutContent | undefined | Promise<PlanCheckoutContent | undefined>;

interface SimCheckout {
  readonly path: string;
  readonly repoURL: string;
  readonly branch: string | undefined;
  head: string | undefined;
  /** Commits made in the plan, newest last, so a rebase can tell whether a head is its own. */
  readonly own: string[];
  committed: Map<string, string>;
  readonly tags: Map<string, string>;
}

/** The simulated Git side of a plan: what was cloned, committed, pushed, tagged, opened and merged. */
export interface PlanGit {
  readonly git: GitWorkspacePort;
  readonly pullRequests: PullRequestPort;
  readonly checkouts: PlannedCheckout[];
  readonly commits: PlannedCommit[];
  readonly pushes: PlannedPush[];
  readonly tags: PlannedTag[];
  readonly pullRequestsMade: PlannedPullRequest[];
  /** The merge a placeholder pull request would make, or `undefined` when the number is not one. */
  placeholderMerge(repoURL: string, number: number): { commit: string; url: string } | undefined;
}

const failed = (kind: PortFailure['kind'], message: string): { ok: false; failure: PortFailure } => ({ ok: false, failure: { kind, message, retryable: false } });
const remoteKey = (repoURL: string, branch: string): string => `${repoURL}\n${branch}`;
const webBase = (repoURL: string): string => repoURL.replace(/\.git$/, '').replace(/\/+$/, '');
const dateText = (value: string | Date): string => (value instanceof Date ? value.toISOString().replace(/\.\d{3}Z$/, 'Z') : value);

/**
 * Creates the recording Git workspace and pull request service of a plan. Clones are simulated
 * from `source` (or the work tree), commits and pushes are recorded with predicted ids, and pull
 * requests get placeholder numbers; reading a pull request the plan did not open goes to `real`.
 */
export function createPlanGit(overlay: OverlayWorkTree, real: { readonly git?: GitWorkspacePort | undefined; readonly pullRequests?: PullRequestPort | undefined }, source: PlanCheckoutSource | undefined): PlanGit {
  const checkouts = new Map<string, SimCheckout>();
  const remote = new Map<string, string>();
  const placeholders = new Map<string, PullRequest & { repoURL: string; merge?: string }>();
  const record = {
    checkouts: [] as PlannedCheckout[],
    commits: [] as PlannedCommit[],
    pushes: [] as PlannedPush[],
    tags: [] as PlannedTag[],
    pullRequestsMade: [] as PlannedPullRequest[],
  };
  let nextNumber = 1;

  const find = (path: string): SimCheckout | { ok: false; failure: PortFailure } => checkouts.get(confinePath(path)) ?? failed('not-found', `no checkout at ${JSON.stringify(path)}`);
  const nestedIn = (path: string): string[] => [...checkouts.keys()].filter((p) => p !== path && (path === '' || p.startsWith(`${path}/`)));
  const treeOf = async (c: SimCheckout): Promise<Map<string, string>> => overlay.filesUnder(c.path, nestedIn(c.path));
  const describe = (c: SimCheckout): GitCheckout => ({ path: c.path, repoURL: c.repoURL, ...(c.branch === undefined ? {} : { branch: c.branch }), ...(c.head === undefined ? {} : { commit: c.head }) });

  const git: GitWorkspacePort = {
    async clone(request): Promise<PortResult<GitCheckout>> {
      const path = confinePath(request.path);
      let content: PlanCheckoutContent | undefined;
      if (source !== undefined) {
        content = await source(request);
        if (content === undefined) return failed('not-found', `clone ${request.repoURL} ${path}: the repository has no such ${request.commit ? 'commit' : request.tag ? 'tag' : 'branch'}`);
        await overlay.reset(path, content.files);
      } else {
        const files = Object.fromEntries(await overlay.filesUnder(path));
        const head = real.git === undefined ? undefined : await real.git.head({ path });
        content = { files, commit: head?.ok === true ? head.value.commit : undefined };
        await overlay.reset(path, files);
      }
      const branch = request.commit || request.tag ? undefined : (request.branch ?? undefined);
      const checkout: SimCheckout = { path, repoURL: request.repoURL, branch, head: content.commit, own: [], committed: new Map(Object.entries(content.files)), tags: new Map() };
      checkouts.set(path, checkout);
      if (branch !== undefined && content.commit !== undefined && !remote.has(remoteKey(request.repoURL, branch))) remote.set(remoteKey(request.repoURL, branch), content.commit);
      record.checkouts.push({ path, repoURL: request.repoURL, ...(branch === undefined ? {} : { branch }), ...(content.commit === undefined ? {} : { commit: content.commit }) });
      return { ok: true, value: describe(checkout) };
    },
    async workTree(request) {
      const c = find(request.path);
      if ('ok' in c) return c;
      return { ok: true, value: subtreeOf(overlay, c.path) };
    },
    async head(request) {
      const c = find(request.path);
      if ('ok' in c) return c;
      return { ok: true, value: describe(c) };
    },
    async commit(request): Promise<PortResult<GitCommitOutcome>> {
      const c = find(request.path);
      if ('ok' in c) return c;
      const tree = await treeOf(c);
      const changed = [...new Set([...tree.keys(), ...c.committed.keys()])].filter((f) => tree.get(f) !== c.committed.get(f)).sort();
      if (changed.length === 0) return { ok: true, value: c.head === undefined ? { committed: false } : { committed: false, commit: c.head } };
      const date = dateText(request.date);
      const id = predictCommitId(['commit', c.repoURL, c.head ?? '', request.message, date, ...[...tree].map(([f, t]) => `${f}\0${t}`)].join('\n'));
      record.commits.push({
        id,
        path: c.path,
        repoURL: c.repoURL,
        ...(c.head === undefined ? {} : { parent: c.head }),
        message: request.message,
        ...(request.author === undefined ? {} : { author: { name: request.author.name, email: request.author.email } }),
        date,
        files: changed,
      });
      c.head = id;
      c.own.push(id);
      c.committed = tree;
      return { ok: true, value: { committed: true, commit: id } };
    },
    async rebase(request): Promise<PortResult<GitRebaseOutcome>> {
      const c = find(request.path);
      if ('ok' in c) return c;
      const remoteHead = remote.get(remoteKey(c.repoURL, request.branch));
      const at = (status: GitRebaseOutcome['status']): PortResult<GitRebaseOutcome> => ({ ok: true, value: { status, ...(remoteHead === undefined ? {} : { remoteHead }), ...(c.head === undefined ? {} : { commit: c.head }) } });
      // A plan assumes nobody else pushes meanwhile: the branch is where the plan last saw it.
      return at(remoteHead === undefined ? 'no-remote-branch' : 'up-to-date');
    },
    async push(request): Promise<PortResult<GitPushOutcome>> {
      const c = find(request.path);
      if ('ok' in c) return c;
      if (c.head === undefined) return { ok: true, value: { status: 'rejected', reason: 'no-commits' } };
      const key = remoteKey(c.repoURL, request.branch);
      const current = remote.get(key);
      if (current === c.head && request.tag === undefined) return { ok: true, value: { status: 'pushed', commit: c.head, changed: false } };
      record.pushes.push({
        repoURL: c.repoURL,
        path: c.path,
        branch: request.branch,
        expectedHead: request.expectedHead,
        commit: c.head,
        ...(request.force === undefined ? {} : { force: request.force }),
        ...(request.tag === undefined ? {} : { tag: request.tag }),
      });
      remote.set(key, c.head);
      return { ok: true, value: { status: 'pushed', commit: c.head, changed: true } };
    },
    async tag(request) {
      const c = find(request.path);
      if ('ok' in c) return c;
      if (c.head === undefined) return failed('invalid-response', `tag ${request.tag}: the checkout at ${c.path} has no commit`);
      c.tags.set(request.tag, c.head);
      record.tags.push({ path: c.path, tag: request.tag, commit: c.head, ...(request.message === undefined || request.message === '' ? {} : { message: request.message }) });
      return { ok: true, value: { tag: request.tag, commit: c.head } };
    },
  };

  const mergeOf = (pr: PullRequest & { repoURL: string }): string =>
    predictCommitId(['merge', pr.repoURL, pr.targetBranch, remote.get(remoteKey(pr.repoURL, pr.targetBranch)) ?? '', remote.get(remoteKey(pr.repoURL, pr.sourceBranch)) ?? ''].join('\n'));

  const pullRequests: PullRequestPort = {
    async open(request) {
      const existing = [...placeholders.values()].find((p) => p.repoURL === request.repoURL && p.state === 'open' && p.sourceBranch === request.sourceBranch && p.targetBranch === request.targetBranch);
      if (existing !== undefined) return { ok: true, value: existing };
      if (!remote.has(remoteKey(request.repoURL, request.sourceBranch)) && real.pullRequests === undefined) {
        return failed('not-found', `open: no branch ${request.sourceBranch} in ${request.repoURL}`);
      }
      const number = nextNumber++;
      const pr = { number, url: `${webBase(request.repoURL)}/pull/${number}`, state: 'open' as const, sourceBranch: request.sourceBranch, targetBranch: request.targetBranch, title: request.title, repoURL: request.repoURL };
      placeholders.set(`${request.repoURL}#${number}`, pr);
      record.pullRequestsMade.push({
        action: 'open',
        repoURL: request.repoURL,
        number,
        placeholder: true,
        url: pr.url,
        sourceBranch: request.sourceBranch,
        targetBranch: request.targetBranch,
        title: request.title,
        ...(request.description === undefined ? {} : { description: request.description }),
        ...(request.labels === undefined ? {} : { labels: [...request.labels] }),
      });
      const { repoURL: _repo, ...value } = pr;
      return { ok: true, value };
    },
    async get(request) {
      const pr = placeholders.get(`${request.repoURL}#${request.number}`);
      if (pr !== undefined) {
        const { repoURL: _repo, merge, ...value } = pr;
        return { ok: true, value: { ...value, ...(merge === undefined ? {} : { mergeCommit: merge }) } };
      }
      if (real.pullRequests === undefined) return failed('not-found', `no pull request ${request.number} in ${request.repoURL}`);
      return real.pullRequests.get(request);
    },
    async merge(request) {
      const got = await pullRequests.get(request);
      if (!got.ok) return got;
      const pr = { ...got.value, repoURL: request.repoURL };
      if (pr.state === 'closed') return { ok: true, value: { merged: false, reason: `pull request ${pr.number} is closed`, pullRequest: got.value } };
      const mergeCommit = pr.mergeCommit ?? mergeOf(pr);
      if (pr.state === 'open') {
        record.pullRequestsMade.push({ action: 'merge', repoURL: request.repoURL, number: pr.number, placeholder: placeholders.has(`${request.repoURL}#${pr.number}`), url: pr.url, sourceBranch: pr.sourceBranch, targetBranch: pr.targetBranch, ...(request.mergeMethod === undefined ? {} : { mergeMethod: request.mergeMethod }) });
        const held = placeholders.get(`${request.repoURL}#${pr.number}`);
        if (held !== undefined) placeholders.set(`${request.repoURL}#${pr.number}`, { ...held, state: 'merged', merge: mergeCommit });
        remote.set(remoteKey(request.repoURL, pr.targetBranch), mergeCommit);
      }
      return { ok: true, value: { merged: true, pullRequest: { ...got.value, state: 'merged', mergeCommit } } };
    },
  };

  return {
    git,
    pullRequests,
    ...record,
    placeholderMerge(repoURL, number) {
      const pr = placeholders.get(`${repoURL}#${number}`);
      if (pr === undefined) return undefined;
      return { commit: pr.merge ?? mergeOf(pr), url: pr.url };
    },
  };
}
