import { afterAll, beforeAll, describe, it } from 'vitest';
import { createKubernetesStore } from '../../../src/adapters/kubernetes/index.js';
import { storeContract } from '../../../src/testing/index.js';
import { startKubeApiServer, type KubeApiServer } from '../../support/kube-api-server.js';
import { kubeConfigFor, TOKEN } from '../adapters/kubernetes/support.js';

describe('the Kubernetes store keeps the store contract against a fake API server', () => {
  let server: KubeApiServer;
  beforeAll(async () => {
    server = await startKubeApiServer({ token: TOKEN, liveWatches: true });
  });
  afterAll(async () => {
    await server.close();
  });
  for (const check of storeContract(() => {
    server.reset([]);
    return createKubernetesStore({ kubeConfig: kubeConfigFor(server.url), rewatchDelayMs: 10 });
  })) {
    it(check.name, () => check.run());
  }
});
