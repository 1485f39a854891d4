import { afterAll, beforeAll, describe, it } from 'vitest';
import { createGitAdapter, type GitAdapter } from '../../../../src/adapters/git/index.js';
import { gitContract, type GitContractFixture } from '../../../../src/testing/index.js';
import { createRepositoryRoot, requireGit, startGitDaemon, type GitDaemon, type RepositoryRoot } from '../../../support/git-server.js';
import { buildContractRepository, realContractFixture } from './contract-repository.js';

let root: RepositoryRoot;
let daemon: GitDaemon;
const adapters: GitAdapter[] = [];
const fixtures: { file?: GitContractFixture; daemon?: GitContractFixture } = {};

beforeAll(async () => {
  await requireGit();
  root = await createRepositoryRoot();
  const { repo } = await buildContractRepository(root);
  daemon = await startGitDaemon(root.root);
  fixtures.file = realContractFixture(repo.fileURL, `file://${root.root}/missing.git`);
  fixtures.daemon = realContractFixture(daemon.urlOf(repo.name), daemon.urlOf('missing.git'));
}, 60_000);

afterAll(async () => {
  await Promise.all(adapters.map((a) => a.close()));
  await daemon?.stop();
  await root?.remove();
});

const factory = (): GitAdapter => {
  const adapter = createGitAdapter();
  adapters.push(adapter);
  return adapter;
};

// The checks are listed with a placeholder fixture (their names do not depend on it) and run
// with the real one, which exists only once beforeAll has built the repository.
const checkNames = gitContract(factory).map((c) => c.name);

for (const transport of ['file', 'daemon'] as const) {
  describe(`the git adapter keeps the GitPort contract over ${transport === 'file' ? 'file://' : 'git:// (git daemon)'}`, () => {
    checkNames.forEach((name, i) => {
      it(name, async () => {
        const fixture = fixtures[transport];
        if (fixture === undefined) throw new Error('the test repository was not built');
        const check = gitContract(factory, fixture)[i];
        if (check === undefined) throw new Error(`no contract check ${i}`);
        await check.run();
      }, 30_000);
    });
  });
}
