import * as z from 'zod';
import { defineStep } from '../registry.js';
import { stepErrored, stepFailed, stepSucceeded } from '../step-results.js';
import { commitURLOf, gitOf, portFailed, providerSchema } from './git-support.js';

/** How many times `git-push` rebases and pushes again when someone else pushed first, by default. */
export const DEFAULT_GIT_PUSH_ATTEMPTS = 50;

/** The branch `git-push` pushes to with `generateTargetBranch`: `kargo/promotion/<promotion name>`. */
export function generatedTargetBranch(promotion: string): string {
  return `kargo/promotion/${promotion}`;
}

/**
 * `git-push`: pushes a checkout's head to `targetBranch`, to the generated branch
 * `kargo/promotion/<promotion>` (`generateTargetBranch`), or, with neither, to the branch it has
 * checked out. Each attempt fetches the target branch, rebases the checkout's commits onto it, and
 * pushes only if the remote head is still the one just fetched; when someone pushed in between,
 * it tries again, up to `maxAttempts`. It never overwrites a commit it did not see, and a push
 * that finds its commit already on the branch (a retried promotion) changes nothing. Output:
 * `branch`, `commit`, `commitURL` when the host's commit pages are known, and `tag` when pushed.
 */
export const gitPushStep = defineStep({
  uses: 'git-push',
  configSchema: z
    .strictObject({
      path: z.string().min(1),
      targetBranch: z.string().min(1).optional(),
      generateTargetBranch: z.boolean().optional(),
      force: z.boolean().optional(),
      maxAttempts: z.number().int().min(1).optional(),
      tag: z.string().min(1).optional(),
      provider: providerSchema.optional(),
    })
    .refine((c) => !(c.generateTargetBranch === true && c.targetBranch !== undefined), { message: 'set targetBranch or generateTargetBranch, not both', path: ['targetBranch'] }),
  run: async (config, context) => {
    const port = gitOf(context, 'git-push');
    if ('result' in port) return port.result;
    const signal = context.signal === undefined ? {} : { signal: context.signal };
    const where = { path: config.path, ...signal };
    const head = await port.git.head(where);
    if (!head.ok) return portFailed(`error pushing ${JSON.stringify(config.path)}`, head.failure);
    const branch = config.generateTargetBranch === true ? generatedTargetBranch(context.promotion) : (config.targetBranch ?? head.value.branch);
    if (branch === undefined) return stepFailed(`git-push: the checkout at ${JSON.stringify(config.path)} is detached; set targetBranch or generateTargetBranch`);
    const attempts = config.maxAttempts ?? DEFAULT_GIT_PUSH_ATTEMPTS;
    let last = '';
    for (let attempt = 1; attempt <= attempts; attempt++) {
      const rebased = await port.git.rebase({ ...where, branch });
      if (!rebased.ok) return portFailed(`error fetching ${branch} for ${JSON.stringify(config.path)}`, rebased.failure);
      // A conflict will not go away by trying again: the change has to be made on the new head.
      if (rebased.value.status === 'conflict') return stepErrored(`error rebasing ${JSON.stringify(config.path)} onto ${branch}: ${rebased.value.message ?? 'conflict'}`);
      const pushed = await port.git.push({
        ...where,
        branch,
        expectedHead: rebased.value.remoteHead ?? null,
        ...(config.force === undefined ? {} : { force: config.force }),
        ...(config.tag === undefined ? {} : { tag: config.tag }),
      });
      if (!pushed.ok) return portFailed(`error pushing ${JSON.stringify(config.path)} to ${branch}`, pushed.failure);
      const outcome = pushed.value;
      if (outcome.status === 'pushed') {
        const commitURL = commitURLOf(head.value.repoURL, outcome.commit, config.provider);
        return stepSucceeded({
          branch,
          commit: outcome.commit,
          ...(commitURL === undefined ? {} : { commitURL }),
          ...(config.tag === undefined ? {} : { tag: config.tag }),
        });
      }
      if (outcome.reason !== 'stale') return stepErrored(`error pushing ${JSON.stringify(config.path)} to ${branch}: the push was rejected (${outcome.reason})`);
      last = outcome.remoteHead ?? '';
    }
    return stepErrored(`error pushing ${JSON.stringify(config.path)} to ${branch}: the branch kept moving (last seen at ${last || 'nothing'}) after ${attempts} attempt${attempts === 1 ? '' : 's'}`);
  },
});
