import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { createGitWorkspace, type GitWorkspace } from '../../../../src/adapters/git/index.js';
import { gitWorkspaceContract, gitWorkspaceContractFixture, type GitWorkspaceContractFixture } from '../../../../src/testing/index.js';
import { createRepositoryRoot, requireGit, type RepositoryRoot } from '../../../support/git-server.js';

let root: RepositoryRoot;
let template: string;
let fixture: GitWorkspaceContractFixture;
const workspaces: GitWorkspace[] = [];
const workDirs: string[] = [];

beforeAll(async () => {
  await requireGit();
  root = await createRepositoryRoot();
  const repo = await root.createRepository('workspace-template');
  await repo.commit({ subject: 'initial', date: '2026-01-01T00:00:00Z', write: { ...gitWorkspaceContractFixture.files } });
  template = repo.path;
  fixture = { ...gitWorkspaceContractFixture, repoURL: `file://${join(root.root, 'workspace.git')}`, missingRepoURL: `file://${join(root.root, 'missing.git')}` };
}, 60_000);

afterAll(async () => {
  await Promise.all(workspaces.map((w) => w.close()));
  await Promise.all(workDirs.map((d) => rm(d, { recursive: true, force: true })));
  await root?.remove();
});

/** A fresh remote at the fixture's URL, and workspaces on new, empty work directories. */
async function subject() {
  const remote = join(root.root, 'workspace.git');
  await rm(remote, { recursive: true, force: true });
  await cp(template, remote, { recursive: true });
  return {
    async workspace() {
      const workDir = await mkdtemp(join(tmpdir(), 'waybill-git-workdir-'));
      workDirs.push(workDir);
      const ws = createGitWorkspace({ workDir });
      workspaces.push(ws);
      return ws;
    },
  };
}

const names = gitWorkspaceContract(subject).map((c) => c.name);

describe('createGitWorkspace keeps the GitWorkspacePort contract over file://', () => {
  names.forEach((name, i) => {
    it(name, async () => {
      const check = gitWorkspaceContract(subject, fixture)[i];
      if (check === undefined) throw new Error(`no contract check ${i}`);
      await check.run();
    }, 60_000);
  });
});
