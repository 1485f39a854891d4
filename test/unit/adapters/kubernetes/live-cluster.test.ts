import { describe, expect, it } from 'vitest';
import { KubeConfig } from '@kubernetes/client-node';
import { createKubernetesAdapter, createKubernetesLease, createKubernetesStore } from '../../../../src/adapters/kubernetes/index.js';

// Runs against the cluster named by KUBECONFIG, read-only: it lists and reads, never writes.
const kubeconfigPath = process.env['KUBECONFIG'];

describe('the Kubernetes adapter against a live API server', () => {
  if (kubeconfigPath === undefined || kubeconfigPath === '') {
    it('no KUBECONFIG: live cluster tests not run', () => {
      expect(process.env['KUBECONFIG'] ?? '').toBe('');
    });
    return;
  }

  // Loaded lazily so that an unreadable KUBECONFIG fails a test with its reason, not the collection.
  let loaded: ReturnType<typeof createKubernetesAdapter> | undefined;
  const adapter = new Proxy({} as ReturnType<typeof createKubernetesAdapter>, {
    get(_target, key) {
      if (loaded === undefined) {
        const kubeConfig = new KubeConfig();
        kubeConfig.loadFromFile(kubeconfigPath);
        loaded = createKubernetesAdapter({ kubeConfig });
      }
      return loaded[key as keyof typeof loaded];
    },
  });
  const namespace = process.env['WAYBILL_LIVE_NAMESPACE'] ?? 'kargo-demo';

  it('lists Kargo Projects (cluster-scoped) into the core type or says why not', async () => {
    const result = await adapter.kargo.list('Project');
    if (result.ok) for (const project of result.value.items) expect(project.kind).toBe('Project');
    else expect(['unauthorized', 'not-found'], result.failure.message).toContain(result.failure.kind);
  });

  it('lists the Stages of a namespace, every one valid or reported with issues', async () => {
    const result = await adapter.kargo.list('Stage', { namespace });
    if (!result.ok) {
      expect(['unauthorized', 'not-found'], result.failure.message).toContain(result.failure.kind);
      return;
    }
    for (const stage of result.value.items) expect(stage.metadata.namespace).toBe(namespace);
  });

  it('lists Stages of every namespace through the store, sorted by namespace then name (or says why not)', async () => {
    const result = await createKubernetesStore(adapter).list('Stage');
    if (!result.ok) {
      expect(['unauthorized', 'not-found'], result.failure.message).toContain(result.failure.kind);
      return;
    }
    const places = result.value.map((s) => [s.metadata.namespace ?? '', s.metadata.name ?? ''] as const);
    const before = (a: readonly [string, string], b: readonly [string, string]): number => (a[0] !== b[0] ? (a[0] < b[0] ? -1 : 1) : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0);
    expect(places).toEqual([...places].sort(before));
  });

  it('reads a missing Lease as ok undefined (or a clear refusal), without writing', async () => {
    const result = await createKubernetesLease(adapter).get({ namespace, name: 'waybill-live-test-does-not-exist' });
    if (result.ok) expect(result.value).toBeUndefined();
    else expect(['unauthorized'], result.failure.message).toContain(result.failure.kind);
  });

  it('answers a missing Argo CD Application with not-found (or a clear refusal)', async () => {
    const result = await adapter.getApplication({ namespace: 'argocd', name: 'waybill-live-test-does-not-exist' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(['not-found', 'unauthorized'], result.failure.message).toContain(result.failure.kind);
  });
});
