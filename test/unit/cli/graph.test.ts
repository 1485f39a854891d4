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

  it('draws the fan-out, fan-in and two-origin shapes of examples/03-pipeline-shapes', () => {
    const r = run(['graph', 'examples/03-pipeline-shapes']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    // Fan-out: test feeds both uat Stages.
    expect(r.stdout).toContain('  st_test -->|"app"| st_uat_east\n  st_test -->|"app"| st_uat_west\n');
    // Fan-in: prod takes the image from both uat Stages.
    expect(r.stdout).toContain('  st_uat_east -->|"app"| st_prod\n  st_uat_west -->|"app"| st_prod\n');
    // Two origins: prod also takes the configuration straight from its Warehouse.
    expect(r.stdout).toContain('  wh_config -->|"config"| st_prod\n');
    expect(r.stdout).toContain('  class wh_app,wh_config warehouse\n');
  });

  it('prints Graphviz DOT with --format dot', () => {
    const r = run(['graph', '--format', 'dot', 'examples/01-quickstart']);
    expect(r).toEqual({
      code: 0,
      stderr: '',
      stdout: [
        'digraph "waybill" {',
        '  rankdir=LR;',
        '  node [fontname="Helvetica"];',
        '  "Warehouse/kargo-demo" [label="kargo-demo", shape=cylinder, style="filled", fillcolor="#eef6ff", color="#3b82f6"];',
        '  "Stage/dev" [label="dev", shape=box];',
        '  "Stage/staging" [label="staging", shape=box];',
        '  "Stage/prod" [label="prod", shape=box];',
        '  "Warehouse/kargo-demo" -> "Stage/dev";',
        '  "Stage/dev" -> "Stage/staging";',
        '  "Stage/staging" -> "Stage/prod";',
        '}',
        '',
      ].join('\n'),
    });
    expect(run(['graph', '--format=dot', '--direction', 'TB', 'examples/01-quickstart']).stdout).toContain('  rankdir=TB;\n');
  });

  it('prints Mermaid with --format mermaid and the JSON report with --format json', () => {
    expect(run(['graph', '--format', 'mermaid', 'examples/01-quickstart']).stdout).toBe(quickstartChart);
    expect(run(['graph', '--format', 'json', 'examples/01-quickstart']).stdout).toBe(run(['graph', '--json', 'examples/01-quickstart']).stdout);
  });

  it('heads each DOT graph with a // comment when there are several Projects', () => {
    const dir = tempProject({
      'a.yaml': `${warehouseYaml('wh', 'team-a')}---\n${stageYaml('dev', { direct: true }, 'team-a')}`,
      'b.yaml': `${warehouseYaml('wh', 'team-b')}---\n${stageYaml('dev', { direct: true }, 'team-b')}`,
    });
    const r = run(['graph', '--format', 'dot', '.'], { cwd: dir });
    expect(r.stdout).toContain('// Project team-a\ndigraph "waybill" {\n');
    expect(r.stdout).toContain('// Project team-b\ndigraph "waybill" {\n');
  });

  it('refuses an unknown format, and --json with another format', () => {
    const unknown = run(['graph', '--format', 'svg', 'examples/01-quickstart']);
    expect(unknown.code).toBe(2);
    expect(unknown.stdout).toBe('');
    const clash = run(['graph', '--json', '--format', 'dot', 'examples/01-quickstart']);
    expect(clash.code).toBe(2);
    expect(clash.stderr).toContain('waybill: --json and --format dot ask for different outputs\n');
  });

  it('says so when there is nothing to draw', () => {
    const dir = tempProject({ 'p.yaml': 'apiVersion: kargo.akuity.io/v1alpha1\nkind: Project\nmetadata:\n  name: p\n' });
    const r = run(['graph', '.'], { cwd: dir });
    expect(r).toEqual({ code: 0, stdout: '', stderr: 'waybill: no Warehouses or Stages found\n' });
  });
});
