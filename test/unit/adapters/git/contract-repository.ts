import { gitContractFixture, type GitContractFixture } from '../../../../src/testing/index.js';
import type { RepositoryRoot, TestRepository } from '../../../support/git-server.js';

/**
 * The contract fixture as a real repository needs it: `apps/old.yaml` has to exist before the
 * commit that renames it, so the initial commit adds it too.
 */
export function realContractFixture(repoURL: string, missingRepoURL: string): GitContractFixture {
  const [first, ...rest] = gitContractFixture.commits;
  if (first === undefined) throw new Error('the contract fixture has no commits');
  return { ...gitContractFixture, repoURL, missingRepoURL, commits: [{ ...first, paths: [...first.paths, 'apps/old.yaml'] }, ...rest] };
}

/** Builds the contract history in `root` as `contract.git` and returns the repository and its commit ids by subject. */
export async function buildContractRepository(root: RepositoryRoot): Promise<{ repo: TestRepository; ids: Map<string, string> }> {
  const repo = await root.createRepository('contract');
  const author = 'Contract Author <author@example.com>';
  const ids = new Map<string, string>();
  const add = async (subject: string, date: string, change: { write?: Record<string, string>; rename?: [string, string][] }): Promise<void> => {
    ids.set(subject, await repo.commit({ subject, date, author, ...change }));
  };
  await add('initial commit', '2026-01-01T00:00:00Z', { write: { 'README.md': '# contract\n', 'apps/old.yaml': 'old: true\n' } });
  await add('add the web app', '2026-01-02T00:00:00Z', { write: { 'apps/web/deploy.yaml': 'replicas: 1\n' } });
  await add('write the guide', '2026-01-03T00:00:00Z', { write: { 'docs/guide.md': '# guide\n' } });
  await add('bump both apps', '2026-01-04T00:00:00Z', { write: { 'apps/api/deploy.yaml': 'replicas: 2\n', 'apps/web/deploy.yaml': 'replicas: 2\n' } });
  await add('rename the old app', '2026-01-05T00:00:00Z', { rename: [['apps/old.yaml', 'apps/new.yaml']] });
  const id = (subject: string): string => ids.get(subject) ?? '';
  await repo.tag({ tag: 'v0.9.0', commit: id('initial commit') });
  await repo.tag({ tag: 'v1.0.0', commit: id('add the web app') });
  await repo.tag({ tag: 'v1.1.0', commit: id('bump both apps'), annotation: 'Release 1.1.0', tagger: 'Release Bot <bot@example.com>', date: '2026-01-06T00:00:00Z' });
  return { repo, ids };
}
