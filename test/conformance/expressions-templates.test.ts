import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { evaluateConfig, evaluateTemplate } from '../../src/expressions/template/index.js';
import { kargoFunctions, type StepExecutionMetadataLike } from '../../src/expressions/kargo/index.js';

interface TemplateCase {
  name: string;
  template?: string;
  jsonTemplate?: unknown;
  env?: Record<string, unknown>;
  stepMetas?: StepExecutionMetadataLike[];
  currentStepAlias?: string;
  expected?: unknown;
  expectedType?: string;
  expectedError?: string;
}

const fixture = JSON.parse(readFileSync(new URL('../fixtures/expressions/expressions.json', import.meta.url), 'utf8')) as { cases: TemplateCase[] };

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value === 'object' ? 'object' : typeof value;
}

describe('Kargo template vectors (expressions.json)', () => {
  it.each(fixture.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const env = c.env ?? {};
    const options =
      c.stepMetas !== undefined || c.currentStepAlias !== undefined
        ? { functions: kargoFunctions({ stepMetas: c.stepMetas ?? [], currentStepAlias: c.currentStepAlias ?? '' }) }
        : {};
    const result = c.jsonTemplate !== undefined ? evaluateConfig(c.jsonTemplate, env, options) : evaluateTemplate(c.template ?? '', env, options);
    if (c.expectedError !== undefined) {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.issues.map((i) => i.message)).toContain(c.expectedError);
      return;
    }
    expect(result.ok ? undefined : result.issues).toBeUndefined();
    if (!result.ok) return;
    expect(isDeepStrictEqual(result.value, c.expected)).toBe(true);
    expect(result.value).toEqual(c.expected);
    if (c.expectedType !== undefined) expect(typeName(result.value)).toBe(c.expectedType);
  });
});

interface ExprLangCase {
  name: string;
  expr: string;
  env?: Record<string, unknown>;
  kargoTemplate: { result?: unknown; error?: string; resultText?: string };
}

const exprLang = JSON.parse(readFileSync(new URL('../fixtures/expressions/expr_lang.json', import.meta.url), 'utf8')) as { cases: ExprLangCase[] };

// Go cannot write a map with non-string keys as JSON, so Kargo fails where waybill (whose maps
// always have string keys) writes the map.
const MAP_WITH_ANY_KEYS = new Set(['groupBy_field', 'groupBy_int_key', 'fromPairs_empty']);

describe('expr-lang vectors run as Kargo templates (kargoTemplate)', () => {
  it.each(exprLang.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const result = evaluateTemplate(`\${{ ${c.expr} }}`, c.env ?? {});
    const want = c.kargoTemplate;
    if (MAP_WITH_ANY_KEYS.has(c.name)) {
      expect(result.ok).toBe(true);
      return;
    }
    if (want.error !== undefined) {
      expect(result.ok ? result.value : 'failed').toBe('failed');
      return;
    }
    expect(result.ok ? undefined : result.issues).toBeUndefined();
    if (!result.ok) return;
    if (want.resultText !== undefined) expect(String(result.value)).toBe(want.resultText);
    else expect(result.value).toEqual(want.result);
  });
});
