import * as z from 'zod';
import { defineStep } from '../registry.js';
import { confinePath } from '../secure-path.js';
import { stepErrored, stepFailed, stepSucceeded } from '../step-results.js';
import type { WorkTree } from '../work-tree.js';
import { compileIgnoreRules } from './ignore-rules.js';
import { describeIssues, errorText, joinPath, workTreeOf } from './support.js';

/**
 * `copy`: copies a file, or a directory tree, from `inPath` to `outPath` inside the work
 * directory; directories merge into an existing destination and files replace existing ones.
 * Symbolic links in the source and `.git` directories are skipped. `ignore` holds gitignore-style
 * lines, matched against paths relative to `inPath`.
 */
export const copyStep = defineStep({
  uses: 'copy',
  configSchema: z.strictObject({ inPath: z.string().min(1), outPath: z.string().min(1), ignore: z.string().optional() }),
  run: async (config, context) => {
    const wt = workTreeOf(context, 'copy');
    if ('result' in wt) return wt.result;
    // Like Kargo, never copy a .git directory, whatever the rules say.
    const ignore = compileIgnoreRules(`.git\n${config.ignore ?? ''}`);
    if (!ignore.ok) return stepFailed(`invalid ignore patterns: ${describeIssues(ignore.issues)}`);
    const from = confinePath(config.inPath);
    const to = confinePath(config.outPath);
    try {
      const type = await wt.tree.lstat(from);
      if (type === undefined) return stepErrored(`failed to copy ${JSON.stringify(config.inPath)} to ${JSON.stringify(config.outPath)}: no such file or directory`);
      if (type === 'symlink') return stepSucceeded();
      if (type === 'file') {
        await copyFile(wt.tree, from, to);
        return stepSucceeded();
      }
      if (to === from || to.startsWith(`${from}/`) || from === '') {
        return stepErrored(`cannot copy ${JSON.stringify(config.inPath)} into itself (${JSON.stringify(config.outPath)})`, { terminal: true });
      }
      await copyTree(wt.tree, from, to, '', ignore.value);
      return stepSucceeded();
    } catch (e) {
      return stepErrored(`failed to copy ${JSON.stringify(config.inPath)} to ${JSON.stringify(config.outPath)}: ${errorText(e)}`);
    }
  },
});

async function copyFile(tree: WorkTree, from: string, to: string): Promise<void> {
  const text = await tree.readFile(from);
  if (text !== undefined) await tree.writeFile(to, text);
}

async function copyTree(tree: WorkTree, from: string, to: string, relative: string, ignored: (path: string, isDirectory: boolean) => boolean): Promise<void> {
  const entries = (await tree.list(joinPath(from, relative))) ?? [];
  for (const entry of entries) {
    const rel = joinPath(relative, entry.name);
    if (entry.type === 'symlink' || ignored(rel, entry.type === 'directory')) continue;
    if (entry.type === 'directory') await copyTree(tree, from, to, rel, ignored);
    else await copyFile(tree, joinPath(from, rel), joinPath(to, rel));
  }
}
