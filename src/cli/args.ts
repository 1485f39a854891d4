/** One option a command accepts. */
export interface OptionSpec {
  /** Long name without dashes: `json` for `--json`. */
  readonly name: string;
  /** One-letter alias without the dash, if any. */
  readonly short?: string;
  /** Name of the value it takes (`--direction <dir>`); options without one are flags. */
  readonly value?: string;
  /** Values the option accepts, when they are a fixed set. */
  readonly choices?: readonly string[];
  /** The option may be given more than once; every value is kept in {@link ParsedArgs.lists}. */
  readonly multiple?: boolean;
}

/** The command line split into command, positionals and options. */
export interface ParsedArgs {
  readonly command: string | undefined;
  readonly positionals: readonly string[];
  readonly options: ReadonlyMap<string, string | true>;
  /** Every value of the options marked `multiple`, in the order given (`options` keeps the last). */
  readonly lists?: ReadonlyMap<string, readonly string[]> | undefined;
}

/** The outcome of {@link parseArgs}: the parsed line, or why it is not a valid one. */
export type ArgsResult = { readonly ok: true; readonly args: ParsedArgs } | { readonly ok: false; readonly message: string; readonly command: string | undefined };

/** Options every command accepts, before or after the command name. */
export const globalOptions: readonly OptionSpec[] = [
  { name: 'help', short: 'h' },
  { name: 'version' },
  { name: 'no-color' },
];

/**
 * Splits `argv` (without the node and script paths) the way git does: options before the command
 * are global, the first other word is the command, and after it both its own options and the
 * global ones are accepted, in any order with positionals. `--name=value`, `--name value` and
 * `--` (end of options) are understood. Parsing is by hand because `node:util`'s parseArgs has no
 * notion of sub-commands with their own option sets.
 */
export function parseArgs(argv: readonly string[], commandOptions: (command: string) => readonly OptionSpec[] | undefined): ArgsResult {
  let command: string | undefined;
  const positionals: string[] = [];
  const options = new Map<string, string | true>();
  const lists = new Map<string, string[]>();
  let specs: readonly OptionSpec[] = globalOptions;
  let endOfOptions = false;

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (endOfOptions || arg === '-' || !arg.startsWith('-')) {
      if (command === undefined && !endOfOptions) {
        command = arg;
        specs = [...globalOptions, ...(commandOptions(arg) ?? [])];
      } else {
        positionals.push(arg);
      }
      continue;
    }
    if (arg === '--') {
      endOfOptions = true;
      continue;
    }
    const long = arg.startsWith('--');
    const eq = arg.indexOf('=');
    const key = long ? arg.slice(2, eq === -1 ? undefined : eq) : arg.slice(1);
    const spec = long ? specs.find((s) => s.name === key) : key.length === 1 ? specs.find((s) => s.short === key) : undefined;
    if (spec === undefined) {
      return { ok: false, command, message: `unknown option '${long ? `--${key}` : arg}'` };
    }
    if (spec.value === undefined) {
      if (long && eq !== -1) return { ok: false, command, message: `option '--${spec.name}' takes no value` };
      options.set(spec.name, true);
      continue;
    }
    const value: string | undefined = long && eq !== -1 ? arg.slice(eq + 1) : argv[i + 1];
    if (!(long && eq !== -1)) i++;
    if (value === undefined || (value.startsWith('-') && !(long && eq !== -1))) {
      return { ok: false, command, message: `option '--${spec.name}' needs a value (${spec.value})` };
    }
    if (spec.choices && !spec.choices.includes(value)) {
      return { ok: false, command, message: `option '--${spec.name}' must be one of ${spec.choices.join(', ')}; got '${value}'` };
    }
    options.set(spec.name, value);
    if (spec.multiple === true) lists.set(spec.name, [...(lists.get(spec.name) ?? []), value]);
  }
  return { ok: true, args: { command, positionals, options, lists } };
}
