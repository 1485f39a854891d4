import type { Issue } from '../../errors/index.js';
import { usageError, type CommandContext } from '../context.js';
import { usageOf } from '../help.js';
import { ExitCode } from '../io.js';
import { buildProjectGraphs, type LoadedProject } from '../load.js';
import { countIssues, plural, renderIssues, renderJson } from '../output.js';
import { loadFromPaths } from '../project-files.js';

/** The JSON that `waybill validate --json` prints. */
export interface ValidateReport {
  readonly format: 'waybill.validate/v1';
  /** `true` when no error was found (warnings allowed). */
  readonly ok: boolean;
  readonly summary: { readonly files: number; readonly resources: number; readonly errors: number; readonly warnings: number };
  readonly files: readonly { readonly file: string; readonly resources: readonly { readonly kind: string; readonly name: string; readonly namespace: string | null }[] }[];
  readonly issues: readonly Issue[];
}

/**
 * Checks a loaded project: parse issues plus the stage graph of each Project, sorted by place.
 * The graph is only checked once every manifest parses: with a Stage missing, its downstream
 * Stages would be reported as pointing at an unknown Stage, which would mislead.
 */
export function checkProject(project: LoadedProject): ValidateReport {
  const parsed = !project.issues.some((i) => i.severity === 'error');
  const graphIssues = parsed ? buildProjectGraphs(project).flatMap((g) => g.issues) : [];
  const issues = sortIssues([...project.issues, ...graphIssues], project.files);
  const { errors, warnings } = countIssues(issues);
  return {
    format: 'waybill.validate/v1',
    ok: errors === 0,
    summary: { files: project.files.length, resources: project.resources.length, errors, warnings },
    files: project.files.map((file) => ({
      file,
      resources: project.resources.filter((r) => r.file === file).map((r) => ({ kind: r.kind, name: r.name, namespace: r.namespace ?? null })),
    })),
    issues,
  };
}

/** The human summary line of a report: `6 resources in 5 files: 1 error, 2 warnings`. */
export function summaryLine(report: ValidateReport): string {
  const { files, resources, errors, warnings } = report.summary;
  const found = errors + warnings === 0 ? 'no problems found' : [errors > 0 ? plural(errors, 'error') : '', warnings > 0 ? plural(warnings, 'warning') : ''].filter(Boolean).join(', ');
  return `${plural(resources, 'resource')} in ${plural(files, 'file')}: ${found}`;
}

/** `waybill validate <path>...` */
export function runValidate(ctx: CommandContext): number {
  const { args, io, styles } = ctx;
  if (args.positionals.length === 0) return usageError(ctx, 'validate needs at least one file or directory', usageOf('validate'));
  const project = loadFromPaths(ctx, args.positionals);
  if (typeof project === 'number') return project;
  const report = checkProject(project);
  if (args.options.has('json')) {
    io.stdout(renderJson(report));
  } else {
    io.stdout(renderIssues(report.issues, project.sources, styles));
    const line = summaryLine(report);
    io.stdout(`${report.ok ? (report.summary.warnings > 0 ? styles.yellow(line) : styles.green(line)) : styles.red(line)}\n`);
  }
  return report.ok ? ExitCode.ok : ExitCode.issues;
}

function sortIssues(issues: readonly Issue[], files: readonly string[]): Issue[] {
  const order = new Map(files.map((f, i) => [f, i]));
  const rank = (i: Issue): number => (i.file === undefined ? files.length : (order.get(i.file) ?? files.length));
  return issues
    .map((issue, n) => ({ issue, n }))
    .sort((a, b) => rank(a.issue) - rank(b.issue) || (a.issue.line ?? 0) - (b.issue.line ?? 0) || (a.issue.column ?? 0) - (b.issue.column ?? 0) || a.n - b.n)
    .map((x) => x.issue);
}
