import { describe, expect, it } from 'vitest';
import type { ValidateReport } from '../../../src/cli/commands/validate.js';
import { run, stageYaml, tempProject, warehouseYaml } from './harness.js';

describe('waybill validate', () => {
  it('passes the quickstart example', () => {
    const r = run(['validate', 'examples/01-quickstart']);
    expect(r).toEqual({ code: 0, stdout: '6 resources in 3 files: no problems found\n', stderr: '' });
  });

  it('reports an invalid field as file:line:col severity CODE message, with a caret excerpt, and exits 1', () => {
    const dir = tempProject({ 'stage.yaml': stageYaml('dev', { direct: true }).replace('direct: true', 'direct: 42') });
    const r = run(['validate', 'stage.yaml'], { cwd: dir });
    expect(r.code).toBe(1);
    const [head, ...excerpt] = r.stdout.split('\n');
    expect(head).toMatch(/^stage\.yaml:12:15 error MANIFEST_INVALID .+ \(at spec\.requestedFreight\[0\]\.sources\.direct\)$/);
    expect(excerpt.slice(0, 3)).toEqual(['   11 |     sources:', '   12 |       direct: 42', '      |               ^^']);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('0 resources in 1 file: 1 error');
  });

  it('reports YAML syntax errors with their position', () => {
    const dir = tempProject({ 'broken.yml': 'kind: Stage\nmetadata: [\n' });
    const r = run(['validate', '.'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^broken\.yml:\d+:\d+ error YAML_SYNTAX /m);
  });

  it('places graph warnings at the line of the upstream name, and exits 0 with only warnings', () => {
    const dir = tempProject({
      'wh.yaml': warehouseYaml('wh'),
      'stages.yaml': `${stageYaml('dev', { direct: true })}---\n${stageYaml('prod', { stages: ['dev', 'qa'] })}`,
    });
    const r = run(['validate', dir], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('stages.yaml:34:9 warning GRAPH_UNKNOWN_STAGE Stage "prod" requests Freight from upstream Stage "qa", which is not defined (at spec.requestedFreight[0].sources.stages[1])\n');
    expect(r.stdout).toContain('   34 |       - qa\n      |         ^^\n');
    expect(r.stdout).toContain('3 resources in 2 files: 1 warning\n');
  });

  it('warns about a cycle and an unknown Warehouse', () => {
    const dir = tempProject({
      'wh.yaml': warehouseYaml('wh'),
      'a.yaml': stageYaml('a', { stages: ['b'] }),
      'b.yaml': stageYaml('b', { stages: ['a'] }, 'demo', 'other'),
    });
    const r = run(['validate', '--json', '.'], { cwd: dir });
    const report = JSON.parse(r.stdout) as ValidateReport;
    expect(r.code).toBe(0);
    expect(report.issues.map((i) => [i.code, i.file, i.severity])).toEqual([
      ['GRAPH_CYCLE', 'a.yaml', 'warning'],
      ['GRAPH_UNKNOWN_WAREHOUSE', 'b.yaml', 'warning'],
    ]);
    expect(report.issues[0]?.message).toBe('Stages form a cycle: a -> b -> a');
  });

  it('does not check the graph while a manifest does not parse, so neighbours are not blamed', () => {
    const dir = tempProject({
      'dev.yaml': stageYaml('dev', { direct: true }).replace('direct: true', 'direct: 42'),
      'prod.yaml': stageYaml('prod', { stages: ['dev'] }),
    });
    const r = run(['validate', '--json', '.'], { cwd: dir });
    expect((JSON.parse(r.stdout) as ValidateReport).issues.map((i) => i.code)).toEqual(['MANIFEST_INVALID']);
  });

  it('prints a stable JSON report with --json', () => {
    const r = run(['validate', '--json', 'examples/01-quickstart']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as ValidateReport;
    expect(report).toMatchObject({ format: 'waybill.validate/v1', ok: true, summary: { files: 3, resources: 6, errors: 0, warnings: 0 }, issues: [] });
    expect(report.files.map((f) => f.file)).toEqual(['examples/01-quickstart/project.yaml', 'examples/01-quickstart/stages.yaml', 'examples/01-quickstart/warehouse.yaml']);
    expect(report.files[0]?.resources).toEqual([
      { kind: 'Project', name: 'kargo-demo', namespace: null },
      { kind: 'ProjectConfig', name: 'kargo-demo', namespace: 'kargo-demo' },
    ]);
  });

  it('puts the issues in the JSON report with their positions and fails with 1', () => {
    const dir = tempProject({ 's.yaml': stageYaml('dev', { direct: true }).replace('direct: true', 'direct: 42') });
    const r = run(['validate', '--json', 's.yaml'], { cwd: dir });
    const report = JSON.parse(r.stdout) as ValidateReport;
    expect(r.code).toBe(1);
    expect(report.ok).toBe(false);
    expect(report.issues[0]).toMatchObject({ code: 'MANIFEST_INVALID', severity: 'error', file: 's.yaml', line: 12, column: 15, path: ['spec', 'requestedFreight', 0, 'sources', 'direct'] });
  });

  it('reads directories recursively, only .yaml and .yml, skipping hidden folders and node_modules', () => {
    const dir = tempProject({
      'a/b/wh.yml': warehouseYaml('wh'),
      'a/notes.txt': 'not yaml',
      '.hidden/x.yaml': 'kind: [',
      'node_modules/pkg/x.yaml': 'kind: [',
    });
    const r = run(['validate', '--json', '.'], { cwd: dir });
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as ValidateReport).files.map((f) => f.file)).toEqual(['a/b/wh.yml']);
  });

  it('exits 2 for a path that does not exist or a folder without YAML', () => {
    const dir = tempProject({ 'readme.txt': 'hi' });
    expect(run(['validate', 'nope.yaml'], { cwd: dir })).toEqual({ code: 2, stdout: '', stderr: 'waybill: no such file or directory: nope.yaml\n' });
    expect(run(['validate', '.'], { cwd: dir })).toMatchObject({ code: 2, stderr: 'waybill: no .yaml or .yml files found in .\n' });
  });

  it('colours only on a terminal without NO_COLOR or --no-color', () => {
    const dir = tempProject({ 's.yaml': stageYaml('dev', { direct: true }).replace('direct: true', 'direct: 42') });
    const esc = '\u001b[';
    expect(run(['validate', 's.yaml'], { cwd: dir, isTTY: true }).stdout).toContain(`${esc}31merror${esc}39m`);
    expect(run(['validate', 's.yaml'], { cwd: dir, isTTY: false }).stdout).not.toContain(esc);
    expect(run(['validate', 's.yaml'], { cwd: dir, isTTY: true, env: { NO_COLOR: '1' } }).stdout).not.toContain(esc);
    expect(run(['validate', 's.yaml', '--no-color'], { cwd: dir, isTTY: true }).stdout).not.toContain(esc);
    expect(run(['validate', 's.yaml'], { cwd: dir, isTTY: true, env: { NO_COLOR: '' } }).stdout).toContain(esc);
  });
});
