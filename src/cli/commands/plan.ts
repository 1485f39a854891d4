import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import type { Issue } from '../../errors/index.js';
import { builtinSteps, buildPromotion, createStepRegistry, formatPromotionPlan, planPromotion, type PlanCheckoutSource, type PromotionPlan, type PromotionRunContext, type PromotionTaskLike, type TemplateStageLike } from '../../promotion/index.js';
import { predictCommitId } from '../../promotion/plan-ids.js';
import { usageError, type CommandContext } from '../context.js';
import { usageOf } from '../help.js';
import { ExitCode } from '../io.js';
import type { LoadedResource } from '../load.js';
import { renderIssues, renderJson } from '../output.js';
import { loadFromPaths } from '../project-files.js';

/** The JSON that `waybill plan --json` prints. */
export interface PlanReport {
  readonly format: 'waybill.plan/v1';
  /** `true` when the promotion would succeed and the manifests have no errors. */
  readonly ok: boolean;
  /** The plan, or `null` when no Promotion could be built. */
  readonly plan: PromotionPlan | null;
  readonly issues: readonly Issue[];
}

/** The id in the name of the Promotion a plan builds, unless `--name` gives one. */
const PLAN_ID = 'plan';

/**
 * `waybill plan <dir> --stage S --freight F [--repo <path>] [--now <time>] [--name <promotion>] [--json]`:
 * builds the Promotion of Freight F into Stage S from the manifests and prints what it would do.
 */
export async function runPlan(ctx: CommandContext): Promise<number> {
  const { args, io, styles } = ctx;
  const stageName = args.options.get('stage');
  const freightName = args.options.get('freight');
  if (args.positionals.length === 0) return usageError(ctx, 'plan needs a directory or files to read', usageOf('plan'));
  if (typeof stageName !== 'string' || typeof freightName !== 'string') return usageError(ctx, 'plan needs --stage and --freight', usageOf('plan'));
  const nowText = args.options.get('now');
  const now = typeof nowText === 'string' ? new Date(nowText) : new Date();
  if (Number.isNaN(now.getTime())) return usageError(ctx, `--now ${String(nowText)} is not a time (use RFC 3339, e.g. 2026-01-01T00:00:00Z)`, usageOf('plan'));
  const repoOption = args.options.get('repo');
  let repoFiles: Record<string, string> | undefined;
  if (typeof repoOption === 'string') {
    const folder = resolve(io.cwd, repoOption);
    try {
      if (!statSync(folder).isDirectory()) return usageError(ctx, `--repo ${repoOption} is not a directory`, usageOf('plan'));
    } catch {
      return usageError(ctx, `no such directory: ${repoOption}`, usageOf('plan'));
    }
    repoFiles = readFolder(folder);
  }

  const project = loadFromPaths(ctx, args.positionals);
  if (typeof project === 'number') return project;
  const json = args.options.has('json');
  const fail = (message: string, issues: readonly Issue[] = project.issues): number => {
    if (json) io.stdout(renderJson({ format: 'waybill.plan/v1', ok: false, plan: null, issues } satisfies PlanReport));
    else {
      if (issues.length > 0) io.stderr(renderIssues(issues, project.sources, styles));
      io.stderr(`waybill: ${message}\n`);
    }
    return ExitCode.issues;
  };
  if (project.issues.some((i) => i.severity === 'error')) return fail('the manifests have errors; fix them before planning');

  const stages = project.resources.filter((r) => r.kind === 'Stage' && r.name === stageName);
  if (stages.length === 0) return fail(`no Stage named ${JSON.stringify(stageName)} in ${args.positionals.join(', ')}`);
  if (stages.length > 1) return fail(`more than one Stage is named ${JSON.stringify(stageName)} (in namespaces ${stages.map((s) => s.namespace ?? '(none)').join(', ')})`);
  const stage = stages[0] as LoadedResource;
  const inProject = (r: LoadedResource): boolean => r.namespace === stage.namespace;
  const freight = project.resources.find((r) => r.kind === 'Freight' && inProject(r) && (r.name === freightName || aliasOf(r.resource) === freightName));
  if (freight === undefined) return fail(`no Freight named ${JSON.stringify(freightName)} in the namespace of Stage ${JSON.stringify(stageName)}`);
  const tasks = project.resources.filter((r) => (r.kind === 'PromotionTask' && inProject(r)) || r.kind === 'ClusterPromotionTask').map((r) => r.resource as PromotionTaskLike);
  const warehouses = project.resources.filter((r) => r.kind === 'Warehouse' && inProject(r)).map((r) => r.resource);

  const name = args.options.get('name');
  const built = buildPromotion(stage.resource as TemplateStageLike, freight.name, { now, tasks, ...(typeof name === 'string' ? { name } : { ids: () => PLAN_ID }) });
  if (!built.ok) return fail('the Promotion could not be built', [...project.issues, ...built.issues]);
  const promotion = built.value;
  const origin = (freight.resource as { origin?: { name?: unknown } }).origin;
  const context: PromotionRunContext = {
    project: stage.namespace ?? '',
    freight: [freight.resource as NonNullable<PromotionRunContext['freight']>[number]],
    targetFreight: { name: freight.name, ...(typeof origin?.name === 'string' ? { origin: { name: origin.name } } : {}) },
    freightRequests: ((stage.resource as { spec?: { requestedFreight?: unknown[] } }).spec?.requestedFreight ?? []) as NonNullable<PromotionRunContext['freightRequests']>,
    warehouses: warehouses as NonNullable<PromotionRunContext['warehouses']>,
  };
  const plan = await planPromotion(promotion, context, {
    steps: createStepRegistry(builtinSteps),
    now,
    ...(repoFiles === undefined ? {} : { checkouts: folderCheckouts(repoFiles) }),
  });
  const issues = [...project.issues, ...built.issues, ...plan.issues];
  const ok = plan.phase === 'Succeeded' && !issues.some((i) => i.severity === 'error');
  if (json) {
    io.stdout(renderJson({ format: 'waybill.plan/v1', ok, plan, issues } satisfies PlanReport));
  } else {
    if (project.issues.length > 0 || built.issues.length > 0) io.stderr(renderIssues([...project.issues, ...built.issues], project.sources, styles));
    io.stdout(formatPromotionPlan(plan));
  }
  return ok ? ExitCode.ok : ExitCode.issues;
}

function aliasOf(resource: unknown): string | undefined {
  const r = resource as { alias?: unknown; metadata?: { labels?: Record<string, unknown> } };
  const alias = r.alias ?? r.metadata?.labels?.['kargo.akuity.io/alias'];
  return typeof alias === 'string' ? alias : undefined;
}

/** Every file under a folder (skipping `.git`), by its path relative to the folder with `/`. */
function readFolder(folder: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (entry.name === '.git') continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) out[relative(folder, path).split(sep).join('/')] = readFileSync(path, 'utf8');
    }
  };
  walk(folder);
  return out;
}

/**
 * The folder stands for every repository the template clones, at every branch, commit and tag it
 * names, except a branch the template creates (`create: true`), which starts empty. The commit
 * id is predicted from the files, so the same folder always plans the same.
 */
function folderCheckouts(files: Readonly<Record<string, string>>): PlanCheckoutSource {
  const commit = predictCommitId(['folder', ...Object.entries(files).map(([f, t]) => `${f}\0${t}`)].join('\n'));
  return (request) => {
    if (request.create === true && request.branch !== undefined) return { files: {} };
    return { files, commit: request.commit ?? commit };
  };
}
