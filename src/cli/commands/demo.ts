import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative } from 'node:path';
import { isKargoResource, type KargoResource, type ManifestResource } from '../../model/index.js';
import { usageError, type CommandContext } from '../context.js';
import { createDemoRemote, pushSeedCommit, readLog, runGit } from '../demo/git-remote.js';
import { formatDemoTimeline, formatGitLog, formatStageStates } from '../demo/report.js';
import { runDemoScenario } from '../demo/scenario.js';
import { DEMO_GITOPS_URL, DEMO_IMAGE, DEMO_INITIAL_TAGS, DEMO_OWNER, DEMO_START, initialRepositoryFiles } from '../demo/world.js';
import { usageOf } from '../help.js';
import { ExitCode } from '../io.js';
import { renderIssues } from '../output.js';
import { loadFromPaths } from '../project-files.js';
import { checkProject, summaryLine } from './validate.js';

/** Where the demo project lives, relative to the package root. */
export const demoProjectDir = join('examples', '01-quickstart');

/**
 * `waybill demo`: Kargo's quickstart, end to end, on this machine and offline. The Stages of
 * examples/01-quickstart promote into a real Git repository (a bare repository in a temporary
 * directory, through the git adapter) from an in-memory registry, driven by the controller on a
 * manual clock. Prints the timeline, where each Stage ends up, and the Git log with every
 * commit's diff. The output is the same on every run but for the one line naming the temporary
 * directory, which is removed at the end unless `--keep` is given.
 */
export async function runDemo(ctx: CommandContext): Promise<number> {
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
  if (!report.ok) {
    io.stderr(renderIssues(report.issues, project.sources, styles));
    io.stderr(`waybill: the demo project has errors: ${summaryLine(report)}\n`);
    return ExitCode.issues;
  }
  const resources = project.resources.map((r) => r.resource as ManifestResource).filter((r): r is KargoResource => isKargoResource(r));

  const keep = args.options.has('keep');
  const temp = await mkdtemp(join(tmpdir(), 'waybill-demo-'));
  const out: string[] = [];
  const flush = (): void => {
    if (out.length > 0) io.stdout(`${out.join('\n')}\n`);
    out.length = 0;
  };
  try {
    try {
      await runGit(['--version'], temp);
    } catch {
      io.stderr('waybill: the demo needs the git command (2.30 or newer) on PATH\n');
      return ExitCode.usage;
    }
    const remote = await createDemoRemote(temp, DEMO_GITOPS_URL);
    const seed = await pushSeedCommit(remote, join(temp, 'work'), {
      files: initialRepositoryFiles(),
      message: 'Helm values for dev, staging and prod',
      author: DEMO_OWNER,
      date: '2026-05-01T08:00:00Z',
    });

    out.push(styles.bold("waybill demo: Kargo's quickstart, end to end, on this machine"), '');
    out.push(`  Project     ${demoProjectDir}: ${summaryLine(report)}`);
    out.push(`  Git         ${DEMO_GITOPS_URL}, served by a bare repository in the temporary directory`);
    out.push(`              main at ${seed.slice(0, 7)}: env/dev, env/staging and env/prod values.yaml, each with image.tag 1.0.0`);
    out.push(`  Registry    ${DEMO_IMAGE} (in memory): ${DEMO_INITIAL_TAGS.map((t) => t.tag).join(', ')}`);
    out.push(`  Controller  waybill's, with an in-memory store, on a manual clock starting at ${DEMO_START}`);
    out.push(`  Temporary directory: ${temp} (${keep ? 'kept' : 'removed at the end; --keep keeps it'})`);
    flush();

    const run = await runDemoScenario({ resources, remote, workRoot: join(temp, 'work') });
    out.push('', styles.bold(`Timeline (${DEMO_START.slice(0, 10)}, UTC; * marks what happens outside the controller)`), ...formatDemoTimeline(run.timeline, run.pushes, styles));
    out.push('', styles.bold('Where each Stage is now'), ...formatStageStates(run.stages, DEMO_IMAGE));
    const log = await readLog(remote, temp);
    out.push('', styles.bold('The Git log of main, oldest commit first (git log -p --reverse)'), '', ...formatGitLog(log, styles));
    out.push('', `Run it again: the commits get the same ids, since authors, dates and contents are the same.${keep ? ' The bare repository is kargo-demo.git in the temporary directory.' : ''}`);
    flush();
    return ExitCode.ok;
  } catch (error) {
    flush();
    io.stderr(`waybill: the demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
    return ExitCode.internal;
  } finally {
    if (!keep) await rm(temp, { recursive: true, force: true });
  }
}
