import { describe, expect, it } from 'vitest';
import type { GraphReport } from '../../../src/cli/commands/graph.js';
import { run, stageYaml, tempProject, warehouseYaml } from './harness.js';

const quickstartChart = [
  'flowchart LR',
  '  wh_kargo_demo[("kargo-demo")]',
  '  st_dev["dev"]',
  '  st_staging["staging"]',
  '  st_prod["prod"]',
  '  wh_kargo_demo --> st_dev',
  '  st_dev --> st_staging',
  '  st_staging --> st_prod',
  '  classDef warehouse fill:#eef6ff,stroke:#3b82f6',
  '  class wh_kargo_demo warehouse',
  '',
].join('\n');

describe('waybill graph', () => {
  it('prints the quickstart pipeline as a Mermaid flowchart', () => {
    expect(run(['graph', 'examples/01-quickstart'])).toEqual({ code: 0, stdout: quickstartChart, stderr: '' });
  });

  it('lays the chart out as asked', () => {
    expect(run(['graph', '--direction', 'TB', 'examples/01-quickstart']).stdout.startsWith('flowchart TB\n')).toBe(true);
  });

  it('prints JSON with --json', () => {
    const r = run(['graph', '--json', 'examples/01-quickstart']);
    const report = JSON.parse(r.stdout) as GraphReport;
    expect(report.format).toBe('waybill.graph/v1');
    expect(report.ok).toBe(true);
    expect(report.issues).toEqual([]);
    expect(report.projects).toHaveLength(1);
    expect(report.projects[0]?.namespace).toBe('kargo-demo');
    expect(report.projects[0]?.graph?.edges).toEqual([
      { from: 'Warehouse/kargo-demo', to: 'Stage/dev', origin: 'Warehouse/kargo-demo', source: 'direct' },
      { from: 'Stage/dev', to: 'Stage/staging', origin: 'Warehouse/kargo-demo', source: 'stage' },
      { from: 'Stage/staging', to: 'Stage/prod', origin: 'Warehouse/kargo-demo', source: 'stage' },
    ]);
  });

  it('prints one chart per Project, each headed by a comment', () => {
    const dir = tempProject({
      'a.yaml': `${warehouseYaml('wh', 'team-a')}---\n${stageYaml('dev', { direct: true }, 'team-a')}`,
      'b.yaml': `${warehouseYaml('wh', 'team-b')}---\n${stageYaml('dev', { direct: true }, 'team-b')}`,
    });
    const r = run(['graph', '.'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('%% Project team-a\nflowchart LR\n');
    expect(r.stdout).toContain('%% Project team-b\nflowchart LR\n');
  });

  it('prints warnings to stderr and still draws, dashing undefined nodes', () => {
    const dir = tempProject({ 's.yaml': stageYaml('prod', { stages: ['qa'] }) });
    const r = run(['graph', '.'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('s.yaml:13:9 warning GRAPH_UNKNOWN_STAGE');
    expect(r.stdout).toContain('  class st_qa undeclared\n');
  });

  it('exits 1 when a manifest does not parse, drawing what did parse', () => {
    const dir = tempProject({ 's.yaml': `${stageYaml('dev', { direct: true })}---\n${stageYaml('bad', { direct: true }).replace('direct: true', 'direct: 1')}` });
    const r = run(['graph', 's.yaml'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error MANIFEST_INVALID');
    expect(r.stdout).toContain('  st_dev["dev"]\n');
    expect(r.stdout).not.toContain('st_bad');
  });

  it('says so when there is nothing to draw', () => {
    const dir = tempProject({ 'p.yaml': 'apiVersion: kargo.akuity.io/v1alpha1\nkind: Project\nmetadata:\n  name: p\n' });
    const r = run(['graph', '.'], { cwd: dir });
    expect(r).toEqual({ code: 0, stdout: '', stderr: 'waybill: no Warehouses or Stages found\n' });
  });
});
