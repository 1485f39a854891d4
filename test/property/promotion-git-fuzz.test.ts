import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REPO, portsOf, promotionOf, runOnce, world } from '../unit/promotion/git-fixture.js';

const GIT_STEPS = ['git-clone', 'git-clear', 'git-commit', 'git-push', 'git-tag', 'git-open-pr', 'git-wait-for-pr', 'git-merge-pr'] as const;

// Configs that are close to valid ones, so that the runners (not only the schemas) see odd input.
const pathArb = fc.constantFrom('./repo', '../../etc', '/abs', 'repo/../..', '', 'missing', './repo/./');
const configArb = fc.oneof(
  fc.jsonValue(),
  fc.record(
    {
      repoURL: fc.constantFrom(REPO, 'https://nowhere.example/x.git', '', 'not a url'),
      path: pathArb,
      checkout: fc.array(fc.record({ path: pathArb, branch: fc.constantFrom('main', 'nope', 'kargo/x') }, { requiredKeys: ['path'] }), { maxLength: 2 }),
      message: fc.string({ maxLength: 10 }),
      targetBranch: fc.constantFrom('main', 'other'),
      tag: fc.constantFrom('v1', ''),
      prNumber: fc.oneof(fc.integer({ min: -2, max: 3 }), fc.constant('1')),
      sourceBranch: fc.constantFrom('main', 'nope'),
      generateTargetBranch: fc.boolean(),
    },
    { requiredKeys: [] },
  ),
);

describe('the Git steps with broken input', () => {
  it('end every run with a recorded status and never throw', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...GIT_STEPS), configArb, async (uses, config) => {
        const w = world();
        const before = w.git.branches(REPO);
        const snaps = await runOnce(promotionOf([{ uses: 'git-clone', config: { repoURL: REPO, checkout: [{ branch: 'main', path: './repo' }] } }, { uses, as: 'fuzzed', config: config as Record<string, unknown> }]), portsOf(w));
        const meta = snaps[snaps.length - 1]?.status.stepExecutionMetadata.find((m) => m.alias === 'fuzzed');
        expect(['Succeeded', 'Failed', 'Errored', 'Running']).toContain(meta?.status);
        if (meta?.status !== 'Succeeded' && meta?.status !== 'Running') expect(meta?.message ?? '').not.toBe('');
        expect(meta?.message ?? '').not.toContain('panicked');
        // Nothing but a push or a merge may move a branch, and only on purpose.
        if (uses !== 'git-push' && uses !== 'git-merge-pr' && uses !== 'git-open-pr') expect(w.git.branches(REPO)).toEqual(before);
      }),
      { numRuns: 150 },
    );
  });
});
