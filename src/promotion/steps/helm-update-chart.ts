import { parseDocument } from 'yaml';
import * as z from 'zod';
import { updateChartDependencies } from '../../mutation/index.js';
import { defineStep } from '../registry.js';
import { confinePath } from '../secure-path.js';
import { stepErrored, stepFailed, stepSucceeded } from '../step-results.js';
import type { HelmDependencyPort } from '../../ports/index.js';
import type { StepResult } from '../types.js';
import type { WorkTree } from '../work-tree.js';
import { compareLockVersions, readHelmChartDependencies, readLockVersions } from './helm-update-chart-lock.js';
import { describeIssues, errorText, joinPath, workTreeOf } from './support.js';

/**
 * `helm-update-chart`: pins chart dependency versions in `<path>/Chart.yaml` (the first dependency
 * with the same `name` and exactly the same `repository`), editing only the version values. Local
 * `file://` dependencies must be relative and stay inside the work directory.
 *
 * With `ports.helm` (a {@link HelmDependencyPort}) it then regenerates `Chart.lock` and `charts/`
 * as Kargo does with `helm dependency update`, and its `commitMessage` lists how the locked
 * versions changed (`name: old -> new`, `name: removed`); a lock whose versions did not change is
 * put back as it was, so its timestamp does not make a commit. Without the port it edits
 * `Chart.yaml` only, its `commitMessage` lists the versions it pinned, and when the chart has a
 * `Chart.lock` that is now out of date the output says so in `lockNotUpdated`.
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
      const changed = edited.value.text !== text;
      if (changed) await wt.tree.writeFile(file, edited.value.text);
      const helm = context.ports.helm;
      if (helm !== undefined) return await updateLock(helm, wt.tree, dir, config.path, edited.value.text, context.signal);
      const lines: string[] = [];
      for (const chart of charts) {
        const dep = dependencies.find((d) => d.name === chart.name && d.repository === chart.repository);
        if (dep !== undefined && dep.version !== chart.version) lines.push(`\n- ${chart.name}: ${dep.version === '' ? '' : `${dep.version} -> `}${chart.version}`);
      }
      const stale = changed && (await wt.tree.lstat(joinPath(dir, 'Chart.lock'))) === 'file';
      const note = stale ? { lockNotUpdated: `${joinPath(dir, 'Chart.lock')} was not regenerated and may no longer match Chart.yaml: pass ports.helm (a HelmDependencyPort) to update it and charts/` } : {};
      if (lines.length === 0) return stepSucceeded({ ...note });
      return stepSucceeded({ commitMessage: `Updated chart dependencies for ${config.path}\n${lines.join('')}`, ...note });
    } catch (e) {
      return stepErrored(`failed to update chart dependencies in ${JSON.stringify(config.path)}: ${errorText(e)}`);
    }
  },
});

// Regenerates Chart.lock through the port and reports the change of locked versions, as Kargo
// does after `helm dependency update`.
async function updateLock(helm: HelmDependencyPort, tree: WorkTree, dir: string, path: string, chartYaml: string, signal: AbortSignal | undefined): Promise<StepResult> {
  const lockPath = joinPath(dir, 'Chart.lock');
  const before = await tree.readFile(lockPath);
  const updated = await helm.updateDependencies({ workTree: tree, chartPath: dir, dependencies: readHelmChartDependencies(chartYaml), ...(signal === undefined ? {} : { signal }) });
  if (!updated.ok) return stepErrored(`failed to update chart dependencies in ${JSON.stringify(path)}: ${updated.failure.message}`);
  const changes = compareLockVersions(readLockVersions(before), readLockVersions(updated.value.lock));
  if (changes.length === 0) {
    // Only the timestamp can have changed: keep the lock as it was, as Kargo does.
    if (before !== undefined && (await tree.readFile(lockPath)) !== before) await tree.writeFile(lockPath, before);
    return stepSucceeded({});
  }
  const lines = changes.map(([name, change]) => `\n- ${name}: ${change === '' ? 'removed' : change}`);
  return stepSucceeded({ commitMessage: `Updated chart dependencies for ${path}\n${lines.join('')}` });
}

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
