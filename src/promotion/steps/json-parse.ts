import { defineStep } from '../registry.js';
import { parseStepConfigSchema, runParseStep, type ParsedFormat } from './parse-outputs.js';
import { errorText } from './support.js';

const jsonFormat: ParsedFormat = {
  label: 'JSON',
  refuseEmpty: false,
  parse: (text) => {
    try {
      // Every JSON number is a float, as Go's encoding/json gives them to Kargo's expressions.
      return { ok: true, value: JSON.parse(text) as unknown };
    } catch (e) {
      return { ok: false, message: errorText(e) };
    }
  },
};

/**
 * `json-parse`: reads a JSON file and sets each of `outputs` to the value of its
 * `fromExpression`, evaluated with the document as the environment (`fromExpression: "image.tag"`).
 */
export const jsonParseStep = defineStep({
  uses: 'json-parse',
  configSchema: parseStepConfigSchema,
  run: (config, context) => runParseStep('json-parse', jsonFormat, config, context),
});
