import * as z from 'zod';
import { defineStep } from '../registry.js';
import { stepSucceeded } from '../step-results.js';

/**
 * `set-metadata`: asks for values to be merged into the `status.metadata` of Stages or Freight.
 * waybill's core does not write resources: the updates come back in the step's report
 * (`snapshot.step.metadataUpdates`) for the embedder to apply.
 */
export const setMetadataStep = defineStep({
  uses: 'set-metadata',
  configSchema: z.strictObject({
    updates: z
      .array(
        z.strictObject({
          kind: z.enum(['Stage', 'Freight']),
          name: z.string().min(1),
          values: z.record(z.string(), z.unknown()),
        }),
      )
      .min(1),
  }),
  run: (config) => stepSucceeded(undefined, { metadataUpdates: config.updates }),
});
