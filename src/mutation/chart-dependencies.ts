import { parseDocument } from 'yaml';
import { createIssue, type Issue } from '../errors/index.js';
import { err, type Result } from '../result.js';
import type { EditResult, ValueUpdate } from './types.js';
import { updateYaml } from './update-yaml.js';

/** A chart dependency to pin: matched by `name` and exact `repository`. */
export interface ChartDependencyUpdate {
  readonly repository: string;
  readonly name: string;
  readonly version: string;
}

/**
 * Pins dependency versions in a Chart.yaml with helm-update-chart's matching (the first
 * dependency with the same `name` and exactly the same `repository`, else
 * `CHART_DEPENDENCY_NOT_FOUND`), editing only the `version` scalars that change; every other
 * byte of the file, comments included, is kept. Regenerating Chart.lock is left to Helm.
 */
export function updateChartDependencies(chartYaml: string, charts: readonly ChartDependencyUpdate[]): Result<EditResult> {
  const doc = parseDocument(chartYaml);
  if (doc.errors.length > 0) {
    // Prefer the positioned issues of the edit's own reader; a file it accepts (several documents) is still not a Chart.yaml.
    const checked = updateYaml(chartYaml, []);
    if (!checked.ok) return checked;
    return err(createIssue('YAML_PARSE', `cannot read Chart.yaml: ${doc.errors[0]?.message.split('\n')[0] ?? 'invalid YAML'}`));
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    return err(createIssue('YAML_PARSE', `cannot read Chart.yaml: ${e instanceof Error ? e.message : String(e)}`));
  }
  const raw = data !== null && typeof data === 'object' ? (data as Record<string, unknown>)['dependencies'] : undefined;
  const deps = Array.isArray(raw) ? (raw as unknown[]) : [];
  const issues: Issue[] = [];
  const updates: ValueUpdate[] = [];
  charts.forEach((chart, i) => {
    const index = deps.findIndex((d) => {
      const dep = d !== null && typeof d === 'object' ? (d as Record<string, unknown>) : {};
      return dep['name'] === chart.name && dep['repository'] === chart.repository;
    });
    if (index === -1) {
      issues.push(
        createIssue(
          'CHART_DEPENDENCY_NOT_FOUND',
          `no dependency in Chart.yaml matches update with repository ${JSON.stringify(chart.repository)} and name ${JSON.stringify(chart.name)}`,
          { path: ['charts', i] },
        ),
      );
      return;
    }
    const current = (deps[index] as Record<string, unknown>)['version'];
    if (current !== chart.version) updates.push({ key: `dependencies.${index}.version`, value: chart.version });
  });
  if (issues.length > 0) return err(issues);
  return updateYaml(chartYaml, updates, { create: true });
}
