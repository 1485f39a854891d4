import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGitAdapter, type GitAdapter, type GitAdapterOptions, type GitCommandEvent } from '../../../../src/adapters/git/index.js';
import type { GitTagMetadata, PortResult } from '../../../../src/ports/index.js';
import { collectPages } from '../../../../src/testing/index.js';
import {
  createRepositoryRoot,
  freePort,
  requireGit,
  startAuthenticatedGitServer,
  startGitDaemon,
  type AuthenticatedGitServer,
  type GitDaemon,
  type RepositoryRoot,
  type TestRepository,
} from '../../../support/git-server.js';

let root: RepositoryRoot;
let daemon: GitDaemon;
let tagged: TestRepository;
let taggedIds: string[];
const adapters: GitAdapter[] = [];

const adapter = (options: GitAdapterOptions = {}): GitAdapter => {
  const a = createGitAdapter(options);
  adapters.push(a);
  return a;
};

function value<T>(result: PortResult<T>): T {
  if (!result.ok) throw new Error(`port call failed: ${result.failure.kind}: ${result.failure.message}`);
  return result.value;
}

beforeAll(async () => {
  await requireGit();
  root = await createRepositoryRoot();
  tagged = await root.createRepository('tagged');
  taggedIds = [];
  for (let i = 1; i <= 3; i++) {
    taggedIds.push(await tagged.commit({ subject: `commit ${i}\n\nwith a body`, date: `2026-01-0${i}T00:00:00Z`, author: 'Ada <ada@example.com>', committer: 'Bob <bob@example.com>', write: { [`f${i}.txt`]: `${i}\n` } }));
  }
  const [c1 = '', c2 = '', c3 = ''] = taggedIds;
  // An annotated tag's creator date is its tagger date, whatever its commit's date.
  await tagged.tag({ tag: 'new-annotated', commit: c1, annotation: 'Newest release\n\nNotes here.', tagger: 'Rel <rel@example.com>', date: '2026-01-10T00:00:00Z' });
  await tagged.tag({ tag: 'v3', commit: c3 });
  await tagged.tag({ tag: 'light-b', commit: c2 });
  await tagged.tag({ tag: 'light-a', commit: c2 });
  await tagged.tag({ tag: 'old-annotated', commit: c3, annotation: 'Old', tagger: 'Rel <rel@example.com>', date: '2025-12-01T00:00:00Z' });
  daemon = await startGitDaemon(root.root);
}, 60_000);

afterAll(async () => {
  await Promise.all(adapters.map((a) => a.close()));
  await daemon?.stop();
  await root?.remove();
});

describe('createGitAdapter: tags', () => {
  it('lists annotated and lightweight tags by creator date, newest first, ties by name', async () => {
    const tags = value(await adapter().listTags({ repoURL: tagged.fileURL })).items;
    expect(tags.map((t) => t.tag)).toEqual(['new-annotated', 'v3', 'light-a', 'light-b', 'old-annotated']);
    const [c1, c2, c3] = taggedIds;
    expect(tags.map((t) => t.id)).toEqual([c1, c3, c2, c2, c3]);
    expect(tags[0]).toEqual({
      tag: 'new-annotated',
      id: c1,
      creatorDate: '2026-01-10T00:00:00Z',
      subject: 'Newest release',
      author: 'Ada <ada@example.com>',
      committer: 'Bob <bob@example.com>',
      tagger: 'Rel <rel@example.com>',
      annotation: 'Newest release\n\nNotes here.',
    });
    expect(tags[1]).toEqual({ tag: 'v3', id: c3, creatorDate: '2026-01-03T00:00:00Z', subject: 'commit 3', author: 'Ada <ada@example.com>', committer: 'Bob <bob@example.com>' });
  });

  it('pages tags with a cursor, and refuses a cursor it did not give', async () => {
    const port = adapter();
    const first = value(await port.listTags({ repoURL: tagged.fileURL, pageSize: 2 }));
    expect(first.items.map((t) => t.tag)).toEqual(['new-annotated', 'v3']);
    expect(first.next).toBe('2');
    const all = await collectPages((cursor) => port.listTags({ repoURL: tagged.fileURL, cursor, pageSize: 2 }));
    expect(value(all).items.map((t: GitTagMetadata) => t.tag)).toEqual(['new-annotated', 'v3', 'light-a', 'light-b', 'old-annotated']);
    const bad = await port.listTags({ repoURL: tagged.fileURL, cursor: 'x' });
    expect(bad.ok ? undefined : bad.failure.kind).toBe('invalid-response');
  });

  it('sees tags added and deleted upstream on the next first page', async () => {
    const repo = await root.createRepository('moving-tags');
    const id = await repo.commit({ subject: 'one', date: '2026-02-01T00:00:00Z', write: { a: 'a' } });
    await repo.tag({ tag: 'a', commit: id });
    const port = adapter();
    expect(value(await port.listTags({ repoURL: repo.fileURL })).items.map((t) => t.tag)).toEqual(['a']);
    await repo.deleteTag('a');
    await repo.tag({ tag: 'b', commit: id });
    expect(value(await port.listTags({ repoURL: repo.fileURL })).items.map((t) => t.tag)).toEqual(['b']);
  });
});

describe('createGitAdapter: commits and changed paths', () => {
  it('lists the default branch when no branch is given, and another branch by name', async () => {
    const repo = await root.createRepository('branches', 'trunk');
    const base = await repo.commit({ subject: 'base', date: '2026-03-01T00:00:00Z', write: { a: '1' } });
    const feature = await repo.commit({ subject: 'feature work', date: '2026-03-02T00:00:00Z', write: { b: '1' }, branch: 'feature/x' });
    const port = adapter();
    expect(value(await port.listCommits({ repoURL: repo.fileURL, skip: 0, maxCount: 10 })).map((c) => c.id)).toEqual([base]);
    expect(value(await port.listCommits({ repoURL: repo.fileURL, branch: 'feature/x', skip: 0, maxCount: 10 })).map((c) => c.id)).toEqual([feature, base]);
    const odd = await port.listCommits({ repoURL: repo.fileURL, branch: '--upload-pack=touch /tmp/x', skip: 0, maxCount: 1 });
    expect(odd.ok ? undefined : odd.failure.kind).toBe('not-found');
  });

  it('reports a rename as the old and the new path, a root commit as its files, a merge against its first parent', async () => {
    const repo = await root.createRepository('renames');
    const first = await repo.commit({ subject: 'root', date: '2026-04-01T00:00:00Z', write: { 'a/one.yaml': 'x: 1\n', 'b/two.yaml': 'y: 2\n' } });
    const moved = await repo.commit({ subject: 'move', date: '2026-04-02T00:00:00Z', rename: [['a/one.yaml', 'c/one.yaml']] });
    const side = await repo.commit({ subject: 'side work', date: '2026-04-03T00:00:00Z', write: { 'd/side.yaml': 's: 1\n' }, branch: 'side' });
    await repo.commit({ subject: 'main work', date: '2026-04-04T00:00:00Z', write: { 'b/two.yaml': 'y: 3\n' } });
    const merge = await repo.merge('side', 'merge side', '2026-04-05T00:00:00Z');
    const port = adapter();
    // The merged branch's own commits are not on the first-parent history.
    expect(value(await port.listCommits({ repoURL: repo.fileURL, skip: 0, maxCount: 10 })).map((c) => c.subject)).toEqual(['merge side', 'main work', 'move', 'root']);
    expect(value(await port.getChangedPaths({ repoURL: repo.fileURL, id: merge }))).toEqual(['d/side.yaml']);
    expect(value(await port.getChangedPaths({ repoURL: repo.fileURL, id: side }))).toEqual(['d/side.yaml']);
    expect(value(await port.getChangedPaths({ repoURL: repo.fileURL, id: first }))).toEqual(['a/one.yaml', 'b/two.yaml']);
    expect([...value(await port.getChangedPaths({ repoURL: repo.fileURL, id: moved }))].sort()).toEqual(['a/one.yaml', 'c/one.yaml']);
    // A fresh cache fetches the one commit it is asked about.
    expect(value(await adapter().getChangedPaths({ repoURL: repo.fileURL, id: moved })).length).toBe(2);
    const missing = await port.getChangedPaths({ repoURL: repo.fileURL, id: 'f'.repeat(40) });
    expect(missing.ok ? undefined : missing.failure.kind).toBe('not-found');
    const notAnId = await port.getChangedPaths({ repoURL: repo.fileURL, id: '--output=/tmp/x' });
    expect(notAnId.ok ? undefined : notAnId.failure.kind).toBe('not-found');
  });

  it('pages with skip and maxCount and honours since, in UTC whole seconds', async () => {
    const port = adapter();
    const all = value(await port.listCommits({ repoURL: tagged.fileURL, skip: 0, maxCount: 10 }));
    expect(all.map((c) => c.id)).toEqual([...taggedIds].reverse());
    expect(all[0]).toEqual({ id: taggedIds[2], creatorDate: '2026-01-03T00:00:00Z', subject: 'commit 3', author: 'Ada <ada@example.com>', committer: 'Bob <bob@example.com>' });
    expect(value(await port.listCommits({ repoURL: tagged.fileURL, skip: 1, maxCount: 1 })).map((c) => c.id)).toEqual([taggedIds[1]]);
    expect(value(await port.listCommits({ repoURL: tagged.fileURL, skip: 0, maxCount: 10, since: '2026-01-02T00:00:00Z' })).map((c) => c.subject)).toEqual(['commit 3', 'commit 2']);
    expect(value(await port.listCommits({ repoURL: tagged.fileURL, skip: 0, maxCount: 10, since: '2026-01-02T00:00:00.001Z' })).map((c) => c.subject)).toEqual(['commit 3']);
    expect(value(await port.listCommits({ repoURL: tagged.fileURL, skip: 0, maxCount: 10, since: '2026-01-02T01:00:00+01:00' })).map((c) => c.subject)).toEqual(['commit 3', 'commit 2']);
    expect(value(await port.listCommits({ repoURL: tagged.fileURL, skip: 1, maxCount: 10, since: '2026-01-02T00:00:00Z' })).map((c) => c.subject)).toEqual(['commit 2']);
  });

  it('sees new commits on the next call, and reuses the fetch within refreshIntervalMs', async () => {
    const repo = await root.createRepository('refresh');
    await repo.commit({ subject: 'one', date: '2026-05-01T00:00:00Z', write: { a: '1' } });
    const events: GitCommandEvent[] = [];
    const eager = adapter();
    const lazy = adapter({ refreshIntervalMs: 60_000, onCommand: (e) => events.push(e) });
    const subjects = async (port: GitAdapter) => value(await port.listCommits({ repoURL: repo.fileURL, skip: 0, maxCount: 10 })).map((c) => c.subject);
    expect(await subjects(eager)).toEqual(['one']);
    expect(await subjects(lazy)).toEqual(['one']);
    await repo.commit({ subject: 'two', date: '2026-05-02T00:00:00Z', write: { a: '2' } });
    expect(await subjects(eager)).toEqual(['two', 'one']);
    expect(await subjects(lazy)).toEqual(['one']);
    expect(events.filter((e) => e.args.includes('fetch'))).toHaveLength(1);
    expect(events.every((e) => e.args.includes('--filter=blob:none') || !e.args.includes('fetch'))).toBe(true);
  });

  it('asks ls-remote first and does not fetch when the branch has not moved', async () => {
    const repo = await root.createRepository('short-circuit');
    await repo.commit({ subject: 'one', date: '2026-05-01T00:00:00Z', write: { a: '1' } });
    const events: GitCommandEvent[] = [];
    const port = adapter({ onCommand: (e) => events.push(e) });
    const subjects = async (): Promise<string[]> =>
      value(await port.listCommits({ repoURL: repo.fileURL, branch: 'main', skip: 0, maxCount: 10 })).map((c) => c.subject ?? '');
    const fetches = (): number => events.filter((e) => e.args.includes('fetch')).length;
    expect(await subjects()).toEqual(['one']);
    expect(fetches()).toBe(1);
    expect(await subjects()).toEqual(['one']);
    expect(fetches()).toBe(1);
    expect(events.some((e) => e.args.includes('ls-remote'))).toBe(true);
    await repo.commit({ subject: 'two', date: '2026-05-02T00:00:00Z', write: { a: '2' } });
    expect(await subjects()).toEqual(['two', 'one']);
    expect(fetches()).toBe(2);
  });

  it('recovers from the lock files a killed fetch leaves in a kept cache directory', async () => {
    const { mkdtemp, readdir, rm, writeFile } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const cacheDir = await mkdtemp(join(tmpdir(), 'waybill-git-kept-'));
    try {
      const repo = await root.createRepository('locked');
      await repo.commit({ subject: 'one', date: '2026-06-01T00:00:00Z', write: { a: '1' } });
      const first = adapter({ cacheDir });
      expect(value(await first.listCommits({ repoURL: repo.fileURL, branch: 'main', skip: 0, maxCount: 5 })).map((c) => c.subject)).toEqual(['one']);
      await first.close();
      const [clone = ''] = await readdir(cacheDir);
      await writeFile(join(cacheDir, clone, 'refs', 'remotes', 'origin', 'main.lock'), '');
      await writeFile(join(cacheDir, clone, 'shallow.lock'), '');
      await repo.commit({ subject: 'two', date: '2026-06-02T00:00:00Z', write: { a: '2' } });
      const second = adapter({ cacheDir });
      expect(value(await second.listCommits({ repoURL: repo.fileURL, branch: 'main', skip: 0, maxCount: 5 })).map((c) => c.subject)).toEqual(['two', 'one']);
      await second.close();
      // A cache directory that was given is kept.
      expect(await readdir(cacheDir)).toEqual([clone]);
    } finally {
      await rm(cacheDir, { recursive: true, force: true });
    }
  });

  it('serves concurrent calls on one repository without lock errors', async () => {
    const port = adapter();
    const results = await Promise.all([1, 2, 3, 4].map((i) => (i % 2 === 0 ? port.listTags({ repoURL: tagged.fileURL }) : port.listCommits({ repoURL: tagged.fileURL, skip: 0, maxCount: 5 }))));
    expect(results.every((r) => r.ok)).toBe(true);
  });

  it('ignores the caller’s git environment (GIT_DIR and the like)', async () => {
    const saved = process.env.GIT_DIR;
    process.env.GIT_DIR = '/nonexistent/waybill-git-dir';
    try {
      expect(value(await adapter().listCommits({ repoURL: tagged.fileURL, skip: 0, maxCount: 1 })).map((c) => c.id)).toEqual([taggedIds[2]]);
    } finally {
      if (saved === undefined) delete process.env.GIT_DIR;
      else process.env.GIT_DIR = saved;
    }
  });
});

describe('createGitAdapter: failures', () => {
  it('a missing repository or branch is not-found, over file:// and git://', async () => {
    const port = adapter();
    for (const repoURL of [`file://${root.root}/nope.git`, daemon.urlOf('nope.git')]) {
      const commits = await port.listCommits({ repoURL, skip: 0, maxCount: 1 });
      expect(commits.ok ? undefined : commits.failure).toMatchObject({ kind: 'not-found', retryable: false });
      const tags = await port.listTags({ repoURL });
      expect(tags.ok ? undefined : tags.failure.kind).toBe('not-found');
    }
    const branch = await port.listCommits({ repoURL: daemon.urlOf(tagged.name), branch: 'no-such-branch', skip: 0, maxCount: 1 });
    expect(branch.ok ? undefined : branch.failure.kind).toBe('not-found');
  });

  it('a server that cannot be reached is a retryable transport failure', async () => {
    const port = await freePort();
    const result = await adapter().listCommits({ repoURL: `git://127.0.0.1:${port}/x.git`, skip: 0, maxCount: 1 });
    expect(result.ok ? undefined : result.failure).toMatchObject({ kind: 'transport', retryable: true });
  });

  it('never runs a command through the ext transport, and honours allowedProtocols', async () => {
    const { existsSync } = await import('node:fs');
    const marker = `${root.root}/ext-was-run`;
    const ext = await adapter().listTags({ repoURL: `ext::sh -c touch% ${marker}` });
    expect(ext.ok).toBe(false);
    expect(existsSync(marker)).toBe(false);
    const noFile = await adapter({ allowedProtocols: ['https'] }).listTags({ repoURL: tagged.fileURL });
    expect(noFile.ok ? undefined : noFile.failure.message).toMatch(/transport 'file' not allowed/);
  });

  it('a git that is not installed is a clear, non-retryable failure', async () => {
    const result = await adapter({ gitPath: '/nonexistent/bin/git' }).listTags({ repoURL: tagged.fileURL });
    expect(result.ok ? undefined : result.failure).toMatchObject({ kind: 'transport', retryable: false });
    expect(result.ok ? '' : result.failure.message).toMatch(/git command was not found/);
  });

  describe('against a server that never answers', () => {
    let silent: Server;
    let url: string;
    const sockets: Socket[] = [];
    beforeAll(async () => {
      const port = await freePort();
      silent = createServer((socket) => sockets.push(socket));
      await new Promise<void>((resolve) => silent.listen(port, '127.0.0.1', () => resolve()));
      url = `git://127.0.0.1:${port}/slow.git`;
    });
    afterAll(async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    });

    it('cancelling through the AbortSignal kills git and resolves to cancelled', async () => {
      const events: GitCommandEvent[] = [];
      const controller = new AbortController();
      const started = Date.now();
      setTimeout(() => controller.abort(), 300);
      const result = await adapter({ onCommand: (e) => events.push(e) }).listCommits({ repoURL: url, skip: 0, maxCount: 1, signal: controller.signal });
      expect(result.ok ? undefined : result.failure.kind).toBe('cancelled');
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(events.find((e) => e.args.includes('fetch'))?.killed).toBe('cancelled');
    });

    it('a git command that runs past timeoutMs is a retryable transport failure', async () => {
      const result = await adapter({ timeoutMs: 300 }).listTags({ repoURL: url });
      expect(result.ok ? undefined : result.failure).toMatchObject({ kind: 'transport', retryable: true });
      expect(result.ok ? '' : result.failure.message).toMatch(/timed out/);
    });
  });
});

describe('createGitAdapter: credentials', () => {
  let server: AuthenticatedGitServer;
  const password = 's3cr3t-T0KEN-value';
  beforeAll(async () => {
    server = await startAuthenticatedGitServer(root.root, 'deployer', password);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('hands the injected credentials to git and never puts them in argv', async () => {
    const events: GitCommandEvent[] = [];
    const asked: string[] = [];
    const port = adapter({
      credentials: (repoURL) => {
        asked.push(repoURL);
        return { username: 'deployer', password };
      },
      onCommand: (e) => events.push(e),
    });
    const repoURL = server.urlOf(tagged.name);
    expect(value(await port.listCommits({ repoURL, skip: 0, maxCount: 1 })).map((c) => c.id)).toEqual([taggedIds[2]]);
    expect(value(await port.listTags({ repoURL })).items).toHaveLength(5);
    expect(asked).toEqual([repoURL, repoURL]);
    expect(server.authorizations).toContain(`Basic ${Buffer.from(`deployer:${password}`).toString('base64')}`);
    expect(JSON.stringify(events)).not.toContain(password);
  });

  it('refused credentials are unauthorized, and the error does not contain the password', async () => {
    const events: GitCommandEvent[] = [];
    const wrong = `${password}-wrong`;
    const result = await adapter({ credentials: () => ({ username: 'deployer', password: wrong }), onCommand: (e) => events.push(e) }).listCommits({
      repoURL: server.urlOf(tagged.name),
      skip: 0,
      maxCount: 1,
    });
    expect(result.ok ? undefined : result.failure).toMatchObject({ kind: 'unauthorized', retryable: false });
    expect(JSON.stringify(result)).not.toContain(wrong);
    expect(JSON.stringify(result)).not.toContain(password);
    expect(JSON.stringify(events)).not.toContain(password);
  });

  it('no credentials for a repository that needs them is unauthorized, without prompting', async () => {
    const result = await adapter().listTags({ repoURL: server.urlOf(tagged.name) });
    expect(result.ok ? undefined : result.failure.kind).toBe('unauthorized');
  });

  it('credentials written into the URL are redacted from messages', async () => {
    const result = await adapter().listTags({ repoURL: `http://deployer:${password}@127.0.0.1:${server.port}/nope.git` });
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toContain(password);
  });
});
