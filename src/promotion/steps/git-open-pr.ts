import * as z from 'zod';
import { defineStep } from '../registry.js';
import { stepSucceeded } from '../step-results.js';
import { portFailed, providerSchema, pullRequestsOf } from './git-support.js';

/**
 * `git-open-pr`: opens a pull request from `sourceBranch` into `targetBranch` (creating a missing
 * target with `createTargetBranch`). It is idempotent, as Kargo's is: a step that already opened
 * one (its earlier output is in the shared state) returns that output, and the port returns the
 * open pull request between the same branches instead of opening a second. Output: `pr` (`id`,
 * `url`) and, for older templates, `prNumber`.
 */
export const gitOpenPRStep = defineStep({
  uses: 'git-open-pr',
  configSchema: z.strictObject({
    repoURL: z.string().min(1),
    sourceBranch: z.string().min(1),
    targetBranch: z.string().min(1),
    title: z.string().optional(),
    description: z.string().optional(),
    labels: z.array(z.string().min(1)).optional(),
    createTargetBranch: z.boolean().optional(),
    provider: providerSchema.optional(),
    insecureSkipTLSVerify: z.boolean().optional(),
  }),
  run: async (config, context) => {
    const previous = context.state[context.alias];
    if (hasPullRequest(previous)) return stepSucceeded(previous);
    const port = pullRequestsOf(context, 'git-open-pr');
    if ('result' in port) return port.result;
    const opened = await port.prs.open({
      repoURL: config.repoURL,
      sourceBranch: config.sourceBranch,
      targetBranch: config.targetBranch,
      title: config.title !== undefined && config.title !== '' ? config.title : `Promote ${context.promotion} to ${config.targetBranch}`,
      ...(config.description === undefined ? {} : { description: config.description }),
      ...(config.labels === undefined ? {} : { labels: config.labels }),
      ...(config.createTargetBranch === undefined ? {} : { createTargetBranch: config.createTargetBranch }),
      ...(context.signal === undefined ? {} : { signal: context.signal }),
    });
    if (!opened.ok) return portFailed(`error opening a pull request from ${config.sourceBranch} into ${config.targetBranch}`, opened.failure);
    return stepSucceeded({ pr: { id: opened.value.number, url: opened.value.url }, prNumber: opened.value.number });
  },
});

function hasPullRequest(output: unknown): output is Record<string, unknown> {
  if (output === null || typeof output !== 'object') return false;
  const pr = (output as { pr?: unknown }).pr;
  return pr !== null && typeof pr === 'object' && typeof (pr as { id?: unknown }).id === 'number';
}
