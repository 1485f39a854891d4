import type { Issue } from '../../errors/index.js';
import { toDot, toGraphJson, toMermaid, type MermaidOptions, type StageGraph, type StageGraphJson } from '../../pipeline/index.js';
import { usageError, type CommandContext } from '../context.js';
import { usageOf } from '../help.js';
import { ExitCode } from '../io.js';
import { buildProjectGraphs } from '../load.js';
import { renderIssues, renderJson } from '../output.js';
import { loadFromPaths } from '../project-files.js';

/** The JSON that `waybill graph --json` prints. */
export interface GraphReport {
  readonly format: 'waybill.graph/v1';
  /** `true` when no error was found (warnings allowed). */
  readonly ok: boolean;
  /** One entry per namespace (Kargo Project); `graph` is `null` when it could not be built. */
  readonly projects: readonly { readonly namespace: string | null; readonly graph: StageGraphJson | null }[];
  readonly issues: readonly Issue[];
}

/** The renderings `waybill graph --format` offers. */
export type GraphFormat = 'mermaid' | 'dot' | 'json';

/** `waybill graph <path>...` */
export function runGraph(ctx: CommandContext): number {
  const { args, io, styles } = ctx;
  if (args.positionals.length === 0) return usageError(ctx, 'graph needs a directory or files to read', usageOf('graph'));
  const asked = args.options.get('format');
  if (args.options.has('json') && asked !== undefined && asked !== 'json') {
    return usageError(ctx, `--json and --format ${String(asked)} ask for different outputs`, usageOf('graph'));
  }
  const format: GraphFormat = args.options.has('json') || asked === 'json' ? 'json' : asked === 'dot' ? 'dot' : 'mermaid';
  const project = loadFromPaths(ctx, args.positionals);
  if (typeof project === 'number') return project;
  const graphs = buildProjectGraphs(project);
  // With a manifest that does not parse, graph warnings would blame its neighbours: show parse issues only.
  const parsed = !project.issues.some((i) => i.severity === 'error');
  const issues = [...project.issues, ...(parsed ? graphs.flatMap((g) => g.issues) : [])];
  const ok = !issues.some((i) => i.severity === 'error');
  const direction = args.options.get('direction');

  if (format === 'json') {
    const report: GraphReport = {
      format: 'waybill.graph/v1',
      ok,
      projects: graphs.map((g) => ({ namespace: g.namespace, graph: g.graph ? toGraphJson(g.graph) : null })),
      issues,
    };
    io.stdout(renderJson(report));
    return ok ? ExitCode.ok : ExitCode.issues;
  }

  if (issues.length > 0) io.stderr(renderIssues(issues, project.sources, styles));
  if (graphs.length === 0) io.stderr('waybill: no Warehouses or Stages found\n');
  const options: MermaidOptions = direction === 'TB' || direction === 'RL' || direction === 'BT' ? { direction } : {};
  const render = (graph: StageGraph): string => (format === 'dot' ? toDot(graph, options) : toMermaid(graph, options));
  const comment = format === 'dot' ? '//' : '%%';
  const charts = graphs.flatMap((g) => {
    if (g.graph === undefined) return [];
    const chart = render(g.graph);
    return [graphs.length > 1 ? `${comment} Project ${g.namespace ?? '(no namespace)'}\n${chart}` : chart];
  });
  io.stdout(charts.join('\n'));
  return ok ? ExitCode.ok : ExitCode.issues;
}
