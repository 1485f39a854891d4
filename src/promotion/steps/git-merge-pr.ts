import * as z from 'zod';
import { defineStep } from '../registry.js';
import { stepFailed, stepRunning, stepSucceeded } from '../step-results.js';
import { DEFAULT_PR_POLL_INTERVAL } from './git-wait-for-pr.js';
import { durationMs, durationSchema, portFailed, providerSchema, pullRequestsOf } from './git-support.js';

/**
 * `git-merge-pr`: merges a pull request (also succeeding when it already is merged). One that
 * cannot be merged yet keeps the step Running when `wait` is set, and fails it otherwise; a
 * closed one fails it. Output: `commit`, the merge commit, and `pr`.
 */
export const gitMergePRStep = defineStep({
  uses: 'git-merge-pr',
  configSchema: z.strictObject({
    repoURL: z.string().min(1),
    prNumber: z.number().int().min(1),
    mergeMethod: z.enum(['merge', 'squash', 'rebase']).optional(),
    wait: z.boolean().optional(),
    pollInterval: durationSchema.optional(),
    provider: providerSchema.optional(),
    insecureSkipTLSVerify: z.boolean().optional(),
  }),
  run: async (config, context) => {
    const port = pullRequestsOf(context, 'git-merge-pr');
    if ('result' in port) return port.result;
    const merged = await port.prs.merge({
      repoURL: config.repoURL,
      number: config.prNumber,
      ...(config.mergeMethod === undefined ? {} : { mergeMethod: config.mergeMethod }),
      ...(context.signal === undefined ? {} : { signal: context.signal }),
    });
    if (!merged.ok) return portFailed(`error merging pull request ${config.prNumber}`, merged.failure);
    const outcome = merged.value;
    const pr = outcome.pullRequest;
    if (outcome.merged) return stepSucceeded({ commit: pr.mergeCommit ?? '', pr: { id: pr.number, url: pr.url } });
    if (pr.state === 'open' && config.wait === true) {
      return stepRunning({ retryAfter: durationMs(config.pollInterval, DEFAULT_PR_POLL_INTERVAL), message: `waiting for pull request ${pr.number} to become mergeable: ${outcome.reason}` });
    }
    return stepFailed(`pull request ${pr.number} could not be merged: ${outcome.reason}`);
  },
});
