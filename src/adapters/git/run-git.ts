import { spawn } from 'node:child_process';

/** What one git invocation gave back. */
export interface GitRun {
  /** The exit code; `null` when the process was killed. */
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Why the process was killed by waybill, if it was. */
  readonly killed?: 'cancelled' | 'timeout' | 'spawn-failed' | undefined;
  /** The spawn error's code (`ENOENT` when git is not installed). */
  readonly spawnError?: string | undefined;
}

/** How to run one git command. */
export interface RunGitOptions {
  /** The git executable (a name looked up on PATH, or a path). */
  readonly gitPath: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly cwd?: string | undefined;
  readonly signal?: AbortSignal | undefined;
  /** Kills the command after this many milliseconds (0 or absent: never). */
  readonly timeoutMs?: number | undefined;
  /** Text written to the command's standard input (kept out of argv, where other users could read it). */
  readonly input?: string | undefined;
}

/**
 * Runs git with an argument array and no shell, collecting its output. The process gets its own
 * process group so that cancelling kills git's helpers too (remote-https, upload-pack), not only
 * the `git` front end. Never rejects.
 */
export function runGit(options: RunGitOptions): Promise<GitRun> {
  return new Promise((resolve) => {
    if (options.signal?.aborted) {
      resolve({ code: null, stdout: '', stderr: '', killed: 'cancelled' });
      return;
    }
    const posix = process.platform !== 'win32';
    let child: ReturnType<typeof spawn>;
    try {
      child = spawn(options.gitPath, [...options.args], {
        cwd: options.cwd,
        env: { ...options.env },
        stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
        detached: posix,
        windowsHide: true,
      });
    } catch (error) {
      resolve({ code: null, stdout: '', stderr: String(error), killed: 'spawn-failed', spawnError: errorCode(error) });
      return;
    }
    const out: Buffer[] = [];
    const errs: Buffer[] = [];
    let killed: GitRun['killed'];
    let spawnError: string | undefined;
    const kill = (why: 'cancelled' | 'timeout'): void => {
      if (killed !== undefined) return;
      killed = why;
      try {
        if (posix && child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        // The process has already exited.
      }
    };
    const onAbort = (): void => kill('cancelled');
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const timer = options.timeoutMs !== undefined && options.timeoutMs > 0 ? setTimeout(() => kill('timeout'), options.timeoutMs) : undefined;
    if (options.input !== undefined && child.stdin !== null) {
      // A command that exits before reading all of its input closes the pipe; that is not an error here.
      child.stdin.on('error', () => undefined);
      child.stdin.end(options.input);
    }
    child.stdout?.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => errs.push(chunk));
    let settled = false;
    const finish = (code: number | null): void => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', onAbort);
      if (timer !== undefined) clearTimeout(timer);
      resolve({
        code,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(errs).toString('utf8'),
        ...(killed !== undefined ? { killed } : {}),
        ...(spawnError !== undefined ? { spawnError } : {}),
      });
    };
    child.on('error', (error) => {
      spawnError = errorCode(error);
      if (killed === undefined) killed = 'spawn-failed';
      // A process that never started emits no reliable 'close'.
      if (child.pid === undefined) finish(null);
    });
    child.on('close', (code) => finish(code));
  });
}

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}
