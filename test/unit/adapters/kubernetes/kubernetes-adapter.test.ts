import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createKubernetesAdapter, formatLabelSelector, kubernetesAdapter } from '../../../../src/adapters/kubernetes/index.js';
import type { ResourceEvent } from '../../../../src/adapters/kubernetes/index.js';
import { startKubeApiServer, type Json, type KubeApiServer } from '../../../support/kube-api-server.js';
import watchLines from './recorded/watch-stages.json' with { type: 'json' };
import { kubeConfigFor, recordedObjects, TOKEN } from './support.js';

let server: KubeApiServer;
beforeAll(async () => {
  server = await startKubeApiServer({ token: TOKEN, objects: recordedObjects() });
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.reset(recordedObjects());
  server.requests.length = 0;
});

const adapter = () => createKubernetesAdapter({ kubeConfig: kubeConfigFor(server.url) });

describe('the Kargo resource store', () => {
  it('lists Stages into the core type, with defaults, leaving an invalid one out with issues naming it', async () => {
    const result = await adapter().kargo.list('Stage');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.items.map((s) => s.metadata.name)).toEqual(['test', 'uat']);
    expect(result.value.items[0]?.spec.requestedFreight[0]?.origin).toEqual({ kind: 'Warehouse', name: 'kargo-demo' });
    expect(result.value.resourceVersion).toMatch(/^\d+$/);
    const errors = result.value.issues.filter((i) => i.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'MANIFEST_INVALID', path: ['spec', 'requestedFreight'] });
    expect(errors[0]?.message).toContain('Stage kargo-demo/prod');
    expect(server.requests[0]).toMatchObject({ method: 'GET', path: '/apis/kargo.akuity.io/v1alpha1/namespaces/kargo-demo/stages' });
  });

  it('lists by label selector in the namespace asked for', async () => {
    const result = await adapter().kargo.list('Stage', { namespace: 'kargo-demo', selector: { matchLabels: { tier: 'pre-prod' }, matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['prod'] }] } });
    expect(result.ok && result.value.items.map((s) => s.metadata.name)).toEqual(['test', 'uat']);
    expect(server.requests[0]?.query['labelSelector']).toBe('tier=pre-prod,tier notin (prod)');
    const empty = await adapter().kargo.list('Stage', { namespace: 'elsewhere' });
    expect(empty.ok && empty.value.items).toEqual([]);
  });

  it('gets namespaced and cluster-scoped kinds into the core types', async () => {
    const store = adapter().kargo;
    const warehouse = await store.get('Warehouse', { name: 'kargo-demo' });
    expect(warehouse.ok && warehouse.value.spec.subscriptions[0]).toMatchObject({ image: { repoURL: 'public.ecr.aws/nginx/nginx', constraint: '^1.26.0' } });
    const freight = await store.get('Freight', { namespace: 'kargo-demo', name: 'f5b6d0e2c4a1f3b7a9c8e7d6f5a4b3c2d1e0f9a8' });
    expect(freight.ok && freight.value.images?.[0]?.tag).toBe('1.27.3');
    const project = await store.get('Project', { name: 'kargo-demo' });
    expect(project.ok && project.value.kind).toBe('Project');
    expect(server.requests.at(-1)?.path).toBe('/apis/kargo.akuity.io/v1alpha1/projects/kargo-demo');
  });

  it('gives an invalid resource as an invalid failure with issues, and a missing one as not-found', async () => {
    const bad = await adapter().kargo.get('Stage', { name: 'prod' });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.failure).toMatchObject({ kind: 'invalid', retryable: false });
    expect(bad.failure.issues?.[0]).toMatchObject({ code: 'MANIFEST_INVALID', path: ['spec', 'requestedFreight'] });
    const missing = await adapter().kargo.get('Stage', { name: 'nope' });
    expect(!missing.ok && missing.failure).toMatchObject({ kind: 'not-found', retryable: false, status: 404 });
  });

  it('streams watch events into the core type, ignoring bookmarks and flagging invalid resources', async () => {
    server.setWatchEvents('/apis/kargo.akuity.io/v1alpha1/namespaces/kargo-demo/stages', watchLines as Json[]);
    const events: ResourceEvent<'Stage'>[] = [];
    const watch = await adapter().kargo.watch('Stage', { resourceVersion: '18300', selector: { matchLabels: { tier: 'pre-prod' } } }, (e) => events.push(e));
    expect(watch.ok).toBe(true);
    if (!watch.ok) return;
    expect(await watch.value.done).toEqual({ ok: true, value: undefined });
    expect(events.map((e) => (e.type === 'ERROR' ? 'ERROR' : `${e.type} ${e.key} ${e.resource === undefined ? 'invalid' : 'valid'}`))).toEqual([
      'ADDED kargo-demo/test valid',
      'MODIFIED kargo-demo/test valid',
      'MODIFIED kargo-demo/prod invalid',
      'DELETED kargo-demo/uat valid',
    ]);
    const invalid = events[2];
    expect(invalid?.type !== 'ERROR' && invalid?.issues[0]?.code).toBe('MANIFEST_INVALID');
    const request = server.requests.find((r) => r.query['watch'] === 'true');
    expect(request?.query).toMatchObject({ resourceVersion: '18300', labelSelector: 'tier=pre-prod' });
  });

  it('reports an expired watch (410 Gone) as a retryable conflict event telling the caller to list again', async () => {
    server.setWatchEvents('/apis/kargo.akuity.io/v1alpha1/namespaces/kargo-demo/warehouses', [{ type: 'ERROR', object: { kind: 'Status', apiVersion: 'v1', status: 'Failure', message: 'too old resource version: 1 (18000)', reason: 'Expired', code: 410 } }]);
    const events: ResourceEvent<'Warehouse'>[] = [];
    const watch = await adapter().kargo.watch('Warehouse', { resourceVersion: '1' }, (e) => events.push(e));
    expect(watch.ok && (await watch.value.done).ok).toBe(true);
    expect(events).toHaveLength(1);
    expect(events[0]?.type === 'ERROR' && events[0].failure).toMatchObject({ kind: 'conflict', retryable: true, status: 410 });
    expect(events[0]?.type === 'ERROR' && events[0].failure.message).toContain('list again');
  });

  it('stops an open watch on stop() or when the signal fires, closing the stream', async () => {
    const path = '/apis/kargo.akuity.io/v1alpha1/namespaces/kargo-demo/stages';
    server.setWatchEvents(path, (watchLines as Json[]).slice(0, 1), { hold: true });
    const events: ResourceEvent<'Stage'>[] = [];
    const watch = await adapter().kargo.watch('Stage', {}, (e) => events.push(e));
    if (!watch.ok) throw new Error(watch.failure.message);
    await expect.poll(() => events.length).toBe(1);
    expect(server.openWatches).toBe(1);
    watch.value.stop();
    expect(await watch.value.done).toEqual({ ok: true, value: undefined });
    await expect.poll(() => server.openWatches).toBe(0);

    const controller = new AbortController();
    const second = await adapter().kargo.watch('Stage', { signal: controller.signal }, () => {});
    if (!second.ok) throw new Error(second.failure.message);
    await expect.poll(() => server.openWatches).toBe(1);
    controller.abort();
    expect((await second.value.done).ok).toBe(true);
    await expect.poll(() => server.openWatches).toBe(0);
  });

  it('writes status through the status subresource, re-reading and retrying after a 409 Conflict', async () => {
    let runs = 0;
    // Another writer changes the Stage between the adapter's read and its first write.
    server.beforeNext({ method: 'PUT', pathEndsWith: '/stages/test/status', run: () => server.touch('kargo.akuity.io/v1alpha1', 'Stage', 'kargo-demo', 'test', (o) => ((o['metadata'] as Json)['labels'] = { tier: 'pre-prod', touched: 'yes' })) });
    const result = await adapter().kargo.updateStatus('Stage', {
      name: 'test',
      mutate: (stage) => {
        runs += 1;
        return { ...stage.status, freightSummary: `seen ${stage.metadata.labels?.['touched'] ?? 'first'}` };
      },
    });
    expect(result.ok && result.value.status?.freightSummary).toBe('seen yes');
    expect(runs).toBe(2);
    const writes = server.requests.filter((r) => r.method === 'PUT');
    expect(writes.map((w) => w.path)).toEqual(['/apis/kargo.akuity.io/v1alpha1/namespaces/kargo-demo/stages/test/status', '/apis/kargo.akuity.io/v1alpha1/namespaces/kargo-demo/stages/test/status']);
    expect(((writes[0]?.body as Json)['metadata'] as Json)['resourceVersion']).toBe('18305');
    expect((server.object('kargo.akuity.io/v1alpha1', 'Stage', 'kargo-demo', 'test')?.['status'] as Json)['freightSummary']).toBe('seen yes');
  });

  it('gives up after maxConflictRetries with a retryable conflict failure, and skips the write when mutate returns undefined', async () => {
    const store = createKubernetesAdapter({ kubeConfig: kubeConfigFor(server.url), maxConflictRetries: 1 }).kargo;
    for (let i = 0; i < 2; i += 1) server.beforeNext({ method: 'PUT', pathEndsWith: '/stages/test/status', run: () => server.touch('kargo.akuity.io/v1alpha1', 'Stage', 'kargo-demo', 'test', () => {}) });
    const result = await store.updateStatus('Stage', { name: 'test', mutate: (s) => ({ ...s.status, freightSummary: 'x' }) });
    expect(!result.ok && result.failure).toMatchObject({ kind: 'conflict', retryable: true, status: 409 });
    server.requests.length = 0;
    const unchanged = await store.updateStatus('Stage', { name: 'uat', mutate: () => undefined });
    expect(unchanged.ok && unchanged.value.metadata.name).toBe('uat');
    expect(server.requests.filter((r) => r.method !== 'GET')).toEqual([]);
  });

  it('creates a Promotion after validating it, and refuses an invalid one without a request', async () => {
    const store = adapter().kargo;
    const created = await store.create('Promotion', {
      apiVersion: 'kargo.akuity.io/v1alpha1',
      kind: 'Promotion',
      metadata: { name: 'test.01jabc.f5b6d0e', namespace: 'kargo-demo' },
      spec: { stage: 'test', freight: 'f5b6d0e2c4a1f3b7a9c8e7d6f5a4b3c2d1e0f9a8', steps: [{ uses: 'git-clone', config: { repoURL: 'https://github.com/example/kargo-demo.git' } }] },
    });
    expect(created.ok && created.value.metadata.name).toBe('test.01jabc.f5b6d0e');
    expect(server.requests.at(-1)).toMatchObject({ method: 'POST', path: '/apis/kargo.akuity.io/v1alpha1/namespaces/kargo-demo/promotions' });
    server.requests.length = 0;
    const invalid = await store.create('Promotion', { metadata: { name: 'bad' }, spec: { stage: 42 } });
    expect(!invalid.ok && invalid.failure.kind).toBe('invalid');
    expect(!invalid.ok && (invalid.failure.issues ?? []).length).toBeGreaterThan(0);
    expect(server.requests).toEqual([]);
    const again = await store.create('Promotion', { apiVersion: 'kargo.akuity.io/v1alpha1', kind: 'Promotion', metadata: { name: 'test.01jabc.f5b6d0e', namespace: 'kargo-demo' }, spec: { stage: 'test', freight: 'f5b6d0e2c4a1f3b7a9c8e7d6f5a4b3c2d1e0f9a8', steps: [{ uses: 'git-clone' }] } });
    expect(!again.ok && again.failure).toMatchObject({ kind: 'conflict', status: 409 });
  });
});

describe('failures', () => {
  it('reports refused credentials as unauthorized without ever showing the token', async () => {
    const wrong = createKubernetesAdapter({ kubeConfig: kubeConfigFor(server.url, 'tok-wrong-0123456789') });
    const result = await wrong.kargo.list('Stage');
    expect(!result.ok && result.failure).toMatchObject({ kind: 'unauthorized', retryable: false, status: 401 });
    expect(JSON.stringify(result)).not.toContain('tok-wrong-0123456789');
    const app = await wrong.getApplication({ namespace: 'argocd', name: 'kargo-demo-test' });
    expect(!app.ok && app.failure.kind).toBe('unauthorized');
    expect(JSON.stringify(app)).not.toContain('tok-wrong');
  });

  it('reports an unreachable server as a retryable transport failure, without the token', async () => {
    const closed = await startKubeApiServer({ token: TOKEN });
    const url = closed.url;
    await closed.close();
    const port = createKubernetesAdapter({ kubeConfig: kubeConfigFor(url) });
    const results = [await port.kargo.get('Stage', { name: 'test' }), await port.getApplication({ namespace: 'argocd', name: 'x' })];
    for (const result of results) {
      expect(!result.ok && result.failure).toMatchObject({ kind: 'transport', retryable: true });
      expect(JSON.stringify(result)).not.toContain(TOKEN);
    }
  });

  it('reports a configuration the client refuses (plain HTTP without skipTLSVerify) as a transport failure that is not retryable', async () => {
    const kubeConfig = kubeConfigFor(server.url, TOKEN, 'kargo-demo', false);
    const result = await createKubernetesAdapter({ kubeConfig }).kargo.list('Stage');
    expect(!result.ok && result.failure).toMatchObject({ kind: 'transport', retryable: false });
    expect(!result.ok && result.failure.message).toContain('skipTLSVerify');
    expect(JSON.stringify(result)).not.toContain(TOKEN);
  });

  it('says how to install the client when @kubernetes/client-node cannot be loaded', async () => {
    const port = createKubernetesAdapter({ loadClient: () => Promise.reject(new Error("Cannot find package '@kubernetes/client-node'")) });
    const result = await port.listApplications({ namespace: 'argocd', selector: {} });
    expect(!result.ok && result.failure.kind).toBe('transport');
    expect(!result.ok && result.failure.retryable).toBe(false);
    expect(!result.ok && result.failure.message).toContain('npm install @kubernetes/client-node');
  });

  it('answers a fired signal with a cancelled failure before any request', async () => {
    const controller = new AbortController();
    controller.abort();
    const result = await adapter().kargo.list('Stage', { signal: controller.signal });
    expect(!result.ok && result.failure.kind).toBe('cancelled');
    expect(server.requests).toEqual([]);
  });
});

describe('Argo CD Applications', () => {
  it('reads recorded Applications with their status, and patches with a merge patch carrying the resourceVersion', async () => {
    const port = adapter();
    const got = await port.getApplication({ namespace: 'argocd', name: 'kargo-demo-test' });
    expect(got.ok && got.value.status?.sync?.status).toBe('Synced');
    const patched = await port.patchApplication({ namespace: 'argocd', name: 'kargo-demo-test', operation: { sync: { revisions: ['abc'] }, info: [{ name: 'kargo.akuity.io/promotion', value: 'p1' }] }, refresh: 'hard' });
    expect(patched.ok && patched.value.operation?.sync?.revisions).toEqual(['abc']);
    expect(patched.ok && patched.value.status?.operationState).toBeUndefined();
    expect(patched.ok && patched.value.metadata.annotations?.['argocd.argoproj.io/refresh']).toBe('hard');
    const patch = server.requests.find((r) => r.method === 'PATCH');
    expect(patch?.contentType).toBe('application/merge-patch+json');
    expect(((patch?.body as Json)['metadata'] as Json)['resourceVersion']).toBe('20398');
  });

  it('formats selectors the way the API server reads them', () => {
    expect(formatLabelSelector({ matchLabels: { a: 'b' }, matchExpressions: [{ key: 'e', operator: 'In', values: ['x', 'y'] }, { key: 'k', operator: 'Exists' }, { key: 'g', operator: 'DoesNotExist' }] })).toBe('a=b,e in (x,y),k,!g');
    expect(formatLabelSelector({})).toBeUndefined();
  });

  it('describes itself as available for ClusterPort, the Kargo store and Leases', () => {
    expect(kubernetesAdapter).toMatchObject({ subpath: 'waybill/adapters/kubernetes', available: true, implements: ['ClusterPort', 'KargoResourceStore', 'StorePort', 'LeasePort'] });
  });
});
