import { describe, expect, it } from 'vitest';
import { createMemoryCluster, createMemoryHttp } from '../../../src/adapters/memory/index.js';
import { isWaybillError } from '../../../src/errors/index.js';
import type { ArgoCDApplication, ArgoCDOperation } from '../../../src/ports/index.js';

const operation: ArgoCDOperation = { info: [{ name: 'kargo.akuity.io/promotion', value: 'p' }], sync: { revisions: [] } };
const app = (name: string, spec: ArgoCDApplication['spec'] = { source: { repoURL: 'https://github.com/a/b', targetRevision: 'v1' } }): ArgoCDApplication => ({ metadata: { name, namespace: 'argocd', labels: { app: name } }, spec });

function thrown(attempt: () => unknown): unknown {
  try {
    attempt();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('createMemoryCluster', () => {
  it('runs a sync through pending, running and finished, over the configured number of reads', async () => {
    const cluster = createMemoryCluster({ syncAfterReads: 2 });
    cluster.addApplication(app('a'));
    await cluster.patchApplication({ namespace: 'argocd', name: 'a', operation });
    expect(cluster.application('argocd', 'a')?.operation).toEqual(operation);
    const first = await cluster.getApplication({ namespace: 'argocd', name: 'a' });
    expect(first.ok && first.value.operation).toBeUndefined();
    expect(first.ok && first.value.status?.operationState).toMatchObject({ phase: 'Running', operation, startedAt: '2026-01-01T00:00:01Z' });
    const second = await cluster.getApplication({ namespace: 'argocd', name: 'a' });
    expect(second.ok && second.value.status).toMatchObject({
      operationState: { phase: 'Succeeded', finishedAt: '2026-01-01T00:00:02Z', syncResult: { revision: 'v1' } },
      sync: { status: 'Synced', revision: 'v1' },
      health: { status: 'Healthy' },
      reconciledAt: '2026-01-01T00:00:02Z',
    });
    expect(cluster.requests).toEqual(['patchApplication argocd/a', 'getApplication argocd/a', 'getApplication argocd/a']);
  });

  it('finishes syncs only on demand when manual, with the outcome asked for', async () => {
    const cluster = createMemoryCluster({ syncAfterReads: 'manual', now: () => '2026-05-01T10:00:00.700Z', resolveRevision: (s) => `sha-of-${s.targetRevision ?? ''}` });
    cluster.addApplication(app('m', { sources: [{ repoURL: 'https://charts.example.com', chart: 'c', targetRevision: '1.0.0' }, { repoURL: 'https://github.com/a/b', targetRevision: 'main' }] }));
    expect(cluster.completeSync('argocd', 'm')).toBe(false);
    await cluster.patchApplication({ namespace: 'argocd', name: 'm', operation });
    for (let i = 0; i < 5; i++) await cluster.getApplication({ namespace: 'argocd', name: 'm' });
    expect(cluster.application('argocd', 'm')?.status?.operationState?.phase).toBe('Running');
    expect(cluster.completeSync('argocd', 'm', { phase: 'Error', message: 'boom', health: 'Degraded' })).toBe(true);
    expect(cluster.completeSync('argocd', 'm')).toBe(false);
    expect(cluster.application('argocd', 'm')?.status).toMatchObject({
      operationState: { phase: 'Error', message: 'boom', finishedAt: '2026-05-01T10:00:00Z', syncResult: { revisions: ['sha-of-1.0.0', 'sha-of-main'] } },
      sync: { status: 'OutOfSync' },
      health: { status: 'Degraded' },
    });
  });

  it('replaces the right sources, records patches and syncs, and refreshes at once', async () => {
    const cluster = createMemoryCluster({ syncAfterReads: 0 });
    cluster.addApplication(app('a'));
    const patched = await cluster.patchApplication({ namespace: 'argocd', name: 'a', sources: [{ repoURL: 'https://github.com/a/b', targetRevision: 'v2' }], operation, refresh: 'hard', signal: new AbortController().signal });
    expect(patched.ok && patched.value.spec).toEqual({ source: { repoURL: 'https://github.com/a/b', targetRevision: 'v2' } });
    expect(patched.ok && patched.value.status?.operationState?.phase).toBe('Succeeded');
    expect(cluster.patches).toEqual([{ namespace: 'argocd', name: 'a', sources: [{ repoURL: 'https://github.com/a/b', targetRevision: 'v2' }], operation, refresh: 'hard' }]);
    expect(cluster.syncs).toEqual([{ namespace: 'argocd', name: 'a', operation }]);
  });

  it('injects failures for one Application or a whole namespace, and heals them', async () => {
    const cluster = createMemoryCluster();
    cluster.addApplication(app('a'));
    cluster.fail('argocd', undefined, { kind: 'unauthorized', message: 'forbidden' });
    expect(await cluster.listApplications({ namespace: 'argocd', selector: {} })).toEqual({ ok: false, failure: { kind: 'unauthorized', message: 'forbidden', retryable: false } });
    cluster.heal('argocd');
    cluster.fail('argocd', 'a');
    expect((await cluster.getApplication({ namespace: 'argocd', name: 'a' })).ok).toBe(false);
    expect((await cluster.listApplications({ namespace: 'argocd', selector: {} })).ok).toBe(true);
    cluster.heal('argocd', 'a');
    expect((await cluster.getApplication({ namespace: 'argocd', name: 'a' })).ok).toBe(true);
  });

  it('refuses mistakes in test setup with a WaybillError', () => {
    const cluster = createMemoryCluster();
    expect(isWaybillError(thrown(() => cluster.addApplication({ metadata: { name: '', namespace: 'x' }, spec: {} })))).toBe(true);
    expect(isWaybillError(thrown(() => cluster.setHealth('argocd', 'nope', 'Healthy')))).toBe(true);
    expect(isWaybillError(thrown(() => createMemoryCluster({ syncAfterReads: -1 })))).toBe(true);
  });
});

describe('createMemoryHttp', () => {
  it('routes requests to the handler, sends objects as JSON, and records what was sent', async () => {
    const http = createMemoryHttp(async (request) => ({ status: 201, headers: { 'X-A': ['1', '2'], 'x-a': '3' }, body: { got: request.body } }));
    const result = await http.send({ method: 'POST', url: 'https://x/y', body: 'hi', headers: [{ name: 'A', value: 'b' }] });
    expect(result.ok && { ...result.value, headers: { ...result.value.headers } }).toEqual({ status: 201, headers: { 'x-a': ['1', '2', '3'], 'content-type': ['application/json'] }, body: '{"got":"hi"}' });
    expect(http.requests).toEqual([{ method: 'POST', url: 'https://x/y', body: 'hi', headers: [{ name: 'A', value: 'b' }] }]);
  });

  it('turns a throwing handler into a retryable transport failure and a fired signal into a cancelled one', async () => {
    const http = createMemoryHttp(() => {
      throw new Error('connection refused');
    });
    expect(await http.send({ method: 'GET', url: 'https://x' })).toEqual({ ok: false, failure: { kind: 'transport', message: 'GET https://x: connection refused', retryable: true } });
    const controller = new AbortController();
    controller.abort();
    const cancelled = await http.send({ method: 'GET', url: 'https://x', signal: controller.signal });
    expect(!cancelled.ok && cancelled.failure.kind).toBe('cancelled');
    expect(http.requests).toHaveLength(1);
  });
});
