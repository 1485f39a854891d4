import { findYamlFiles } from './files.js';
import { loadProject, type LoadedProject } from './load.js';
import type { CommandContext } from './context.js';

/**
 * Finds and loads the manifests under `paths` for a command, or prints why it cannot (a path that
 * does not exist, no YAML at all, a file that cannot be read) and returns the exit code to use.
 */
export function loadFromPaths(ctx: CommandContext, paths: readonly string[]): LoadedProject | 2 {
  const found = findYamlFiles(paths, ctx.io.cwd);
  if (found.missing.length > 0) {
    ctx.io.stderr(found.missing.map((p) => `waybill: no such file or directory: ${p}\n`).join(''));
    return 2;
  }
  if (found.files.length === 0) {
    ctx.io.stderr(`waybill: no .yaml or .yml files found in ${paths.join(', ')}\n`);
    return 2;
  }
  const project = loadProject(found.files, ctx.io.cwd);
  if (project.unreadable.length > 0) {
    ctx.io.stderr(project.unreadable.map((u) => `waybill: cannot read ${u.file}: ${u.reason}\n`).join(''));
    return 2;
  }
  return project;
}
