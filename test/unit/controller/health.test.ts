import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { createController } from '../../../src/controller/index.js';
import type { ArgoCDApplication, ClusterPort } from '../../../src/ports/index.js';
import { builtinSteps, createStepRegistry, defineStep } from '../../../src/promotion/index.js';
import { get, quickstartResources, stage, world } from './fixture.js';

const deploy = defineStep({
  uses: 'pretend-deploy',
  configSchema: z.looseObject({}),
  run: () => ({ status: 'Succeeded', healthCheck: { uses: 'argocd-update', config: { apps: [{ name: 'guestbook-dev', namespace: 'argocd' }] } } }),
});

function clusterWith(health: () => string): ClusterPort {
  const app = (): ArgoCDApplication => ({ metadata: { name: 'guestbook-dev', namespace: 'argocd' }, spec: {}, status: { health: { status: health() } } }) as ArgoCDApplication;
  return {
    getApplication: async (r) => (r.name === 'guestbook-dev' ? { ok: true, value: app() } : { ok: false, failure: { kind: 'not-found', message: 'no such app', retryable: false } }),
    listApplications: async () => ({ ok: true, value: [app()] }),
    patchApplication: async () => ({ ok: true, value: app() }),
  };
}

describe('Stage health', () => {
  it('follows the Argo CD Applications of the last Promotion, and gates verification on it', async () => {
    let health = 'Progressing';
    const w = world({ resources: quickstartResources({ stages: [stage('dev', { steps: [{ uses: 'pretend-deploy', config: {} }], verification: { analysisTemplates: [{ name: 'smoke' }] } })] }) });
    const cluster = clusterWith(() => health);
    const controller = createController({
      ports: { store: w.store, registry: w.registry, verification: w.verification, steps: () => ({ cluster }) },
      clock: w.clock,
      ids: w.ids,
      steps: createStepRegistry([...builtinSteps, deploy]),
    });
    const pass = await controller.settle();
    expect(pass.nextWakeAt).toBe(w.clock.now().getTime() + 10_000);
    let dev = get(w, 'Stage', 'dev');
    expect(dev.status.health).toEqual({ status: 'Progressing', issues: ['Argo CD Application "argocd/guestbook-dev" is Progressing'] });
    expect(dev.status.conditions.find((c: { type: string }) => c.type === 'Healthy')).toMatchObject({ status: 'Unknown', reason: 'Progressing' });
    expect(dev.status.freightHistory[0].verificationHistory).toBeUndefined();
    expect(w.verification.runs()).toHaveLength(0);

    health = 'Degraded';
    await controller.settle();
    dev = get(w, 'Stage', 'dev');
    expect(dev.status.conditions.find((c: { type: string }) => c.type === 'Healthy')).toMatchObject({ status: 'False', reason: 'Unhealthy' });
    expect(dev.status.conditions.find((c: { type: string }) => c.type === 'Ready')).toMatchObject({ status: 'False', reason: 'Unhealthy' });

    health = 'Healthy';
    await controller.settle();
    dev = get(w, 'Stage', 'dev');
    expect(dev.status.health).toEqual({ status: 'Healthy' });
    expect(dev.status.freightHistory[0].verificationHistory[0]).toMatchObject({ phase: 'Successful' });
    expect(dev.status.conditions.find((c: { type: string }) => c.type === 'Ready')).toMatchObject({ status: 'True' });
  });

  it('counts a Stage as Healthy when no cluster is available to check', async () => {
    const w = world({ resources: quickstartResources({ stages: [stage('dev', { steps: [{ uses: 'pretend-deploy', config: {} }] })] }) });
    const controller = createController({ ports: { store: w.store, registry: w.registry, steps: () => ({}) }, clock: w.clock, ids: w.ids, steps: createStepRegistry([...builtinSteps, deploy]) });
    await controller.settle();
    expect(get(w, 'Stage', 'dev').status.health).toEqual({ status: 'Healthy' });
  });
});
