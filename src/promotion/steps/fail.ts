import * as z from 'zod';
import { defineStep } from '../registry.js';
import { stepFailed } from '../step-results.js';

/** `fail`: fails the promotion on purpose (Failed, not retried), with the given message. */
export const failStep = defineStep({
  uses: 'fail',
  configSchema: z.strictObject({ message: z.string().optional() }),
  run: (config) => stepFailed(config.message !== undefined && config.message !== '' ? config.message : 'failed by the fail step'),
});
