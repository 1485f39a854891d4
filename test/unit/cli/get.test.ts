import { describe, expect, it } from 'vitest';
import { humanDuration, renderTable } from '../../../src/cli/table.js';
import { quickstartCopy, runAsync, stageYaml, tempProject, warehouseYaml } from './harness.js';
import { defaultStatePath, devStageStatus, freight, FREIGHT_NAME, promotion, writeState } from './state-fixtures.js';

const NOW = ['--now', '2026-03-01T10:00:00Z'];

function withState(): string {
  const dir = quickstartCopy();
  writeState(defaultStatePath(dir), [freight(), devStageStatus(), promotion()]);
  return dir;
}

describe('waybill get', () => {
  it('lists Stages with the Kargo CLI columns, status from the state file', async () => {
    const dir = withState();
    const r = await runAsync(['get', 'stages', '-f', 'kargo', ...NOW], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        'NAME      SHARD     CURRENT FREIGHT   HEALTH    READY     STATUS           AGE',
        'dev                 a1b2c3d           Healthy   True      Stage is ready   24h',
        'prod                                            Unknown',
        'staging                                         Unknown',
        '',
      ].join('\n'),
    );
  });

  it('lists Freight as NAME ALIAS ORIGIN AGE, aged from its discovery', async () => {
    const r = await runAsync(['get', 'freight', '-f', 'kargo', ...NOW], { cwd: withState() });
    expect(r.stdout).toBe(['NAME                                       ALIAS         ORIGIN                 AGE', `${FREIGHT_NAME}   brave-otter   Warehouse/kargo-demo   120m`, ''].join('\n'));
  });

  it('lists Warehouses, Projects and Promotions', async () => {
    const dir = withState();
    expect((await runAsync(['get', 'warehouses', '-f', 'kargo', ...NOW], { cwd: dir })).stdout).toBe('NAME         SHARD     AGE\nkargo-demo\n');
    expect((await runAsync(['get', 'projects', '-f', 'kargo', ...NOW], { cwd: dir })).stdout).toBe('NAME         READY     STATUS    AGE\nkargo-demo   Unknown\n');
    const promos = await runAsync(['get', 'promotions', '-f', 'kargo', ...NOW, '--stage', 'dev', '--no-headers'], { cwd: dir });
    expect(promos.stdout).toBe(`dev.01jnq0000000000000000000000.a1b2c3d             dev       ${FREIGHT_NAME}   Succeeded   90m\n`);
    expect((await runAsync(['get', 'promotions', '-f', 'kargo', '--stage', 'prod'], { cwd: dir })).stderr).toBe('No Promotions found in Project "kargo-demo".\n');
  });

  it('finds Freight by alias and prints one resource as JSON or YAML, several as a List', async () => {
    const dir = withState();
    const one = await runAsync(['get', 'freight', 'brave-otter', '-f', 'kargo', '--json'], { cwd: dir });
    expect(JSON.parse(one.stdout)).toMatchObject({ kind: 'Freight', metadata: { name: FREIGHT_NAME }, status: { verifiedIn: { dev: {} } } });
    const list = await runAsync(['get', 'stages', '-f', 'kargo', '-o', 'json'], { cwd: dir });
    const doc = JSON.parse(list.stdout) as { kind: string; items: { metadata: { name: string } }[] };
    expect(doc.kind).toBe('List');
    expect(doc.items.map((i) => i.metadata.name)).toEqual(['dev', 'prod', 'staging']);
    const yaml = await runAsync(['get', 'stage', 'dev', '-f', 'kargo', '-o', 'yaml'], { cwd: dir });
    expect(yaml.stdout).toContain('kind: Stage\nmetadata:\n  name: dev\n');
    expect(yaml.stdout).toContain('freightSummary: a1b2c3d');
  });

  it('prints kind.group/name with -o name', async () => {
    const r = await runAsync(['get', 'stages', '-f', 'kargo', '-o', 'name'], { cwd: withState() });
    expect(r.stdout).toBe('stage.kargo.akuity.io/dev\nstage.kargo.akuity.io/prod\nstage.kargo.akuity.io/staging\n');
  });

  it('exits 1 naming what it cannot find, still printing what it found', async () => {
    const r = await runAsync(['get', 'stages', 'dev', 'qa', '-f', 'kargo', '-o', 'name'], { cwd: withState() });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('stage.kargo.akuity.io/dev\n');
    expect(r.stderr).toBe('waybill: Stage "qa" not found in Project "kargo-demo"\n');
  });

  it('adds a PROJECT column when the resources span several Projects', async () => {
    const dir = tempProject({
      'a.yaml': `${warehouseYaml('wh', 'team-a')}---\n${stageYaml('dev', { direct: true }, 'team-a')}`,
      'b.yaml': `${warehouseYaml('wh', 'team-b')}---\n${stageYaml('dev', { direct: true }, 'team-b')}`,
    });
    const all = await runAsync(['get', 'stages', '-f', '.'], { cwd: dir });
    expect(all.stdout.split('\n')[0]).toMatch(/^PROJECT\s+NAME\s+SHARD/);
    expect(all.stdout).toMatch(/\nteam-a\s+dev\s/);
    const one = await runAsync(['get', 'stages', '-f', '.', '--project', 'team-b', '-o', 'name'], { cwd: dir });
    expect(one.stdout).toBe('stage.kargo.akuity.io/dev\n');
  });

  it('refuses an unknown kind, a missing kind, no manifests and clashing outputs with exit 2', async () => {
    const dir = withState();
    expect((await runAsync(['get', 'pods', '-f', 'kargo'], { cwd: dir })).code).toBe(2);
    expect((await runAsync(['get', '-f', 'kargo'], { cwd: dir })).code).toBe(2);
    const none = await runAsync(['get', 'stages'], { cwd: dir });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('get needs manifests (-f <path>, or manifests: in waybill.config.yaml) or --cluster');
    expect((await runAsync(['get', 'stages', '-f', 'kargo', '--json', '-o', 'yaml'], { cwd: dir })).code).toBe(2);
    expect((await runAsync(['get', 'stages', '-f', 'kargo', '-o', 'wide'], { cwd: dir })).code).toBe(2);
  });

  it('takes the manifests and the state file from the configuration file', async () => {
    const dir = quickstartCopy({ 'waybill.config.yaml': 'manifests: [kargo]\nstate: run/state.json\n' });
    writeState(`${dir}/run/state.json`, [freight()]);
    const r = await runAsync(['get', 'freight', '-o', 'name'], { cwd: dir });
    expect(r).toMatchObject({ code: 0, stdout: `freight.kargo.akuity.io/${FREIGHT_NAME}\n` });
  });

  it('refuses a state file that is not one', async () => {
    const dir = quickstartCopy({ 'bad.json': '{"format":"something-else"}' });
    const r = await runAsync(['get', 'stages', '-f', 'kargo', '--state', 'bad.json'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is not a waybill.state/v1 document');
  });

  it('refuses manifests with errors, exit 1', async () => {
    const dir = tempProject({ 's.yaml': stageYaml('dev', { direct: true }).replace('direct: true', 'direct: 42') });
    const r = await runAsync(['get', 'stages', '-f', '.'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error MANIFEST_INVALID');
  });

  it('exits 4 when the cluster cannot be reached', async () => {
    const r = await runAsync(['get', 'stages', '--cluster', '--kubeconfig', '/nonexistent/kubeconfig'], { cwd: tempProject({}) });
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/^waybill: cannot reach the cluster: /);
  });
});

describe('tables and ages', () => {
  it('pads columns to at least 10 characters and 3 spaces apart, the last one unpadded', () => {
    expect(renderTable(['Name', 'Age'], [['a', '1s'], ['a-long-name-here', '2m']])).toBe('NAME               AGE\na                  1s\na-long-name-here   2m\n');
  });

  it.each([
    [0, '0s'],
    [-1500, '0s'],
    [-5000, '<invalid>'],
    [119_000, '119s'],
    [125_000, '2m5s'],
    [600_000, '10m'],
    [179 * 60_000, '179m'],
    [3 * 3_600_000 + 60_000, '3h1m'],
    [8 * 3_600_000, '8h'],
    [47 * 3_600_000, '47h'],
    [49 * 3_600_000, '2d1h'],
    [10 * 86_400_000, '10d'],
    [800 * 86_400_000, '2y70d'],
    [9 * 365 * 86_400_000, '9y'],
  ])('humanDuration(%i) is %s, as kubectl prints ages', (ms, text) => {
    expect(humanDuration(ms)).toBe(text);
  });
});
