import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createKubernetesAdapter, createKubernetesLease, toMicroTime } from '../../../../src/adapters/kubernetes/index.js';
import { createManualClock } from '../../../../src/adapters/memory/index.js';
import { createLeaderElector } from '../../../../src/controller/leader-election.js';
import { startKubeApiServer, type Json, type KubeApiServer } from '../../../support/kube-api-server.js';
import { kubeConfigFor, TOKEN } from './support.js';

const NS = 'waybill-system';
const LEASES = `/apis/coordination.k8s.io/v1/namespaces/${NS}/leases`;

let server: KubeApiServer;
beforeAll(async () => {
  server = await startKubeApiServer({ token: TOKEN });
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.reset([]);
  server.requests.length = 0;
});

const lease = () => createKubernetesLease(createKubernetesAdapter({ kubeConfig: kubeConfigFor(server.url) }));
const held = { holderIdentity: 'pod-a', leaseDurationSeconds: 15, acquireTime: '2026-03-01T10:00:00Z', renewTime: '2026-03-01T10:00:00.5Z', leaseTransitions: 0 };

describe('Kubernetes MicroTime', () => {
  it('writes RFC 3339 times in UTC with exactly six fractional digits, keeping the digits given', () => {
    expect(toMicroTime('2026-03-01T10:00:00Z')).toBe('2026-03-01T10:00:00.000000Z');
    expect(toMicroTime('2026-03-01T10:00:00.5Z')).toBe('2026-03-01T10:00:00.500000Z');
    expect(toMicroTime('2026-03-01T10:00:00.123456789Z')).toBe('2026-03-01T10:00:00.123456Z');
    expect(toMicroTime('2026-03-01T12:30:00.000007+02:30')).toBe('2026-03-01T10:00:00.000007Z');
    expect(toMicroTime('2026-03-01t10:00:00z')).toBe('2026-03-01T10:00:00.000000Z');
    expect(toMicroTime('2026-03-01 10:00:00Z')).toBeUndefined();
    expect(toMicroTime('yesterday')).toBeUndefined();
    expect(toMicroTime('2026-13-45T10:00:00Z')).toBeUndefined();
  });
});

describe('the Kubernetes Lease', () => {
  it('reads a missing Lease as ok undefined and creates one as a coordination.k8s.io/v1 Lease with MicroTimes', async () => {
    const port = lease();
    expect(await port.get({ namespace: NS, name: 'waybill-controller' })).toEqual({ ok: true, value: undefined });
    expect(server.requests[0]).toMatchObject({ method: 'GET', path: `${LEASES}/waybill-controller` });
    const created = await port.create({ namespace: NS, name: 'waybill-controller', spec: held });
    expect(created.ok && created.value).toMatchObject({
      namespace: NS,
      name: 'waybill-controller',
      spec: { holderIdentity: 'pod-a', leaseDurationSeconds: 15, acquireTime: '2026-03-01T10:00:00.000000Z', renewTime: '2026-03-01T10:00:00.500000Z', leaseTransitions: 0 },
    });
    const post = server.requests.at(-1);
    expect(post).toMatchObject({ method: 'POST', path: LEASES });
    expect(post?.body).toMatchObject({ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'waybill-controller', namespace: NS } });
    const again = await port.create({ namespace: NS, name: 'waybill-controller', spec: held });
    expect(!again.ok && again.failure).toMatchObject({ kind: 'already-exists', retryable: false, status: 409 });
  });

  it('updates with a merge patch that carries the resourceVersion and clears the fields left out', async () => {
    const port = lease();
    const created = await port.create({ namespace: NS, name: 'l', spec: held });
    if (!created.ok) throw new Error(created.failure.message);
    server.requests.length = 0;
    const released = await port.update({ namespace: NS, name: 'l', resourceVersion: created.value.resourceVersion, spec: { leaseDurationSeconds: 1, acquireTime: '2026-03-01T10:00:05Z', renewTime: '2026-03-01T10:00:05Z', leaseTransitions: 0 } });
    expect(released.ok && released.value.spec.holderIdentity).toBeUndefined();
    expect(released.ok && released.value.resourceVersion).not.toBe(created.value.resourceVersion);
    expect(server.requests[0]).toMatchObject({ method: 'PATCH', path: `${LEASES}/l`, contentType: 'application/merge-patch+json' });
    expect(server.requests[0]?.body).toEqual({
      metadata: { resourceVersion: created.value.resourceVersion },
      spec: { acquireTime: '2026-03-01T10:00:05.000000Z', renewTime: '2026-03-01T10:00:05.000000Z', holderIdentity: null, leaseDurationSeconds: 1, leaseTransitions: 0 },
    });
    const stale = await port.update({ namespace: NS, name: 'l', resourceVersion: created.value.resourceVersion, spec: held });
    expect(!stale.ok && stale.failure).toMatchObject({ kind: 'conflict', retryable: true, status: 409 });
    const missing = await port.update({ namespace: NS, name: 'nope', resourceVersion: '1', spec: held });
    expect(!missing.ok && missing.failure.kind).toBe('not-found');
  });

  it('keeps the Lease fields it does not manage (labels, owner references) across updates', async () => {
    server.reset([{ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'kept', namespace: NS, labels: { app: 'waybill' }, resourceVersion: '500' }, spec: { ...held, strategy: 'OldestEmulationVersion' } }]);
    const port = lease();
    const updated = await port.update({ namespace: NS, name: 'kept', resourceVersion: '500', spec: { ...held, renewTime: '2026-03-01T10:00:02Z' } });
    expect(updated.ok).toBe(true);
    const stored = server.object('coordination.k8s.io/v1', 'Lease', NS, 'kept') as Json;
    expect((stored['metadata'] as Json)['labels']).toEqual({ app: 'waybill' });
    expect((stored['spec'] as Json)['strategy']).toBe('OldestEmulationVersion');
    expect((stored['spec'] as Json)['renewTime']).toBe('2026-03-01T10:00:02.000000Z');
  });

  it('refuses a time that is not RFC 3339 without a request, and an answer that is not a Lease as invalid-response', async () => {
    const port = lease();
    const bad = await port.create({ namespace: NS, name: 'l', spec: { ...held, renewTime: 'soon' } });
    expect(!bad.ok && bad.failure).toMatchObject({ kind: 'invalid-response', retryable: false });
    expect(!bad.ok && bad.failure.message).toContain('renewTime');
    expect(server.requests).toEqual([]);
    server.reset([{ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'odd', namespace: NS }, spec: ['not', 'a', 'spec'] }]);
    const odd = await port.get({ namespace: NS, name: 'odd' });
    expect(!odd.ok && odd.failure).toMatchObject({ kind: 'invalid-response', retryable: false });
    expect(!odd.ok && odd.failure.message).toContain(`Lease ${NS}/odd`);
  });

  it('reports refused credentials as unauthorized, without the token', async () => {
    const port = createKubernetesLease({ kubeConfig: kubeConfigFor(server.url, 'tok-wrong-0123456789') });
    const got = await port.get({ namespace: NS, name: 'l' });
    expect(!got.ok && got.failure).toMatchObject({ kind: 'unauthorized', status: 401 });
    expect(JSON.stringify(got)).not.toContain('tok-wrong-0123456789');
  });

  it('elects one leader among replicas sharing the Lease through the API server, and fails over when it stops renewing', async () => {
    const clock = createManualClock('2026-03-01T10:00:00Z');
    const electors = ['pod-a', 'pod-b', 'pod-c'].map((identity) => createLeaderElector({ lease: lease(), identity, namespace: NS, clock, leaseDurationMs: 15_000 }));
    const [a, b, c] = electors as [(typeof electors)[0], (typeof electors)[0], (typeof electors)[0]];
    expect(await a.tryAcquireOrRenew()).toBe(true);
    expect(await b.tryAcquireOrRenew()).toBe(false);
    expect(await c.tryAcquireOrRenew()).toBe(false);
    clock.advance(2_000);
    expect(await a.tryAcquireOrRenew()).toBe(true);
    expect(await b.tryAcquireOrRenew()).toBe(false);
    expect(electors.filter((e) => e.isLeader())).toEqual([a]);
    const stored = server.object('coordination.k8s.io/v1', 'Lease', NS, 'waybill-controller') as Json;
    expect(stored['spec']).toEqual({ holderIdentity: 'pod-a', leaseDurationSeconds: 15, acquireTime: '2026-03-01T10:00:00.000000Z', renewTime: '2026-03-01T10:00:02.000000Z', leaseTransitions: 0 });
    // pod-a stops renewing; pod-b saw the last renewal at 10:00:02 and takes over a lease duration later.
    clock.advance(14_000);
    expect(a.isLeader()).toBe(true);
    expect(await b.tryAcquireOrRenew()).toBe(false);
    clock.advance(1_000);
    expect(a.isLeader()).toBe(false);
    expect(await b.tryAcquireOrRenew()).toBe(true);
    expect(await c.tryAcquireOrRenew()).toBe(false);
    expect(await a.tryAcquireOrRenew()).toBe(false);
    const after = server.object('coordination.k8s.io/v1', 'Lease', NS, 'waybill-controller') as Json;
    expect(after['spec']).toMatchObject({ holderIdentity: 'pod-b', acquireTime: '2026-03-01T10:00:17.000000Z', leaseTransitions: 1 });
    await b.release();
    expect(b.isLeader()).toBe(false);
    expect((server.object('coordination.k8s.io/v1', 'Lease', NS, 'waybill-controller') as Json)['spec']).not.toHaveProperty('holderIdentity');
    expect(await c.tryAcquireOrRenew()).toBe(true);
  });
});
