import * as z from 'zod';
import { defineStep } from '../registry.js';
import { stepErrored } from '../step-results.js';

/**
 * `fail`: stops the promotion on purpose. As Kargo's runner does, it reports Errored with an
 * ordinary (retriable) error, so with the default error threshold of 1 the step ends Errored at
 * once; the message is `failed`, or `failed: <message>`.
 */
export const failStep = defineStep({
  uses: 'fail',
  configSchema: z.strictObject({ message: z.string().optional() }),
  run: (config) => stepErrored(config.message !== undefined && config.message !== '' ? `failed: ${config.message}` : 'failed'),
});
