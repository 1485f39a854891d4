import { createMemoryGit, createMemoryGitWorkspace, createMemoryPullRequests, type MemoryGit, type MemoryGitWorkspace, type MemoryPullRequests } from '../../../src/adapters/memory/index.js';
import { builtinSteps, createStepRegistry, runPromotion, withPromotionStatus } from '../../../src/promotion/index.js';
import type { PromotionRunStatus, PromotionSnapshot, RunnablePromotion, StepPorts } from '../../../src/promotion/index.js';
import type { PromotionStep } from '../../../src/model/index.js';

export const REPO = 'https://github.com/acme/gitops.git';
export const NOW = '2026-02-01T12:00:00Z';
export const VALUES = 'image:\n  repository: acme/web # the app\n  tag: v1.0.0\nreplicas: 2\n';
export const steps = createStepRegistry(builtinSteps);

/** A remote with `main` holding a values file and a README. */
export function seededGit(): MemoryGit {
  const git = createMemoryGit();
  git.commit(REPO, { subject: 'initial', files: { 'README.md': '# gitops\n', 'env/dev/values.yaml': VALUES } });
  return git;
}

export interface GitWorld {
  readonly git: MemoryGit;
  readonly prs: MemoryPullRequests;
}

export function world(): GitWorld {
  const git = seededGit();
  return { git, prs: createMemoryPullRequests(git) };
}

/** The ports of one run: a fresh workspace on the world's Git, and its pull requests. */
export function portsOf(w: GitWorld, workspace: MemoryGitWorkspace = createMemoryGitWorkspace(w.git)): StepPorts & { workspace: MemoryGitWorkspace } {
  return { workTree: workspace.workDir, git: workspace, pullRequests: w.prs, workspace };
}

/** Kargo's quickstart shape: clone, edit, commit, push to a generated branch, open a PR and wait for it. */
export const quickstartSteps: PromotionStep[] = [
  { uses: 'git-clone', config: { repoURL: REPO, checkout: [{ branch: 'main', path: './repo' }] } },
  { uses: 'yaml-update', as: 'update', config: { path: './repo/env/dev/values.yaml', updates: [{ key: 'image.tag', value: '${{ vars.tag }}' }] } },
  { uses: 'git-commit', as: 'commit', config: { path: './repo', message: '${{ outputs.update.commitMessage }}' } },
  { uses: 'git-push', as: 'push', config: { path: './repo', generateTargetBranch: true } },
  { uses: 'git-open-pr', as: 'open-pr', config: { repoURL: REPO, sourceBranch: '${{ outputs.push.branch }}', targetBranch: 'main', title: 'Deploy ${{ vars.tag }} to ${{ ctx.stage }}' } },
  { uses: 'git-wait-for-pr', as: 'wait-for-pr', config: { repoURL: REPO, prNumber: "${{ outputs['open-pr'].pr.id }}", pollInterval: '30s' } },
];

export function promotionOf(list: readonly PromotionStep[], name = 'dev.01j0.abc1234', tag = 'v1.2.3'): RunnablePromotion {
  return { metadata: { name, namespace: 'demo' }, spec: { stage: 'dev', freight: 'abc1234', vars: [{ name: 'tag', value: tag }], steps: [...list] } };
}

/** Runs once (until done or waiting) and returns every snapshot. */
export async function runOnce(promotion: RunnablePromotion, ports: StepPorts): Promise<PromotionSnapshot[]> {
  const out: PromotionSnapshot[] = [];
  for await (const s of runPromotion(promotion, {}, { steps, ports, now: NOW })) out.push(s);
  return out;
}

/**
 * Runs a promotion to its end the way a controller would, merging its pull request (as a
 * reviewer) whenever it waits on one.
 */
export async function runMerging(w: GitWorld, promotion: RunnablePromotion, ports: StepPorts, maxRuns = 5): Promise<PromotionRunStatus> {
  let current = promotion;
  let status: PromotionRunStatus | undefined;
  for (let n = 0; n < maxRuns; n++) {
    const snaps = await runOnce(current, ports);
    status = (snaps[snaps.length - 1] as PromotionSnapshot).status;
    if (status.phase !== 'Running') break;
    for (const pr of w.prs.list()) if (pr.state === 'open') await w.prs.merge({ repoURL: pr.repoURL, number: pr.number });
    current = withPromotionStatus(current, status);
  }
  return status as PromotionRunStatus;
}

/** Everything the remote holds, for comparing two histories. */
export function remoteState(w: GitWorld): unknown {
  const branches = w.git.branches(REPO);
  return {
    branches,
    files: Object.fromEntries(Object.entries(branches).map(([b, id]) => [b, w.git.readFiles(REPO, id)])),
    prs: w.prs.list().map((p) => ({ number: p.number, state: p.state, source: p.sourceBranch, target: p.targetBranch, mergeCommit: p.mergeCommit })),
  };
}
