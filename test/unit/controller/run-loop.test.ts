import { describe, expect, it } from 'vitest';
import { createMemoryLease } from '../../../src/adapters/memory/index.js';
import { createController } from '../../../src/controller/index.js';
import { all, IMAGE, world } from './fixture.js';

describe('run()', () => {
  it('settles, then sleeps until the next wake and picks up what changed by then', async () => {
    const w = world();
    const stop = new AbortController();
    const sleeps: number[] = [];
    const sleep = async (ms: number): Promise<void> => {
      sleeps.push(ms);
      if (sleeps.length === 1) w.registry.push(IMAGE, { tag: '1.0.5', createdAt: '2026-02-03T00:00:00Z' });
      w.clock.advance(ms);
      if (sleeps.length === 3) stop.abort();
    };
    await w.controller.run({ signal: stop.signal, sleep });
    expect(sleeps).toEqual([300_000, 300_000, 300_000]);
    expect(all(w, 'Freight').map((f) => f.images[0].tag).sort()).toEqual(['1.0.0', '1.0.5']);
    expect(all(w, 'Promotion')).toHaveLength(2);
  });

  it('wakes early when the store announces a change', async () => {
    const w = world();
    const stop = new AbortController();
    let calls = 0;
    const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
      new Promise((resolve) => {
        calls++;
        if (calls === 1) {
          expect(ms).toBe(300_000);
          signal.addEventListener('abort', () => resolve(), { once: true });
          // Someone approves Freight while the controller sleeps.
          const f = all(w, 'Freight')[0]!;
          void w.controller.approve({ project: 'kargo-demo', stage: 'prod', freight: f.metadata.name });
          return;
        }
        stop.abort();
        resolve();
      });
    await w.controller.run({ signal: stop.signal, sleep });
    expect(calls).toBe(2);
    expect(w.clock.now().toISOString()).toBe('2026-03-01T10:00:00.000Z');
  });

  it('reconciles only while it leads, and hands the Lease back when it stops', async () => {
    const w = world();
    const lease = createMemoryLease(w.clock);
    const make = (identity: string) =>
      createController({ ports: { store: w.store, registry: w.registry }, clock: w.clock, ids: w.ids, leaderElection: { lease, identity, namespace: 'kargo', leaseDurationMs: 15_000 } });
    const leader = make('a');
    const follower = make('b');
    expect(leader.isLeader()).toBe(false);
    const stopLeader = new AbortController();
    let followerSawLeader = false;
    let followerPasses = 0;
    await leader.run({
      signal: stopLeader.signal,
      sleep: async (ms) => {
        expect(ms).toBe(5_000);
        expect(leader.isLeader()).toBe(true);
        const stopFollower = new AbortController();
        await follower.run({
          signal: stopFollower.signal,
          sleep: async (wait) => {
            followerPasses++;
            followerSawLeader = leader.isLeader() && !follower.isLeader() && wait === 5_000;
            stopFollower.abort();
          },
        });
        stopLeader.abort();
      },
    });
    expect(followerPasses).toBe(1);
    expect(followerSawLeader).toBe(true);
    expect(all(w, 'Freight')).toHaveLength(1);
    expect(leader.isLeader()).toBe(false);
  });
});
