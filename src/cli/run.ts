import { parseArgs, type OptionSpec } from './args.js';
import type { CommandContext } from './context.js';
import { usageError } from './context.js';
import { helpTopics, renderHelp, usageOf } from './help.js';
import { ExitCode, type CliIo } from './io.js';
import { createStyles, shouldUseColor } from './output.js';
import { findPackageRoot, readVersion } from './package-root.js';
import { runApprove } from './commands/approve.js';
import { runDemo } from './commands/demo.js';
import { runDiscover } from './commands/discover.js';
import { runExplain } from './commands/explain.js';
import { GET_OUTPUTS, runGet } from './commands/get.js';
import { runGraph } from './commands/graph.js';
import { runPlan } from './commands/plan.js';
import { runPromote } from './commands/promote.js';
import { runSimulate, SIMULATE_FORMATS } from './commands/simulate.js';
import { runValidate } from './commands/validate.js';
import { worldOptions } from './world.js';

interface Command {
  readonly options: readonly OptionSpec[];
  readonly run: (ctx: CommandContext) => number | Promise<number>;
}

const commands: Readonly<Record<string, Command>> = {
  validate: { options: [{ name: 'json' }], run: runValidate },
  graph: {
    options: [{ name: 'json' }, { name: 'format', value: 'format', choices: ['mermaid', 'dot', 'json'] }, { name: 'direction', value: 'dir', choices: ['LR', 'TB', 'RL', 'BT'] }],
    run: runGraph,
  },
  plan: {
    options: [{ name: 'json' }, { name: 'stage', value: 'stage' }, { name: 'freight', value: 'freight' }, { name: 'repo', value: 'path' }, { name: 'now', value: 'time' }, { name: 'name', value: 'promotion' }],
    run: runPlan,
  },
  get: {
    options: [...worldOptions, { name: 'json' }, { name: 'output', short: 'o', value: 'format', choices: GET_OUTPUTS }, { name: 'stage', value: 'stage' }, { name: 'no-headers' }],
    run: runGet,
  },
  discover: { options: [...worldOptions, { name: 'json' }, { name: 'create' }], run: runDiscover },
  explain: { options: [...worldOptions, { name: 'json' }], run: runExplain },
  promote: {
    options: [...worldOptions, { name: 'json' }, { name: 'stage', value: 'stage' }, { name: 'freight', value: 'freight' }, { name: 'freight-alias', value: 'alias' }, { name: 'origin', value: 'Warehouse/name' }, { name: 'run' }],
    run: runPromote,
  },
  approve: {
    options: [...worldOptions, { name: 'json' }, { name: 'stage', value: 'stage' }, { name: 'freight', value: 'freight' }, { name: 'freight-alias', value: 'alias' }],
    run: runApprove,
  },
  simulate: {
    options: [
      { name: 'json' },
      { name: 'format', value: 'format', choices: SIMULATE_FORMATS },
      { name: 'until', value: 'time' },
      { name: 'start', value: 'time' },
      { name: 'project', value: 'project' },
      { name: 'output', short: 'o', value: 'file' },
    ],
    run: runSimulate,
  },
  demo: { options: [{ name: 'keep' }], run: runDemo },
  help: { options: [], run: runHelp },
};

/** The names of every `waybill` command, in the order of the dispatch table. */
export const commandNames: readonly string[] = Object.keys(commands);

/**
 * Runs the `waybill` command line and returns its exit code (0 ok, 1 issues found or a decision
 * said no, 2 usage error, 3 internal error, 4 a port failed). Everything it prints goes through `io`, so it can be run in-process. This is
 * what the `waybill` binary calls.
 */
export async function runCliAsync(argv: readonly string[], io: CliIo, packageRoot: string | undefined = findPackageRoot()): Promise<number> {
  return dispatch(argv, io, packageRoot);
}

/**
 * {@link runCliAsync} for the commands that finish synchronously (`validate`, `graph`, `help`),
 * for callers that cannot await. An asynchronous command is refused with exit code 3 and a message,
 * rather than reporting an exit code before the command has finished.
 */
export function runCli(argv: readonly string[], io: CliIo, packageRoot: string | undefined = findPackageRoot()): number {
  const code = dispatch(argv, io, packageRoot);
  if (typeof code === 'number') return code;
  // The command still runs to its end; its outcome goes to runCliAsync callers only.
  void code.catch(() => undefined);
  io.stderr(`waybill: '${argv.find((a) => !a.startsWith('-')) ?? ''}' runs asynchronously; call runCliAsync\n`);
  return ExitCode.internal;
}

function dispatch(argv: readonly string[], io: CliIo, packageRoot: string | undefined): number | Promise<number> {
  const parsed = parseArgs(argv, (name) => (Object.hasOwn(commands, name) ? commands[name]?.options : undefined));
  if (!parsed.ok) return usageError({ io }, parsed.message, usageOf(parsed.command));
  const { args } = parsed;
  const styles = createStyles(shouldUseColor(io, args.options.has('no-color')));
  const ctx: CommandContext = { args, io, styles, packageRoot };

  if (args.options.has('version')) {
    io.stdout(`waybill version ${readVersion(packageRoot)}\n`);
    return ExitCode.ok;
  }
  if (args.command === undefined) {
    io[args.options.has('help') ? 'stdout' : 'stderr'](renderHelp('waybill', styles.bold) ?? '');
    return args.options.has('help') ? ExitCode.ok : ExitCode.usage;
  }
  const command = Object.hasOwn(commands, args.command) ? commands[args.command] : undefined;
  if (command === undefined) {
    return usageError(ctx, `'${args.command}' is not a waybill command. See 'waybill --help'.`, usageOf(undefined));
  }
  if (args.options.has('help')) {
    io.stdout(renderHelp(args.command, styles.bold) ?? '');
    return ExitCode.ok;
  }
  const internal = (error: unknown): number => {
    io.stderr(`waybill: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return ExitCode.internal;
  };
  try {
    const code = command.run(ctx);
    return typeof code === 'number' ? code : code.catch(internal);
  } catch (error) {
    return internal(error);
  }
}

function runHelp(ctx: CommandContext): number {
  const [topic, ...extra] = ctx.args.positionals;
  if (extra.length > 0) return usageError(ctx, 'help takes at most one command name', usageOf('help'));
  const page = renderHelp(topic ?? 'waybill', ctx.styles.bold);
  if (page === undefined) return usageError(ctx, `no manual page for '${topic}'; commands are ${helpTopics.join(', ')}`, usageOf('help'));
  ctx.io.stdout(page);
  return ExitCode.ok;
}
