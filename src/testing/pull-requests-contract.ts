import type { PullRequestPort } from '../ports/index.js';
import { expectThat, type ContractCheck, type Factory } from './contract.js';
import { aborted, expectFailure, expectSuccess, settle } from './registry-contract.js';

/** What {@link pullRequestsContract} works with: a service and two branches to merge. */
export interface PullRequestsContractSubject {
  readonly pullRequests: PullRequestPort;
  readonly repoURL: string;
  /** A branch with a change `targetBranch` lacks, that merges without conflict. */
  readonly sourceBranch: string;
  readonly targetBranch: string;
}

/**
 * The contract every {@link PullRequestPort} must keep, as checks that run under any test
 * runner. `factory` is called once per check and must give a fresh service with no pull
 * requests between the subject's branches yet.
 */
export function pullRequestsContract(factory: Factory<PullRequestsContractSubject>): ContractCheck[] {
  const openOne = async (s: PullRequestsContractSubject) =>
    expectSuccess(await s.pullRequests.open({ repoURL: s.repoURL, sourceBranch: s.sourceBranch, targetBranch: s.targetBranch, title: 'Promote', labels: ['waybill'] }), 'open');
  return [
    {
      name: 'PullRequestPort.open() opens a pull request that get() reports open',
      async run() {
        const s = await factory();
        const pr = await openOne(s);
        expectThat(Number.isInteger(pr.number) && pr.number >= 1 && pr.url.length > 0, `open gave ${JSON.stringify(pr)}`);
        expectThat(pr.state === 'open' && pr.sourceBranch === s.sourceBranch && pr.targetBranch === s.targetBranch, `open gave ${JSON.stringify(pr)}`);
        const got = expectSuccess(await s.pullRequests.get({ repoURL: s.repoURL, number: pr.number }), 'get');
        expectThat(got.state === 'open' && got.number === pr.number && got.mergeCommit === undefined, `get gave ${JSON.stringify(got)}`);
      },
    },
    {
      name: 'PullRequestPort.open() between branches that already have an open pull request returns it',
      async run() {
        const s = await factory();
        const first = await openOne(s);
        const second = await openOne(s);
        expectThat(first.number === second.number, `opening twice gave #${first.number} and #${second.number}`);
      },
    },
    {
      name: 'PullRequestPort.merge() merges, get() then reports the merge commit, and merging again changes nothing',
      async run() {
        const s = await factory();
        const pr = await openOne(s);
        const merged = expectSuccess(await s.pullRequests.merge({ repoURL: s.repoURL, number: pr.number }), 'merge');
        expectThat(merged.merged && merged.pullRequest.state === 'merged' && typeof merged.pullRequest.mergeCommit === 'string', `merge gave ${JSON.stringify(merged)}`);
        const got = expectSuccess(await s.pullRequests.get({ repoURL: s.repoURL, number: pr.number }), 'get');
        expectThat(got.state === 'merged' && got.mergeCommit === merged.pullRequest.mergeCommit, `get after merge gave ${JSON.stringify(got)}`);
        const again = expectSuccess(await s.pullRequests.merge({ repoURL: s.repoURL, number: pr.number }), 'merge again');
        expectThat(again.merged && again.pullRequest.mergeCommit === got.mergeCommit, `merging again gave ${JSON.stringify(again)}`);
      },
    },
    {
      name: 'PullRequestPort calls about missing pull requests or branches are not-found failures, and a fired signal cancels',
      async run() {
        const s = await factory();
        expectFailure(await settle(() => s.pullRequests.get({ repoURL: s.repoURL, number: 9999 }), 'get'), 'not-found', 'get of a missing pull request');
        expectFailure(
          await settle(() => s.pullRequests.open({ repoURL: s.repoURL, sourceBranch: 'no-such-branch', targetBranch: s.targetBranch, title: 't' }), 'open'),
          'not-found',
          'open from a missing branch',
        );
        expectFailure(await settle(() => s.pullRequests.get({ repoURL: s.repoURL, number: 1, signal: aborted() }), 'get'), 'cancelled', 'get with a fired signal');
      },
    },
  ];
}
