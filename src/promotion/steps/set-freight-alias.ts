import * as z from 'zod';
import { defineStep } from '../registry.js';
import { stepFailed, stepSucceeded } from '../step-results.js';

/** The label Kargo keeps a Freight's alias in, besides its `alias` field. */
export const FREIGHT_ALIAS_LABEL = 'kargo.akuity.io/alias';

// A Kubernetes label value: at most 63 characters, alphanumeric at both ends, `-_.` inside.
const LABEL_VALUE = /^(?:[A-Za-z0-9](?:[-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)$/;

/** A change of a Freight's alias that a `set-freight-alias` step asks for. */
export interface FreightAliasChange {
  /** The Freight's name (its id). */
  readonly freight: string;
  /** The new alias. */
  readonly alias: string;
  /** The JSON merge patch that applies it to the Freight resource: the `alias` field and its label. */
  readonly patch: { readonly alias: string; readonly metadata: { readonly labels: Readonly<Record<string, string>> } };
}

/**
 * `set-freight-alias`: gives a Freight (by name, in the promotion's project) a new alias. waybill's
 * core does not write resources and its step ports have no way to change a Freight, so the step
 * succeeds with the change as its output (`freight`, `alias`, and `patch`, the JSON merge patch
 * Kargo applies) for the embedder to apply with its store; later steps can read it as
 * `outputs.<alias>`. As the Kubernetes API would, it refuses (Failed) an alias that is not a valid
 * label value. Whether the Freight exists and the alias is unique in the project is for the
 * embedder to check when it applies the patch, as Kargo's admission webhook does.
 */
export const setFreightAliasStep = defineStep({
  uses: 'set-freight-alias',
  configSchema: z.strictObject({ name: z.string().min(1), alias: z.string().min(1) }),
  run: (config, context) => {
    if (!LABEL_VALUE.test(config.alias)) {
      return stepFailed(`alias ${JSON.stringify(config.alias)} is not a valid label value: at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit`);
    }
    const change: FreightAliasChange = {
      freight: config.name,
      alias: config.alias,
      patch: { alias: config.alias, metadata: { labels: { [FREIGHT_ALIAS_LABEL]: config.alias } } },
    };
    return stepSucceeded({ ...change }, { message: `set alias of Freight ${JSON.stringify(config.name)} in project ${JSON.stringify(context.project)} to ${JSON.stringify(config.alias)}` });
  },
});
