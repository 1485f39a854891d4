import { describe, expect, it } from 'vitest';
import { updateChartDependencies } from '../../../src/mutation/index.js';

const chart = `apiVersion: v2
name: app
version: 1.0.0
dependencies:
  # shared helpers
  - name: common
    repository: https://charts.example.com # mirror
    version: 1.2.0 # pinned by Kargo
  - name: redis
    repository: oci://registry.example.com/charts
    version: "17.0"
`;

describe('updateChartDependencies', () => {
  it('edits only the version scalars of matching dependencies', () => {
    const r = updateChartDependencies(chart, [
      { name: 'common', repository: 'https://charts.example.com', version: '1.3.0' },
      { name: 'redis', repository: 'oci://registry.example.com/charts', version: '18.1' },
    ]);
    expect(r.ok && r.value.text).toBe(chart.replace('1.2.0 #', '1.3.0 #').replace('"17.0"', '"18.1"'));
    expect(r.ok && r.value.changes.map((c) => c.path)).toEqual([
      ['dependencies', 0, 'version'],
      ['dependencies', 1, 'version'],
    ]);
  });
  it('matches the repository exactly and reports every unmatched chart', () => {
    const r = updateChartDependencies(chart, [
      { name: 'common', repository: 'https://charts.example.com/', version: '1.3.0' },
      { name: 'nope', repository: 'https://charts.example.com', version: '1' },
    ]);
    expect(!r.ok && r.issues.map((i) => [i.code, i.path])).toEqual([
      ['CHART_DEPENDENCY_NOT_FOUND', ['charts', 0]],
      ['CHART_DEPENDENCY_NOT_FOUND', ['charts', 1]],
    ]);
  });
  it('adds a missing version field', () => {
    const r = updateChartDependencies('dependencies:\n- name: a\n  repository: r\n', [{ name: 'a', repository: 'r', version: '2.0.0' }]);
    expect(r.ok && r.value.text).toBe('dependencies:\n- name: a\n  repository: r\n  version: 2.0.0\n');
  });
  it('reports a Chart.yaml that does not parse', () => {
    const r = updateChartDependencies('dependencies: [\n', [{ name: 'a', repository: 'r', version: '1' }]);
    expect(!r.ok && r.issues[0]?.code).toBe('YAML_PARSE');
  });
});

describe('updateChartDependencies on a file with several documents', () => {
  it('refuses it rather than reporting no change', () => {
    const r = updateChartDependencies('name: a\n---\nname: b\n', [{ name: 'a', repository: 'r', version: '1' }]);
    expect(!r.ok && r.issues[0]?.code).toBe('YAML_PARSE');
  });
});
