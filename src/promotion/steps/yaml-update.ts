import * as z from 'zod';
import { updateYaml } from '../../mutation/index.js';
import { defineStep } from '../registry.js';
import { confinePath } from '../secure-path.js';
import { stepErrored, stepSucceeded } from '../step-results.js';
import { describeIssues, errorText, formatYamlCommitValue, workTreeOf } from './support.js';

const updateSchema = z
  .strictObject({ key: z.string().min(1), value: z.unknown() })
  .refine((u) => Object.hasOwn(u, 'value'), { message: 'value is required', path: ['value'] });

/**
 * `yaml-update`: sets values in a YAML file by key (`image.tag`, `containers.0.image`). The edit
 * changes only the bytes of each target value (waybill's `updateYaml`, not Kargo's line splice), and
 * a missing key is an error, as in Kargo. Output: `commitMessage`.
 */
export const yamlUpdateStep = defineStep({
  uses: 'yaml-update',
  configSchema: z.strictObject({ path: z.string().min(1), updates: z.array(updateSchema).min(1) }),
  run: async (config, context) => {
    const wt = workTreeOf(context, 'yaml-update');
    if ('result' in wt) return wt.result;
    const path = confinePath(config.path);
    const failed = (why: string) => stepErrored(`values file update failed: error updating values file ${JSON.stringify(config.path)}: ${why}`);
    try {
      const text = await wt.tree.readFile(path);
      if (text === undefined) return failed('no such file');
      const edited = updateYaml(text, config.updates.map((u) => ({ key: u.key, value: u.value })));
      if (!edited.ok) return failed(describeIssues(edited.issues));
      if (edited.value.text !== text) await wt.tree.writeFile(path, edited.value.text);
      const lines = config.updates.map((u) => `\n- ${u.key}: ${formatYamlCommitValue(u.value)}`).join('');
      return stepSucceeded({ commitMessage: `Updated ${config.path}\n${lines}` });
    } catch (e) {
      return failed(errorText(e));
    }
  },
});
