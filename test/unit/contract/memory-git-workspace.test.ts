import { describe, expect, it, test } from 'vitest';
import { createMemoryGit, createMemoryGitWorkspace, createMemoryPullRequests } from '../../../src/adapters/memory/index.js';
import type { GitWorkspacePort } from '../../../src/ports/index.js';
import { gitWorkspaceContract, gitWorkspaceContractFixture, pullRequestsContract, runContract, type GitWorkspaceContractSubject } from '../../../src/testing/index.js';

function seededWorkspaces(): GitWorkspaceContractSubject {
  const git = createMemoryGit();
  git.commit(gitWorkspaceContractFixture.repoURL, { branch: gitWorkspaceContractFixture.branch, subject: 'initial', files: gitWorkspaceContractFixture.files });
  return { workspace: () => createMemoryGitWorkspace(git) };
}

describe('the memory Git workspace keeps the GitWorkspacePort contract', () => {
  for (const check of gitWorkspaceContract(seededWorkspaces)) test(check.name, check.run);
});

describe('the memory pull requests keep the PullRequestPort contract', () => {
  const repoURL = 'https://git.example.com/waybill/prs.git';
  for (const check of pullRequestsContract(() => {
    const git = createMemoryGit();
    git.commit(repoURL, { subject: 'initial', files: { 'a.txt': 'a\n' } });
    git.commit(repoURL, { branch: 'feature', subject: 'feature', files: { 'a.txt': 'a\n', 'b.txt': 'b\n' } });
    return { pullRequests: createMemoryPullRequests(git), repoURL, sourceBranch: 'feature', targetBranch: 'main' };
  })) {
    test(check.name, check.run);
  }
});

describe('the workspace contract catches broken adapters', () => {
  it('fails a workspace whose push ignores the expected head', async () => {
    const outcomes = await runContract(
      gitWorkspaceContract(() => {
        const seeded = seededWorkspaces();
        return {
          async workspace(): Promise<GitWorkspacePort> {
            const good = await seeded.workspace();
            return {
              clone: (r) => good.clone(r),
              workTree: (r) => good.workTree(r),
              commit: (r) => good.commit(r),
              rebase: (r) => good.rebase(r),
              tag: (r) => good.tag(r),
              head: (r) => good.head(r),
              async push(r) {
                // Forces: reads the remote head itself and pretends it was expected.
                const fetched = await good.rebase({ path: r.path, branch: r.branch });
                return good.push({ ...r, expectedHead: fetched.ok ? (fetched.value.remoteHead ?? null) : r.expectedHead });
              },
            };
          },
        };
      }),
    );
    expect(outcomes.filter((o) => !o.passed).map((o) => o.name)).toContain('GitWorkspacePort.push() with a stale expected head is rejected; a rebase then lets it through');
  });
});
