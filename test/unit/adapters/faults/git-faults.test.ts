import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createGitAdapter, type GitAdapter, type GitAdapterOptions } from '../../../../src/adapters/git/index.js';
import { discover } from '../../../../src/discovery/index.js';
import type { GitCommitMetadata, GitTagMetadata, PortResult } from '../../../../src/ports/index.js';
import { startFaultProxy, type Fault, type FaultProxy, type FaultRule } from '../../../support/fault-proxy.js';
import { createRepositoryRoot, requireGit, startAuthenticatedGitServer, type AuthenticatedGitServer, type RepositoryRoot, type TestRepository } from '../../../support/git-server.js';

// A real `git http-backend` behind the fault proxy. The proxy adds the server's credentials itself,
// so every request git makes is one the schedule can target (no 401 round trip first).
let root: RepositoryRoot;
let server: AuthenticatedGitServer;
let proxy: FaultProxy;
let repo: TestRepository;
let repoURL: string;
let scratch: string;
const adapters: GitAdapter[] = [];

const USER = { username: 'waybill', password: 'fault-test-secret' };
const author = 'Ada Lovelace <ada@example.com>';
let expectedCommits: readonly GitCommitMetadata[];
let expectedTags: readonly GitTagMetadata[];

/** A new adapter with its own cache; closed after the file. */
const adapter = (options: GitAdapterOptions = {}): GitAdapter => {
  const made = createGitAdapter({ timeoutMs: 10_000, ...options });
  adapters.push(made);
  return made;
};

const commitsOf = (a: GitAdapter): Promise<PortResult<readonly GitCommitMetadata[]>> => a.listCommits({ repoURL, branch: 'main', skip: 0, maxCount: 50 });
const tagsOf = async (a: GitAdapter): Promise<PortResult<readonly GitTagMetadata[]>> => {
  const page = await a.listTags({ repoURL });
  return page.ok ? { ok: true, value: page.value.items } : page;
};

beforeAll(async () => {
  await requireGit();
  root = await createRepositoryRoot();
  repo = await root.createRepository('faulty');
  for (let i = 1; i <= 6; i++) {
    // Some content per commit so that the pack is more than a few bytes.
    const id = await repo.commit({ subject: `change ${i}`, date: `2026-02-0${i}T10:00:00Z`, author, write: { [`apps/app-${i}.yaml`]: `version: ${i}\n${'x: 1\n'.repeat(200 * i)}` } });
    if (i % 2 === 0) await repo.tag({ tag: `v1.${i}.0`, commit: id });
  }
  server = await startAuthenticatedGitServer(root.root, USER.username, USER.password);
  proxy = await startFaultProxy(`http://127.0.0.1:${server.port}`, {
    upstreamHeaders: { authorization: `Basic ${Buffer.from(`${USER.username}:${USER.password}`).toString('base64')}` },
  });
  repoURL = `${proxy.url}/${repo.name}`;
  scratch = await mkdtemp(join(tmpdir(), 'waybill-git-faults-'));
  const clean = adapter();
  const commits = await commitsOf(clean);
  const tags = await tagsOf(clean);
  if (!commits.ok || !tags.ok) throw new Error('the fault-free baseline could not be read');
  expectedCommits = commits.value;
  expectedTags = tags.value;
}, 60_000);

afterEach(() => {
  proxy.heal();
  proxy.clearLog();
});

afterAll(async () => {
  for (const a of adapters) await a.close();
  await proxy?.stop();
  await server?.stop();
  await root?.remove();
  if (scratch !== undefined) await rm(scratch, { recursive: true, force: true });
});

const REFS = /^GET \/faulty\.git\/info\/refs/;
const UPLOAD = /^POST \/faulty\.git\/git-upload-pack/;
/** With protocol v2 the first upload-pack POST lists refs and the second sends the pack. */
const onPack = (fault: Fault): readonly FaultRule[] => [
  { match: UPLOAD, fault: { kind: 'pass' } },
  { match: UPLOAD, fault },
];

/** Lock files or half-received packs left in a cache directory. */
async function leftovers(dir: string): Promise<string[]> {
  const found: string[] = [];
  const visit = async (path: string): Promise<void> => {
    for (const entry of await readdir(path, { withFileTypes: true })) {
      const child = join(path, entry.name);
      if (entry.isDirectory()) await visit(child);
      else if (entry.name.endsWith('.lock') || entry.name.startsWith('tmp_')) found.push(child);
    }
  };
  await visit(dir);
  return found;
}

describe('the git adapter over smart HTTP through a faulty network', () => {
  it('the fault-free baseline reads every commit and tag', () => {
    expect(expectedCommits.map((c) => c.subject)).toEqual(['change 6', 'change 5', 'change 4', 'change 3', 'change 2', 'change 1']);
    expect(expectedTags.map((t) => t.tag)).toEqual(['v1.6.0', 'v1.4.0', 'v1.2.0']);
  });

  type Case = [name: string, rules: readonly FaultRule[], retryable: boolean, detail: RegExp];
  const cases: Case[] = [
    ['a 500 on the ref advertisement', [{ match: REFS, fault: { kind: 'status', status: 500, body: 'broken' } }], true, /returned error: 500/],
    ['a 502 on the ref advertisement', [{ match: REFS, fault: { kind: 'status', status: 502, body: 'bad gateway' } }], true, /returned error: 502/],
    ['a 503 on the pack request', onPack({ kind: 'status', status: 503, body: 'unavailable' }), true, /HTTP 503/],
    ['a connection dropped before the ref advertisement', [{ match: REFS, fault: { kind: 'drop', when: 'before' } }], true, /empty reply from server/i],
    ['a connection dropped in the middle of the pack', onPack({ kind: 'drop', when: 'during' }), true, /transfer closed|unexpected disconnect/],
    ['a pack cut short on a clean end of the answer', onPack({ kind: 'truncate', fraction: 0.5, mode: 'clean' }), true, /unexpected disconnect|still expected/],
    ['a pack cut short and the connection reset', onPack({ kind: 'truncate', fraction: 0.5, mode: 'reset' }), true, /transfer closed|unexpected disconnect/],
  ];

  for (const [name, rules, retryable, detail] of cases) {
    it(`${name}: listCommits fails with a transport failure naming the repository, then recovers`, async () => {
      const git = adapter();
      proxy.inject(...rules);
      const failed = await commitsOf(git);
      expect(failed.ok).toBe(false);
      if (failed.ok) return;
      expect(failed.failure.kind).toBe('transport');
      expect(failed.failure.retryable).toBe(retryable);
      expect(failed.failure.message).toContain(repoURL);
      expect(failed.failure.message).toMatch(detail);
      expect(failed.failure.message).not.toContain(USER.password);
      // The adapter itself does not loop: the faulted request was made once.
      expect(proxy.log.filter((e) => e.fault !== 'pass')).toHaveLength(1);
      expect(proxy.log.length).toBeLessThanOrEqual(3);
      proxy.heal();
      expect(await commitsOf(git)).toEqual({ ok: true, value: expectedCommits });
    }, 20_000);
  }

  it('a 404 is a not-found failure that is not retryable, and nothing is retried', async () => {
    proxy.inject({ match: REFS, fault: { kind: 'status', status: 404, body: 'no such repository' } });
    const failed = await commitsOf(adapter());
    expect(failed).toMatchObject({ ok: false, failure: { kind: 'not-found', retryable: false } });
    expect(!failed.ok && failed.failure.message).toContain(repoURL);
    expect(proxy.requests(REFS)).toHaveLength(1);
  });

  it('a 500 on listTags: a retryable transport failure, then the right tags', async () => {
    const git = adapter();
    proxy.inject({ match: REFS, fault: { kind: 'status', status: 500 } });
    const failed = await tagsOf(git);
    expect(failed).toMatchObject({ ok: false, failure: { kind: 'transport', retryable: true } });
    expect(!failed.ok && failed.failure.message).toContain(`listing tags of ${repoURL}`);
    expect(await tagsOf(git)).toEqual({ ok: true, value: expectedTags });
  });

  it('a tag pack cut short: listTags fails, and the next call lists the right tags', async () => {
    const git = adapter();
    proxy.inject(...onPack({ kind: 'truncate', fraction: 0.3, mode: 'clean' }));
    const failed = await tagsOf(git);
    expect(failed).toMatchObject({ ok: false, failure: { kind: 'transport' } });
    expect(await tagsOf(git)).toEqual({ ok: true, value: expectedTags });
  });

  it('an answer slower than the time limit is killed, retryably, in bounded time', async () => {
    const git = adapter({ timeoutMs: 1_000 });
    proxy.inject({ match: REFS, fault: { kind: 'slow', delayMs: 5_000 } });
    const started = performance.now();
    const failed = await commitsOf(git);
    expect(performance.now() - started).toBeLessThan(4_000);
    expect(failed).toMatchObject({ ok: false, failure: { kind: 'transport', retryable: true, message: expect.stringMatching(/timed out/) } });
    proxy.heal();
    expect(await commitsOf(git)).toEqual({ ok: true, value: expectedCommits });
  });

  it('a fetch of new commits cut short keeps no corrupt cache: after healing the new commit is read', async () => {
    const cacheDir = join(scratch, 'cache');
    const git = adapter({ cacheDir });
    expect(await commitsOf(git)).toEqual({ ok: true, value: expectedCommits });
    await repo.commit({ subject: 'change 7', date: '2026-02-07T10:00:00Z', author, write: { 'apps/app-7.yaml': `version: 7\n${'y: 2\n'.repeat(3000)}` } });
    proxy.inject(...onPack({ kind: 'truncate', fraction: 0.5, mode: 'clean' }));
    const failed = await commitsOf(git);
    expect(failed).toMatchObject({ ok: false, failure: { kind: 'transport' } });
    expect(await leftovers(cacheDir)).toEqual([]);
    proxy.heal();
    const healed = await commitsOf(git);
    expect(healed.ok && healed.value.map((c) => c.subject)).toEqual(['change 7', ...expectedCommits.map((c) => c.subject)]);
  }, 30_000);

  it('discover() fails under a persistent 500 with an issue naming the subscription and the repository', async () => {
    const git = adapter();
    proxy.inject({ match: REFS, fault: { kind: 'status', status: 500 }, times: Number.POSITIVE_INFINITY });
    const started = performance.now();
    const warehouse = { metadata: { name: 'config', namespace: 'demo' }, spec: { subscriptions: [{ name: 'cfg', git: { repoURL, branch: 'main', discoveryLimit: 3 } }] } };
    const found = await discover(warehouse, { git }, { now: '2026-04-01T00:00:00Z' });
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(found.ok).toBe(false);
    if (found.ok) return;
    expect(found.issues).toHaveLength(1);
    expect(found.issues[0]).toMatchObject({ code: 'DISCOVERY_TRANSPORT_FAILED', path: ['spec', 'subscriptions', 0, 'git'] });
    expect(found.issues[0]?.message).toContain(JSON.stringify(repoURL));
    expect(found.issues[0]?.message).toContain('(retryable)');
    expect(proxy.requests(REFS).length).toBeLessThanOrEqual(2);
  });
});
