import { createIssue } from '../../errors/index.js';
import { err, ok, type Result } from '../../result.js';
import { evaluateTemplate, type TemplateOptions } from './evaluate-template.js';

function goTypeName(value: unknown): string {
  if (value === null || value === undefined) return '<nil>';
  if (Array.isArray(value)) return '[]interface {}';
  switch (typeof value) {
    case 'string':
      return 'string';
    case 'number':
      return 'float64';
    case 'bigint':
      return 'int';
    case 'object':
      return 'map[string]interface {}';
    default:
      return typeof value;
  }
}

/**
 * Evaluates a step's `if` as Kargo does: the template (with Kargo's coercion, so `"${{ 'true' }}"`
 * is true) must produce a boolean; anything else is an `EXPR_RUNTIME` issue
 * `expression must evaluate to a boolean, got <type>`. A plain `"true"` without delimiters is a
 * string, so it fails too.
 */
export function evaluateCondition(template: string, env: object, options: TemplateOptions = {}): Result<boolean> {
  const result = evaluateTemplate(template, env, options);
  if (!result.ok) return result;
  if (typeof result.value === 'boolean') return ok(result.value, result.issues);
  return err(
    createIssue('EXPR_RUNTIME', `expression must evaluate to a boolean, got ${goTypeName(result.value)}`, {
      path: options.path ?? [],
      ...(options.file === undefined ? {} : { file: options.file }),
    }),
  );
}
