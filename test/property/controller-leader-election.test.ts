import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createManualClock, createMemoryLease, type MemoryLease } from '../../src/adapters/memory/index.js';
import { createLeaderElector, type LeaderElector } from '../../src/controller/leader-election.js';
import type { Clock, LeasePort } from '../../src/ports/index.js';

const DURATION = 15_000;

/**
 * One replica's network link to the Lease: each call waits to be processed by the server, and its
 * answer then waits to be delivered, so that the test decides the order of every step. Steps of
 * one replica happen in order; steps of different replicas interleave as the test says.
 */
function delayedLease(inner: LeasePort, eager: boolean): { port: LeasePort; pending: (() => Promise<void>)[] } {
  const pending: (() => Promise<void>)[] = [];
  const via =
    <A, R>(call: (arg: A) => Promise<R>) =>
    (arg: A): Promise<R> =>
      new Promise<R>((resolve) => {
        const process = async (): Promise<void> => {
          const answer = await call(arg);
          pending.push(async () => resolve(answer));
        };
        // An eager link has the server process each call as it is sent; only the answer waits.
        if (eager) void process();
        else pending.push(process);
      });
  return { port: { get: via((ref) => inner.get(ref)), create: via((ref) => inner.create(ref)), update: via((ref) => inner.update(ref)) }, pending };
}

const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

type Action = { readonly t: 'try'; readonly who: number } | { readonly t: 'step'; readonly who: number } | { readonly t: 'advance'; readonly ms: number } | { readonly t: 'release'; readonly who: number };

const action = (replicas: number): fc.Arbitrary<Action> =>
  fc.oneof(
    { weight: 2, arbitrary: fc.record({ t: fc.constant('try' as const), who: fc.nat(replicas - 1) }) },
    { weight: 8, arbitrary: fc.record({ t: fc.constant('step' as const), who: fc.nat(replicas - 1) }) },
    { weight: 3, arbitrary: fc.record({ t: fc.constant('advance' as const), ms: fc.oneof(fc.integer({ min: 0, max: 3_000 }), fc.integer({ min: 5_000, max: 16_000 })) }) },
    { weight: 1, arbitrary: fc.record({ t: fc.constant('release' as const), who: fc.nat(replicas - 1) }) },
  );

const scenario = fc.integer({ min: 2, max: 3 }).chain((replicas) =>
  fc.record({
    replicas: fc.constant(replicas),
    // Each replica's clock reads differently (by up to an hour either way) but runs at the same rate.
    offsets: fc.array(fc.integer({ min: -3_600_000, max: 3_600_000 }), { minLength: replicas, maxLength: replicas }),
    eager: fc.boolean(),
    actions: fc.array(action(replicas), { minLength: 20, maxLength: 150, size: 'max' }),
  }),
);

function checkOneLeader(electors: readonly LeaderElector[], names: readonly string[], lease: MemoryLease): void {
  const leaders = electors.flatMap((e, i) => (e.isLeader() ? [names[i]] : []));
  expect(leaders.length, `several replicas lead at once: ${leaders.join(', ')}`).toBeLessThanOrEqual(1);
  if (leaders.length === 1) expect(lease.peek('ns', 'waybill-controller')?.spec.holderIdentity, 'a replica leads without holding the Lease').toBe(leaders[0]);
}

describe('leader election over one Lease', () => {
  it('never has two leaders at any virtual time, whatever the interleaving of calls, answers, clock skew and releases', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ replicas, offsets, eager, actions }) => {
        const base = createManualClock('2026-05-01T12:00:00Z');
        const lease = createMemoryLease(base);
        const names = Array.from({ length: replicas }, (_, i) => `pod-${i}`);
        const links = names.map(() => delayedLease(lease, eager));
        const electors = names.map((identity, i) => {
          const clock: Clock = { now: () => new Date(base.now().getTime() + (offsets[i] ?? 0)) };
          return createLeaderElector({ lease: (links[i] as ReturnType<typeof delayedLease>).port, identity, namespace: 'ns', clock, leaseDurationMs: DURATION });
        });
        for (const step of actions) {
          if (step.t === 'try') void electors[step.who]?.tryAcquireOrRenew();
          else if (step.t === 'release') void electors[step.who]?.release();
          else if (step.t === 'advance') base.advance(step.ms);
          else await links[step.who]?.pending.shift()?.();
          await flush();
          checkOneLeader(electors, names, lease);
        }
        // Let every call finish, still checking after each step.
        for (let busy = true; busy; ) {
          busy = false;
          for (const link of links) {
            const next = link.pending.shift();
            if (next === undefined) continue;
            busy = true;
            await next();
            await flush();
            checkOneLeader(electors, names, lease);
          }
        }
        // Liveness: once the others are quiet, a replica that keeps trying leads within two lease durations.
        const first = electors[0] as LeaderElector;
        const link = links[0] as ReturnType<typeof delayedLease>;
        const drive = async (): Promise<boolean> => {
          const call = first.tryAcquireOrRenew();
          await flush();
          while (link.pending.length > 0) {
            await link.pending.shift()?.();
            await flush();
          }
          return call;
        };
        let led = await drive();
        for (let round = 0; round < 2 && !led; round += 1) {
          base.advance(DURATION);
          led = await drive();
        }
        expect(led, 'a lone replica did not take over an abandoned Lease').toBe(true);
        checkOneLeader(electors, names, lease);
      }),
      { numRuns: 500 },
    );
  });

  it('counts one transition per change of holder and keeps acquireTime while the holder renews', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.record({ who: fc.nat(2), ms: fc.integer({ min: 0, max: 20_000 }) }), { minLength: 1, maxLength: 60 }), async (calls) => {
        const clock = createManualClock('2026-05-01T12:00:00Z');
        const lease = createMemoryLease(clock);
        const electors = ['a', 'b', 'c'].map((identity) => createLeaderElector({ lease, identity, namespace: 'ns', clock }));
        for (const call of calls) {
          clock.advance(call.ms);
          await electors[call.who]?.tryAcquireOrRenew();
        }
        const writes = lease.writes();
        let changes = 0;
        for (let i = 1; i < writes.length; i += 1) {
          const before = writes[i - 1]?.record.spec;
          const after = writes[i]?.record.spec;
          if (before?.holderIdentity !== after?.holderIdentity) {
            changes += 1;
            expect(after?.acquireTime).toBe(after?.renewTime);
          } else {
            expect(after?.acquireTime).toBe(before?.acquireTime);
          }
        }
        expect(lease.peek('ns', 'waybill-controller')?.spec.leaseTransitions ?? 0).toBe(changes);
      }),
      { numRuns: 200 },
    );
  });
});
