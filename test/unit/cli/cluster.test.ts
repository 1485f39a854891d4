import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startKubeApiServer, type KubeApiServer } from '../../support/kube-api-server.js';
import { recordedObjects, TOKEN } from '../adapters/kubernetes/support.js';
import { runAsync, tempProject } from './harness.js';

// A fake API server seeded with a recorded kargo-demo Project: Stages test, uat and prod (whose
// recorded status does not validate, so it is left out with a warning), and Freight wonky-wombat
// verified in test.
let server: KubeApiServer;
let dir: string;

beforeAll(async () => {
  server = await startKubeApiServer({ token: TOKEN, objects: recordedObjects() });
  dir = tempProject({});
  const kubeconfig = [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    `- name: fake\n  cluster:\n    server: ${server.url}\n    insecure-skip-tls-verify: true`,
    'users:',
    `- name: robot\n  user:\n    token: ${TOKEN}`,
    'contexts:',
    '- name: fake\n  context:\n    cluster: fake\n    user: robot\n    namespace: kargo-demo',
    'current-context: fake',
    '',
  ].join('\n');
  writeFileSync(join(dir, 'kubeconfig'), kubeconfig);
});
afterAll(async () => {
  await server?.close();
});
beforeEach(() => {
  server.reset(recordedObjects());
});

describe('stateful commands on a cluster', () => {
  it('lists the Stages and Freight of the cluster', async () => {
    const stages = await runAsync(['get', 'stages', '--kubeconfig', 'kubeconfig', '-o', 'name'], { cwd: dir });
    expect(stages).toMatchObject({ code: 0, stdout: 'stage.kargo.akuity.io/test\nstage.kargo.akuity.io/uat\n' });
    expect(stages.stderr).toMatch(/^waybill: warning: left out a resource that does not validate: Stage kargo-demo\/prod: /);
    const freight = await runAsync(['get', 'freight', 'wonky-wombat', '--cluster', '--json'], { cwd: dir, env: { KUBECONFIG: join(dir, 'kubeconfig') } });
    expect(JSON.parse(freight.stdout)).toMatchObject({ kind: 'Freight', metadata: { name: 'f5b6d0e2c4a1f3b7a9c8e7d6f5a4b3c2d1e0f9a8' } });
  });

  it('approves Freight in the cluster', async () => {
    const r = await runAsync(['approve', '--freight-alias', 'wonky-wombat', '--stage', 'uat', '--kubeconfig', 'kubeconfig', '--now', '2026-03-01T10:00:00Z'], { cwd: dir });
    expect(r.stdout).toBe('Freight wonky-wombat (f5b6d0e) approved for Stage uat (Project kargo-demo).\n');
    expect(r.code).toBe(0);
    const stored = server.object('kargo.akuity.io/v1alpha1', 'Freight', 'kargo-demo', 'f5b6d0e2c4a1f3b7a9c8e7d6f5a4b3c2d1e0f9a8');
    expect(stored).toMatchObject({ status: { approvedFor: { uat: { approvedAt: '2026-03-01T10:00:00Z' } } } });
    const explained = await runAsync(['explain', 'uat', 'wonky-wombat', '--kubeconfig', 'kubeconfig', '--json'], { cwd: dir });
    expect(JSON.parse(explained.stdout)).toMatchObject({ available: true });
  });

  it('refuses a context the kubeconfig does not have, and exits 4 when the cluster refuses the token', async () => {
    const context = await runAsync(['get', 'stages', '--kubeconfig', 'kubeconfig', '--context', 'nope'], { cwd: dir });
    expect(context).toMatchObject({ code: 2, stderr: 'waybill: the kubeconfig has no context named "nope"\n' });
    writeFileSync(join(dir, 'bad-kubeconfig'), `apiVersion: v1\nkind: Config\nclusters:\n- name: fake\n  cluster:\n    server: ${server.url}\n    insecure-skip-tls-verify: true\nusers:\n- name: robot\n  user:\n    token: wrong\ncontexts:\n- name: fake\n  context:\n    cluster: fake\n    user: robot\ncurrent-context: fake\n`);
    const denied = await runAsync(['get', 'stages', '--kubeconfig', 'bad-kubeconfig'], { cwd: dir });
    expect(denied.code).toBe(4);
    expect(denied.stderr).toMatch(/^waybill: cannot list/);
    expect(denied.stderr).not.toContain(TOKEN);
  });
});
