import { createIssue, prefixIssuePath, type Issue, type PathSegment } from '../../errors/index.js';
import { err, ok, type Result } from '../../result.js';
import { compileExpression, runExpression } from '../compile.js';
import { Budget, type FunctionTable } from '../functions.js';
import { ExprRuntimeError, toJS, type ExprValue } from '../values.js';
import { coerceTemplateText, type TemplateCoercion } from './coerce.js';
import { GoJSONError, marshalGoJSON } from './go-json.js';
import { hasTemplateDelimiters, lineColumnAt, offsetAt, scanTemplate, type ExpressionSegment } from './scan.js';
import { templateFunctions } from './template-functions.js';
import { kargoFunctions } from '../kargo/kargo-functions.js';

let defaults: FunctionTable | undefined;

// Kargo's functions over an empty context; built once, since they hold no state. The status
// functions are left out: they only mean something with a step's records, which callers pass.
function defaultKargoFunctions(): FunctionTable {
  defaults ??= kargoFunctions({}, { status: false });
  return defaults;
}

/** Options of {@link evaluateTemplate} and {@link evaluateConfig}. */
export interface TemplateOptions {
  /**
   * How the produced text becomes a value: `'kargo'` (default) re-types it exactly as Kargo does
   * (`"1.10"` becomes 1.1 unless quoted); `'none'` keeps a lone expression's own value.
   */
  coercion?: TemplateCoercion;
  /**
   * Functions the expressions may call besides the builtins, usually `kargoFunctions(context)`.
   * Without them, Kargo's freight, data and version functions still exist over an empty context
   * (no Freight, no lookups), so `warehouse()`, `semverDiff()` and `semverParse()` always work;
   * `always()`, `success()`, `failure()` and `status()` exist only when passed.
   * `quote`, `unsafeQuote`, `asYAML` and `asJSON` are always present and cannot be replaced.
   */
  functions?: FunctionTable;
  /** The time `now()` returns; without it `now()` fails (waybill never reads the clock). */
  now?: Date | string;
  /** Work budget shared by every expression of the template (or config): a limit or a {@link Budget}. */
  budget?: number | Budget;
  /** Path of the template inside a larger document; issues are prefixed with it. */
  path?: readonly PathSegment[];
  /** File the template came from, copied onto issues. */
  file?: string;
}

/**
 * Evaluates a Kargo template: literal text with `${{ expr }}` or `${% expr %}` expressions. A text
 * with no opening delimiter is returned unchanged, as a string. Otherwise each expression is run
 * against `env`; a string result is inserted as it is, any other result as Go JSON; the whole text
 * is then re-typed under the `'kargo'` coercion (see `coerceTemplateText`). Issues carry the
 * line and column inside the template.
 */
export function evaluateTemplate(template: string, env: object, options: TemplateOptions = {}): Result<unknown> {
  if (typeof template !== 'string') {
    return err(createIssue('EXPR_RUNTIME', `template must be a string, got ${typeof template}`, issueOptions(options)));
  }
  if (!hasTemplateDelimiters(template)) return ok(template);
  const scanned = scanTemplate(template);
  if (!scanned.ok) {
    const at = lineColumnAt(template, scanned.offset);
    const end = lineColumnAt(template, scanned.offset + scanned.delimiter.open.length);
    return err(
      createIssue('EXPR_TEMPLATE_UNCLOSED', scanned.message, {
        ...issueOptions(options),
        line: at.line,
        column: at.column,
        endLine: end.line,
        endColumn: end.column,
      }),
    );
  }
  const budget = options.budget instanceof Budget ? options.budget : new Budget(options.budget);
  const functions: FunctionTable = { ...defaultKargoFunctions(), ...options.functions, ...templateFunctions };
  const runOptions = options.now === undefined ? { functions, budget } : { functions, budget, now: options.now };
  const scope: object = env !== null && typeof env === 'object' ? env : {};
  const segments = scanned.segments;
  const lone = segments.length === 1 && segments[0]?.kind === 'expression' ? segments[0] : undefined;
  let text = '';
  for (const segment of segments) {
    if (segment.kind === 'text') {
      text += segment.text;
      continue;
    }
    const value = runSegment(template, segment, scope, runOptions, options);
    if (!value.ok) return value;
    if (lone !== undefined && options.coercion === 'none') return exportValue(value.value, template, segment, options);
    const rendered = renderValue(value.value, template, segment, options);
    if (!rendered.ok) return rendered;
    text += rendered.value;
  }
  return ok(options.coercion === 'none' ? text : coerceTemplateText(text));
}

function runSegment(
  template: string,
  segment: ExpressionSegment,
  env: object,
  runOptions: { functions: FunctionTable; budget: Budget; now?: Date | string },
  options: TemplateOptions,
): Result<ExprValue> {
  const compiled = compileExpression(segment.source);
  if (!compiled.ok) return err(relocateIssues(compiled.issues, template, segment, options));
  const result = runExpression(compiled.value, env, runOptions);
  if (!result.ok) return err(relocateIssues(result.issues, template, segment, options));
  return result;
}

/** Text of an expression result inside a template: strings raw, anything else as Go JSON. */
function renderValue(value: ExprValue, template: string, segment: ExpressionSegment, options: TemplateOptions): Result<string> {
  if (typeof value === 'string') return ok(value);
  try {
    return ok(marshalGoJSON(value));
  } catch (e) {
    if (e instanceof GoJSONError) return err(segmentIssue('EXPR_TEMPLATE_RESULT', e.message, template, segment, options));
    throw e;
  }
}

function exportValue(value: ExprValue, template: string, segment: ExpressionSegment, options: TemplateOptions): Result<unknown> {
  try {
    return ok(toJS(value));
  } catch (e) {
    if (e instanceof ExprRuntimeError) return err(segmentIssue(e.code, e.message, template, segment, options));
    throw e;
  }
}

function segmentIssue(
  code: 'EXPR_TEMPLATE_RESULT' | ExprRuntimeError['code'],
  message: string,
  template: string,
  segment: ExpressionSegment,
  options: TemplateOptions,
): Issue {
  const at = lineColumnAt(template, segment.openOffset);
  const end = lineColumnAt(template, segment.offset + segment.source.length + segment.delimiter.close.length);
  return createIssue(code, message, { ...issueOptions(options), line: at.line, column: at.column, endLine: end.line, endColumn: end.column });
}

/** Moves issue positions from the expression's own text to the template's text. */
function relocateIssues(issues: readonly Issue[], template: string, segment: ExpressionSegment, options: TemplateOptions): Issue[] {
  const toTemplate = (line: number | undefined, column: number | undefined): { line: number; column: number } => {
    const inner = column === undefined ? 0 : offsetAt(segment.source, line ?? 1, column);
    return lineColumnAt(template, segment.offset + inner);
  };
  return issues.map((issue) => {
    const start = toTemplate(issue.line, issue.column);
    const moved: { -readonly [K in keyof Issue]: Issue[K] } = { ...issue, line: start.line, column: start.column };
    if (issue.endColumn !== undefined) {
      const end = toTemplate(issue.endLine ?? issue.line, issue.endColumn);
      moved.endLine = end.line;
      moved.endColumn = end.column;
    } else {
      delete moved.endLine;
    }
    if (options.file !== undefined) moved.file = options.file;
    return prefixIssuePath(moved, options.path ?? []);
  });
}

function issueOptions(options: TemplateOptions): { path: readonly PathSegment[]; file?: string } {
  return options.file === undefined ? { path: options.path ?? [] } : { path: options.path ?? [], file: options.file };
}
