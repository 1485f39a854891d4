import * as z from 'zod';
import { defineStep } from '../registry.js';
import { stepFailed, stepRunning, stepSucceeded } from '../step-results.js';
import { durationMs, durationSchema, portFailed, providerSchema, pullRequestsOf } from './git-support.js';

/** How long `git-wait-for-pr` and `git-merge-pr` suggest waiting between checks, by default. */
export const DEFAULT_PR_POLL_INTERVAL = 60_000;

/**
 * `git-wait-for-pr`: waits for a pull request to close. While it is open the step is Running and
 * asks to be run again after `pollInterval`; merged, it succeeds with the merge `commit`; closed
 * without a merge, it fails for good. Output: `commit` and `pr`.
 */
export const gitWaitForPRStep = defineStep({
  uses: 'git-wait-for-pr',
  configSchema: z.strictObject({
    repoURL: z.string().min(1),
    prNumber: z.number().int().min(1),
    pollInterval: durationSchema.optional(),
    provider: providerSchema.optional(),
    insecureSkipTLSVerify: z.boolean().optional(),
  }),
  run: async (config, context) => {
    const port = pullRequestsOf(context, 'git-wait-for-pr');
    if ('result' in port) return port.result;
    const got = await port.prs.get({ repoURL: config.repoURL, number: config.prNumber, ...(context.signal === undefined ? {} : { signal: context.signal }) });
    if (!got.ok) return portFailed(`error reading pull request ${config.prNumber}`, got.failure);
    const pr = got.value;
    if (pr.state === 'open') return stepRunning({ retryAfter: durationMs(config.pollInterval, DEFAULT_PR_POLL_INTERVAL), message: `waiting for pull request ${pr.number} to be merged` });
    if (pr.state === 'closed') return stepFailed(`pull request ${pr.number} was closed without being merged`);
    return stepSucceeded({ commit: pr.mergeCommit ?? '', pr: { id: pr.number, url: pr.url } });
  },
});
