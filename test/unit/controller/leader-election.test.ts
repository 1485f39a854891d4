import { describe, expect, it } from 'vitest';
import { createManualClock, createMemoryLease } from '../../../src/adapters/memory/index.js';
import { createLeaderElector, decideLease, formatMicroTime, type LeaseObservation } from '../../../src/controller/leader-election.js';
import type { Clock, LeasePort, LeaseRecord } from '../../../src/ports/index.js';

const T0 = Date.parse('2026-05-01T12:00:00Z');
const at = (ms: number) => new Date(T0 + ms);
const record = (spec: LeaseRecord['spec'], resourceVersion = '7'): LeaseRecord => ({ namespace: 'ns', name: 'waybill-controller', spec, resourceVersion });
const heldBy = (holder: string, renewMs = 0, transitions = 3) =>
  record({ holderIdentity: holder, leaseDurationSeconds: 15, acquireTime: formatMicroTime(at(-60_000)), renewTime: formatMicroTime(at(renewMs)), leaseTransitions: transitions });

describe('decideLease', () => {
  it('creates a Lease held by us when there is none, with zero transitions and MicroTimes', () => {
    expect(decideLease(undefined, undefined, at(0), 'pod-a', 15_000)).toEqual({
      action: 'create',
      spec: { holderIdentity: 'pod-a', leaseDurationSeconds: 15, acquireTime: '2026-05-01T12:00:00.000000Z', renewTime: '2026-05-01T12:00:00.000000Z', leaseTransitions: 0 },
      observed: undefined,
    });
  });

  it('renews a Lease we hold, keeping acquireTime and leaseTransitions', () => {
    const decision = decideLease(heldBy('pod-a'), undefined, at(5_000), 'pod-a', 15_000);
    expect(decision).toMatchObject({ action: 'renew', resourceVersion: '7', spec: { holderIdentity: 'pod-a', acquireTime: '2026-05-01T11:59:00.000000Z', renewTime: '2026-05-01T12:00:05.000000Z', leaseTransitions: 3 } });
  });

  it("waits while another holder's Lease is younger than a lease duration by our own observation", () => {
    const first = decideLease(heldBy('pod-b'), undefined, at(1_000), 'pod-a', 15_000);
    expect(first).toMatchObject({ action: 'wait', holder: 'pod-b', expiresAt: T0 + 16_000 });
    const later = decideLease(heldBy('pod-b'), first.observed, at(15_999), 'pod-a', 15_000);
    expect(later).toMatchObject({ action: 'wait', expiresAt: T0 + 16_000 });
    // The observation is kept, not renewed, while the record stays the same.
    expect(later.observed).toBe(first.observed);
  });

  it('takes over once the same record has been seen unchanged for a lease duration, counting a transition', () => {
    const first = decideLease(heldBy('pod-b'), undefined, at(1_000), 'pod-a', 15_000);
    const taken = decideLease(heldBy('pod-b'), first.observed, at(16_000), 'pod-a', 15_000);
    expect(taken).toEqual({
      action: 'acquire',
      resourceVersion: '7',
      spec: { holderIdentity: 'pod-a', leaseDurationSeconds: 15, acquireTime: '2026-05-01T12:00:16.000000Z', renewTime: '2026-05-01T12:00:16.000000Z', leaseTransitions: 4 },
      observed: first.observed,
    });
  });

  it("measures expiry from when we saw the record change, not from its renewTime (another machine's clock)", () => {
    // The holder's clock runs an hour behind ours: by its renewTime the Lease looks long dead.
    const skewed = heldBy('pod-b', -3_600_000);
    expect(decideLease(skewed, undefined, at(0), 'pod-a', 15_000).action).toBe('wait');
    // And a holder whose clock runs ahead does not keep the Lease forever.
    const ahead = heldBy('pod-b', 3_600_000);
    const seen = decideLease(ahead, undefined, at(0), 'pod-a', 15_000);
    expect(decideLease(ahead, seen.observed, at(15_000), 'pod-a', 15_000).action).toBe('acquire');
  });

  it('starts a new observation whenever the record changes, even to the same holder', () => {
    const first = decideLease(heldBy('pod-b', 0), undefined, at(0), 'pod-a', 15_000);
    const renewed = decideLease(heldBy('pod-b', 10_000), first.observed, at(14_000), 'pod-a', 15_000);
    expect(renewed).toMatchObject({ action: 'wait', expiresAt: T0 + 29_000 });
    // Same spec, new resourceVersion (someone wrote it again): that is a change too.
    const rewritten = decideLease({ ...heldBy('pod-b', 10_000), resourceVersion: '8' }, renewed.observed, at(20_000), 'pod-a', 15_000);
    expect(rewritten).toMatchObject({ action: 'wait', expiresAt: T0 + 35_000 });
  });

  it('takes a released Lease (no holder) at once', () => {
    const released = record({ leaseDurationSeconds: 1, acquireTime: formatMicroTime(at(0)), renewTime: formatMicroTime(at(0)), leaseTransitions: 2 });
    expect(decideLease(released, undefined, at(0), 'pod-a', 15_000)).toMatchObject({ action: 'acquire', spec: { holderIdentity: 'pod-a', leaseTransitions: 3 } });
    expect(decideLease(record({}), undefined, at(0), 'pod-a', 15_000)).toMatchObject({ action: 'acquire', spec: { leaseTransitions: 1 } });
  });

  it('is pure: same inputs, same decision, inputs untouched', () => {
    const input = heldBy('pod-b');
    const observed: LeaseObservation = { spec: { ...input.spec }, resourceVersion: '7', at: T0 };
    const snapshot = JSON.stringify([input, observed]);
    const one = decideLease(input, observed, at(20_000), 'pod-a', 15_000);
    const two = decideLease(input, observed, at(20_000), 'pod-a', 15_000);
    expect(one).toEqual(two);
    expect(JSON.stringify([input, observed])).toBe(snapshot);
  });

  it('rounds the written duration up to whole seconds, at least one', () => {
    expect(decideLease(undefined, undefined, at(0), 'a', 1_500)).toMatchObject({ spec: { leaseDurationSeconds: 2 } });
    expect(decideLease(undefined, undefined, at(0), 'a', 15_000)).toMatchObject({ spec: { leaseDurationSeconds: 15 } });
  });
});

describe('createLeaderElector', () => {
  const setup = (names: string[], leaseDurationMs = 15_000) => {
    const clock = createManualClock(T0);
    const lease = createMemoryLease(clock);
    const electors = names.map((identity) => createLeaderElector({ lease, identity, namespace: 'ns', clock, leaseDurationMs }));
    return { clock, lease, electors };
  };

  it('lets the first replica lead and keeps the others waiting while it renews', async () => {
    const { clock, lease, electors } = setup(['a', 'b', 'c']);
    const [a, b, c] = electors;
    expect(await a?.tryAcquireOrRenew()).toBe(true);
    for (let i = 0; i < 20; i += 1) {
      clock.advance(2_000);
      expect(await b?.tryAcquireOrRenew()).toBe(false);
      expect(await a?.tryAcquireOrRenew()).toBe(true);
      expect(await c?.tryAcquireOrRenew()).toBe(false);
      expect(electors.map((e) => e.isLeader())).toEqual([true, false, false]);
    }
    const stored = lease.peek('ns', 'waybill-controller');
    expect(stored?.spec).toMatchObject({ holderIdentity: 'a', leaseTransitions: 0, acquireTime: '2026-05-01T12:00:00.000000Z', renewTime: '2026-05-01T12:00:40.000000Z' });
  });

  it('fails over a lease duration after the leader stops renewing, and the old leader knows it no longer leads', async () => {
    const { clock, lease, electors } = setup(['a', 'b']);
    const [a, b] = electors as [NonNullable<(typeof electors)[0]>, NonNullable<(typeof electors)[0]>];
    await a.tryAcquireOrRenew();
    clock.advance(1_000);
    expect(await b.tryAcquireOrRenew()).toBe(false); // b first sees a's record at +1 s
    clock.advance(13_999);
    expect(a.isLeader()).toBe(true);
    expect(await b.tryAcquireOrRenew()).toBe(false);
    clock.advance(1);
    expect(a.isLeader()).toBe(false); // a's term (15 s from the start of its last renewal) is over
    expect(await b.tryAcquireOrRenew()).toBe(false); // but b measures from +1 s
    clock.advance(1_000);
    expect(await b.tryAcquireOrRenew()).toBe(true);
    expect(lease.peek('ns', 'waybill-controller')?.spec).toMatchObject({ holderIdentity: 'b', leaseTransitions: 1, acquireTime: '2026-05-01T12:00:16.000000Z' });
    // a comes back: it sees b's Lease and waits.
    expect(await a.tryAcquireOrRenew()).toBe(false);
    expect([a.isLeader(), b.isLeader()]).toEqual([false, true]);
  });

  it('hands over at once on release, clearing the holder', async () => {
    const { lease, electors } = setup(['a', 'b']);
    const [a, b] = electors as [NonNullable<(typeof electors)[0]>, NonNullable<(typeof electors)[0]>];
    await a.tryAcquireOrRenew();
    expect(await b.tryAcquireOrRenew()).toBe(false);
    await a.release();
    expect(a.isLeader()).toBe(false);
    expect(lease.peek('ns', 'waybill-controller')?.spec.holderIdentity).toBeUndefined();
    expect(await b.tryAcquireOrRenew()).toBe(true);
    expect(lease.peek('ns', 'waybill-controller')?.spec).toMatchObject({ holderIdentity: 'b', leaseTransitions: 1 });
    // Releasing what one does not hold writes nothing.
    const writes = lease.writes().length;
    await a.release();
    expect(lease.writes()).toHaveLength(writes);
  });

  it('treats a conflict as losing the round, and a failed read as no news (the term still runs out on time)', async () => {
    const { clock, lease, electors } = setup(['a']);
    const a = electors[0] as NonNullable<(typeof electors)[0]>;
    await a.tryAcquireOrRenew();
    clock.advance(5_000);
    lease.failNext('get', { kind: 'transport', message: 'API server unreachable', retryable: true });
    expect(await a.tryAcquireOrRenew()).toBe(true); // still within its term
    expect(a.lastFailure()?.kind).toBe('transport');
    expect(a.isLeader()).toBe(true);
    clock.advance(10_000);
    expect(a.isLeader()).toBe(false);
    expect(await a.tryAcquireOrRenew()).toBe(true);
    lease.failNext('update', { kind: 'conflict', message: 'changed', retryable: true, status: 409 });
    expect(await a.tryAcquireOrRenew()).toBe(false);
    expect(a.isLeader()).toBe(false);
    expect(a.lastFailure()?.kind).toBe('conflict');
  });

  it("counts a leader's term from the start of its call, so a slow answer never overlaps the next leader", async () => {
    const clock = createManualClock(T0);
    const lease = createMemoryLease(clock);
    // The server processes each call at once; the answers to pod-a wait until released.
    const held: (() => void)[] = [];
    const slow: LeasePort = {
      get: (ref) => lease.get(ref),
      create: (ref) => lease.create(ref).then((answer) => new Promise((resolve) => held.push(() => resolve(answer)))),
      update: (ref) => lease.update(ref),
    };
    const a = createLeaderElector({ lease: slow, identity: 'a', namespace: 'ns', clock });
    const b = createLeaderElector({ lease, identity: 'b', namespace: 'ns', clock });
    const call = a.tryAcquireOrRenew();
    await new Promise((resolve) => setImmediate(resolve));
    expect(held).toHaveLength(1); // a's Lease is stored; its answer is on the way
    expect(await b.tryAcquireOrRenew()).toBe(false); // b sees it at T0
    clock.advance(10_000);
    held[0]?.();
    expect(await call).toBe(true);
    expect(a.isLeader()).toBe(true);
    clock.advance(5_000);
    // 15 s after b saw the Lease, b may take it; a, whose call began at T0, has already stopped.
    expect(a.isLeader()).toBe(false);
    expect(await b.tryAcquireOrRenew()).toBe(true);
  });

  it('lets only one of two replicas win when both find no Lease', async () => {
    const { electors } = setup(['a', 'b']);
    const results = await Promise.all(electors.map((e) => e.tryAcquireOrRenew()));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(electors.filter((e) => e.isLeader())).toHaveLength(1);
  });

  it('shares one in-flight call between overlapping calls of the same replica', async () => {
    const { lease, electors } = setup(['a']);
    const a = electors[0] as NonNullable<(typeof electors)[0]>;
    const [one, two] = await Promise.all([a.tryAcquireOrRenew(), a.tryAcquireOrRenew()]);
    expect([one, two]).toEqual([true, true]);
    expect(lease.writes()).toHaveLength(1);
  });

  it('never leads with an empty identity or an unusable duration, and says why', async () => {
    const clock = createManualClock(T0);
    const lease = createMemoryLease();
    const nameless = createLeaderElector({ lease, identity: ' ', namespace: 'ns', clock });
    expect(nameless.issues.map((i) => i.code)).toEqual(['CONTROLLER_LEASE_IDENTITY_EMPTY']);
    expect(await nameless.tryAcquireOrRenew()).toBe(false);
    const hasty = createLeaderElector({ lease, identity: 'a', namespace: 'ns', clock, leaseDurationMs: 10 });
    expect(hasty.issues.map((i) => i.code)).toEqual(['CONTROLLER_LEASE_DURATION_INVALID']);
    const nowhere = createLeaderElector({ lease, identity: 'a', namespace: '', clock });
    expect(nowhere.issues.map((i) => i.code)).toEqual(['CONTROLLER_LEASE_NAME_INVALID']);
    expect(lease.writes()).toEqual([]);
  });

  it('turns a Lease port that throws into a failure instead of rejecting', async () => {
    const clock: Clock = createManualClock(T0);
    const broken: LeasePort = {
      get: () => Promise.reject(new Error('boom')),
      create: () => Promise.reject(new Error('boom')),
      update: () => Promise.reject(new Error('boom')),
    };
    const elector = createLeaderElector({ lease: broken, identity: 'a', namespace: 'ns', clock });
    expect(await elector.tryAcquireOrRenew()).toBe(false);
    expect(elector.lastFailure()).toMatchObject({ kind: 'transport' });
    await expect(elector.release()).resolves.toBeUndefined();
    const garbled = createLeaderElector({ lease: { ...broken, get: () => Promise.resolve({ ok: true, value: { namespace: 'ns', name: 'x' } as never }) }, identity: 'a', namespace: 'ns', clock });
    expect(await garbled.tryAcquireOrRenew()).toBe(false);
    expect(garbled.lastFailure()).toMatchObject({ kind: 'invalid-response' });
  });

  it('uses the default Lease name and a 15 s duration', async () => {
    const clock = createManualClock(T0);
    const lease = createMemoryLease(clock);
    const elector = createLeaderElector({ lease, identity: 'a', namespace: 'ns', clock });
    expect(await elector.tryAcquireOrRenew()).toBe(true);
    expect(lease.peek('ns', 'waybill-controller')?.spec.leaseDurationSeconds).toBe(15);
    clock.advance(14_999);
    expect(elector.isLeader()).toBe(true);
    clock.advance(1);
    expect(elector.isLeader()).toBe(false);
  });
});
