import { parseAllDocuments } from 'yaml';
import { defineStep } from '../registry.js';
import { parseStepConfigSchema, runParseStep, type ParsedFormat } from './parse-outputs.js';
import { errorText } from './support.js';

const yamlFormat: ParsedFormat = {
  label: 'YAML',
  refuseEmpty: true,
  parse: (text) => {
    try {
      // Only the first document is read, as Go's yaml.Unmarshal does; integers become ints
      // (bigints) so that expressions see Go's int, and `<<` merge keys are honoured.
      const docs = parseAllDocuments(text, { intAsBigInt: true, merge: true, uniqueKeys: true });
      const list = Array.isArray(docs) ? docs : [];
      const first = list[0];
      if (first === undefined) return { ok: true, value: null };
      const problem = first.errors[0];
      if (problem !== undefined) return { ok: false, message: problem.message };
      return { ok: true, value: first.toJS({ maxAliasCount: 100 }) as unknown };
    } catch (e) {
      return { ok: false, message: errorText(e) };
    }
  },
};

/**
 * `yaml-parse`: reads a YAML file (its first document) and sets each of `outputs` to the value
 * of its `fromExpression`, evaluated with the document as the environment.
 */
export const yamlParseStep = defineStep({
  uses: 'yaml-parse',
  configSchema: parseStepConfigSchema,
  run: (config, context) => runParseStep('yaml-parse', yamlFormat, config, context),
});
