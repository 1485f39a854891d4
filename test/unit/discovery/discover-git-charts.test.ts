import { describe, expect, it } from 'vitest';
import { createMemoryChartRepository, createMemoryGit, type MemoryGit } from '../../../src/adapters/memory/index.js';
import { discover, type DiscoveredArtifactsStatus } from '../../../src/discovery/index.js';
import type { Result } from '../../../src/result.js';

const url = 'https://github.com/acme/config.git';

function warehouse(...subscriptions: unknown[]) {
  return { metadata: { name: 'config' }, spec: { subscriptions } };
}

function value(result: Result<DiscoveredArtifactsStatus>): DiscoveredArtifactsStatus {
  if (!result.ok) throw new Error(`discovery failed: ${JSON.stringify(result.issues)}`);
  return result.value;
}

/** Thirty commits on main; every fifth touches apps/web, every third only docs. */
function history(): { git: MemoryGit; ids: string[] } {
  const git = createMemoryGit();
  const ids: string[] = [];
  for (let i = 1; i <= 30; i++) {
    const paths = i % 5 === 0 ? ['apps/web/values.yaml', 'apps/web/README.md'] : i % 3 === 0 ? ['docs/notes.md'] : [`apps/api/file-${i}.yaml`];
    ids.push(git.commit(url, { subject: `change ${i}`, date: `2026-01-01T00:${String(i).padStart(2, '0')}:00Z`, paths }));
  }
  return { git, ids };
}

const listCalls = (git: MemoryGit): string[] => git.requests.filter((r) => r.startsWith('listCommits')).map((r) => r.split(' ').pop() ?? '');

describe('discover: Git subscriptions', () => {
  it('NewestFromBranch without filters takes the newest commits from one batch', async () => {
    const { git, ids } = history();
    const result = await discover(warehouse({ git: { repoURL: url, branch: 'main', discoveryLimit: 2 } }), { git });
    const commits = value(result).git?.[0]?.commits ?? [];
    expect(commits.map((c) => c.id)).toEqual([ids[29], ids[28]]);
    expect(commits[0]).toEqual({
      id: ids[29],
      branch: 'main',
      subject: 'change 30',
      author: 'Waybill Example <waybill@example.com>',
      committer: 'Waybill Example <waybill@example.com>',
      creatorDate: '2026-01-01T00:30:00Z',
    });
    expect(listCalls(git)).toEqual(['0+2']);
    expect(git.requests.some((r) => r.startsWith('getChangedPaths'))).toBe(false);
  });

  it('NewestFromBranch with path filters pages through history in growing batches until the limit', async () => {
    const { git, ids } = history();
    const result = await discover(
      warehouse({ git: { repoURL: url, discoveryLimit: 3, includePaths: ['apps/web'], excludePaths: ['glob:**/*.md'] } }),
      { git },
    );
    // Commits 30, 25, 20 touch apps/web; their README.md is excluded but values.yaml is not.
    expect(value(result).git?.[0]?.commits.map((c) => c.subject)).toEqual(['change 30', 'change 25', 'change 20']);
    expect(value(result).git?.[0]?.commits.map((c) => c.id)).toEqual([ids[29], ids[24], ids[19]]);
    expect(value(result).git?.[0]?.commits[0]?.branch).toBeUndefined();
    expect(listCalls(git)).toEqual(['0+3', '3+6', '9+12']);
    // Paths are read commit by commit and no further than needed.
    expect(git.requests.filter((r) => r.startsWith('getChangedPaths'))).toHaveLength(11);
  });

  it('NewestFromBranch with only an exclude filter drops commits whose every path is excluded', async () => {
    const { git } = history();
    const result = await discover(warehouse({ git: { repoURL: url, discoveryLimit: 4, excludePaths: ['docs'] } }), { git });
    expect(value(result).git?.[0]?.commits.map((c) => c.subject)).toEqual(['change 30', 'change 29', 'change 28', 'change 26']);
  });

  it('NewestFromBranch evaluates the expression filter before reading changed paths', async () => {
    const { git } = history();
    const result = await discover(
      warehouse({ git: { repoURL: url, discoveryLimit: 2, expressionFilter: 'subject endsWith "5"', includePaths: ['apps'] } }),
      { git },
    );
    expect(value(result).git?.[0]?.commits.map((c) => c.subject)).toEqual(['change 25', 'change 15']);
    expect(git.requests.filter((r) => r.startsWith('getChangedPaths'))).toHaveLength(2);
  });

  it('NewestFromBranch with since leaves older commits out and returns all that remain', async () => {
    const { git } = history();
    const result = await discover(warehouse({ git: { repoURL: url, since: '2026-01-01T00:28:00Z' } }), { git });
    expect(value(result).git?.[0]?.commits.map((c) => c.subject)).toEqual(['change 30', 'change 29', 'change 28']);
  });

  it('tag strategies read every tag and pick by version, name or creator date', async () => {
    const { git, ids } = history();
    git.tag(url, { tag: 'v1.0.0', commit: ids[4] });
    git.tag(url, { tag: 'v1.2.0', commit: ids[9] });
    git.tag(url, { tag: 'v1.10.0', commit: ids[14], annotation: 'Release 1.10', tagger: 'Bot <bot@example.com>', date: '2026-02-01T00:00:00Z' });
    git.tag(url, { tag: 'v2.0.0-rc.1', commit: ids[19] });
    const pick = async (sub: Record<string, unknown>) => value(await discover(warehouse({ git: { repoURL: url, ...sub } }), { git })).git?.[0]?.commits ?? [];
    expect((await pick({ commitSelectionStrategy: 'SemVer', semverConstraint: '^1.0.0' })).map((c) => c.tag)).toEqual(['v1.10.0', 'v1.2.0', 'v1.0.0']);
    expect((await pick({ commitSelectionStrategy: 'Lexical' })).map((c) => c.tag)).toEqual(['v2.0.0-rc.1', 'v1.2.0', 'v1.10.0', 'v1.0.0']);
    const newest = await pick({ commitSelectionStrategy: 'NewestTag', discoveryLimit: 2 });
    expect(newest.map((c) => [c.tag, c.id])).toEqual([
      ['v1.10.0', ids[14]],
      ['v2.0.0-rc.1', ids[19]],
    ]);
    expect(newest[0]?.subject).toBe('Release 1.10');
    expect(newest[0]?.creatorDate).toBe('2026-02-01T00:00:00Z');
  });

  it('tag strategies walk the chosen order through the path filters', async () => {
    const { git, ids } = history();
    git.tag(url, { tag: 'v1.0.0', commit: ids[4] }); // change 5: apps/web
    git.tag(url, { tag: 'v1.1.0', commit: ids[5] }); // change 6: docs only
    git.tag(url, { tag: 'v1.2.0', commit: ids[9] }); // change 10: apps/web
    git.tag(url, { tag: 'v1.3.0', commit: ids[10] }); // change 11: apps/api
    const result = await discover(warehouse({ git: { repoURL: url, commitSelectionStrategy: 'SemVer', includePaths: ['regex:^apps/web/'], discoveryLimit: 5 } }), { git });
    expect(value(result).git?.[0]?.commits.map((c) => c.tag)).toEqual(['v1.2.0', 'v1.0.0']);
  });

  it('the repository is addressed as written and reported as written', async () => {
    const { git } = history();
    const result = await discover(warehouse({ name: 'cfg', git: { repoURL: 'https://GitHub.com/acme/config', discoveryLimit: 1 } }), { git });
    expect(value(result).git).toEqual([{ repoURL: 'https://GitHub.com/acme/config', subscriptionName: 'cfg', commits: [expect.objectContaining({ subject: 'change 30' })] }]);
  });
});

describe('discover: chart subscriptions', () => {
  it('a classic repository: the chart\'s versions, by constraint, highest first', async () => {
    const charts = createMemoryChartRepository();
    for (const version of ['0.1.0', '1.0.0', '1.2.0', 'v1.3', '2.0.0', '1.4.0-rc.1']) charts.push('https://charts.example.com/', { name: 'app', version });
    charts.push('https://charts.example.com/', { name: 'other', version: '9.9.9' });
    const result = await discover(warehouse({ chart: { repoURL: 'https://charts.example.com/', name: 'app', semverConstraint: '^1.0.0', discoveryLimit: 3 } }), { charts });
    expect(value(result).charts).toEqual([{ repoURL: 'https://charts.example.com/', name: 'app', semverConstraint: '^1.0.0', versions: ['v1.3', '1.2.0', '1.0.0'] }]);
  });

  it('an OCI chart: tags with _ for + become versions; v-prefixed tags do not count', async () => {
    const charts = createMemoryChartRepository();
    for (const version of ['1.0.0', '1.1.0+build.7', 'v2.0.0']) charts.push('oci://ghcr.io/acme/charts/app', { version });
    const result = await discover(warehouse({ chart: { repoURL: 'oci://ghcr.io/acme/charts/app' } }), { charts });
    expect(value(result).charts?.[0]?.versions).toEqual(['1.1.0+build.7', '1.0.0']);
  });

  it('a chart the index does not list is an empty result', async () => {
    const charts = createMemoryChartRepository();
    charts.push('https://charts.example.com', { name: 'other', version: '1.0.0' });
    const result = await discover(warehouse({ chart: { repoURL: 'https://charts.example.com', name: 'app' } }), { charts });
    expect(value(result).charts).toEqual([{ repoURL: 'https://charts.example.com', name: 'app', versions: [] }]);
  });
});
