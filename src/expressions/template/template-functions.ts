import type { CallContext, ExprFunction, FunctionTable } from '../functions.js';
import type { ExprValue } from '../values.js';
import { GoJSONError, marshalGoJSON } from './go-json.js';
import { marshalGoYAML } from './go-yaml.js';
import { goQuote } from './go-strconv.js';

// Each of these returns text wrapped in double quotes: the template coercion then strips exactly
// those quotes and keeps the rest as a string, which is how Kargo forces a string result.

function firstArgument(args: readonly ExprValue[], ctx: CallContext): ExprValue {
  if (args.length !== 1) ctx.fail(`invalid number of arguments (expected 1, got ${args.length})`);
  return args[0] ?? null;
}

function toJSONText(value: ExprValue, fn: string, ctx: CallContext, indent?: string): string {
  try {
    return marshalGoJSON(value, indent === undefined ? {} : { indent });
  } catch (e) {
    if (e instanceof GoJSONError) ctx.fail(`error applying ${fn}() function: ${e.message}`);
    throw e;
  }
}

/** `quote(v)`: a string as Go's `%q`, anything else as JSON, wrapped in double quotes. */
export const quoteFunction: ExprFunction = {
  name: 'quote',
  call(args, ctx) {
    const value = firstArgument(args, ctx);
    if (typeof value === 'string') return goQuote(value);
    return `"${toJSONText(value, 'quote', ctx)}"`;
  },
};

/** `unsafeQuote(v)`: the JSON of any value (strings keep their JSON quotes) wrapped in double quotes. */
export const unsafeQuoteFunction: ExprFunction = {
  name: 'unsafeQuote',
  call(args, ctx) {
    return `"${toJSONText(firstArgument(args, ctx), 'quote', ctx)}"`;
  },
};

/** `asYAML(v)`: the value as a YAML document (ending in a newline), wrapped in double quotes. */
export const asYAMLFunction: ExprFunction = {
  name: 'asYAML',
  call(args, ctx) {
    const value = firstArgument(args, ctx);
    try {
      return `"${marshalGoYAML(value)}"`;
    } catch (e) {
      return ctx.fail(`error applying asYAML() function: ${e instanceof Error ? e.message : String(e)}`);
    }
  },
};

/** `asJSON(v)`: the value as JSON indented by two spaces plus a newline, wrapped in double quotes. */
export const asJSONFunction: ExprFunction = {
  name: 'asJSON',
  call(args, ctx) {
    return `"${toJSONText(firstArgument(args, ctx), 'asJSON', ctx, '  ')}\n"`;
  },
};

/** The functions every template has, whatever else the caller supplies: quote, unsafeQuote, asYAML, asJSON. */
export const templateFunctions: FunctionTable = {
  quote: quoteFunction,
  unsafeQuote: unsafeQuoteFunction,
  asYAML: asYAMLFunction,
  asJSON: asJSONFunction,
};
