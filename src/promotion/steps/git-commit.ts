import * as z from 'zod';
import { defineStep } from '../registry.js';
import { stepErrored, stepFailed, stepSucceeded } from '../step-results.js';
import type { StepRunContext } from '../types.js';
import { authorSchema, gitOf, identityOf, portFailed } from './git-support.js';

/**
 * `git-commit`: stages every change in a checkout and commits it. The message is `message`, or
 * (Kargo's older form) built from the `commitMessage` outputs of the steps in `messageFromSteps`.
 * With nothing to commit it makes no commit. Output: `commit`, the checkout's head either way.
 */
export const gitCommitStep = defineStep({
  uses: 'git-commit',
  configSchema: z
    .strictObject({
      path: z.string().min(1),
      message: z.string().optional(),
      messageFromSteps: z.array(z.string().min(1)).optional(),
      author: authorSchema.optional(),
    })
    .refine((c) => (c.message !== undefined && c.message !== '') || (c.messageFromSteps?.length ?? 0) > 0, { message: 'set message or messageFromSteps', path: ['message'] }),
  run: async (config, context) => {
    const port = gitOf(context, 'git-commit');
    if ('result' in port) return port.result;
    const message = config.message !== undefined && config.message !== '' ? { ok: true as const, text: config.message } : messageFromSteps(context, config.messageFromSteps ?? []);
    if (!message.ok) return stepFailed(message.why);
    const author = identityOf(config.author);
    const committed = await port.git.commit({
      path: config.path,
      message: message.text,
      date: context.now,
      ...(author === undefined ? {} : { author }),
      ...(config.author?.signingKey === undefined || config.author.signingKey === '' ? {} : { signingKey: config.author.signingKey }),
      ...(context.signal === undefined ? {} : { signal: context.signal }),
    });
    if (!committed.ok) return portFailed(`error committing to ${JSON.stringify(config.path)}`, committed.failure);
    const commit = committed.value.commit;
    if (commit === undefined) return stepErrored(`error committing to ${JSON.stringify(config.path)}: nothing to commit on a branch with no commits`);
    return stepSucceeded({ commit });
  },
});

// One step's message as it is; several as a list under a heading, the way Kargo writes them.
function messageFromSteps(context: StepRunContext, aliases: readonly string[]): { ok: true; text: string } | { ok: false; why: string } {
  const parts: string[] = [];
  for (const alias of aliases) {
    const output = context.state[alias];
    // A step may have had nothing to say: that is not an error.
    if (output === undefined || output === null) continue;
    if (typeof output !== 'object' || Array.isArray(output)) return { ok: false, why: `the output of step ${JSON.stringify(alias)} is not an object; cannot build the commit message` };
    const part = (output as Record<string, unknown>)['commitMessage'];
    if (part === undefined) continue;
    if (typeof part !== 'string') return { ok: false, why: `the commit message in the output of step ${JSON.stringify(alias)} is not a string` };
    parts.push(part);
  }
  if (parts.length === 0) return { ok: true, text: 'Kargo made some changes' };
  if (parts.length === 1) return { ok: true, text: parts[0] as string };
  return { ok: true, text: `Kargo applied multiple changes\n\nIncluding:\n${parts.map((p) => `\n  * ${p}`).join('')}` };
}
