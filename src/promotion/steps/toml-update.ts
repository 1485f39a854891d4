import * as z from 'zod';
import { renderTomlValue, updateToml } from '../../mutation/index.js';
import { defineStep } from '../registry.js';
import { confinePath } from '../secure-path.js';
import { stepErrored, stepSucceeded } from '../step-results.js';
import { describeIssues, errorText, workTreeOf } from './support.js';

const updateSchema = z
  .strictObject({ key: z.string().min(1), value: z.unknown() })
  .refine((u) => Object.hasOwn(u, 'value'), { message: 'value is required', path: ['value'] });

/** How a toml-update commit message shows a value: as it is written into the file. */
function formatTomlCommitValue(value: unknown): string {
  return renderTomlValue(value) ?? JSON.stringify(value) ?? String(value);
}

/**
 * `toml-update`: sets scalar values in a TOML file by key (`package.version`,
 * `services.1.port`), replacing only the bytes of each value (`updateToml`). A missing key, a
 * table or array target, or a value that is not a TOML scalar is an error, as in Kargo.
 * Output: `commitMessage`.
 */
export const tomlUpdateStep = defineStep({
  uses: 'toml-update',
  configSchema: z.strictObject({ path: z.string().min(1), updates: z.array(updateSchema).min(1) }),
  run: async (config, context) => {
    const wt = workTreeOf(context, 'toml-update');
    if ('result' in wt) return wt.result;
    const path = confinePath(config.path);
    const failed = (why: string) => stepErrored(`TOML file update failed: error updating TOML file ${JSON.stringify(config.path)}: ${why}`);
    try {
      const text = await wt.tree.readFile(path);
      if (text === undefined) return failed('no such file');
      const edited = updateToml(text, config.updates.map((u) => ({ key: u.key, value: u.value })));
      if (!edited.ok) return failed(describeIssues(edited.issues));
      if (edited.value.text !== text) await wt.tree.writeFile(path, edited.value.text);
      const lines = config.updates.map((u) => `\n- ${u.key}: ${formatTomlCommitValue(u.value)}`).join('');
      return stepSucceeded({ commitMessage: `Updated ${config.path}\n${lines}` });
    } catch (e) {
      return failed(errorText(e));
    }
  },
});
