import * as z from 'zod';
import { compileGlob } from '../../patterns/index.js';
import { defineStep } from '../registry.js';
import { confinePath } from '../secure-path.js';
import { stepErrored, stepSucceeded } from '../step-results.js';
import type { WorkTree } from '../work-tree.js';
import { describeIssues, errorText, joinPath, workTreeOf } from './support.js';

/**
 * `delete`: removes files or directories (`path`, or `paths`), or with `pathsAreGlobs` every path
 * matching the globs. A link is removed itself, never its target. Missing paths are fine unless
 * `strict` is set. The work directory itself is never removed.
 */
export const deleteStep = defineStep({
  uses: 'delete',
  configSchema: z
    .strictObject({
      path: z.string().min(1).optional(),
      paths: z.array(z.string().min(1)).min(1).optional(),
      pathsAreGlobs: z.boolean().optional(),
      strict: z.boolean().optional(),
    })
    .refine((c) => (c.path === undefined) !== (c.paths === undefined), { message: 'exactly one of path and paths must be set' }),
  run: async (config, context) => {
    const wt = workTreeOf(context, 'delete');
    if ('result' in wt) return wt.result;
    const requested = config.paths ?? (config.path === undefined ? [] : [config.path]);
    try {
      for (const raw of requested) {
        if (config.pathsAreGlobs === true) {
          const glob = compileGlob(confinePath(raw));
          if (!glob.ok) return stepErrored(`invalid glob pattern ${JSON.stringify(raw)}: ${describeIssues(glob.issues)}`, { terminal: true });
          const matches = (await allPaths(wt.tree, '')).filter((p) => glob.value(p));
          if (matches.length === 0 && config.strict === true) return stepErrored(`no paths matched pattern ${JSON.stringify(raw)}`);
          // Deepest first, so a removed directory does not hide a match inside it.
          for (const p of matches.sort((a, b) => b.length - a.length)) await wt.tree.remove(p);
          continue;
        }
        const path = confinePath(raw);
        if (path === '') return stepErrored(`refusing to delete ${JSON.stringify(raw)}: it is the work directory`, { terminal: true });
        const removed = await wt.tree.remove(path);
        if (!removed && config.strict === true) return stepErrored(`path ${JSON.stringify(raw)} does not exist`);
      }
      return stepSucceeded();
    } catch (e) {
      return stepErrored(`failed to delete: ${errorText(e)}`);
    }
  },
});

async function allPaths(tree: WorkTree, dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of (await tree.list(dir)) ?? []) {
    const p = joinPath(dir, entry.name);
    out.push(p);
    if (entry.type === 'directory') out.push(...(await allPaths(tree, p)));
  }
  return out;
}
