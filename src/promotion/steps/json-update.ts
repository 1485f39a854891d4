import * as z from 'zod';
import { updateJson } from '../../mutation/index.js';
import { defineStep } from '../registry.js';
import { confinePath } from '../secure-path.js';
import { stepErrored, stepSucceeded } from '../step-results.js';
import { describeIssues, errorText, formatJsonCommitValue, workTreeOf } from './support.js';

const updateSchema = z.strictObject({ key: z.string().min(1), value: z.unknown() }).superRefine((u, ctx) => {
  const v = u.value;
  if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') {
    ctx.addIssue({ code: 'custom', message: `value for key ${JSON.stringify(u.key)} is not a scalar type`, path: ['value'] });
  }
});

/**
 * `json-update`: sets scalar values in a JSON file by key (sjson paths: missing keys are created,
 * `-1` appends). Formatting outside the changed values is kept. Output: `commitMessage`.
 */
export const jsonUpdateStep = defineStep({
  uses: 'json-update',
  configSchema: z.strictObject({ path: z.string().min(1), updates: z.array(updateSchema).min(1) }),
  run: async (config, context) => {
    const wt = workTreeOf(context, 'json-update');
    if ('result' in wt) return wt.result;
    const path = confinePath(config.path);
    const failed = (why: string) => stepErrored(`JSON file update failed: error updating file ${JSON.stringify(config.path)}: ${why}`);
    try {
      const text = await wt.tree.readFile(path);
      if (text === undefined) return failed('no such file');
      const edited = updateJson(text, config.updates.map((u) => ({ key: u.key, value: u.value })));
      if (!edited.ok) return failed(describeIssues(edited.issues));
      if (edited.value.text !== text) await wt.tree.writeFile(path, edited.value.text);
      const lines = config.updates.map((u) => `\n- ${u.key}: ${formatJsonCommitValue(u.value)}`).join('');
      return stepSucceeded({ commitMessage: `Updated ${config.path}\n${lines}` });
    } catch (e) {
      return failed(errorText(e));
    }
  },
});
