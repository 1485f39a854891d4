import { parse as parseToml, TomlError } from 'smol-toml';
import { defineStep } from '../registry.js';
import { parseStepConfigSchema, runParseStep, type ParsedFormat } from './parse-outputs.js';
import { errorText } from './support.js';

const tomlFormat: ParsedFormat = {
  label: 'TOML',
  refuseEmpty: true,
  parse: (text) => {
    try {
      // Integers as bigints, so that expressions see ints (go-toml gives Kargo int64s).
      return { ok: true, value: parseToml(text, { integersAsBigInt: true }) as unknown };
    } catch (e) {
      if (e instanceof TomlError) return { ok: false, message: `${e.message.split('\n')[0] ?? ''} (line ${e.line}, column ${e.column})` };
      return { ok: false, message: errorText(e) };
    }
  },
};

/**
 * `toml-parse`: reads a TOML file and sets each of `outputs` to the value of its
 * `fromExpression`, evaluated with the document as the environment (`package.version`).
 */
export const tomlParseStep = defineStep({
  uses: 'toml-parse',
  configSchema: parseStepConfigSchema,
  run: (config, context) => runParseStep('toml-parse', tomlFormat, config, context),
});
