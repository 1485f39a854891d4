import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKubernetesLease } from '../../../src/adapters/kubernetes/index.js';
import { createManualClock, createMemoryLease } from '../../../src/adapters/memory/index.js';
import { leaseContract, runContract } from '../../../src/testing/index.js';
import { startKubeApiServer, type KubeApiServer } from '../../support/kube-api-server.js';
import { kubeConfigFor, TOKEN } from '../adapters/kubernetes/support.js';

describe('the memory Lease keeps the Lease contract', () => {
  for (const check of leaseContract(() => createMemoryLease(createManualClock('2026-01-01T00:00:00Z')))) it(check.name, () => check.run());
});

describe('the memory Lease keeps the Lease contract without a clock', () => {
  for (const check of leaseContract(() => createMemoryLease())) it(check.name, () => check.run());
});

describe('the Kubernetes Lease keeps the Lease contract against a fake API server', () => {
  let server: KubeApiServer;
  beforeAll(async () => {
    server = await startKubeApiServer({ token: TOKEN });
  });
  afterAll(async () => {
    await server.close();
  });
  for (const check of leaseContract(() => {
    server.reset([]);
    return createKubernetesLease({ kubeConfig: kubeConfigFor(server.url) });
  })) {
    it(check.name, () => check.run());
  }
});

describe('the Lease contract', () => {
  it('catches a Lease that ignores resourceVersion and answers a second create with success', async () => {
    const careless = () => {
      const inner = createMemoryLease();
      return {
        get: inner.get,
        async create(ref: Parameters<typeof inner.create>[0]) {
          const existing = await inner.get(ref);
          if (existing.ok && existing.value !== undefined) return inner.update({ ...ref, resourceVersion: existing.value.resourceVersion });
          return inner.create(ref);
        },
        async update(ref: Parameters<typeof inner.update>[0]) {
          const existing = await inner.get(ref);
          return inner.update({ ...ref, resourceVersion: existing.ok && existing.value !== undefined ? existing.value.resourceVersion : ref.resourceVersion });
        },
      };
    };
    const outcomes = await runContract(leaseContract(careless));
    const failed = outcomes.filter((o) => !o.passed).map((o) => o.name);
    expect(failed).toEqual([
      'LeasePort.create() of an existing Lease fails with already-exists and changes nothing',
      'LeasePort.update() with a stale resourceVersion fails with conflict and changes nothing',
    ]);
  });
});
