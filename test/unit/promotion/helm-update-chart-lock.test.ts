import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createManualClock, createMemoryChartRepository, createMemoryHelmDependencies, helmLockDigest, renderHelmLock } from '../../../src/adapters/memory/index.js';
import { builtinSteps, createMemoryWorkTree, createStepRegistry, runPromotionToEnd } from '../../../src/promotion/index.js';
import type { MemoryWorkTree, PromotionRunStatus, StepPorts } from '../../../src/promotion/index.js';
import type { HelmDependencyPort } from '../../../src/ports/index.js';
import type { PromotionStep } from '../../../src/model/index.js';
import { compareLockVersions, readHelmChartDependencies, readLockVersions } from '../../../src/promotion/steps/helm-update-chart-lock.js';

const fixture = (name: string): string => readFileSync(new URL(`../../fixtures/promotion/helm/${name}`, import.meta.url), 'utf8');
const APISIX_CHART = fixture('apisix/Chart.yaml');
const APISIX_LOCK = fixture('apisix/Chart.lock');
const steps = createStepRegistry(builtinSteps);
const NOW = '2026-01-01T00:00:00Z';

async function run(ports: StepPorts, list: PromotionStep[]): Promise<PromotionRunStatus> {
  return runPromotionToEnd({ metadata: { name: 'p', namespace: 'demo' }, spec: { stage: 'dev', freight: 'f', steps: list } }, {}, { steps, now: NOW, ports });
}

describe("Helm's lock digest", () => {
  it('is the digest Helm wrote in a real Chart.lock for its Chart.yaml', async () => {
    const requirements = readHelmChartDependencies(APISIX_CHART);
    expect(requirements.map((d) => [d.name, d.alias, d.condition])).toEqual([
      ['etcd', undefined, 'etcd.enabled'],
      ['apisix-dashboard', 'dashboard', 'dashboard.enabled'],
      ['apisix-ingress-controller', 'ingress-controller', 'ingress-controller.enabled'],
    ]);
    const locked = readLockVersions(APISIX_LOCK).map((d, i) => ({ ...d, repository: requirements[i]?.repository ?? '' }));
    expect(await helmLockDigest(requirements, locked)).toBe('sha256:66359355e14f9363cd4f073e2d0efd1e321cfdbe14b9db357db80c09d568d7f4');
  });

  it('places tags between condition and alias, as a real lock with all three shows', async () => {
    const lock = fixture('datadog-operator.Chart.lock');
    const requirements = [{ name: 'datadog-crds', version: '2.9.0-dev.1', alias: 'datadogCRDs', repository: 'https://helm.datadoghq.com', condition: 'installCRDs', tags: ['install-crds'] }];
    const digest = await helmLockDigest(requirements, [{ name: 'datadog-crds', version: '2.9.0-dev.1', repository: 'https://helm.datadoghq.com' }]);
    expect(lock).toContain(`digest: ${digest}\n`);
  });

  it('follows the documented algorithm for the other fields: Go JSON with sorted map keys and HTML escapes, after Helm cleans the strings', async () => {
    const requirements = [
      { name: 'a\tb', version: '>=1.0 <2', repository: 'https://x.example/charts?a=1&b=2', enabled: true, importValues: [{ parent: 'p', child: 'c' }, 'data'], tags: [] },
      { name: 'local', version: '0.1.0', repository: '' },
    ];
    const locked = [{ name: 'a b', version: '1.5.0', repository: 'https://x.example/charts?a=1&b=2' }, { name: 'local', version: '0.1.0', repository: '' }];
    const json =
      '[[{"name":"a b","version":"\\u003e=1.0 \\u003c2","repository":"https://x.example/charts?a=1\\u0026b=2","enabled":true,"import-values":[{"child":"c","parent":"p"},"data"]},{"name":"local","version":"0.1.0","repository":""}],' +
      '[{"name":"a b","version":"1.5.0","repository":"https://x.example/charts?a=1\\u0026b=2"},{"name":"local","version":"0.1.0","repository":""}]]';
    expect(await helmLockDigest(requirements, locked)).toBe(`sha256:${createHash('sha256').update(json).digest('hex')}`);
  });
});

describe('renderHelmLock', () => {
  it("writes Helm's layout: the real lock, but for the time it was generated", async () => {
    const requirements = readHelmChartDependencies(APISIX_CHART);
    const locked = readLockVersions(APISIX_LOCK).map((d, i) => ({ ...d, repository: requirements[i]?.repository ?? '' }));
    const text = renderHelmLock({ dependencies: locked, digest: await helmLockDigest(requirements, locked), generated: new Date('2023-12-13T15:42:52.636Z') });
    expect(text).toBe(APISIX_LOCK.replace('"2023-12-13T16:42:52.636466+01:00"', '"2023-12-13T15:42:52.636Z"'));
  });

  it('quotes what YAML 1.1 would read as another type, and trims the fraction of a second', () => {
    const text = renderHelmLock({
      dependencies: [{ name: 'yes', version: '1.0', repository: '' }, { name: 'c', version: '1.2.3', repository: 'oci://r.example/c' }],
      digest: 'sha256:00',
      generated: new Date('2026-01-01T00:00:00.000Z'),
    });
    expect(text).toBe('dependencies:\n- name: "yes"\n  repository: ""\n  version: "1.0"\n- name: c\n  repository: oci://r.example/c\n  version: 1.2.3\ndigest: sha256:00\ngenerated: "2026-01-01T00:00:00Z"\n');
  });
});

describe('reading and comparing locks', () => {
  it('reads text fields as strings whatever they look like', () => {
    expect(readHelmChartDependencies('dependencies:\n- name: a\n  version: 1.0\n  repository: https://r\n  enabled: true\n  tags: [x, 1]\n- nope\n')).toEqual([{ name: 'a', version: '1.0', repository: 'https://r', enabled: true, tags: ['x', '1'] }]);
    expect(readLockVersions('dependencies:\n- name: a\n  version: 1.10\n')).toEqual([{ name: 'a', version: '1.10' }]);
    expect(readLockVersions(': : bad')).toEqual([]);
  });

  it('lists changed and added versions in lock order, then removed ones', () => {
    expect(compareLockVersions([{ name: 'a', version: '1' }, { name: 'b', version: '2' }, { name: 'gone', version: '3' }], [{ name: 'b', version: '2' }, { name: 'new', version: '5' }, { name: 'a', version: '4' }])).toEqual([
      ['new', '5'],
      ['a', '1 -> 4'],
      ['gone', ''],
    ]);
  });
});

function chartRepository() {
  const charts = createMemoryChartRepository();
  for (const version of ['9.7.3', '9.8.0', '10.0.0']) charts.push('https://charts.bitnami.com/bitnami', { name: 'etcd', version });
  for (const version of ['0.8.1', '0.8.2']) charts.push('https://charts.apiseven.com', { name: 'apisix-dashboard', version });
  charts.push('https://charts.apiseven.com', { name: 'apisix-ingress-controller', version: '0.13.0' });
  return charts;
}

function chartTree(): MemoryWorkTree {
  return createMemoryWorkTree({ 'charts/apisix/Chart.yaml': APISIX_CHART, 'charts/apisix/Chart.lock': APISIX_LOCK, 'charts/apisix/charts/etcd-9.7.3.tgz': 'old archive' });
}

const updateEtcd: PromotionStep = { uses: 'helm-update-chart', as: 'h', config: { path: 'charts/apisix', charts: [{ repository: 'https://charts.bitnami.com/bitnami', name: 'etcd', version: '9.8.0' }] } };

describe('helm-update-chart with a Helm dependency port', () => {
  it('regenerates Chart.lock and charts/, and lists the locked versions that changed', async () => {
    const tree = chartTree();
    const helm = createMemoryHelmDependencies({ charts: chartRepository(), clock: createManualClock(NOW) });
    const status = await run({ workTree: tree, helm }, [updateEtcd]);
    expect(status.phase).toBe('Succeeded');
    expect(status.state['h']).toEqual({ commitMessage: 'Updated chart dependencies for charts/apisix\n\n- etcd: 9.7.3 -> 9.8.0' });
    const files = tree.files();
    expect(files['charts/apisix/Chart.yaml']).toBe(APISIX_CHART.replace('version: 9.7.3', 'version: 9.8.0'));
    const lock = files['charts/apisix/Chart.lock'] ?? '';
    expect(readLockVersions(lock)).toEqual([
      { name: 'etcd', version: '9.8.0' },
      { name: 'apisix-dashboard', version: '0.8.1' },
      { name: 'apisix-ingress-controller', version: '0.13.0' },
    ]);
    const requirements = readHelmChartDependencies(files['charts/apisix/Chart.yaml'] ?? '');
    const digest = await helmLockDigest(requirements, readLockVersions(lock).map((d, i) => ({ ...d, repository: requirements[i]?.repository ?? '' })));
    expect(lock).toContain(`digest: ${digest}\ngenerated: "2026-01-01T00:00:00Z"\n`);
    expect(Object.keys(files).filter((f) => f.endsWith('.tgz')).sort()).toEqual([
      'charts/apisix/charts/apisix-dashboard-0.8.1.tgz',
      'charts/apisix/charts/apisix-ingress-controller-0.13.0.tgz',
      'charts/apisix/charts/etcd-9.8.0.tgz',
    ]);
    expect(helm.requests).toEqual(['charts/apisix']);
  });

  it('keeps a lock whose versions did not change as it was, and says nothing to commit', async () => {
    const tree = chartTree();
    const helm = createMemoryHelmDependencies({ charts: chartRepository(), clock: createManualClock(NOW) });
    const status = await run({ workTree: tree, helm }, [{ uses: 'helm-update-chart', as: 'h', config: { path: 'charts/apisix' } }]);
    expect(status.state['h']).toEqual({});
    expect(tree.files()['charts/apisix/Chart.lock']).toBe(APISIX_LOCK);
  });

  it('restores the lock when only its timestamp would change', async () => {
    const tree = chartTree();
    // A lock written by another tool: same versions, another digest.
    const other = APISIX_LOCK.replace(/digest: .*/, 'digest: sha256:0000');
    await tree.writeFile('charts/apisix/Chart.lock', other);
    const status = await run({ workTree: tree, helm: createMemoryHelmDependencies({ charts: chartRepository(), clock: createManualClock(NOW) }) }, [{ uses: 'helm-update-chart', as: 'h', config: { path: 'charts/apisix' } }]);
    expect(status.state['h']).toEqual({});
    expect(tree.files()['charts/apisix/Chart.lock']).toBe(other);
  });

  it('locks the highest version a constraint allows, named repositories and local charts', async () => {
    const chart = 'apiVersion: v2\nname: app\nversion: 1.0.0\ndependencies:\n- name: etcd\n  version: ~9.7.0 || ^9.8.0\n  repository: "@bitnami"\n- name: lib\n  version: ">=0.1.0"\n  repository: file://../lib\n';
    const tree = createMemoryWorkTree({ 'app/Chart.yaml': chart, 'lib/Chart.yaml': 'apiVersion: v2\nname: lib\nversion: 0.2.0\n' });
    const helm = createMemoryHelmDependencies({ charts: chartRepository(), repositories: { bitnami: 'https://charts.bitnami.com/bitnami' } });
    const status = await run({ workTree: tree, helm }, [{ uses: 'helm-update-chart', as: 'h', config: { path: 'app' } }]);
    expect(status.state['h']).toEqual({ commitMessage: 'Updated chart dependencies for app\n\n- etcd: 9.8.0\n- lib: 0.2.0' });
    const lock = tree.files()['app/Chart.lock'] ?? '';
    expect(lock).toMatch(/^dependencies:\n- name: etcd\n  repository: https:\/\/charts.bitnami.com\/bitnami\n  version: 9.8.0\n- name: lib\n  repository: file:\/\/..\/lib\n  version: 0.2.0\ndigest: sha256:[0-9a-f]{64}\ngenerated: "1970-01-01T00:00:00Z"\n$/);
    const digest = await helmLockDigest(
      [
        { name: 'etcd', version: '~9.7.0 || ^9.8.0', repository: 'https://charts.bitnami.com/bitnami' },
        { name: 'lib', version: '>=0.1.0', repository: 'file://../lib' },
      ],
      [
        { name: 'etcd', version: '9.8.0', repository: 'https://charts.bitnami.com/bitnami' },
        { name: 'lib', version: '0.2.0', repository: 'file://../lib' },
      ],
    );
    expect(lock).toContain(digest);
    expect(Object.keys(tree.files()).filter((f) => f.endsWith('.tgz')).sort()).toEqual(['app/charts/etcd-9.8.0.tgz', 'app/charts/lib-0.2.0.tgz']);
  });

  it('errors, leaving the lock alone, when a dependency cannot be resolved or the port fails', async () => {
    const tree = chartTree();
    const helm = createMemoryHelmDependencies({ charts: chartRepository() });
    const status = await run({ workTree: tree, helm }, [{ uses: 'helm-update-chart', as: 'h', config: { path: 'charts/apisix', charts: [{ repository: 'https://charts.bitnami.com/bitnami', name: 'etcd', version: '11.0.0' }] } }]);
    expect(status.stepExecutionMetadata[0]).toMatchObject({ status: 'Errored', message: expect.stringContaining('no version of etcd satisfies the constraint in Chart.yaml') });
    expect(tree.files()['charts/apisix/Chart.lock']).toBe(APISIX_LOCK);
    const broken: HelmDependencyPort = { updateDependencies: async () => ({ ok: false, failure: { kind: 'unauthorized', message: 'bad credentials for https://charts.apiseven.com', retryable: false } }) };
    const again = await run({ workTree: chartTree(), helm: broken }, [updateEtcd]);
    expect(again.stepExecutionMetadata[0]?.message).toContain('failed to update chart dependencies in "charts/apisix": bad credentials for https://charts.apiseven.com');
  });

  it('answers a fired signal with a cancelled failure', async () => {
    const controller = new AbortController();
    controller.abort();
    const result = await createMemoryHelmDependencies().updateDependencies({ workTree: chartTree(), chartPath: 'charts/apisix', dependencies: [], signal: controller.signal });
    expect(result).toMatchObject({ ok: false, failure: { kind: 'cancelled' } });
  });
});

describe('helm-update-chart without a Helm dependency port', () => {
  it('says that an existing Chart.lock was not regenerated', async () => {
    const tree = chartTree();
    const status = await run({ workTree: tree }, [updateEtcd]);
    expect(status.state['h']).toEqual({
      commitMessage: 'Updated chart dependencies for charts/apisix\n\n- etcd: 9.7.3 -> 9.8.0',
      lockNotUpdated: 'charts/apisix/Chart.lock was not regenerated and may no longer match Chart.yaml: pass ports.helm (a HelmDependencyPort) to update it and charts/',
    });
    expect(tree.files()['charts/apisix/Chart.lock']).toBe(APISIX_LOCK);
  });

  it('says nothing about a lock when the chart has none or nothing changed', async () => {
    const noLock = createMemoryWorkTree({ 'charts/apisix/Chart.yaml': APISIX_CHART });
    expect((await run({ workTree: noLock }, [updateEtcd])).state['h']).not.toHaveProperty('lockNotUpdated');
    const unchanged = await run({ workTree: chartTree() }, [{ uses: 'helm-update-chart', as: 'h', config: { path: 'charts/apisix' } }]);
    expect(unchanged.state['h']).toEqual({});
  });
});
