import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runGit } from './run-git.js';

/** A signing key imported into its own keyring, ready for `git commit -S`. */
export interface ImportedSigningKey {
  /** The private GnuPG home holding only this key. */
  readonly home: string;
  /** The key's fingerprint, for `user.signingkey`. */
  readonly fingerprint: string;
  /** The environment git needs so that it (and the gpg it runs) use that keyring. */
  readonly env: Readonly<Record<string, string>>;
}

/** How gpg is run for signing. */
export interface SigningKeyOptions {
  /** The gpg executable (default `gpg`, looked up on PATH). */
  readonly gpgPath?: string | undefined;
  readonly signal?: AbortSignal | undefined;
  readonly timeoutMs?: number | undefined;
}

const gpgEnvironment = (home: string): Record<string, string> => ({
  ...(process.env['PATH'] !== undefined ? { PATH: process.env['PATH'] } : {}),
  GNUPGHOME: home,
  LC_ALL: 'C',
  LANG: 'C',
});

/**
 * Imports an ASCII-armored private key into a fresh temporary GnuPG home (never the user's), and
 * returns its fingerprint. The key goes to gpg on standard input, so it never shows in argv; the
 * failure message never quotes the key or gpg's output about it.
 */
export async function importSigningKey(armoredKey: string, options: SigningKeyOptions = {}): Promise<ImportedSigningKey | { readonly error: string }> {
  const gpgPath = options.gpgPath ?? 'gpg';
  let home: string;
  try {
    // A short path under the system temporary directory: gpg-agent's socket path has a length limit.
    home = await mkdtemp(join(tmpdir(), 'waybill-gpg-'));
  } catch {
    return { error: 'cannot make a temporary GnuPG home' };
  }
  const env = gpgEnvironment(home);
  const run = (args: readonly string[], input?: string) => runGit({ gitPath: gpgPath, args: ['--batch', '--no-tty', ...args], env, signal: options.signal, timeoutMs: options.timeoutMs, input });
  const imported = await run(['--import'], armoredKey);
  if (imported.code !== 0 || imported.killed !== undefined) {
    await removeSigningKey({ home, fingerprint: '', env }, gpgPath);
    return { error: imported.spawnError === 'ENOENT' ? `gpg (${gpgPath}) is not installed` : imported.killed !== undefined ? `importing the signing key was stopped (${imported.killed})` : 'the signing key could not be imported (is it an ASCII-armored private key?)' };
  }
  const listed = await run(['--with-colons', '--list-secret-keys']);
  // The first fingerprint after the first secret primary key is that key's.
  let fingerprint = '';
  let inPrimary = false;
  for (const line of listed.stdout.split('\n')) {
    const fields = line.split(':');
    if (fields[0] === 'sec') inPrimary = true;
    else if (fields[0] === 'fpr' && inPrimary) {
      fingerprint = fields[9] ?? '';
      break;
    }
  }
  if (!/^[0-9A-F]{16,64}$/i.test(fingerprint)) {
    await removeSigningKey({ home, fingerprint: '', env }, gpgPath);
    return { error: 'the signing key holds no private key' };
  }
  return { home, fingerprint, env };
}

/** Stops the keyring's agent and deletes the temporary GnuPG home. Never rejects. */
export async function removeSigningKey(key: ImportedSigningKey, gpgPath = 'gpg'): Promise<void> {
  // gpgconf sits next to gpg; the agent gpg started would otherwise outlive the keyring.
  const gpgconf = gpgPath.endsWith('gpg') ? `${gpgPath}conf` : 'gpgconf';
  await runGit({ gitPath: gpgconf, args: ['--kill', 'gpg-agent'], env: key.env, timeoutMs: 10_000 });
  try {
    await rm(key.home, { recursive: true, force: true });
  } catch {
    // Already gone.
  }
}
