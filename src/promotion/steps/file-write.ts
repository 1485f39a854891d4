import * as z from 'zod';
import { defineStep } from '../registry.js';
import { stepErrored, stepFailed, stepSucceeded } from '../step-results.js';
import type { WorkTree } from '../work-tree.js';
import { errorText, workTreeOf } from './support.js';

/** The mode of a file written without `permissions`, as in Kargo. */
export const DEFAULT_FILE_WRITE_MODE = 0o600;

/**
 * `file-write`: writes `contents` to `path`, creating parent directories. Like Kargo it refuses,
 * for good (Failed): an absolute path, a path that climbs out with `..`, anything inside `.git`,
 * a path through a symbolic link, an existing file unless `overwrite: true`, and `permissions`
 * with executable or world-writable bits. `permissions` is an octal mode such as `"0644"`
 * (default `0600`).
 */
export const fileWriteStep = defineStep({
  uses: 'file-write',
  configSchema: z.strictObject({
    path: z.string().min(1),
    contents: z.string(),
    permissions: z.string().regex(/^0[0-7]{3}$/, 'must be an octal mode such as "0644"').optional(),
    overwrite: z.boolean().optional(),
  }),
  run: async (config, context) => {
    const wt = workTreeOf(context, 'file-write');
    if ('result' in wt) return wt.result;
    const quoted = JSON.stringify(config.path);
    if (config.path.startsWith('/')) return stepFailed(`path ${quoted} must be relative`);
    const parts = cleanParts(config.path);
    if (parts === undefined) return stepFailed(`path ${quoted} climbs out of the work directory`);
    if (parts.length === 0) return stepFailed(`path ${quoted} names the work directory itself`);
    if (parts[0] === '.git') return stepFailed(`path ${quoted} is inside .git, which file-write never touches`);
    const mode = config.permissions === undefined ? DEFAULT_FILE_WRITE_MODE : Number.parseInt(config.permissions, 8);
    if ((mode & 0o111) !== 0) return stepFailed(`permissions ${JSON.stringify(config.permissions)} include executable bits`);
    if ((mode & 0o002) !== 0) return stepFailed(`permissions ${JSON.stringify(config.permissions)} make the file writable by everyone`);
    const path = parts.join('/');
    try {
      if (await throughLink(wt.tree, parts)) return stepFailed(`path ${quoted} goes through a symbolic link`);
      const existing = await wt.tree.lstat(path);
      if (existing === 'directory') return stepFailed(`path ${quoted} is a directory`);
      if (existing !== undefined && config.overwrite !== true) return stepFailed(`file ${quoted} already exists; set overwrite: true to replace it`);
      await wt.tree.writeFile(path, config.contents, { mode });
      return stepSucceeded();
    } catch (e) {
      return stepErrored(`error writing file ${quoted}: ${errorText(e)}`);
    }
  },
});

// Lexical cleaning like Go's filepath.Clean; undefined when the path climbs above its start.
function cleanParts(path: string): string[] | undefined {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length === 0) return undefined;
      out.pop();
    } else {
      out.push(part);
    }
  }
  return out;
}

async function throughLink(tree: WorkTree, parts: readonly string[]): Promise<boolean> {
  for (let i = 1; i <= parts.length; i++) {
    if ((await tree.lstat(parts.slice(0, i).join('/'))) === 'symlink') return true;
  }
  return false;
}
