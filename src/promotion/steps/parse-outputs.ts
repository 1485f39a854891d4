import * as z from 'zod';
import { compileExpression, runExpression, toJS } from '../../expressions/index.js';
import { confinePath } from '../secure-path.js';
import { stepErrored, stepSucceeded } from '../step-results.js';
import type { StepResult, StepRunContext } from '../types.js';
import { describeIssues, errorText, workTreeOf } from './support.js';

/** The config of `json-parse`, `yaml-parse` and `toml-parse`: a file and the outputs to extract from it. */
export const parseStepConfigSchema = z.strictObject({
  path: z.string().min(1),
  outputs: z.array(z.strictObject({ name: z.string().min(1), fromExpression: z.string().min(1) })).min(1),
});

/** What {@link parseStepConfigSchema} accepts. */
export type ParseStepConfig = z.output<typeof parseStepConfigSchema>;

/** A file format a parse step reads: its name in messages and how to turn text into data. */
export interface ParsedFormat {
  /** `JSON`, `YAML` or `TOML`, as messages name it. */
  readonly label: string;
  /** Whether a file of zero bytes is refused before parsing (YAML and TOML, as in Kargo). */
  readonly refuseEmpty: boolean;
  /** The file's data, or why it cannot be read. */
  readonly parse: (text: string) => { ok: true; value: unknown } | { ok: false; message: string };
}

/**
 * Runs a parse step: reads `config.path` from the work tree, parses it, and evaluates each
 * output's `fromExpression` with the document itself as the environment (`image.tag`, not
 * `doc.image.tag`), as Kargo does. Only expr-lang's own builtins are available, not Kargo's
 * template functions. Every failure is a retriable error (Errored), as in Kargo.
 */
export async function runParseStep(uses: string, format: ParsedFormat, config: ParseStepConfig, context: StepRunContext): Promise<StepResult> {
  const wt = workTreeOf(context, uses);
  if ('result' in wt) return wt.result;
  const quoted = JSON.stringify(config.path);
  let text: string | undefined;
  try {
    text = await wt.tree.readFile(confinePath(config.path));
  } catch (e) {
    return stepErrored(`error reading ${format.label} file ${quoted}: ${errorText(e)}`);
  }
  if (text === undefined) return stepErrored(`error reading ${format.label} file ${quoted}: no such file`);
  if (format.refuseEmpty && text === '') return stepErrored(`could not parse empty ${format.label} file: ${quoted}`);
  const parsed = format.parse(text);
  if (!parsed.ok) return stepErrored(`could not parse ${format.label} file ${quoted}: ${parsed.message}`);
  const env = typeof parsed.value === 'object' && parsed.value !== null && !Array.isArray(parsed.value) ? parsed.value : {};
  const output: Record<string, unknown> = {};
  for (const o of config.outputs) {
    const compiled = compileExpression(o.fromExpression);
    if (!compiled.ok) return stepErrored(`failed to extract outputs: error compiling expression ${JSON.stringify(o.fromExpression)}: ${describeIssues(compiled.issues)}`);
    const run = runExpression(compiled.value, env, { now: context.now });
    if (!run.ok) return stepErrored(`failed to extract outputs: error evaluating expression ${JSON.stringify(o.fromExpression)}: ${describeIssues(run.issues)}`);
    try {
      // defineProperty, so that an output named __proto__ is data like any other.
      Object.defineProperty(output, o.name, { value: toJS(run.value), enumerable: true, writable: true, configurable: true });
    } catch (e) {
      return stepErrored(`failed to extract outputs: output ${JSON.stringify(o.name)}: ${errorText(e)}`);
    }
  }
  return stepSucceeded(output);
}
