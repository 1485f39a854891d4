import * as z from 'zod';
import { defineStep } from '../registry.js';
import { stepSucceeded } from '../step-results.js';

/**
 * `compose-output`: its config, evaluated, becomes its output. Inside a task its keys are also
 * added to the task's outputs, which steps after the task read as `outputs.<task alias>.<key>`.
 */
export const composeOutputStep = defineStep({
  uses: 'compose-output',
  configSchema: z.record(z.string(), z.unknown()),
  propagatesTaskOutputs: true,
  run: (config) => stepSucceeded({ ...config }),
});
