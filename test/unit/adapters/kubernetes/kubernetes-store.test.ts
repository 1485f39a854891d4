import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Issue } from '../../../../src/errors/index.js';
import { createKubernetesAdapter, createKubernetesStore } from '../../../../src/adapters/kubernetes/index.js';
import type { Promotion } from '../../../../src/model/index.js';
import type { StoreChange } from '../../../../src/ports/index.js';
import { startKubeApiServer, type Json, type KubeApiServer } from '../../../support/kube-api-server.js';
import demo from './recorded/kargo-demo.json' with { type: 'json' };
import { kubeConfigFor, recordedObjects, TOKEN } from './support.js';

const GROUP = 'kargo.akuity.io/v1alpha1';
const STAGES = '/apis/kargo.akuity.io/v1alpha1/namespaces/kargo-demo/stages';

/** The recorded objects, plus a Stage of the same name in a second Project namespace. */
function seed(): Json[] {
  const other = JSON.parse(JSON.stringify(demo.stages[0])) as Json;
  other['metadata'] = { ...(other['metadata'] as Json), namespace: 'kargo-alpha', resourceVersion: '17000' };
  return [...recordedObjects(), other];
}

let server: KubeApiServer;
beforeAll(async () => {
  server = await startKubeApiServer({ token: TOKEN, objects: seed() });
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.reset(seed());
  server.requests.length = 0;
});

const store = (options: Parameters<typeof createKubernetesStore>[1] = {}) => createKubernetesStore(createKubernetesAdapter({ kubeConfig: kubeConfigFor(server.url) }), options);
const stored = (name: string, namespace = 'kargo-demo') => server.object(GROUP, 'Stage', namespace, name);
const writes = () => server.requests.filter((r) => r.method !== 'GET');

describe('the Kubernetes store: reading', () => {
  it('gets a resource into the core type with its resourceVersion, and a missing one as ok undefined', async () => {
    const s = store();
    const test = await s.get('Stage', { namespace: 'kargo-demo', name: 'test' });
    expect(test.ok && test.value?.metadata).toMatchObject({ name: 'test', namespace: 'kargo-demo', resourceVersion: '18305' });
    expect(test.ok && test.value?.spec.requestedFreight[0]?.origin).toEqual({ kind: 'Warehouse', name: 'kargo-demo' });
    const missing = await s.get('Stage', { namespace: 'kargo-demo', name: 'nope' });
    expect(missing).toEqual({ ok: true, value: undefined });
    const project = await s.get('Project', { name: 'kargo-demo', namespace: 'ignored' });
    expect(project.ok && project.value?.kind).toBe('Project');
    expect(server.requests.at(-1)?.path).toBe('/apis/kargo.akuity.io/v1alpha1/projects/kargo-demo');
  });

  it('fails a get of a resource that does not validate with a non-retryable invalid-response', async () => {
    const bad = await store().get('Stage', { namespace: 'kargo-demo', name: 'prod' });
    expect(!bad.ok && bad.failure).toMatchObject({ kind: 'invalid-response', retryable: false });
    expect(!bad.ok && bad.failure.message).toContain('Stage kargo-demo/prod');
  });

  it('lists every namespace through the cluster-wide path, sorted by namespace then name, reporting invalid ones aside', async () => {
    const reported: Issue[] = [];
    const listed = await store({ onInvalid: (issues) => reported.push(...issues) }).list('Stage');
    expect(listed.ok && listed.value.map((s) => `${s.metadata.namespace}/${s.metadata.name}`)).toEqual(['kargo-alpha/test', 'kargo-demo/test', 'kargo-demo/uat']);
    expect(server.requests[0]).toMatchObject({ method: 'GET', path: '/apis/kargo.akuity.io/v1alpha1/stages' });
    expect(reported.filter((i) => i.severity === 'error').map((i) => i.message.split(':')[0])).toEqual(['Stage kargo-demo/prod']);
  });

  it('lists one namespace through its own path, and cluster-scoped kinds through theirs', async () => {
    const s = store();
    const demoStages = await s.list('Stage', { namespace: 'kargo-demo' });
    expect(demoStages.ok && demoStages.value.map((x) => x.metadata.name)).toEqual(['test', 'uat']);
    expect(server.requests.at(-1)?.path).toBe(STAGES);
    const projects = await s.list('Project');
    expect(projects.ok && projects.value.map((p) => p.metadata.name)).toEqual(['kargo-demo']);
    expect(server.requests.at(-1)?.path).toBe('/apis/kargo.akuity.io/v1alpha1/projects');
    const none = await s.list('Promotion', { namespace: 'kargo-empty' });
    expect(none).toEqual({ ok: true, value: [] });
  });

  it('hands out copies: changing a result changes nothing stored', async () => {
    const s = store();
    const first = await s.get('Stage', { namespace: 'kargo-demo', name: 'test' });
    if (!first.ok || first.value === undefined) throw new Error('no Stage');
    (first.value.metadata as { name: string }).name = 'changed';
    const second = await s.get('Stage', { namespace: 'kargo-demo', name: 'test' });
    expect(second.ok && second.value?.metadata.name).toBe('test');
  });

  it('answers a fired signal with cancelled before any request', async () => {
    const controller = new AbortController();
    controller.abort();
    const s = store();
    expect(await s.get('Stage', { namespace: 'kargo-demo', name: 'test', signal: controller.signal })).toMatchObject({ ok: false, failure: { kind: 'cancelled' } });
    expect(await s.list('Stage', { signal: controller.signal })).toMatchObject({ ok: false, failure: { kind: 'cancelled' } });
    expect(server.requests).toEqual([]);
  });

  it('reports refused credentials as unauthorized without the token', async () => {
    const s = createKubernetesStore({ kubeConfig: kubeConfigFor(server.url, 'tok-wrong-0123456789') });
    const result = await s.list('Stage');
    expect(!result.ok && result.failure).toMatchObject({ kind: 'unauthorized', retryable: false, status: 401 });
    expect(JSON.stringify(result)).not.toContain('tok-wrong-0123456789');
  });
});

describe('the Kubernetes store: writing', () => {
  const promotion = (name: string): Promotion => ({
    apiVersion: 'kargo.akuity.io/v1alpha1',
    kind: 'Promotion',
    metadata: { name, namespace: 'kargo-demo' },
    spec: { stage: 'test', freight: 'f5b6d0e2c4a1f3b7a9c8e7d6f5a4b3c2d1e0f9a8', steps: [{ uses: 'git-clone' }] },
  });

  it('creates a resource, which the API server stamps, and refuses an existing name with already-exists', async () => {
    const s = store();
    const created = await s.create(promotion('test.01j0000000.f5b6d0e'));
    expect(created.ok && created.value.metadata).toMatchObject({ name: 'test.01j0000000.f5b6d0e', namespace: 'kargo-demo', creationTimestamp: '2026-01-01T00:00:00Z' });
    expect(created.ok && created.value.metadata.resourceVersion).toMatch(/^\d+$/);
    expect(server.requests.at(-1)).toMatchObject({ method: 'POST', path: '/apis/kargo.akuity.io/v1alpha1/namespaces/kargo-demo/promotions' });
    const again = await s.create(promotion('test.01j0000000.f5b6d0e'));
    expect(!again.ok && again.failure).toMatchObject({ kind: 'already-exists', retryable: false, status: 409 });
    expect(!again.ok && again.failure.message).toContain('already exists');
  });

  it('refuses to create what is not a valid Kargo resource, without a request', async () => {
    const s = store();
    const invalid = await s.create({ ...promotion('bad'), spec: { stage: 42 } } as never);
    expect(!invalid.ok && invalid.failure).toMatchObject({ kind: 'invalid-response', retryable: false });
    const unknown = await s.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } } as never);
    expect(!unknown.ok && unknown.failure.kind).toBe('invalid-response');
    expect(server.requests).toEqual([]);
  });

  it('writes status with the resourceVersion it was computed from, through the status subresource', async () => {
    const s = store();
    const written = await s.updateStatus('Stage', { namespace: 'kargo-demo', name: 'test', status: { phase: 'Steady', freightSummary: 'one' }, resourceVersion: '18305' });
    expect(written.ok && written.value.status?.freightSummary).toBe('one');
    expect(written.ok && written.value.metadata.resourceVersion).not.toBe('18305');
    const put = writes();
    expect(put.map((r) => `${r.method} ${r.path}`)).toEqual([`PUT ${STAGES}/test/status`]);
    expect(((put[0]?.body as Json)['metadata'] as Json)['resourceVersion']).toBe('18305');
    // The new status replaces the old one whole.
    expect(stored('test')?.['status']).toEqual({ phase: 'Steady', freightSummary: 'one' });
  });

  it('fails a status write from a stale resourceVersion with conflict, writes nothing, and does not retry', async () => {
    const s = store();
    const before = stored('test');
    const stale = await s.updateStatus('Stage', { namespace: 'kargo-demo', name: 'test', status: { freightSummary: 'stale' }, resourceVersion: '1' });
    expect(!stale.ok && stale.failure).toMatchObject({ kind: 'conflict', retryable: true, status: 409 });
    expect(writes()).toEqual([]);
    expect(stored('test')).toEqual(before);

    // Someone writes between the read and the write: the API server refuses, once, and that is the answer.
    server.beforeNext({ method: 'PUT', pathEndsWith: '/stages/test/status', run: () => server.touch(GROUP, 'Stage', 'kargo-demo', 'test', () => {}) });
    const raced = await s.updateStatus('Stage', { namespace: 'kargo-demo', name: 'test', status: { freightSummary: 'raced' }, resourceVersion: '18305' });
    expect(!raced.ok && raced.failure.kind).toBe('conflict');
    expect(writes()).toHaveLength(1);
    expect((stored('test')?.['status'] as Json | undefined)?.['freightSummary']).not.toBe('raced');
  });

  it('retries a status write without a resourceVersion over conflicts, like an unconditional write', async () => {
    server.beforeNext({ method: 'PUT', pathEndsWith: '/stages/test/status', run: () => server.touch(GROUP, 'Stage', 'kargo-demo', 'test', () => {}) });
    const written = await store().updateStatus('Stage', { namespace: 'kargo-demo', name: 'test', status: { freightSummary: 'anyway' } });
    expect(written.ok && written.value.status?.freightSummary).toBe('anyway');
    expect(writes()).toHaveLength(2);
  });

  it('fails writes to a missing resource with not-found', async () => {
    const s = store();
    expect(await s.updateStatus('Stage', { namespace: 'kargo-demo', name: 'nope', status: {} })).toMatchObject({ ok: false, failure: { kind: 'not-found', retryable: false } });
    expect(await s.updateMetadata('Stage', { namespace: 'kargo-demo', name: 'nope', labels: { a: 'b' } })).toMatchObject({ ok: false, failure: { kind: 'not-found' } });
    expect(await s.delete('Stage', { namespace: 'kargo-demo', name: 'nope' })).toMatchObject({ ok: false, failure: { kind: 'not-found' } });
  });

  it('sets and removes labels and annotations with one merge patch guarded by the resourceVersion', async () => {
    const s = store();
    const written = await s.updateMetadata('Stage', {
      namespace: 'kargo-demo',
      name: 'test',
      labels: { 'kargo.akuity.io/shard': 'a', tier: null },
      annotations: { 'kargo.akuity.io/refresh': '2026-01-01T00:00:00Z' },
      resourceVersion: '18305',
    });
    expect(written.ok && written.value.metadata.labels).toEqual({ 'kargo.akuity.io/shard': 'a' });
    expect(written.ok && written.value.metadata.annotations?.['kargo.akuity.io/refresh']).toBe('2026-01-01T00:00:00Z');
    const patch = writes()[0];
    expect(patch).toMatchObject({ method: 'PATCH', path: `${STAGES}/test`, contentType: 'application/merge-patch+json' });
    expect(patch?.body).toEqual({ metadata: { resourceVersion: '18305', labels: { 'kargo.akuity.io/shard': 'a', tier: null }, annotations: { 'kargo.akuity.io/refresh': '2026-01-01T00:00:00Z' } } });
    // Spec and status are left as they were.
    expect(stored('test')?.['spec']).toEqual(demo.stages[0]?.spec);

    const stale = await s.updateMetadata('Stage', { namespace: 'kargo-demo', name: 'test', labels: { tier: 'x' }, resourceVersion: '18305' });
    expect(!stale.ok && stale.failure).toMatchObject({ kind: 'conflict', retryable: true });
    expect((stored('test')?.['metadata'] as Json)['labels']).toEqual({ 'kargo.akuity.io/shard': 'a' });
  });

  it('deletes a resource, after which a get finds nothing', async () => {
    const s = store();
    expect(await s.delete('Stage', { namespace: 'kargo-demo', name: 'uat' })).toEqual({ ok: true, value: undefined });
    expect(server.requests.at(-1)).toMatchObject({ method: 'DELETE', path: `${STAGES}/uat` });
    expect(await s.get('Stage', { namespace: 'kargo-demo', name: 'uat' })).toEqual({ ok: true, value: undefined });
    expect(await s.get('Stage', { namespace: 'kargo-alpha', name: 'test' })).toMatchObject({ ok: true, value: { metadata: { name: 'test' } } });
  });

  it('can be made from adapter options, and shares the adapter it was given', async () => {
    const adapter = createKubernetesAdapter({ kubeConfig: kubeConfigFor(server.url) });
    expect(createKubernetesStore(adapter).adapter).toBe(adapter);
    const fromOptions = createKubernetesStore({ kubeConfig: kubeConfigFor(server.url), namespace: 'kargo-demo' });
    const got = await fromOptions.get('Stage', { name: 'uat' });
    expect(got.ok && got.value?.metadata.namespace).toBe('kargo-demo');
  });
});

describe('the Kubernetes store: subscribing', () => {
  it('watches every namespace from a fresh list and reports each change until stopped', async () => {
    const path = '/apis/kargo.akuity.io/v1alpha1/stages';
    const object = (name: string, namespace: string) => ({ ...(demo.stages[0] as Json), metadata: { name, namespace, resourceVersion: '19001' } });
    server.setWatchEvents(
      path,
      [
        { type: 'ADDED', object: object('new', 'kargo-alpha') },
        { type: 'BOOKMARK', object: { kind: 'Stage', apiVersion: GROUP, metadata: { resourceVersion: '19002' } } },
        { type: 'MODIFIED', object: object('test', 'kargo-demo') },
        { type: 'DELETED', object: object('uat', 'kargo-demo') },
      ],
      { hold: true },
    );
    const changes: StoreChange[] = [];
    const stop = store({ watchKinds: ['Stage'] }).subscribe((change) => changes.push(change));
    await expect.poll(() => changes.length).toBe(3);
    expect(changes).toEqual([
      { type: 'created', kind: 'Stage', namespace: 'kargo-alpha', name: 'new' },
      { type: 'updated', kind: 'Stage', namespace: 'kargo-demo', name: 'test' },
      { type: 'deleted', kind: 'Stage', namespace: 'kargo-demo', name: 'uat' },
    ]);
    const list = server.requests.find((r) => r.path === path && r.query['watch'] !== 'true');
    const watch = server.requests.find((r) => r.path === path && r.query['watch'] === 'true');
    expect(list).toBeDefined();
    expect(watch?.query['resourceVersion']).toMatch(/^\d+$/);
    expect(server.openWatches).toBe(1);
    stop();
    await expect.poll(() => server.openWatches).toBe(0);
  });

  it('opens the watch again after the server ends it, continuing from the last version seen, reports a change once, and survives a throwing listener', async () => {
    const path = '/apis/kargo.akuity.io/v1alpha1/warehouses';
    server.setWatchEvents(path, [{ type: 'MODIFIED', object: { ...(demo.warehouse as Json), metadata: { ...(demo.warehouse.metadata as Json), resourceVersion: '19500' } } }]);
    let calls = 0;
    const stop = store({ watchKinds: ['Warehouse'], rewatchDelayMs: 5 }).subscribe(() => {
      calls += 1;
      throw new Error('listener broke');
    });
    const watches = () => server.requests.filter((r) => r.path === path && r.query['watch'] === 'true');
    await expect.poll(() => watches().length).toBeGreaterThanOrEqual(3);
    stop();
    expect(watches()[1]?.query['resourceVersion']).toBe('19500');
    // Every reopened stream replays the same version: the subscriber hears of it once.
    expect(calls).toBe(1);
    // A watch request sent just before stop() may still reach the server; let it land, then
    // no further request may follow: the rewatch loop has ended.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const settled = server.requests.length;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.requests.length).toBe(settled);
  });
});

describe('the Kubernetes store: subscribing to live changes', () => {
  let live: KubeApiServer;
  beforeAll(async () => {
    live = await startKubeApiServer({ token: TOKEN, objects: seed(), liveWatches: true });
  });
  afterAll(async () => {
    await live.close();
  });

  it("tells a subscriber of every write, its own and others', in any namespace, and nothing after it stops", async () => {
    const s = createKubernetesStore({ kubeConfig: kubeConfigFor(live.url), watchKinds: ['Stage', 'Promotion'] });
    const changes: StoreChange[] = [];
    const stop = s.subscribe((change) => changes.push(change));
    await expect.poll(() => live.openWatches).toBe(2);
    expect(changes).toEqual([]); // the existing resources are not reported as new
    const created = await s.create({ apiVersion: 'kargo.akuity.io/v1alpha1', kind: 'Promotion', metadata: { name: 'uat.01j0000000.f5b6d0e', namespace: 'kargo-demo' }, spec: { stage: 'uat', freight: 'f5b6d0e2c4a1f3b7a9c8e7d6f5a4b3c2d1e0f9a8', steps: [{ uses: 'git-clone' }] } });
    expect(created.ok).toBe(true);
    await s.updateStatus('Stage', { namespace: 'kargo-alpha', name: 'test', status: { freightSummary: 'x' }, resourceVersion: '17000' });
    live.touch(GROUP, 'Stage', 'kargo-demo', 'uat', (o) => ((o['metadata'] as Json)['annotations'] = { by: 'someone else' }));
    await s.delete('Promotion', { namespace: 'kargo-demo', name: 'uat.01j0000000.f5b6d0e' });
    await expect.poll(() => changes.length).toBe(4);
    expect(changes).toEqual([
      { type: 'created', kind: 'Promotion', namespace: 'kargo-demo', name: 'uat.01j0000000.f5b6d0e' },
      { type: 'updated', kind: 'Stage', namespace: 'kargo-alpha', name: 'test' },
      { type: 'updated', kind: 'Stage', namespace: 'kargo-demo', name: 'uat' },
      { type: 'deleted', kind: 'Promotion', namespace: 'kargo-demo', name: 'uat.01j0000000.f5b6d0e' },
    ]);
    stop();
    await expect.poll(() => live.openWatches).toBe(0);
    await s.updateMetadata('Stage', { namespace: 'kargo-demo', name: 'test', labels: { after: 'stop' } });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(changes).toHaveLength(4);
  });
});
