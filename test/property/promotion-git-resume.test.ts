import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMemoryGitWorkspace } from '../../src/adapters/memory/index.js';
import { runPromotion, withPromotionStatus } from '../../src/promotion/index.js';
import type { PromotionRunStatus } from '../../src/promotion/index.js';
import type { GitWorkspacePort, PullRequestPort } from '../../src/ports/index.js';
import { NOW, promotionOf, quickstartSteps, remoteState, steps, world, type GitWorld } from '../unit/promotion/git-fixture.js';

/**
 * Where the run is cut short: at the `call`-th port call, before the call takes effect or after
 * it took effect but before its answer arrived.
 */
interface Crash {
  readonly call: number;
  readonly after: boolean;
}

/**
 * How an embedder keeps its state: `durable` keeps the work directory and persists every
 * snapshot; `ephemeral` starts each run in a fresh work directory and persists only the status a
 * run ends with, as Kargo's controller does.
 */
type Keeping = 'durable' | 'ephemeral';

class ProcessCrash extends Error {}

interface Outcome {
  readonly status: PromotionRunStatus;
  readonly calls: number;
  /** Pushes that changed the remote. */
  readonly pushes: number;
  /** Pull requests opened (not found again). */
  readonly opened: number;
  /** Whether the crash happened. */
  readonly crashed: boolean;
}

/** Runs the quickstart template to its end, crashing once if asked, and merging its PR when it waits. */
async function drive(w: GitWorld, keeping: Keeping, crash?: Crash): Promise<Outcome> {
  const base = promotionOf(quickstartSteps);
  let persisted: PromotionRunStatus | undefined;
  let calls = 0;
  let pushes = 0;
  let crashed = false;
  const openedNumbers = new Set<number>();
  const guard = async <T>(call: () => Promise<T>): Promise<T> => {
    calls += 1;
    if (crash !== undefined && !crashed && calls === crash.call) {
      crashed = true;
      if (crash.after) await call();
      throw new ProcessCrash('the process died');
    }
    return call();
  };
  let workspace = createMemoryGitWorkspace(w.git);
  const git = (): GitWorkspacePort => ({
    clone: (r) => guard(() => workspace.clone(r)),
    workTree: (r) => guard(() => workspace.workTree(r)),
    commit: (r) => guard(() => workspace.commit(r)),
    rebase: (r) => guard(() => workspace.rebase(r)),
    head: (r) => guard(() => workspace.head(r)),
    tag: (r) => guard(() => workspace.tag(r)),
    push: (r) =>
      guard(async () => {
        const result = await workspace.push(r);
        if (result.ok && result.value.status === 'pushed' && result.value.changed) pushes += 1;
        return result;
      }),
  });
  const prs: PullRequestPort = {
    open: (r) =>
      guard(async () => {
        const result = await w.prs.open(r);
        if (result.ok) openedNumbers.add(result.value.number);
        return result;
      }),
    get: (r) => guard(() => w.prs.get(r)),
    merge: (r) => guard(() => w.prs.merge(r)),
  };
  for (let run = 0; run < 12; run++) {
    if (keeping === 'ephemeral') workspace = createMemoryGitWorkspace(w.git);
    const promotion = persisted === undefined ? base : withPromotionStatus(base, persisted);
    const crashedBefore = crashed;
    let died = false;
    for await (const snapshot of runPromotion(promotion, {}, { steps, ports: { workTree: workspace.workDir, git: git(), pullRequests: prs }, now: NOW })) {
      // A snapshot produced after the crash is never persisted: the process was gone.
      if (crashed && !crashedBefore) {
        died = true;
        break;
      }
      if (keeping === 'durable' || snapshot.done) persisted = snapshot.status;
    }
    if (died) continue;
    if (persisted === undefined || persisted.phase !== 'Running') break;
    for (const pr of w.prs.list()) if (pr.state === 'open') await w.prs.merge({ repoURL: pr.repoURL, number: pr.number });
  }
  return { status: persisted as PromotionRunStatus, calls, pushes, opened: openedNumbers.size, crashed };
}

describe('the Git quickstart template survives a crash at any port call', () => {
  it('converges to the undisturbed remote state, pushing once and opening one pull request', async () => {
    const calm = world();
    const undisturbed = await drive(calm, 'durable');
    expect(undisturbed.status.phase).toBe('Succeeded');
    expect(undisturbed.pushes).toBe(1);
    const expected = remoteState(calm);
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: undisturbed.calls }),
        fc.boolean(),
        fc.constantFrom<Keeping>('durable', 'ephemeral'),
        async (call, after, keeping) => {
          const w = world();
          const outcome = await drive(w, keeping, { call, after });
          expect(outcome.crashed).toBe(true);
          expect(outcome.status.phase).toBe('Succeeded');
          expect(outcome.status.state).toEqual(undisturbed.status.state);
          expect(remoteState(w)).toEqual(expected);
          expect(outcome.pushes).toBe(1);
          expect(outcome.opened).toBe(1);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('every crash point is reachable: the undisturbed run makes the calls the property draws from', async () => {
    const outcome = await drive(world(), 'ephemeral');
    expect(outcome.calls).toBeGreaterThanOrEqual(8);
    expect(outcome.status.phase).toBe('Succeeded');
  });
});
