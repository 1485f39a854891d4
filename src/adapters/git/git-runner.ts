import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PortFailure } from '../../ports/index.js';
import { redactSecrets } from './classify-failure.js';
import { credentialEnvironment, writeAskpassProgram, type GitCredentials, type GitCredentialsProvider } from './credentials.js';
import { runGit, type GitRun } from './run-git.js';

/** One git command the adapter ran, as reported to `onCommand`. */
export interface GitCommandEvent {
  /** The arguments after `git` (URLs with their user-info replaced by `***`). */
  readonly args: readonly string[];
  /** The exit code; `null` when the process was killed or did not start. */
  readonly exitCode: number | null;
  readonly durationMs: number;
  /** Set when waybill stopped the command. */
  readonly killed?: 'cancelled' | 'timeout' | 'spawn-failed' | undefined;
}

/** How git is run: the options the discovery adapter and the workspace share. */
export interface GitRunnerOptions {
  /** Credentials per repository URL, handed to git through an askpass program (never in argv). */
  readonly credentials?: GitCredentialsProvider | undefined;
  /** The git executable (default `git`, looked up on PATH). Needs git 2.30 or newer. */
  readonly gitPath?: string | undefined;
  /** Kills a git command that runs longer than this (default 600000 ms = 10 minutes; 0: never). */
  readonly timeoutMs?: number | undefined;
  /** The transports git may use (default `https`, `http`, `ssh`, `git`, `file`); git's `ext` is never allowed. */
  readonly allowedProtocols?: readonly string[] | undefined;
  /** Skips TLS certificate checks, for all repositories or for those the function picks. */
  readonly insecureSkipTLSVerify?: boolean | ((repoURL: string) => boolean) | undefined;
  /** Extra environment variables for git (for example `GIT_SSH_COMMAND` or proxy settings). */
  readonly env?: Readonly<Record<string, string>> | undefined;
  /** Called after every git command, for logging and metrics. Never sees a secret. */
  readonly onCommand?: ((event: GitCommandEvent) => void) | undefined;
}

/** Git commands about one repository, with its credentials in place. */
export interface GitSession {
  readonly url: string;
  /** Strings that must never appear in a message. */
  readonly secrets: readonly string[];
  /** What the call is about, for messages (no secrets). */
  readonly what: string;
  readonly signal: AbortSignal | undefined;
  git(args: readonly string[], extra?: { readonly env?: Readonly<Record<string, string>>; readonly cwd?: string }): Promise<GitRun>;
}

/** Starts {@link GitSession}s; owns the private HOME directory git runs with. */
export interface GitRunner {
  /** A session for `repoURL` (with its credentials unless `withCredentials` is false), or why none could be started. */
  session(repoURL: string, signal: AbortSignal | undefined, what: string, withCredentials?: boolean): Promise<GitSession | PortFailure>;
  /** Removes the private HOME directory. */
  close(): Promise<void>;
}

const DEFAULT_PROTOCOLS = ['https', 'http', 'ssh', 'git', 'file'];
const DEFAULT_TIMEOUT_MS = 600_000;
// Variables passed through from the caller's environment: what git needs to find programs,
// proxies, certificates and an SSH agent. Everything else (GIT_DIR, GIT_WORK_TREE, user config)
// is left behind so that the caller's setup cannot change what waybill reads or writes.
const PASSED_THROUGH = [
  'PATH',
  'SYSTEMROOT',
  'TMPDIR',
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'NO_PROXY',
  'ALL_PROXY',
  'http_proxy',
  'https_proxy',
  'no_proxy',
  'all_proxy',
  'SSL_CERT_FILE',
  'SSL_CERT_DIR',
  'GIT_SSL_CAINFO',
  'SSH_AUTH_SOCK',
];

/** True for a session, false for a failure. */
export const isSession = (value: GitSession | PortFailure): value is GitSession => 'git' in value;

/**
 * Makes the runner: git with an argument array and no shell, `GIT_TERMINAL_PROMPT=0`, `LC_ALL=C`,
 * no system or user configuration (a private HOME), no credential helper, hooks off, only the
 * allowed transports, and credentials through the askpass program.
 */
export function createGitRunner(options: GitRunnerOptions): GitRunner {
  const gitPath = options.gitPath ?? 'git';
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const protocols = (options.allowedProtocols ?? DEFAULT_PROTOCOLS).filter((p) => p !== 'ext');
  let home: Promise<{ dir: string; askpass: string }> | undefined;
  const homeDirectory = (): Promise<{ dir: string; askpass: string }> => {
    if (home === undefined) {
      const made = (async () => {
        const dir = await mkdtemp(join(tmpdir(), 'waybill-git-home-'));
        return { dir, askpass: await writeAskpassProgram(dir) };
      })();
      home = made;
      made.catch(() => {
        if (home === made) home = undefined;
      });
    }
    return home;
  };
  const environment = (dir: string): Record<string, string> => {
    const env: Record<string, string> = {};
    for (const name of PASSED_THROUGH) {
      const value = process.env[name];
      if (value !== undefined) env[name] = value;
    }
    return {
      ...env,
      GIT_SSH_COMMAND: 'ssh -o BatchMode=yes',
      ...options.env,
      HOME: dir,
      XDG_CONFIG_HOME: join(dir, '.config'),
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_TERMINAL_PROMPT: '0',
      GIT_ALLOW_PROTOCOL: protocols.join(':'),
      LC_ALL: 'C',
      LANG: 'C',
      LANGUAGE: 'C',
    };
  };
  return {
    async session(repoURL, signal, what, withCredentials = true) {
      let dirs: { dir: string; askpass: string };
      try {
        dirs = await homeDirectory();
      } catch (error) {
        return { kind: 'transport', message: `${what}: cannot make a temporary directory (${error instanceof Error ? error.message : String(error)})`, retryable: false };
      }
      let credentials: GitCredentials | undefined;
      try {
        credentials = withCredentials ? await options.credentials?.(repoURL) : undefined;
      } catch {
        return { kind: 'unauthorized', message: `${what}: the credentials function failed`, retryable: false };
      }
      const secrets = credentials === undefined || credentials.password === '' ? [] : [credentials.password];
      const insecure = typeof options.insecureSkipTLSVerify === 'function' ? options.insecureSkipTLSVerify(repoURL) : options.insecureSkipTLSVerify === true;
      const env = { ...environment(dirs.dir), ...credentialEnvironment(dirs.askpass, credentials) };
      const configArgs = [
        '-c',
        'credential.helper=',
        '-c',
        'gc.autoDetach=false',
        '-c',
        'protocol.version=2',
        '-c',
        'core.hooksPath=/dev/null',
        '-c',
        'commit.gpgSign=false',
        '-c',
        'tag.gpgSign=false',
        ...(insecure ? ['-c', 'http.sslVerify=false'] : []),
      ];
      return {
        url: repoURL,
        secrets,
        what,
        signal,
        async git(args, extra = {}) {
          const started = performance.now();
          const fullArgs = [...configArgs, ...args];
          const run = await runGit({ gitPath, args: fullArgs, env: { ...env, ...extra.env }, cwd: extra.cwd, signal, timeoutMs });
          options.onCommand?.({
            args: fullArgs.map((a) => redactSecrets(a, secrets)),
            exitCode: run.code,
            durationMs: performance.now() - started,
            ...(run.killed !== undefined ? { killed: run.killed } : {}),
          });
          return run;
        },
      };
    },
    async close() {
      const pending = home;
      home = undefined;
      if (pending === undefined) return;
      try {
        await rm((await pending).dir, { recursive: true, force: true });
      } catch {
        // Nothing was made, or it is already gone.
      }
    },
  };
}
