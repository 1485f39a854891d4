import { createIssue, type Issue, type PathSegment } from '../../errors/index.js';
import { err, ok, type Result } from '../../result.js';
import { Budget } from '../functions.js';
import { evaluateTemplate, type TemplateOptions } from './evaluate-template.js';

/** Top-level env names that config evaluation refuses, because templates own them. */
export const RESERVED_ENV_KEYS: readonly string[] = ['quote', 'asYAML', 'asJSON'];

/**
 * Evaluates a whole step config: every string value inside objects and arrays is a template
 * ({@link evaluateTemplate}); keys, numbers, booleans and null are left as they are. The input is
 * not modified. As in Kargo, the env may not use the names `quote`, `asYAML` or `asJSON`, and a
 * value that JSON cannot hold (NaN, an infinity) fails the config. Every failing value is
 * reported, each issue with the path of its value.
 */
export function evaluateConfig(config: unknown, env: object, options: TemplateOptions = {}): Result<unknown> {
  const basePath = options.path ?? [];
  const reserved = RESERVED_ENV_KEYS.find((key) => env !== null && typeof env === 'object' && Object.hasOwn(env, key));
  if (reserved !== undefined) {
    return err(
      createIssue('EXPR_FORBIDDEN_ENV_KEY', `${JSON.stringify(reserved)} is a forbidden key in the environment map; it is reserved for internal use`, {
        path: basePath,
        ...(options.file === undefined ? {} : { file: options.file }),
      }),
    );
  }
  const shared: TemplateOptions = {
    ...options,
    budget: options.budget instanceof Budget ? options.budget : new Budget(options.budget),
  };
  const issues: Issue[] = [];
  const value = walk(config, [...basePath], env, shared, issues, 0);
  return issues.length > 0 ? err(issues) : ok(value);
}

const MAX_DEPTH = 1000;

function walk(value: unknown, path: PathSegment[], env: object, options: TemplateOptions, issues: Issue[], depth: number): unknown {
  if (depth > MAX_DEPTH) {
    issues.push(createIssue('EXPR_TOO_DEEP', 'config is nested too deeply', { path }));
    return null;
  }
  if (typeof value === 'string') {
    const result = evaluateTemplate(value, env, { ...options, path });
    if (!result.ok) {
      issues.push(...result.issues);
      return null;
    }
    checkRepresentable(result.value, path, issues, 0);
    return result.value;
  }
  if (Array.isArray(value)) return value.map((item: unknown, i) => walk(item, [...path, i], env, options, issues, depth + 1));
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      Object.defineProperty(out, key, {
        value: walk(item, [...path, key], env, options, issues, depth + 1),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  return value;
}

// Kargo writes the evaluated config back out as JSON, which fails on NaN and infinities.
function checkRepresentable(value: unknown, path: PathSegment[], issues: Issue[], depth: number): void {
  if (typeof value === 'number' && !Number.isFinite(value)) {
    const text = Number.isNaN(value) ? 'NaN' : value > 0 ? '+Inf' : '-Inf';
    issues.push(createIssue('EXPR_TEMPLATE_RESULT', `json: unsupported value: ${text}`, { path }));
    return;
  }
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return;
  if (Array.isArray(value)) {
    value.forEach((item: unknown, i) => checkRepresentable(item, [...path, i], issues, depth + 1));
    return;
  }
  for (const [key, item] of Object.entries(value)) checkRepresentable(item, [...path, key], issues, depth + 1);
}
