import * as z from 'zod';
import { defineStep } from '../registry.js';
import { stepFailed, stepSucceeded } from '../step-results.js';
import { authorSchema, gitOf, identityOf, portFailed } from './git-support.js';

const checkoutSchema = z
  .strictObject({
    path: z.string().min(1),
    branch: z.string().min(1).optional(),
    commit: z.string().min(1).optional(),
    tag: z.string().min(1).optional(),
    create: z.boolean().optional(),
    sparse: z.array(z.string().min(1)).optional(),
    as: z.string().min(1).optional(),
  })
  .refine((c) => [c.branch, c.commit, c.tag].filter((r) => r !== undefined).length <= 1, { message: 'set at most one of branch, commit and tag' })
  .refine((c) => c.create !== true || c.commit === undefined && c.tag === undefined, { message: 'create applies to a branch only', path: ['create'] });

/**
 * `git-clone`: clones `repoURL` and checks out each entry of `checkout` at its path in the work
 * directory: a branch (started as an empty orphan branch when `create` is set and it is missing),
 * a commit or a tag (the default branch when none is named). Output: `commits`, the commit each
 * checkout is at, keyed by its `as` or its path.
 */
export const gitCloneStep = defineStep({
  uses: 'git-clone',
  configSchema: z.strictObject({
    repoURL: z.string().min(1),
    checkout: z.array(checkoutSchema).min(1),
    author: authorSchema.optional(),
    insecureSkipTLSVerify: z.boolean().optional(),
    recurseSubmodules: z.boolean().optional(),
    blobless: z.boolean().optional(),
  }),
  run: async (config, context) => {
    const port = gitOf(context, 'git-clone');
    if ('result' in port) return port.result;
    const paths = new Set<string>();
    for (const c of config.checkout) {
      if (paths.has(c.path)) return stepFailed(`git-clone: two checkouts use the path ${JSON.stringify(c.path)}`);
      paths.add(c.path);
    }
    const commits: Record<string, string> = {};
    const author = identityOf(config.author);
    for (const c of config.checkout) {
      const cloned = await port.git.clone({
        repoURL: config.repoURL,
        path: c.path,
        ...(c.branch === undefined ? {} : { branch: c.branch }),
        ...(c.commit === undefined ? {} : { commit: c.commit }),
        ...(c.tag === undefined ? {} : { tag: c.tag }),
        ...(c.create === undefined ? {} : { create: c.create }),
        ...(c.sparse === undefined ? {} : { sparse: c.sparse }),
        ...(author === undefined ? {} : { author }),
        ...(context.signal === undefined ? {} : { signal: context.signal }),
      });
      if (!cloned.ok) return portFailed(`error cloning ${config.repoURL} into ${JSON.stringify(c.path)}`, cloned.failure);
      commits[c.as ?? c.path] = cloned.value.commit ?? '';
    }
    return stepSucceeded({ commits });
  },
});
