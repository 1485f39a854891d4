import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runPromotion } from '../../src/promotion/index.js';
import type { PromotionRunStatus, PromotionSnapshot } from '../../src/promotion/index.js';
import type { PromotionStep } from '../../src/model/index.js';
import { NOW, REPO, portsOf, promotionOf, steps, world } from '../unit/promotion/git-fixture.js';

const FILES = ['env/dev/values.yaml', 'env/prod/values.yaml', 'README.md'] as const;

function pushingSteps(file: string, text: string): PromotionStep[] {
  return [
    { uses: 'git-clone', config: { repoURL: REPO, checkout: [{ branch: 'main', path: './repo' }] } },
    { uses: 'file-write', config: { path: `./repo/${file}`, contents: text, overwrite: true } },
    { uses: 'git-commit', config: { path: './repo', message: `write ${file}` } },
    { uses: 'git-push', as: 'push', config: { path: './repo', targetBranch: 'main', maxAttempts: 5 } },
  ];
}

describe('promotions racing on one branch', () => {
  it('never lose a pushed commit: each one that succeeds is on main, each one that fails left main alone', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ file: fc.constantFrom(...FILES), text: fc.constantFrom('a\n', 'b\n') }), { minLength: 2, maxLength: 4 }),
        fc.array(fc.nat({ max: 3 }), { minLength: 0, maxLength: 24 }),
        async (edits, schedule) => {
          const w = world();
          const runs = edits.map((e, i) => runPromotion(promotionOf(pushingSteps(e.file, e.text), `p${i}`), {}, { steps, ports: portsOf(w), now: NOW }));
          const finals: (PromotionRunStatus | undefined)[] = edits.map(() => undefined);
          const step = async (i: number): Promise<void> => {
            if (finals[i] !== undefined) return;
            const next = await (runs[i] as AsyncGenerator<PromotionSnapshot, PromotionRunStatus>).next();
            if (next.done === true) finals[i] = next.value;
          };
          // Interleave the promotions' steps as the schedule says, then let each finish.
          for (const pick of schedule) await step(pick % edits.length);
          for (let i = 0; i < edits.length; i++) while (finals[i] === undefined) await step(i);

          const head = w.git.branchHead(REPO) as string;
          const onMain = new Set<string>();
          for (let pending = [head]; pending.length > 0; ) {
            const id = pending.pop() as string;
            if (onMain.has(id)) continue;
            onMain.add(id);
            pending.push(...(w.git.parentsOf(REPO, id) ?? []));
          }
          let succeeded = 0;
          for (const status of finals as PromotionRunStatus[]) {
            if (status.phase === 'Succeeded') {
              succeeded += 1;
              expect(onMain.has((status.state['push'] as { commit: string }).commit)).toBe(true);
            } else {
              expect(status.phase).toBe('Errored');
              expect(status.message).toMatch(/conflicting changes|nothing to commit/);
            }
          }
          expect(succeeded).toBeGreaterThanOrEqual(1);
          // main is one straight line: the initial commit plus at most one commit per promotion.
          const log = await w.git.listCommits({ repoURL: REPO, branch: 'main', skip: 0, maxCount: 100 });
          expect(log.ok && log.value.length).toBe(onMain.size);
          expect(onMain.size).toBeLessThanOrEqual(1 + succeeded);
        },
      ),
      { numRuns: 80 },
    );
  });
});
