import { afterAll, beforeAll, describe, it } from 'vitest';
import { createKubernetesAdapter } from '../../../../src/adapters/kubernetes/index.js';
import { clusterContract, clusterContractFixture } from '../../../../src/testing/index.js';
import { startKubeApiServer, type Json, type KubeApiServer } from '../../../support/kube-api-server.js';
import { kubeConfigFor, TOKEN } from './support.js';

let server: KubeApiServer;
beforeAll(async () => {
  server = await startKubeApiServer({ token: TOKEN });
});
afterAll(async () => {
  await server.close();
});

const seed = (): Json[] => clusterContractFixture.applications.map((app) => ({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', ...(JSON.parse(JSON.stringify(app)) as Json) }));

describe('the Kubernetes adapter keeps the cluster contract against a fake Argo CD', () => {
  for (const check of clusterContract(() => {
    server.reset(seed());
    return createKubernetesAdapter({ kubeConfig: kubeConfigFor(server.url) });
  })) {
    it(check.name, () => check.run());
  }
});
