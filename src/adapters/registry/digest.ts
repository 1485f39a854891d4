import { createHash } from 'node:crypto';

const ALGORITHMS: Readonly<Record<string, string>> = { sha256: 'sha256', sha384: 'sha384', sha512: 'sha512' };
const DIGEST = /^([a-z0-9]+):([a-f0-9]{32,128})$/;

/** The `sha256:` digest of a body. */
export function sha256Digest(body: Uint8Array): string {
  return `sha256:${createHash('sha256').update(body).digest('hex')}`;
}

/** True when `digest` (`algorithm:hex`) is well formed and names a supported algorithm. */
export function isDigest(digest: string): boolean {
  const match = DIGEST.exec(digest);
  return match !== null && ALGORITHMS[match[1] ?? ''] !== undefined;
}

/** True when `body` hashes to `digest`, whichever supported algorithm it names. */
export function matchesDigest(body: Uint8Array, digest: string): boolean {
  const match = DIGEST.exec(digest);
  const algorithm = match === null ? undefined : ALGORITHMS[match[1] ?? ''];
  if (match === null || algorithm === undefined) return false;
  return createHash(algorithm).update(body).digest('hex') === match[2];
}
