import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Finds the root of the waybill package by walking up from this module to the first
 * `package.json` named `waybill`. The same code then works from `src/cli` (run with tsx) and from
 * the bundled `dist/cli/main.js`.
 */
export function findPackageRoot(from: string = fileURLToPath(import.meta.url)): string | undefined {
  for (let dir = dirname(from); ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && readPackageJson(manifest)?.name === 'waybill') return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

/** The version in the package's `package.json`, or `unknown` if it cannot be read. */
export function readVersion(root: string | undefined): string {
  const version = root === undefined ? undefined : readPackageJson(join(root, 'package.json'))?.version;
  return typeof version === 'string' ? version : 'unknown';
}

function readPackageJson(path: string): { name?: unknown; version?: unknown } | undefined {
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return typeof parsed === 'object' && parsed !== null ? (parsed as { name?: unknown; version?: unknown }) : undefined;
  } catch {
    return undefined;
  }
}
