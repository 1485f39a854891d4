/**
 * The port through which the `helm-update-chart` step regenerates a chart's dependencies, as
 * `helm dependency update` does: resolve each dependency of `Chart.yaml` to one version, write
 * `Chart.lock` and put the chart archives in `charts/`.
 * @packageDocumentation
 */
import type { PortCallOptions, PortResult } from './registry.js';
import type { WorkTree } from './work-tree.js';

/**
 * One entry of `dependencies` in a chart's `Chart.yaml`, with Helm's own fields. `version` is a
 * version or a constraint (`~1.2`); `repository` is a URL (`https://`, `oci://`, `file://`), a
 * named repository (`@name`, `alias:name`) or empty for a chart already in `charts/`.
 */
export interface HelmChartDependency {
  readonly name: string;
  readonly version?: string | undefined;
  readonly repository: string;
  readonly condition?: string | undefined;
  readonly tags?: readonly string[] | undefined;
  readonly enabled?: boolean | undefined;
  /** `import-values` in `Chart.yaml`: names, or `{ child, parent }` maps. */
  readonly importValues?: readonly unknown[] | undefined;
  readonly alias?: string | undefined;
}

/** What to update: a chart directory in a work tree, and the dependencies its `Chart.yaml` lists now. */
export interface HelmDependencyUpdateRequest extends PortCallOptions {
  /**
   * The promotion's work tree; `Chart.lock` and `charts/` are written into it and nowhere else,
   * so that a plan (which hands over an overlay) records the writes instead of making them.
   */
  readonly workTree: WorkTree;
  /** The chart's directory in the work tree (`charts/app`; `""` for the root), holding `Chart.yaml`. */
  readonly chartPath: string;
  /** The dependencies of `Chart.yaml`, in order, as the step has just written them. */
  readonly dependencies: readonly HelmChartDependency[];
}

/** What an update wrote. */
export interface HelmDependencyUpdate {
  /**
   * The text of `<chartPath>/Chart.lock` after the update, as written to the work tree (Helm's
   * layout: `dependencies`, `digest`, `generated`); `""` when the chart has no dependencies and
   * no lock was written.
   */
  readonly lock: string;
  /** The archives now in `<chartPath>/charts/`, as work-tree paths, sorted. */
  readonly archives: readonly string[];
}

/**
 * Regenerates a chart's dependencies, as `helm dependency update` does. Optional for
 * `helm-update-chart`: without it the step edits `Chart.yaml` only and says that `Chart.lock`
 * was not updated. Implementations: `createMemoryHelmDependencies()` in
 * `waybill/adapters/memory`, or one that runs Helm on a real checkout. A dependency that cannot be
 * resolved (no version satisfies its constraint, an unknown repository) is a `not-found`
 * failure; a fired signal is a `cancelled` one.
 */
export interface HelmDependencyPort {
  updateDependencies(request: HelmDependencyUpdateRequest): Promise<PortResult<HelmDependencyUpdate>>;
}
