import * as z from 'zod';
import { defineStep } from '../registry.js';
import { stepErrored, stepSucceeded } from '../step-results.js';
import { errorText } from './support.js';
import { gitOf, portFailed } from './git-support.js';

/**
 * `git-clear`: removes everything from a checkout but its `.git`, so that the next steps can
 * write its whole content afresh (and deletions are committed too).
 */
export const gitClearStep = defineStep({
  uses: 'git-clear',
  configSchema: z.strictObject({ path: z.string().min(1) }),
  run: async (config, context) => {
    const port = gitOf(context, 'git-clear');
    if ('result' in port) return port.result;
    const tree = await port.git.workTree({ path: config.path, ...(context.signal === undefined ? {} : { signal: context.signal }) });
    if (!tree.ok) return portFailed(`error clearing ${JSON.stringify(config.path)}`, tree.failure);
    try {
      for (const entry of (await tree.value.list('')) ?? []) {
        if (entry.name !== '.git') await tree.value.remove(entry.name);
      }
    } catch (e) {
      return stepErrored(`error clearing ${JSON.stringify(config.path)}: ${errorText(e)}`);
    }
    return stepSucceeded();
  },
});
