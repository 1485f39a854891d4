import type { ChartRepositoryPort, GitPort, RegistryPort, StorePort } from '../ports/index.js';
import type { StepPorts } from '../promotion/index.js';

/**
 * Ports a program (or a test) hands to the command instead of the ones it would build from the
 * configuration file: discovery reads through them, and stateful commands use `store` instead of
 * the manifests directory or the cluster, and Promotion steps run with `steps`.
 */
export interface CliPorts {
  readonly registry?: RegistryPort | undefined;
  readonly git?: GitPort | undefined;
  readonly charts?: ChartRepositoryPort | undefined;
  readonly store?: StorePort | undefined;
  /** The ports a Promotion's steps run with (`promote --run`), instead of a temporary directory and the git command. */
  readonly steps?: ((request: { readonly project: string; readonly stage: string; readonly promotion: string }) => StepPorts | Promise<StepPorts>) | undefined;
}

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
  /** Environment variables: `NO_COLOR`, `KUBECONFIG`, and the credential variables the configuration names. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Whether standard output is a terminal (colour is only used on one). */
  readonly isTTY: boolean;
  /** Whether standard error is a terminal: progress lines are only printed on one. Default `false`. */
  readonly stderrIsTTY?: boolean | undefined;
  /** Ports to use instead of those built from the configuration (for tests and embedding programs). */
  readonly ports?: CliPorts | undefined;
}

/** Exit codes of the `waybill` command. */
export const ExitCode = {
  /** Success: no errors found (warnings may have been printed). */
  ok: 0,
  /** The input has errors (validation issues, a broken graph), or a decision said no (Freight not available, a promotion that failed). */
  issues: 1,
  /** The command line is wrong: unknown command or option, missing argument, path not found. */
  usage: 2,
  /** waybill failed unexpectedly; this is a bug worth reporting. */
  internal: 3,
  /** A port failed: a registry, Git or chart repository, or the cluster could not be reached or refused access. */
  portFailed: 4,
} as const;
