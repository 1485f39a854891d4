import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGitAdapter, type GitAdapter } from '../../../../src/adapters/git/index.js';
import { createMemoryGit, type MemoryGit } from '../../../../src/adapters/memory/index.js';
import { discover, type DiscoveredArtifactsStatus } from '../../../../src/discovery/index.js';
import { createFreight } from '../../../../src/freight/index.js';
import type { GitPort } from '../../../../src/ports/index.js';
import { createRepositoryRoot, requireGit, startGitDaemon, type GitDaemon, type RepositoryRoot } from '../../../support/git-server.js';

let root: RepositoryRoot;
let daemon: GitDaemon;
let real: GitAdapter;
let memory: MemoryGit;
let fileURL: string;
let daemonURL: string;

const author = 'Ada Lovelace <ada@example.com>';

beforeAll(async () => {
  await requireGit();
  root = await createRepositoryRoot();
  const repo = await root.createRepository('parity');
  fileURL = repo.fileURL;
  daemon = await startGitDaemon(root.root);
  daemonURL = daemon.urlOf(repo.name);
  memory = createMemoryGit();
  const ids: string[] = [];
  for (let i = 1; i <= 14; i++) {
    // Every fourth commit touches apps/web; the others only apps/api or docs.
    const file = i % 4 === 0 ? 'apps/web/values.yaml' : i % 3 === 0 ? 'docs/notes.md' : `apps/api/values-${i}.yaml`;
    const date = `2026-02-${String(i).padStart(2, '0')}T08:30:00Z`;
    const subject = `change number ${i}: ${'long subject '.repeat(i % 5 === 0 ? 8 : 0)}done`;
    const id = await repo.commit({ subject, date, author, write: { [file]: `version: ${i}\n` } });
    ids.push(id);
    for (const url of [fileURL, daemonURL]) memory.commit(url, { id, subject, date, author, committer: author, paths: [file] });
  }
  const tags: { tag: string; commit: number; annotation?: string; date?: string }[] = [
    { tag: 'v1.0.0', commit: 3 },
    { tag: 'v1.1.0', commit: 7, annotation: 'Release 1.1.0', date: '2026-03-01T00:00:00Z' },
    { tag: 'v1.2.0', commit: 8 },
    { tag: 'v2.0.0-rc.1', commit: 11 },
    { tag: 'v1.3.0', commit: 12, annotation: 'Release 1.3.0', date: '2026-03-02T00:00:00Z' },
  ];
  for (const t of tags) {
    const commit = ids[t.commit] ?? '';
    const tagger = 'Release Bot <bot@example.com>';
    await repo.tag({ tag: t.tag, commit, ...(t.annotation !== undefined ? { annotation: t.annotation, tagger, date: t.date ?? '' } : {}) });
    for (const url of [fileURL, daemonURL]) memory.tag(url, { tag: t.tag, commit, ...(t.annotation !== undefined ? { annotation: t.annotation, tagger, date: t.date } : {}) });
  }
  real = createGitAdapter();
}, 60_000);

afterAll(async () => {
  await real?.close();
  await daemon?.stop();
  await root?.remove();
});

const warehouse = (git: Record<string, unknown>) => ({ metadata: { name: 'config', namespace: 'demo' }, spec: { subscriptions: [{ name: 'cfg', git }] } });

async function discoverWith(port: GitPort, git: Record<string, unknown>): Promise<{ status: DiscoveredArtifactsStatus; freight: string }> {
  const w = warehouse(git);
  const discovered = await discover(w, { git: port }, { now: '2026-04-01T00:00:00Z' });
  if (!discovered.ok) throw new Error(JSON.stringify(discovered.issues));
  const freight = createFreight(w, discovered.value, { now: '2026-04-01T00:00:00Z' });
  if (!freight.ok) throw new Error(JSON.stringify(freight.issues));
  return { status: discovered.value, freight: freight.value.metadata.name };
}

describe('discover() with the git adapter', () => {
  const subscriptions: [string, (url: string) => Record<string, unknown>][] = [
    ['NewestFromBranch', (repoURL) => ({ repoURL, branch: 'main', discoveryLimit: 3 })],
    ['NewestFromBranch with path filters', (repoURL) => ({ repoURL, discoveryLimit: 2, includePaths: ['apps/web'] })],
    ['NewestFromBranch with since', (repoURL) => ({ repoURL, discoveryLimit: 20, since: '2026-02-10T08:30:00Z' })],
    ['SemVer tags', (repoURL) => ({ repoURL, commitSelectionStrategy: 'SemVer', semverConstraint: '^1.0.0', discoveryLimit: 5 })],
    ['NewestTag with an exclude filter', (repoURL) => ({ repoURL, commitSelectionStrategy: 'NewestTag', excludePaths: ['docs'], discoveryLimit: 5 })],
  ];
  for (const [name, subscription] of subscriptions) {
    it(`${name}: finds what the in-memory Git holding the same commits finds, so the Freight id is the same`, async () => {
      for (const url of [fileURL, daemonURL]) {
        const fromGit = await discoverWith(real, subscription(url));
        const fromMemory = await discoverWith(memory, subscription(url));
        expect(fromGit.status.git?.[0]?.commits.length).toBeGreaterThan(0);
        expect(fromGit.status).toEqual(fromMemory.status);
        expect(fromGit.freight).toBe(fromMemory.freight);
      }
    }, 30_000);
  }
});
