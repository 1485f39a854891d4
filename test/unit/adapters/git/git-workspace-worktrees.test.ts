import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGitWorkspace, type GitCommandEvent, type GitWorkspace } from '../../../../src/adapters/git/index.js';
import type { PortResult } from '../../../../src/ports/index.js';
import { cleanGitEnvironment, createRepositoryRoot, requireGit, type RepositoryRoot, type TestRepository } from '../../../support/git-server.js';

let root: RepositoryRoot;
let scratch: string;
const workspaces: GitWorkspace[] = [];

function value<T>(result: PortResult<T>): T {
  if (!result.ok) throw new Error(`port call failed: ${result.failure.kind}: ${result.failure.message}`);
  return result.value;
}

let counter = 0;
async function remote(): Promise<TestRepository> {
  counter += 1;
  const repo = await root.createRepository(`wt-${counter}`);
  await repo.commit({ subject: 'initial', date: '2026-01-01T00:00:00Z', write: { 'values.yaml': 'tag: v1\n', 'app/deploy.yaml': 'image: app:v1\n' } });
  return repo;
}

async function workspace(onCommand?: (event: GitCommandEvent) => void): Promise<{ ws: GitWorkspace; workDir: string }> {
  const workDir = await mkdtemp(join(scratch, 'work-'));
  const ws = createGitWorkspace({ workDir, ...(onCommand === undefined ? {} : { onCommand }) });
  workspaces.push(ws);
  return { ws, workDir };
}

const gitIn = (dir: string, args: readonly string[]): string => execFileSync('git', [...args], { cwd: dir, env: cleanGitEnvironment(scratch), encoding: 'utf8' }).trim();

beforeAll(async () => {
  await requireGit();
  root = await createRepositoryRoot();
  scratch = await mkdtemp(join(tmpdir(), 'waybill-git-wt-test-'));
}, 60_000);

afterAll(async () => {
  await Promise.all(workspaces.map((w) => w.close()));
  await rm(scratch, { recursive: true, force: true });
  await root?.remove();
});

describe('createGitWorkspace: several checkouts of one repository', () => {
  it('adds the second checkout as a worktree of the first: one .git directory, one clone, and each checkout commits and pushes its own branch', async () => {
    const repo = await remote();
    const events: GitCommandEvent[] = [];
    const { ws, workDir } = await workspace((e) => events.push(e));
    const src = value(await ws.clone({ repoURL: repo.fileURL, path: './src', branch: 'main', author: { name: 'Source Bot', email: 'src@example.com' } }));
    const out = value(await ws.clone({ repoURL: repo.fileURL, path: './out', branch: 'stage/dev', create: true, author: { name: 'Out Bot', email: 'out@example.com' } }));
    expect(out).toEqual({ path: 'out', repoURL: repo.fileURL, branch: 'stage/dev' });

    // Only the first checkout was initialised as a repository; the second is a worktree of it.
    expect(events.filter((e) => e.args.includes('init')).length).toBe(1);
    expect(events.filter((e) => e.args.includes('worktree') && e.args.includes('add')).length).toBe(1);
    expect((await stat(join(workDir, 'src', '.git'))).isDirectory()).toBe(true);
    expect((await stat(join(workDir, 'out', '.git'))).isFile()).toBe(true);
    expect(await readFile(join(workDir, 'out', '.git'), 'utf8')).toMatch(/^gitdir: .*src\/\.git\/worktrees\/out/);
    expect(await readdir(join(workDir, 'src', '.git', 'worktrees'))).toEqual(['out']);
    expect(gitIn(join(workDir, 'out'), ['rev-parse', '--git-common-dir'])).toBe(join(workDir, 'src', '.git'));

    // The orphan branch starts empty even though the shared clone has main's files.
    const outTree = value(await ws.workTree({ path: 'out' }));
    expect(await outTree.list('')).toEqual([]);
    await outTree.writeFile('manifests.yaml', 'kind: ConfigMap\n');
    const outCommit = value(await ws.commit({ path: 'out', message: 'render', date: '2026-02-01T00:00:00Z' }));
    expect(outCommit.committed).toBe(true);

    const srcTree = value(await ws.workTree({ path: 'src' }));
    await srcTree.writeFile('values.yaml', 'tag: v2\n');
    const srcCommit = value(await ws.commit({ path: 'src', message: 'bump', date: '2026-02-02T00:00:00Z' }));

    expect(value(await ws.push({ path: 'out', branch: 'stage/dev', expectedHead: null }))).toMatchObject({ status: 'pushed', changed: true });
    expect(value(await ws.push({ path: 'src', branch: 'main', expectedHead: src.commit ?? null }))).toMatchObject({ status: 'pushed', changed: true });
    expect(gitIn(repo.path, ['rev-parse', 'refs/heads/stage/dev'])).toBe(outCommit.committed ? outCommit.commit : '');
    expect(gitIn(repo.path, ['rev-parse', 'refs/heads/main'])).toBe(srcCommit.committed ? srcCommit.commit : '');
    // Each checkout keeps its own identity although they share one configuration file.
    expect(gitIn(repo.path, ['log', '-1', '--format=%an <%ae>', 'stage/dev'])).toBe('Out Bot <out@example.com>');
    expect(gitIn(repo.path, ['log', '-1', '--format=%an <%ae>', 'main'])).toBe('Source Bot <src@example.com>');
    expect(gitIn(repo.path, ['ls-tree', '--name-only', 'stage/dev'])).toBe('manifests.yaml');
    // The heads are where each checkout says.
    expect(value(await ws.head({ path: 'out' }))).toMatchObject({ branch: 'stage/dev', commit: outCommit.committed ? outCommit.commit : '' });
    expect(value(await ws.head({ path: 'src' }))).toMatchObject({ branch: 'main', commit: srcCommit.committed ? srcCommit.commit : '' });
  });

  it('rebases and tags in a worktree, and a detached checkout of the same repository shares the clone too', async () => {
    const repo = await remote();
    const { ws, workDir } = await workspace();
    const first = value(await ws.clone({ repoURL: repo.fileURL, path: 'a', branch: 'main' }));
    const b = value(await ws.clone({ repoURL: repo.fileURL, path: 'b', branch: 'main' }));
    const old = value(await ws.clone({ repoURL: repo.fileURL, path: 'old', commit: first.commit ?? '' }));
    expect(old.branch).toBeUndefined();
    expect(old.commit).toBe(first.commit);
    expect(b.commit).toBe(first.commit);
    // Both stand for main; committing in one never moves the other's head.
    expect(b.branch).toBe('main');
    expect((await readdir(join(workDir, 'a', '.git', 'worktrees'))).sort()).toEqual(['b', 'old']);

    // a pushes first; b's push is then stale, b rebases onto it and pushes.
    await value(await ws.workTree({ path: 'a' })).writeFile('values.yaml', 'tag: a\n');
    value(await ws.commit({ path: 'a', message: 'a', date: '2026-03-01T00:00:00Z' }));
    const aPushed = value(await ws.push({ path: 'a', branch: 'main', expectedHead: first.commit ?? null }));
    await value(await ws.workTree({ path: 'b' })).writeFile('app/deploy.yaml', 'image: app:v2\n');
    value(await ws.commit({ path: 'b', message: 'b', date: '2026-03-02T00:00:00Z' }));
    const aHead = aPushed.status === 'pushed' ? aPushed.commit : '';
    expect(value(await ws.push({ path: 'b', branch: 'main', expectedHead: first.commit ?? null }))).toEqual({ status: 'rejected', reason: 'stale', remoteHead: aHead });
    const rebased = value(await ws.rebase({ path: 'b', branch: 'main' }));
    expect(rebased).toMatchObject({ status: 'rebased', remoteHead: aHead });
    const tagged = value(await ws.tag({ path: 'b', tag: 'v2', message: 'release v2', date: '2026-03-03T00:00:00Z' }));
    expect(value(await ws.push({ path: 'b', branch: 'main', expectedHead: aHead, tag: 'v2' }))).toMatchObject({ status: 'pushed', changed: true });
    expect(gitIn(repo.path, ['rev-parse', 'refs/tags/v2^{commit}'])).toBe(tagged.commit);
    expect(gitIn(repo.path, ['show', 'main:values.yaml'])).toBe('tag: a');
    expect(gitIn(repo.path, ['show', 'main:app/deploy.yaml'])).toBe('image: app:v2');
    // The detached checkout still has the old files.
    expect(await value(await ws.workTree({ path: 'old' })).readFile('values.yaml')).toBe('tag: v1\n');
  });

  it('cloning again into the shared clone or into a worktree replaces that checkout and leaves the other working', async () => {
    const repo = await remote();
    const { ws, workDir } = await workspace();
    value(await ws.clone({ repoURL: repo.fileURL, path: 'src', branch: 'main' }));
    value(await ws.clone({ repoURL: repo.fileURL, path: 'out', branch: 'stage/dev', create: true }));
    await value(await ws.workTree({ path: 'src' })).writeFile('stray.txt', 'left behind\n');
    // The first checkout holds the objects the other one uses: its files are replaced, its .git kept.
    const again = value(await ws.clone({ repoURL: repo.fileURL, path: 'src', branch: 'main' }));
    expect(again.branch).toBe('main');
    expect(await value(await ws.workTree({ path: 'src' })).readFile('stray.txt')).toBeUndefined();
    expect(await value(await ws.workTree({ path: 'src' })).readFile('values.yaml')).toBe('tag: v1\n');
    await value(await ws.workTree({ path: 'out' })).writeFile('a.yaml', 'a: 1\n');
    const committed = value(await ws.commit({ path: 'out', message: 'out', date: '2026-04-01T00:00:00Z' }));
    expect(committed.committed).toBe(true);
    // The worktree made again starts over on the remote's state.
    const outAgain = value(await ws.clone({ repoURL: repo.fileURL, path: 'out', branch: 'main' }));
    expect(outAgain).toMatchObject({ branch: 'main', commit: again.commit ?? '' });
    expect(await readdir(join(workDir, 'src', '.git', 'worktrees'))).toEqual(['out']);
    expect(value(await ws.push({ path: 'out', branch: 'main', expectedHead: again.commit ?? null }))).toMatchObject({ status: 'pushed', changed: false });
  });

  it('falls back to a clone of its own when the first checkout is an orphan branch with no commit yet', async () => {
    const repo = await remote();
    const { ws, workDir } = await workspace();
    value(await ws.clone({ repoURL: repo.fileURL, path: 'out', branch: 'stage/new', create: true }));
    const src = value(await ws.clone({ repoURL: repo.fileURL, path: 'src', branch: 'main' }));
    expect(src.branch).toBe('main');
    expect((await stat(join(workDir, 'src', '.git'))).isDirectory()).toBe(true);
    expect(await value(await ws.workTree({ path: 'src' })).readFile('values.yaml')).toBe('tag: v1\n');
    await value(await ws.workTree({ path: 'out' })).writeFile('rendered.yaml', 'x: 1\n');
    const committed = value(await ws.commit({ path: 'out', message: 'first', date: '2026-05-01T00:00:00Z' }));
    expect(value(await ws.push({ path: 'out', branch: 'stage/new', expectedHead: null }))).toMatchObject({ status: 'pushed', commit: committed.committed ? committed.commit : '' });
  });
});
