import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { renderTimelineHtml } from '../../controller/render-html.js';
import { timelineToJson } from '../../controller/render-json.js';
import { formatTimeline } from '../../controller/render-text.js';
import { simulate } from '../../controller/simulate.js';
import { parseSimulationScript } from '../../controller/simulation-script.js';
import { isKargoResource, type ManifestResource } from '../../model/index.js';
import { parseGoDuration } from '../../pipeline/index.js';
import { usageError, type CommandContext } from '../context.js';
import { readText } from '../files.js';
import { usageOf } from '../help.js';
import { ExitCode } from '../io.js';
import { renderIssues } from '../output.js';
import { loadFromPaths } from '../project-files.js';

/** The renderings `waybill simulate --format` offers. */
export const SIMULATE_FORMATS = ['text', 'json', 'html'] as const;

/** `--until 48h` means 48 hours after the start, as `+48h` does. */
function untilOption(text: string): string {
  return !text.startsWith('+') && !/^\d{4}-/.test(text) && (parseGoDuration(text.replace(/^(\d+)d/, '')).ok || /^\d+d$/.test(text)) ? `+${text}` : text;
}

/**
 * `waybill simulate <events.yaml> <manifests>... [--until T] [--format text|json|html] [-o file]`:
 * runs the controller over the manifests and a script of events on a virtual clock, with every
 * port in memory, and prints the timeline.
 */
export async function runSimulate(ctx: CommandContext): Promise<number> {
  const { args, io, styles } = ctx;
  const [scriptFile, ...paths] = args.positionals;
  if (scriptFile === undefined || paths.length === 0) return usageError(ctx, 'simulate needs a script of events and the manifests to run it on', usageOf('simulate'));
  const asked = args.options.get('format');
  if (args.options.has('json') && asked !== undefined && asked !== 'json') return usageError(ctx, `--json and --format ${String(asked)} ask for different outputs`, usageOf('simulate'));
  const format = args.options.has('json') ? 'json' : typeof asked === 'string' ? asked : 'text';
  let scriptText: string;
  try {
    scriptText = readText(scriptFile, io.cwd);
  } catch {
    return usageError(ctx, `cannot read the script ${scriptFile}`, usageOf('simulate'));
  }
  const script = parseSimulationScript(scriptText, { file: scriptFile });
  if (!script.ok) {
    io.stderr(renderIssues(script.issues, { [scriptFile]: scriptText }, styles));
    return ExitCode.issues;
  }
  const project = loadFromPaths(ctx, paths);
  if (typeof project === 'number') return project;
  if (project.issues.some((i) => i.severity === 'error')) {
    io.stderr(renderIssues(project.issues, project.sources, styles));
    io.stderr('waybill: the manifests have errors; fix them first (waybill validate shows them all)\n');
    return ExitCode.issues;
  }
  const resources = project.resources.map((r) => r.resource as ManifestResource).filter(isKargoResource);
  const until = args.options.get('until');
  const start = args.options.get('start');
  const namespace = args.options.get('project');
  const result = await simulate(resources, script.value, {
    ...(typeof until === 'string' ? { until: untilOption(until) } : {}),
    ...(typeof start === 'string' ? { start } : {}),
    ...(typeof namespace === 'string' ? { project: namespace } : {}),
  });
  if (!result.ok) {
    io.stderr(renderIssues(result.issues, { ...project.sources, [scriptFile]: scriptText }, styles));
    return ExitCode.issues;
  }
  const rendered = format === 'json' ? timelineToJson(result.value) : format === 'html' ? renderTimelineHtml(result.value) : formatTimeline(result.value);
  const output = args.options.get('output');
  if (typeof output === 'string') {
    const target = resolve(io.cwd, output);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, rendered);
    io.stderr(`waybill: wrote the timeline to ${output}\n`);
  } else {
    io.stdout(rendered);
  }
  return ExitCode.ok;
}
