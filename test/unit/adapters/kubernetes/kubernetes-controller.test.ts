import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKubernetesStore } from '../../../../src/adapters/kubernetes/index.js';
import { startKubeApiServer, type Json, type KubeApiServer } from '../../../support/kube-api-server.js';
import { deployedTag, PROJECT, quickstartResources, world } from '../../controller/fixture.js';
import { kubeConfigFor, TOKEN } from './support.js';

let server: KubeApiServer;
beforeAll(async () => {
  server = await startKubeApiServer({ token: TOKEN, objects: quickstartResources() as unknown as Json[] });
});
afterAll(async () => {
  await server.close();
});

const listed = async (plural: string): Promise<Json[]> => {
  const response = await fetch(`${server.url}/apis/kargo.akuity.io/v1alpha1/namespaces/${PROJECT}/${plural}`, { headers: { authorization: `Bearer ${TOKEN}` } });
  return ((await response.json()) as { items: Json[] }).items;
};

describe('a waybill controller over the Kubernetes store', () => {
  it('reconciles what the cluster holds: discovers Freight, auto-promotes it, and writes Kargo objects back', async () => {
    const w = world();
    const controller = w.restart(createKubernetesStore({ kubeConfig: kubeConfigFor(server.url) }));
    const pass = await controller.settle();
    expect(pass.outcomes.flatMap((o) => o.issues)).toEqual([]);
    const freight = await listed('freights');
    expect(freight).toHaveLength(1);
    expect(deployedTag(w, 'dev')).toBe('1.0.0');
    const promotions = await listed('promotions');
    expect(promotions.map((p) => [(p['spec'] as Json)['stage'], (p['status'] as Json | undefined)?.['phase']])).toEqual([['dev', 'Succeeded']]);
    const dev = (await listed('stages')).find((s) => (s['metadata'] as Json)['name'] === 'dev');
    expect((dev?.['status'] as Json | undefined)?.['freightSummary']).toBe((freight[0]?.['metadata'] as Json)['name']);
    // Level-triggered: settling an unchanged cluster again writes nothing.
    server.requests.length = 0;
    const again = await controller.settle();
    expect(again.changed).toBe(false);
    expect(server.requests.filter((r) => r.method !== 'GET')).toEqual([]);
  });
});
