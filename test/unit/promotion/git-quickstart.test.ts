import { describe, expect, it } from 'vitest';
import { runPromotion } from '../../../src/promotion/index.js';
import type { PromotionRunStatus, PromotionSnapshot, StepPorts } from '../../../src/promotion/index.js';
import type { PromotionStep } from '../../../src/model/index.js';
import { NOW, REPO, VALUES, portsOf, promotionOf, quickstartSteps, runMerging, runOnce, steps, world, type GitWorld } from './git-fixture.js';

describe('a Kargo quickstart-like template against the in-memory Git', () => {
  it('waits for its pull request, then succeeds with the expected commits on the remote', async () => {
    const w = world();
    const initial = w.git.branchHead(REPO) as string;
    const promotion = promotionOf(quickstartSteps);
    const first = await runOnce(promotion, portsOf(w));
    const paused = first[first.length - 1] as PromotionSnapshot;
    expect(paused).toMatchObject({ retryAfter: 30_000, status: { phase: 'Running', currentStep: 5 } });
    expect(w.prs.list()).toMatchObject([{ number: 1, state: 'open', sourceBranch: 'kargo/promotion/dev.01j0.abc1234', targetBranch: 'main', title: 'Deploy v1.2.3 to dev' }]);

    const status = await runMerging(w, promotion, portsOf(w));
    expect(status.phase).toBe('Succeeded');
    const pushed = (status.state['push'] as { commit: string }).commit;
    const mainHead = w.git.branchHead(REPO) as string;
    expect(status.state['push']).toEqual({ branch: 'kargo/promotion/dev.01j0.abc1234', commit: pushed, commitURL: `https://github.com/acme/gitops/commit/${pushed}` });
    expect(status.state['commit']).toEqual({ commit: pushed });
    expect(status.state['wait-for-pr']).toEqual({ commit: mainHead, pr: { id: 1, url: 'https://github.com/acme/gitops/pull/1' } });
    // The pushed commit sits on main's old head; the merge joins it into main.
    expect(w.git.parentsOf(REPO, pushed)).toEqual([initial]);
    expect(w.git.parentsOf(REPO, mainHead)).toEqual([initial, pushed]);
    expect(w.git.readFiles(REPO, 'main')).toEqual({ 'README.md': '# gitops\n', 'env/dev/values.yaml': VALUES.replace('v1.0.0', 'v1.2.3') });
    const log = await w.git.listCommits({ repoURL: REPO, branch: 'kargo/promotion/dev.01j0.abc1234', skip: 0, maxCount: 5 });
    expect(log.ok && log.value.map((c) => [c.subject, c.creatorDate])).toEqual([
      ['Updated ./repo/env/dev/values.yaml', NOW],
      ['initial', '2026-01-01T00:00:00Z'],
    ]);
  });
});

/** Steps a promotion that pushes straight to main. */
function pushingSteps(edit: PromotionStep): PromotionStep[] {
  return [
    { uses: 'git-clone', config: { repoURL: REPO, checkout: [{ branch: 'main', path: './repo' }] } },
    edit,
    { uses: 'git-commit', as: 'commit', config: { path: './repo', message: 'change ${{ ctx.promotion }}' } },
    { uses: 'git-push', as: 'push', config: { path: './repo', targetBranch: 'main' } },
  ];
}

/** Runs two promotions step by step: both commit before either pushes. */
async function race(w: GitWorld, a: PromotionStep[], b: PromotionStep[]): Promise<[PromotionRunStatus, PromotionRunStatus]> {
  const run = (list: PromotionStep[], name: string, ports: StepPorts) => runPromotion(promotionOf(list, name), {}, { steps, ports, now: NOW });
  const ga = run(a, 'a', portsOf(w));
  const gb = run(b, 'b', portsOf(w));
  for (let i = 0; i < 3; i++) await ga.next();
  for (let i = 0; i < 3; i++) await gb.next();
  const finish = async (g: AsyncGenerator<PromotionSnapshot, PromotionRunStatus>): Promise<PromotionRunStatus> => {
    for (;;) {
      const next = await g.next();
      if (next.done === true) return next.value;
    }
  };
  const sa = await finish(ga);
  const sb = await finish(gb);
  return [sa, sb];
}

const commitOf = (s: PromotionRunStatus) => (s.state['push'] as { commit?: string } | undefined)?.commit;

describe('two promotions racing on one branch', () => {
  it('the second rebases onto the first and both changes land', async () => {
    const w = world();
    const [a, b] = await race(
      w,
      pushingSteps({ uses: 'yaml-update', config: { path: './repo/env/dev/values.yaml', updates: [{ key: 'image.tag', value: 'v2' }] } }),
      pushingSteps({ uses: 'file-write', config: { path: './repo/env/prod/values.yaml', contents: 'image:\n  tag: v9\n' } }),
    );
    expect([a.phase, b.phase]).toEqual(['Succeeded', 'Succeeded']);
    const head = w.git.branchHead(REPO) as string;
    expect(commitOf(b)).toBe(head);
    expect(w.git.parentsOf(REPO, head)).toEqual([commitOf(a)]);
    // b's commit was replayed: the id it committed locally is not the one it pushed.
    expect((b.state['commit'] as { commit: string }).commit).not.toBe(head);
    expect(w.git.readFiles(REPO, 'main')).toMatchObject({ 'env/dev/values.yaml': VALUES.replace('v1.0.0', 'v2'), 'env/prod/values.yaml': 'image:\n  tag: v9\n' });
  });

  it('a conflicting second promotion fails cleanly, and the first commit is kept', async () => {
    const w = world();
    const edit = (tag: string): PromotionStep => ({ uses: 'yaml-update', config: { path: './repo/env/dev/values.yaml', updates: [{ key: 'image.tag', value: tag }] } });
    const [a, b] = await race(w, pushingSteps(edit('v2')), pushingSteps(edit('v3')));
    expect(a.phase).toBe('Succeeded');
    expect(b.phase).toBe('Errored');
    expect(b.message).toContain('conflicting changes to env/dev/values.yaml');
    expect(w.git.branchHead(REPO)).toBe(commitOf(a));
    expect(w.git.readFiles(REPO, 'main')?.['env/dev/values.yaml']).toBe(VALUES.replace('v1.0.0', 'v2'));
  });
});
