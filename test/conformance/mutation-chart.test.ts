import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { updateChartDependencies, updateYaml } from '../../src/mutation/index.js';

interface ChartCase {
  name: string;
  chartYaml: string;
  charts?: { repository: string; name: string; version: string }[];
  chartYamlEditsAsYamlUpdates?: { key: string; value: unknown }[];
  expectedChartYaml?: string;
  expectedError?: string;
}

const file = JSON.parse(readFileSync(new URL('../fixtures/mutation/helm_update_chart.json', import.meta.url), 'utf8')) as { cases: ChartCase[] };

describe('helm-update-chart vectors', () => {
  it.each(file.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    if (c.charts) {
      const r = updateChartDependencies(c.chartYaml, c.charts);
      if (c.expectedError !== undefined) {
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.issues[0]?.code).toBe('CHART_DEPENDENCY_NOT_FOUND');
      } else {
        expect(r.ok && r.value.text).toBe(c.expectedChartYaml);
      }
    } else {
      const r = updateYaml(c.chartYaml, c.chartYamlEditsAsYamlUpdates ?? []);
      expect(r.ok && r.value.text).toBe(c.expectedChartYaml);
    }
  });
});
