import { parseDocument } from 'yaml';
import * as z from 'zod';
import { updateChartDependencies } from '../../mutation/index.js';
import { defineStep } from '../registry.js';
import { confinePath } from '../secure-path.js';
import { stepErrored, stepFailed, stepSucceeded } from '../step-results.js';
import { describeIssues, errorText, joinPath, workTreeOf } from './support.js';

/**
 * `helm-update-chart`: pins chart dependency versions in `<path>/Chart.yaml` (the first dependency
 * with the same `name` and exactly the same `repository`), editing only the version values.
 * Unlike Kargo it does not run `helm dependency update`: Chart.lock and `charts/` are left as they
 * are. Local `file://` dependencies must be relative and stay inside the work directory. Output:
 * `commitMessage` when a version changed.
 */
export const helmUpdateChartStep = defineStep({
  uses: 'helm-update-chart',
  configSchema: z.strictObject({
    path: z.string().min(1),
    charts: z.array(z.strictObject({ repository: z.string().min(1), name: z.string().min(1), version: z.string().min(1) })).optional(),
  }),
  run: async (config, context) => {
    const wt = workTreeOf(context, 'helm-update-chart');
    if ('result' in wt) return wt.result;
    const dir = confinePath(config.path);
    const file = joinPath(dir, 'Chart.yaml');
    try {
      const text = await wt.tree.readFile(file);
      if (text === undefined) return stepErrored(`error reading Chart.yaml in ${JSON.stringify(config.path)}: no such file`);
      const dependencies = readDependencies(text);
      for (const dep of dependencies) {
        const problem = localDependencyProblem(dir, dep.repository);
        if (problem !== undefined) return stepFailed(`dependency ${JSON.stringify(dep.name)}: ${problem}`);
      }
      const charts = config.charts ?? [];
      const edited = updateChartDependencies(text, charts);
      if (!edited.ok) return stepErrored(`failed to update chart dependencies in ${JSON.stringify(config.path)}: ${describeIssues(edited.issues)}`);
      if (edited.value.text !== text) await wt.tree.writeFile(file, edited.value.text);
      const lines: string[] = [];
      for (const chart of charts) {
        const dep = dependencies.find((d) => d.name === chart.name && d.repository === chart.repository);
        if (dep !== undefined && dep.version !== chart.version) lines.push(`\n- ${chart.name}: ${dep.version === '' ? '' : `${dep.version} -> `}${chart.version}`);
      }
      if (lines.length === 0) return stepSucceeded({});
      return stepSucceeded({ commitMessage: `Updated chart dependencies for ${config.path}\n${lines.join('')}` });
    } catch (e) {
      return stepErrored(`failed to update chart dependencies in ${JSON.stringify(config.path)}: ${errorText(e)}`);
    }
  },
});

interface Dependency {
  readonly name: string;
  readonly repository: string;
  readonly version: string;
}

function readDependencies(text: string): Dependency[] {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) return [];
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch {
    return [];
  }
  const deps = data !== null && typeof data === 'object' ? (data as Record<string, unknown>)['dependencies'] : undefined;
  if (!Array.isArray(deps)) return [];
  return deps.map((d: unknown) => {
    const r = d !== null && typeof d === 'object' ? (d as Record<string, unknown>) : {};
    const text = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
    return { name: text(r['name']), repository: text(r['repository']), version: text(r['version']) };
  });
}

/** Why a `file://` dependency is not allowed (absolute, or climbing out of the work directory), if it is not. */
export function localDependencyProblem(chartDir: string, repository: string): string | undefined {
  if (!repository.startsWith('file://')) return undefined;
  const target = repository.slice('file://'.length);
  if (target.startsWith('/')) return `local dependency path ${JSON.stringify(target)} must be relative`;
  const parts = chartDir === '' ? [] : chartDir.split('/');
  for (const part of target.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return `local dependency path ${JSON.stringify(target)} leaves the work directory`;
      parts.pop();
    } else {
      parts.push(part);
    }
  }
  return undefined;
}
