import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** A username and a password (or token) for one repository. */
export interface GitCredentials {
  readonly username: string;
  readonly password: string;
}

/**
 * Gives the credentials for a repository URL, or `undefined` to try without. Called before each
 * git command that reaches the remote, so rotated tokens are picked up.
 */
export type GitCredentialsProvider = (repoURL: string) => GitCredentials | undefined | Promise<GitCredentials | undefined>;

/** The environment variables the askpass program reads the credentials from. */
export const ASKPASS_USERNAME_VARIABLE = 'WAYBILL_GIT_USERNAME';
export const ASKPASS_PASSWORD_VARIABLE = 'WAYBILL_GIT_PASSWORD';

// git runs GIT_ASKPASS with its prompt ("Username for '…': " or "Password for '…': ") as the only
// argument. The program answers from the environment, so the secret is never in an argument list,
// a file or git's own configuration.
const ASKPASS_SCRIPT = `#!/bin/sh
case "$1" in
  Username*) printf '%s\\n' "$${ASKPASS_USERNAME_VARIABLE}" ;;
  *) printf '%s\\n' "$${ASKPASS_PASSWORD_VARIABLE}" ;;
esac
`;

/** Writes the askpass program into `dir` (a private directory) and returns its path. */
export async function writeAskpassProgram(dir: string): Promise<string> {
  const path = join(dir, 'askpass.sh');
  await writeFile(path, ASKPASS_SCRIPT, { mode: 0o700 });
  await chmod(path, 0o700);
  return path;
}

/** The environment that hands `credentials` to the askpass program at `askpassPath`. */
export function credentialEnvironment(askpassPath: string, credentials: GitCredentials | undefined): Record<string, string> {
  if (credentials === undefined) return {};
  return { GIT_ASKPASS: askpassPath, [ASKPASS_USERNAME_VARIABLE]: credentials.username, [ASKPASS_PASSWORD_VARIABLE]: credentials.password };
}
