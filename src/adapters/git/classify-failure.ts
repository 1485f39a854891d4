import type { PortFailure } from '../../ports/index.js';
import type { GitRun } from './run-git.js';

/**
 * Removes secrets from text meant for people: the user-info part of URLs
 * (`https://user:token@host` becomes `https://***@host`) and every literal secret given.
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^/@\s'"]+@/gi, '$1***@');
  for (const secret of secrets) {
    if (secret.length > 0) out = out.split(secret).join('***');
  }
  return out;
}

// git's messages are matched with LC_ALL=C, so they are the untranslated English ones.
const UNAUTHORIZED = [
  /authentication failed/i,
  /could not read (username|password)/i,
  /terminal prompts disabled/i,
  /permission denied \(publickey/i,
  /returned error: 40[13]\b/i,
  /http(\s+status)?\s+40[13]\b/i,
  /invalid username or password/i,
  /access denied(?! or repository not exported)/i,
];
const NOT_FOUND = [
  /does not appear to be a git repository/i,
  /repository '.*' not found/i,
  /repository not found/i,
  /couldn't find remote ref/i,
  /remote branch .* not found/i,
  /access denied or repository not exported/i,
  /returned error: 404\b/i,
  /no such repository/i,
];
const RETRYABLE = [
  /could not resolve host/i,
  /connection (refused|reset|timed out)/i,
  /failed to connect/i,
  /operation timed out/i,
  /timed out/i,
  /early eof/i,
  /the remote end hung up/i,
  /rpc failed/i,
  /returned error: (5\d\d|429)\b/i,
  /http\/?\S* (5\d\d|429)\b/i,
  /temporary failure in name resolution/i,
  /network is unreachable/i,
  /gnutls_handshake|ssl_read|ssl_connect/i,
  // A connection closed before or during the answer: nothing was wrong with the request.
  /empty reply from server/i,
  /(recv|send) failure/i,
  /unexpected disconnect/i,
  /bytes of body are still expected/i,
];

/** The first few meaningful lines of git's stderr (hints and progress left out). */
export function summarizeStderr(stderr: string): string {
  const lines = stderr
    .split(/\r?\n|\r/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('hint:') && !/^(remote: )?(Counting|Compressing|Receiving|Resolving|Enumerating|Total)\b/.test(l));
  const text = lines.slice(0, 4).join(' / ');
  return text.length > 400 ? `${text.slice(0, 397)}...` : text;
}

/**
 * Turns a failed git command into a {@link PortFailure}: what kind of failure it was, whether
 * trying again may help, and a message with no secret in it. `what` names the operation and the
 * repository (already redacted).
 */
export function classifyGitFailure(run: GitRun, what: string, secrets: readonly string[]): PortFailure {
  if (run.killed === 'cancelled') return { kind: 'cancelled', message: `${what}: cancelled`, retryable: false };
  if (run.killed === 'timeout') return { kind: 'transport', message: `${what}: timed out`, retryable: true };
  if (run.killed === 'spawn-failed') {
    const missing = run.spawnError === 'ENOENT';
    return {
      kind: 'transport',
      message: missing ? `${what}: the git command was not found (install git 2.30 or newer, or set gitPath)` : `${what}: git could not be started (${run.spawnError ?? 'unknown error'})`,
      retryable: false,
    };
  }
  const detail = redactSecrets(summarizeStderr(run.stderr), secrets);
  const message = `${what} failed${detail === '' ? ` (git exited with ${String(run.code)})` : `: ${detail}`}`;
  if (UNAUTHORIZED.some((p) => p.test(run.stderr))) return { kind: 'unauthorized', message, retryable: false };
  if (NOT_FOUND.some((p) => p.test(run.stderr))) return { kind: 'not-found', message, retryable: false };
  return { kind: 'transport', message, retryable: RETRYABLE.some((p) => p.test(run.stderr)) };
}
