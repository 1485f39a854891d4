import * as z from 'zod';
import { defineStep } from '../registry.js';
import { confinePath } from '../secure-path.js';
import { stepErrored, stepSucceeded } from '../step-results.js';
import { errorText, workTreeOf } from './support.js';

/**
 * `file-write`: writes `contents` to `path`, creating parent directories. An existing file is
 * replaced only with `overwrite: true`. `permissions` is an octal mode such as `0644`.
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
    const path = confinePath(config.path);
    if (path === '') return stepErrored(`cannot write ${JSON.stringify(config.path)}: it is the work directory`, { terminal: true });
    try {
      const existing = await wt.tree.lstat(path);
      if (existing === 'directory') return stepErrored(`cannot write ${JSON.stringify(config.path)}: it is a directory`, { terminal: true });
      if (existing !== undefined && config.overwrite !== true) {
        return stepErrored(`file ${JSON.stringify(config.path)} already exists; set overwrite: true to replace it`, { terminal: true });
      }
      await wt.tree.writeFile(path, config.contents, { mode: config.permissions === undefined ? 0o644 : Number.parseInt(config.permissions, 8) });
      return stepSucceeded();
    } catch (e) {
      return stepErrored(`error writing ${JSON.stringify(config.path)}: ${errorText(e)}`);
    }
  },
});
