import * as z from 'zod';
import { defineStep } from '../registry.js';
import { stepSucceeded } from '../step-results.js';
import { gitOf, portFailed } from './git-support.js';

/**
 * `git-tag`: tags a checkout's head locally, annotated when `message` is given; `git-push` with
 * `tag` publishes it. Output: `tag` and `commit`.
 */
export const gitTagStep = defineStep({
  uses: 'git-tag',
  configSchema: z.strictObject({ path: z.string().min(1), tag: z.string().min(1), message: z.string().optional(), force: z.boolean().optional() }),
  run: async (config, context) => {
    const port = gitOf(context, 'git-tag');
    if ('result' in port) return port.result;
    const tagged = await port.git.tag({
      path: config.path,
      tag: config.tag,
      date: context.now,
      ...(config.message === undefined ? {} : { message: config.message }),
      ...(config.force === undefined ? {} : { force: config.force }),
      ...(context.signal === undefined ? {} : { signal: context.signal }),
    });
    if (!tagged.ok) return portFailed(`error tagging ${JSON.stringify(config.path)} with ${config.tag}`, tagged.failure);
    return stepSucceeded({ tag: tagged.value.tag, commit: tagged.value.commit });
  },
});
