import type { GitWorkspacePort } from '../ports/index.js';
import type { WorkTree } from '../ports/index.js';
import { expectThat, type ContractCheck, type Factory } from './contract.js';
import { aborted, expectFailure, expectSuccess, settle } from './registry-contract.js';

/** What the remote must hold for {@link gitWorkspaceContract} to run against it. */
export interface GitWorkspaceContractFixture {
  readonly repoURL: string;
  /** A repository that does not exist. */
  readonly missingRepoURL: string;
  /** A branch of `repoURL` whose head holds exactly `files`. */
  readonly branch: string;
  /** Path to text; at least two files. */
  readonly files: Readonly<Record<string, string>>;
}

/**
 * The workspaces {@link gitWorkspaceContract} works with. Each call of `workspace` gives a new
 * workspace (an empty work directory) on the same remote, so that two of them can race.
 */
export interface GitWorkspaceContractSubject {
  workspace(): GitWorkspacePort | Promise<GitWorkspacePort>;
}

/** The remote {@link gitWorkspaceContract} expects by default: two files on `main`. */
export const gitWorkspaceContractFixture: GitWorkspaceContractFixture = {
  repoURL: 'https://git.example.com/waybill/workspace.git',
  missingRepoURL: 'https://git.example.com/waybill/missing.git',
  branch: 'main',
  files: { 'README.md': '# app\n', 'env/values.yaml': 'image:\n  tag: v1\n' },
};

const DATE = '2026-03-01T00:00:00Z';
const who = { name: 'Contract Author', email: 'author@example.com' };

/**
 * The contract every {@link GitWorkspacePort} must keep, as checks that run under any test
 * runner. `factory` is called once per check and must give a fresh remote serving `fixture` (by
 * default {@link gitWorkspaceContractFixture}). The checks cover checkouts, commits, pushes that
 * never overwrite a head they did not expect, rebases, orphan branches, tags and failures.
 */
export function gitWorkspaceContract(factory: Factory<GitWorkspaceContractSubject>, fixture: GitWorkspaceContractFixture = gitWorkspaceContractFixture): ContractCheck[] {
  const { repoURL, branch } = fixture;
  const [firstPath, secondPath] = Object.keys(fixture.files) as [string, string];
  const cloneAt = async (subject: GitWorkspaceContractSubject, path = 'repo', ref: { branch?: string; tag?: string; create?: boolean } = { branch }) => {
    const ws = await subject.workspace();
    const cloned = expectSuccess(await ws.clone({ repoURL, path, ...ref, author: who }), `clone ${path}`);
    const tree = expectSuccess(await ws.workTree({ path }), 'workTree');
    return { ws, cloned, tree };
  };
  const remoteFiles = async (subject: GitWorkspaceContractSubject, ref: { branch?: string; tag?: string } = { branch }): Promise<Record<string, string>> => {
    const { tree } = await cloneAt(subject, 'check', ref);
    return readAll(tree);
  };
  const commitIn = async (ws: GitWorkspacePort, message: string): Promise<string> => {
    const outcome = expectSuccess(await ws.commit({ path: 'repo', message, date: DATE }), 'commit');
    expectThat(outcome.committed, `commit "${message}" made no commit`);
    return outcome.commit;
  };
  return [
    {
      name: 'GitWorkspacePort.clone() checks out a branch whose files the work tree reads',
      async run() {
        const { ws, cloned, tree } = await cloneAt(await factory());
        expectThat(cloned.branch === branch && typeof cloned.commit === 'string' && cloned.commit.length > 0, `clone reported ${JSON.stringify(cloned)}`);
        const files = await readAll(tree);
        expectThat(JSON.stringify(files) === JSON.stringify(sorted(fixture.files)), `the checkout holds ${JSON.stringify(files)}`);
        const head = expectSuccess(await ws.head({ path: './repo' }), 'head');
        expectThat(head.commit === cloned.commit && head.branch === branch, `head ${JSON.stringify(head)} differs from the clone`);
      },
    },
    {
      name: 'GitWorkspacePort.commit() commits every change, and nothing when nothing changed',
      async run() {
        const { ws, cloned, tree } = await cloneAt(await factory());
        const none = expectSuccess(await ws.commit({ path: 'repo', message: 'nothing', date: DATE }), 'commit');
        expectThat(!none.committed && none.commit === cloned.commit, `an unchanged checkout gave ${JSON.stringify(none)}`);
        await tree.writeFile(firstPath, 'changed\n');
        await tree.remove(secondPath);
        await tree.writeFile('added.txt', 'new\n');
        const id = await commitIn(ws, 'change things');
        expectThat(id !== cloned.commit, 'the commit kept the old id');
        const head = expectSuccess(await ws.head({ path: 'repo' }), 'head');
        expectThat(head.commit === id, `head is ${String(head.commit)} after committing ${id}`);
        const again = expectSuccess(await ws.commit({ path: 'repo', message: 'again', date: DATE }), 'commit');
        expectThat(!again.committed && again.commit === id, 'a second commit without changes made a commit');
      },
    },
    {
      name: 'GitWorkspacePort.push() with the expected head publishes the commit, and again changes nothing',
      async run() {
        const subject = await factory();
        const { ws, cloned, tree } = await cloneAt(subject);
        await tree.writeFile(firstPath, 'pushed\n');
        const id = await commitIn(ws, 'push me');
        const pushed = expectSuccess(await ws.push({ path: 'repo', branch, expectedHead: cloned.commit ?? null }), 'push');
        expectThat(pushed.status === 'pushed' && pushed.commit === id && pushed.changed, `push gave ${JSON.stringify(pushed)}`);
        expectThat((await remoteFiles(subject))[firstPath] === 'pushed\n', 'a new clone does not see the pushed change');
        const again = expectSuccess(await ws.push({ path: 'repo', branch, expectedHead: id }), 'push again');
        expectThat(again.status === 'pushed' && !again.changed, `pushing the same commit again gave ${JSON.stringify(again)}`);
      },
    },
    {
      name: 'GitWorkspacePort.push() with a stale expected head is rejected; a rebase then lets it through',
      async run() {
        const subject = await factory();
        const a = await cloneAt(subject);
        const b = await cloneAt(subject);
        await a.tree.writeFile(firstPath, 'from a\n');
        await commitIn(a.ws, 'a');
        expectSuccess(await a.ws.push({ path: 'repo', branch, expectedHead: a.cloned.commit ?? null }), 'push a');
        await b.tree.writeFile('b.txt', 'from b\n');
        await commitIn(b.ws, 'b');
        const stale = expectSuccess(await b.ws.push({ path: 'repo', branch, expectedHead: b.cloned.commit ?? null }), 'push b');
        expectThat(stale.status === 'rejected' && stale.reason === 'stale', `a stale push gave ${JSON.stringify(stale)}`);
        expectThat((await remoteFiles(subject))['b.txt'] === undefined, 'a rejected push changed the remote');
        const rebased = expectSuccess(await b.ws.rebase({ path: 'repo', branch }), 'rebase');
        expectThat(rebased.status === 'rebased' && rebased.remoteHead !== undefined, `rebase gave ${JSON.stringify(rebased)}`);
        expectThat((await b.tree.readFile(firstPath)) === 'from a\n', 'the rebased checkout lacks the remote change');
        const pushed = expectSuccess(await b.ws.push({ path: 'repo', branch, expectedHead: rebased.remoteHead ?? null }), 'push b again');
        expectThat(pushed.status === 'pushed', `the push after a rebase gave ${JSON.stringify(pushed)}`);
        const files = await remoteFiles(subject);
        expectThat(files[firstPath] === 'from a\n' && files['b.txt'] === 'from b\n', `the remote lost a change: ${JSON.stringify(files)}`);
      },
    },
    {
      name: 'GitWorkspacePort.rebase() reports conflicting changes and changes nothing',
      async run() {
        const subject = await factory();
        const a = await cloneAt(subject);
        const b = await cloneAt(subject);
        await a.tree.writeFile(firstPath, 'from a\n');
        await commitIn(a.ws, 'a');
        expectSuccess(await a.ws.push({ path: 'repo', branch, expectedHead: a.cloned.commit ?? null }), 'push a');
        await b.tree.writeFile(firstPath, 'from b\n');
        const mine = await commitIn(b.ws, 'b');
        const rebased = expectSuccess(await b.ws.rebase({ path: 'repo', branch }), 'rebase');
        expectThat(rebased.status === 'conflict', `conflicting changes gave ${JSON.stringify(rebased)}`);
        const head = expectSuccess(await b.ws.head({ path: 'repo' }), 'head');
        expectThat(head.commit === mine && (await b.tree.readFile(firstPath)) === 'from b\n', 'a failed rebase changed the checkout');
      },
    },
    {
      name: 'GitWorkspacePort.clone() with create starts an empty orphan branch that a push creates',
      async run() {
        const subject = await factory();
        const { ws, cloned, tree } = await cloneAt(subject, 'repo', { branch: 'stage/new', create: true });
        expectThat(cloned.commit === undefined && Object.keys(await readAll(tree)).length === 0, `the orphan checkout is not empty: ${JSON.stringify(cloned)}`);
        const early = expectSuccess(await ws.push({ path: 'repo', branch: 'stage/new', expectedHead: null }), 'push with no commit');
        expectThat(early.status === 'rejected' && early.reason === 'no-commits', `pushing an empty branch gave ${JSON.stringify(early)}`);
        await tree.writeFile('only.txt', 'alone\n');
        await commitIn(ws, 'first');
        expectSuccess(await ws.push({ path: 'repo', branch: 'stage/new', expectedHead: null }), 'push');
        const files = await remoteFiles(subject, { branch: 'stage/new' });
        expectThat(JSON.stringify(files) === JSON.stringify({ 'only.txt': 'alone\n' }), `the new branch holds ${JSON.stringify(files)}`);
        const again = await subject.workspace();
        expectFailure(await settle(() => again.clone({ repoURL, path: 'x', branch: 'no-such-branch' }), 'clone'), 'not-found', 'cloning a missing branch without create');
      },
    },
    {
      name: 'GitWorkspacePort.tag() tags the head and push() publishes the tag',
      async run() {
        const subject = await factory();
        const { ws, cloned, tree } = await cloneAt(subject);
        await tree.writeFile(firstPath, 'release\n');
        const id = await commitIn(ws, 'release');
        const tagged = expectSuccess(await ws.tag({ path: 'repo', tag: 'v9.9.9', message: 'Release 9.9.9', date: DATE }), 'tag');
        expectThat(tagged.commit === id && tagged.tag === 'v9.9.9', `tag gave ${JSON.stringify(tagged)}`);
        expectSuccess(await ws.push({ path: 'repo', branch, expectedHead: cloned.commit ?? null, tag: 'v9.9.9' }), 'push');
        const byTag = await cloneAt(subject, 'by-tag', { tag: 'v9.9.9' });
        expectThat(byTag.cloned.commit === id, `cloning the tag gave ${String(byTag.cloned.commit)}, expected ${id}`);
      },
    },
    {
      name: 'GitWorkspacePort calls about a missing repository or checkout are not-found failures, and a fired signal cancels',
      async run() {
        const ws = await (await factory()).workspace();
        expectFailure(await settle(() => ws.clone({ repoURL: fixture.missingRepoURL, path: 'x' }), 'clone'), 'not-found', 'cloning a missing repository');
        expectFailure(await settle(() => ws.head({ path: 'nowhere' }), 'head'), 'not-found', 'head of a path with no checkout');
        expectFailure(await settle(() => ws.clone({ repoURL, path: 'y', branch, signal: aborted() }), 'clone'), 'cancelled', 'clone with a fired signal');
        expectSuccess(await ws.clone({ repoURL, path: 'z', branch }), 'clone');
        expectFailure(await settle(() => ws.commit({ path: 'z', message: 'm', date: DATE, signal: aborted() }), 'commit'), 'cancelled', 'commit with a fired signal');
        expectFailure(await settle(() => ws.push({ path: 'z', branch, expectedHead: null, signal: aborted() }), 'push'), 'cancelled', 'push with a fired signal');
      },
    },
  ];
}

function sorted(files: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(files).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Every file under a work tree (links and `.git` left out), sorted by path. */
async function readAll(tree: WorkTree, dir = ''): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of (await tree.list(dir)) ?? []) {
    const path = dir === '' ? entry.name : `${dir}/${entry.name}`;
    if (entry.name === '.git' || entry.type === 'symlink') continue;
    if (entry.type === 'directory') Object.assign(out, await readAll(tree, path));
    else {
      const text = await tree.readFile(path);
      if (text !== undefined) out[path] = text;
    }
  }
  return sorted(out);
}

