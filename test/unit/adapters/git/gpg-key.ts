import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A throwaway GPG key made for a test, in a keyring of its own that can verify its signatures. */
export interface TestSigningKey {
  /** The GnuPG home holding the key; give it as `GNUPGHOME` to `git verify-commit`. */
  readonly keyring: string;
  readonly fingerprint: string;
  /** The private key, ASCII-armored, without a passphrase. */
  readonly armored: string;
  remove(): Promise<void>;
}

/**
 * Makes an ed25519 signing key with no passphrase. Fails with a clear message when gpg is
 * missing: signing must be tested with a real gpg, never skipped.
 */
export async function createTestSigningKey(uid: string): Promise<TestSigningKey> {
  try {
    execFileSync('gpg', ['--version'], { stdio: 'ignore' });
  } catch (error) {
    throw new Error(`signed commits are tested with a real gpg (GnuPG 2, Debian package gnupg) on PATH, but it could not be run: ${String(error)}`);
  }
  const keyring = await mkdtemp(join(tmpdir(), 'wb-gpg-test-'));
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', GNUPGHOME: keyring, LC_ALL: 'C' };
  const gpg = (args: readonly string[]): string => execFileSync('gpg', ['--batch', '--no-tty', ...args], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  gpg(['--passphrase', '', '--quick-gen-key', uid, 'ed25519', 'sign', 'never']);
  const fingerprint = /^fpr:(?:[^:]*:){8}([0-9A-F]+):/m.exec(gpg(['--with-colons', '--list-secret-keys']))?.[1] ?? '';
  const armored = gpg(['--armor', '--pinentry-mode', 'loopback', '--passphrase', '', '--export-secret-keys', fingerprint]);
  if (!armored.includes('BEGIN PGP PRIVATE KEY BLOCK')) throw new Error('gpg did not export the test key');
  return {
    keyring,
    fingerprint,
    armored,
    async remove() {
      try {
        execFileSync('gpgconf', ['--kill', 'gpg-agent'], { env, stdio: 'ignore' });
      } catch {
        // No agent was started.
      }
      await rm(keyring, { recursive: true, force: true });
    },
  };
}
