import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFileWorkTree, createGitAdapter, createGitWorkspace, type GitCommandEvent, type GitWorkspace, type GitWorkspaceOptions } from '../../../../src/adapters/git/index.js';
import type { PortResult } from '../../../../src/ports/index.js';
import { cleanGitEnvironment, createRepositoryRoot, requireGit, startAuthenticatedGitServer, type AuthenticatedGitServer, type RepositoryRoot, type TestRepository } from '../../../support/git-server.js';

let root: RepositoryRoot;
let scratch: string;
const workspaces: GitWorkspace[] = [];

function value<T>(result: PortResult<T>): T {
  if (!result.ok) throw new Error(`port call failed: ${result.failure.kind}: ${result.failure.message}`);
  return result.value;
}

async function workspace(options: Partial<GitWorkspaceOptions> = {}): Promise<GitWorkspace> {
  const workDir = await mkdtemp(join(scratch, 'work-'));
  const ws = createGitWorkspace({ workDir, ...options });
  workspaces.push(ws);
  return ws;
}

let counter = 0;
async function remote(): Promise<TestRepository> {
  counter += 1;
  const repo = await root.createRepository(`ws-${counter}`);
  await repo.commit({ subject: 'initial', date: '2026-01-01T00:00:00Z', write: { 'values.yaml': 'tag: v1\n', 'docs/README.md': '# docs\n' } });
  return repo;
}

beforeAll(async () => {
  await requireGit();
  root = await createRepositoryRoot();
  scratch = await mkdtemp(join(tmpdir(), 'waybill-git-ws-test-'));
}, 60_000);

afterAll(async () => {
  await Promise.all(workspaces.map((w) => w.close()));
  await rm(scratch, { recursive: true, force: true });
  await root?.remove();
});

describe('createGitWorkspace', () => {
  it('commits with the identity and date it is given, and discovery then sees the pushed commit', async () => {
    const repo = await remote();
    const ws = await workspace();
    const cloned = value(await ws.clone({ repoURL: repo.fileURL, path: './out', branch: 'main', author: { name: 'Kargo Bot', email: 'bot@example.com' } }));
    const tree = value(await ws.workTree({ path: 'out' }));
    await tree.writeFile('values.yaml', 'tag: v2\n');
    const commit = value(await ws.commit({ path: 'out', message: 'promote v2', date: '2026-03-04T05:06:07Z' }));
    expect(commit.committed).toBe(true);
    expect(value(await ws.push({ path: 'out', branch: 'main', expectedHead: cloned.commit ?? null }))).toMatchObject({ status: 'pushed', changed: true });
    const adapter = createGitAdapter();
    const [newest] = value(await adapter.listCommits({ repoURL: repo.fileURL, skip: 0, maxCount: 1 }));
    await adapter.close();
    expect(newest).toEqual({
      id: commit.committed ? commit.commit : '',
      creatorDate: '2026-03-04T05:06:07Z',
      subject: 'promote v2',
      author: 'Kargo Bot <bot@example.com>',
      committer: 'Kargo Bot <bot@example.com>',
    });
    // The work directory's tree sees the checkout's files too.
    expect(await ws.workDirTree.readFile('out/values.yaml')).toBe('tag: v2\n');
  });

  it('a push is a compare-and-swap: a commit pushed after the head was read is never overwritten', async () => {
    const repo = await remote();
    const other = join(scratch, `racer-${counter}`);
    const env = cleanGitEnvironment(scratch);
    execFileSync('git', ['clone', '--quiet', repo.path, other], { env });
    let raced = false;
    const ws = await workspace({
      onCommand: (event: GitCommandEvent) => {
        // Right after the push has read the remote head, someone else pushes.
        if (!raced && event.args.includes('ls-remote')) {
          raced = true;
          execFileSync('git', ['-C', other, '-c', 'user.name=Other', '-c', 'user.email=other@example.com', 'commit', '--quiet', '--allow-empty', '-m', 'concurrent'], { env });
          execFileSync('git', ['-C', other, 'push', '--quiet', 'origin', 'HEAD:refs/heads/main'], { env });
        }
      },
    });
    const cloned = value(await ws.clone({ repoURL: repo.fileURL, path: 'repo', branch: 'main' }));
    const tree = value(await ws.workTree({ path: 'repo' }));
    await tree.writeFile('values.yaml', 'tag: mine\n');
    value(await ws.commit({ path: 'repo', message: 'mine', date: '2026-03-01T00:00:00Z' }));
    const pushed = value(await ws.push({ path: 'repo', branch: 'main', expectedHead: cloned.commit ?? null, force: true }));
    const theirs = execFileSync('git', ['-C', other, 'rev-parse', 'HEAD'], { env, encoding: 'utf8' }).trim();
    expect(raced).toBe(true);
    expect(pushed).toEqual({ status: 'rejected', reason: 'stale', remoteHead: theirs });
    expect(execFileSync('git', ['-C', repo.path, 'rev-parse', 'refs/heads/main'], { env, encoding: 'utf8' }).trim()).toBe(theirs);
  });

  it('refuses a non-fast-forward push unless forced, and then still only over the expected head', async () => {
    const repo = await remote();
    const ws = await workspace();
    const first = value(await ws.clone({ repoURL: repo.fileURL, path: 'a', branch: 'main' }));
    const tree = value(await ws.workTree({ path: 'a' }));
    await tree.writeFile('values.yaml', 'tag: a\n');
    value(await ws.commit({ path: 'a', message: 'a', date: '2026-03-01T00:00:00Z' }));
    const aHead = value(await ws.head({ path: 'a' })).commit ?? '';
    value(await ws.push({ path: 'a', branch: 'main', expectedHead: first.commit ?? null }));
    // A second checkout made from the old head, with another change.
    const b = value(await ws.clone({ repoURL: repo.fileURL, path: 'b', commit: first.commit ?? '' }));
    expect(b.branch).toBeUndefined();
    await value(await ws.workTree({ path: 'b' })).writeFile('values.yaml', 'tag: b\n');
    value(await ws.commit({ path: 'b', message: 'b', date: '2026-03-02T00:00:00Z' }));
    expect(value(await ws.push({ path: 'b', branch: 'main', expectedHead: aHead }))).toEqual({ status: 'rejected', reason: 'non-fast-forward', remoteHead: aHead });
    expect(value(await ws.push({ path: 'b', branch: 'main', expectedHead: first.commit ?? null, force: true }))).toEqual({ status: 'rejected', reason: 'stale', remoteHead: aHead });
    const forced = value(await ws.push({ path: 'b', branch: 'main', expectedHead: aHead, force: true }));
    expect(forced).toMatchObject({ status: 'pushed', changed: true });
  });

  it('keeps file steps inside the checkout and away from .git', async () => {
    const repo = await remote();
    const ws = await workspace();
    value(await ws.clone({ repoURL: repo.fileURL, path: 'repo', branch: 'main' }));
    const tree = value(await ws.workTree({ path: 'repo' }));
    expect((await tree.list(''))?.map((e) => e.name)).toEqual(['docs', 'values.yaml']);
    expect(await tree.readFile('.git/config')).toBeUndefined();
    await expect(tree.writeFile('.git/hooks/post-checkout', '#!/bin/sh\n')).rejects.toThrow(/does not let steps change/);
    expect(await tree.readFile('../../../../etc/hostname')).toBe(await tree.readFile('etc/hostname'));
    expect(await tree.readFile('/values.yaml')).toBe('tag: v1\n');
  });
});

describe('createFileWorkTree', () => {
  it('resolves links as if the root were the filesystem root, and never follows a link it removes', async () => {
    const base = await mkdtemp(join(scratch, 'tree-'));
    const rootDir = join(base, 'root');
    await mkdir(join(rootDir, 'etc'), { recursive: true });
    await writeFile(join(base, 'secret.txt'), 'outside\n');
    await writeFile(join(rootDir, 'etc', 'passwd'), 'inside\n');
    await symlink('/etc/passwd', join(rootDir, 'abs-link'));
    await symlink('../secret.txt', join(rootDir, 'up-link'));
    await symlink('/', join(rootDir, 'root-link'));
    const tree = createFileWorkTree(rootDir);
    expect(await tree.readFile('abs-link')).toBe('inside\n');
    expect(await tree.readFile('up-link')).toBeUndefined();
    await tree.writeFile('up-link', 'written\n');
    expect(await readFile(join(base, 'secret.txt'), 'utf8')).toBe('outside\n');
    expect(await readFile(join(rootDir, 'secret.txt'), 'utf8')).toBe('written\n');
    expect(await tree.lstat('root-link')).toBe('symlink');
    expect(await tree.remove('root-link')).toBe(true);
    expect(await tree.lstat('etc/passwd')).toBe('file');
    expect(await tree.list('')).toEqual([
      { name: 'abs-link', type: 'symlink' },
      { name: 'etc', type: 'directory' },
      { name: 'secret.txt', type: 'file' },
      { name: 'up-link', type: 'symlink' },
    ]);
    expect(await tree.list('etc/passwd')).toBeUndefined();
    expect(await tree.remove('nothing-here')).toBe(false);
  });
});

describe('createGitWorkspace over authenticated HTTP', () => {
  let server: AuthenticatedGitServer;
  const password = 'push-T0KEN-secret';
  beforeAll(async () => {
    server = await startAuthenticatedGitServer(root.root, 'deployer', password);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('clones and pushes with the injected credentials, which no event or failure shows', async () => {
    const repo = await remote();
    const events: GitCommandEvent[] = [];
    const ws = await workspace({ credentials: () => ({ username: 'deployer', password }), onCommand: (e) => events.push(e) });
    const repoURL = server.urlOf(repo.name);
    const cloned = value(await ws.clone({ repoURL, path: 'repo', branch: 'main' }));
    await value(await ws.workTree({ path: 'repo' })).writeFile('values.yaml', 'tag: http\n');
    value(await ws.commit({ path: 'repo', message: 'over http', date: '2026-03-01T00:00:00Z' }));
    expect(value(await ws.push({ path: 'repo', branch: 'main', expectedHead: cloned.commit ?? null }))).toMatchObject({ status: 'pushed', changed: true });
    expect(JSON.stringify(events)).not.toContain(password);
    const refused = await (await workspace({ credentials: () => ({ username: 'deployer', password: `${password}x` }) })).clone({ repoURL, path: 'x' });
    expect(refused.ok ? undefined : refused.failure.kind).toBe('unauthorized');
    expect(JSON.stringify(refused)).not.toContain(password);
  });
});
