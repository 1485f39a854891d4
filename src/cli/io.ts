/**
 * What a command may touch of the outside world, so that tests can run commands in-process and
 * read what they printed.
 */
export interface CliIo {
  /** Writes to standard output; the text carries its own newlines. */
  readonly stdout: (text: string) => void;
  /** Writes to standard error; the text carries its own newlines. */
  readonly stderr: (text: string) => void;
  /** Directory that relative paths are resolved against. */
  readonly cwd: string;
  /** Environment variables (only `NO_COLOR` is read today). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Whether standard output is a terminal (colour is only used on one). */
  readonly isTTY: boolean;
}

/** Exit codes of the `waybill` command. */
export const ExitCode = {
  /** Success: no errors found (warnings may have been printed). */
  ok: 0,
  /** The input has errors (validation issues, a broken graph). */
  issues: 1,
  /** The command line is wrong: unknown command or option, missing argument, path not found. */
  usage: 2,
  /** waybill failed unexpectedly; this is a bug worth reporting. */
  internal: 3,
} as const;
