import { existsSync } from 'node:fs';
import { join, relative, isAbsolute } from 'node:path';
import { matchPromotionPolicy, toMermaid, topologicalOrder, type ProjectConfigLike, type StageGraph, type StageLike } from '../../pipeline/index.js';
import { usageError, type CommandContext } from '../context.js';
import { usageOf } from '../help.js';
import { ExitCode } from '../io.js';
import { buildProjectGraphs } from '../load.js';
import { renderIssues } from '../output.js';
import { loadFromPaths } from '../project-files.js';
import { checkProject, summaryLine } from './validate.js';

/** Where the demo project lives, relative to the package root. */
export const demoProjectDir = join('examples', '01-quickstart');

/**
 * `waybill demo`: validates the quickstart example and shows its pipeline, as a Mermaid flowchart
 * and as a list of Stages with their sources. Everything is read from the clone: no network.
 */
export function runDemo(ctx: CommandContext): number {
  const { io, styles, args } = ctx;
  if (args.positionals.length > 0) return usageError(ctx, 'demo takes no arguments', usageOf('demo'));
  const dir = ctx.packageRoot === undefined ? undefined : join(ctx.packageRoot, demoProjectDir);
  if (dir === undefined || !existsSync(dir)) {
    io.stderr(`waybill: the demo project (${demoProjectDir}) is not here; the demo runs from a clone of the waybill repository (npm run demo)\n`);
    return ExitCode.usage;
  }
  const shown = relative(io.cwd, dir);
  const project = loadFromPaths(ctx, [shown === '' || shown.startsWith('..') || isAbsolute(shown) ? dir : shown]);
  if (typeof project === 'number') return project;

  const report = checkProject(project);
  const graphs = buildProjectGraphs(project);
  const out: string[] = [];
  out.push(styles.bold(`waybill demo: the Kargo quickstart project in ${demoProjectDir}`), '');
  out.push(styles.bold('Resources'));
  for (const file of report.files) {
    for (const r of file.resources) out.push(`  ${r.kind.padEnd(14)} ${r.name.padEnd(12)} ${styles.dim(file.file)}`);
  }
  out.push('', styles.bold('Validation'));
  if (report.issues.length > 0) out.push(renderIssues(report.issues, project.sources, styles).trimEnd());
  out.push(`  ${report.ok ? styles.green(summaryLine(report)) : styles.red(summaryLine(report))}`);
  for (const { graph, namespace } of graphs) {
    if (graph === undefined) continue;
    const inProject = project.resources.filter((r) => (r.namespace ?? null) === namespace);
    const config = inProject.find((r) => r.kind === 'ProjectConfig')?.resource;
    const autoPromoted = (name: string): boolean => {
      const stage = inProject.find((r) => r.kind === 'Stage' && r.name === name)?.resource;
      return stage !== undefined && matchPromotionPolicy(config as ProjectConfigLike | undefined, stage as StageLike).autoPromotionEnabled;
    };
    out.push('', styles.bold('Pipeline (Mermaid)'), toMermaid(graph).trimEnd());
    out.push('', styles.bold('Stages, in promotion order'), ...describeStages(graph, autoPromoted));
  }
  out.push('', `Try it on your own manifests: ${styles.cyan('npm run waybill -- validate <dir>')} and ${styles.cyan('npm run waybill -- graph <dir>')}`);
  io.stdout(`${out.join('\n')}\n`);
  return report.ok ? ExitCode.ok : ExitCode.issues;
}

/**
 * One line per Stage, upstream Stages before their downstreams: where it takes Freight from, and
 * whether the ProjectConfig promotes to it automatically.
 */
function describeStages(graph: StageGraph, autoPromoted: (stage: string) => boolean): string[] {
  const stages = orderStages(graph);
  const width = Math.max(0, ...stages.map((s) => s.length));
  return stages.map((name) => {
    const incoming = graph.edges.filter((e) => e.to === `Stage/${name}`);
    const sources = incoming.map((e) => (e.source === 'direct' ? `Warehouse ${e.origin.name} (direct)` : `Stage ${e.from.slice('Stage/'.length)}`));
    const from = sources.length > 0 ? [...new Set(sources)].join(', ') : '(no sources)';
    return `  ${name.padEnd(width)}  <- ${from}${autoPromoted(name) ? '; auto-promotion on' : ''}`;
  });
}

/** The declared Stages, upstream first (ties by name; Stages on a cycle kept). */
function orderStages(graph: StageGraph): string[] {
  const declared = new Set(graph.nodes.filter((n) => n.kind === 'Stage' && n.declared).map((n) => n.name));
  return topologicalOrder(graph).stages.filter((name) => declared.has(name));
}
