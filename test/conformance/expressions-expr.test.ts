import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { evaluateExpression } from '../../src/expressions/index.js';

interface ExprCase {
  name?: string;
  category?: string;
  expr: string;
  env?: Record<string, unknown>;
  error?: boolean;
  errorKind?: 'compile' | 'runtime';
  errorMessage?: string;
  expected?: unknown;
  expectedType?: string;
  expectedText?: string;
}

const vectors = JSON.parse(readFileSync(new URL('../fixtures/expressions/expr_lang.json', import.meta.url), 'utf8')) as { cases: ExprCase[] };

/** The same judgement the conformance runner applies to each case; `true` or a reason. */
function judge(c: ExprCase): true | string {
  const r = evaluateExpression(c.expr, c.env ?? {});
  if (c.error) return !r.ok || `expected an error, got ${JSON.stringify(r.value, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v))}`;
  if (!r.ok) return `error ${r.issues.map((i) => `${i.code}: ${i.message}`).join('; ')}`;
  const v = r.value;
  if (c.expectedType === 'nil') return v === null || v === undefined || `got ${JSON.stringify(v)}`;
  if (c.expectedType === 'int' || c.expectedType === 'float') {
    if (typeof v !== 'number' && typeof v !== 'bigint') return `got ${typeof v}`;
    // NaN and the infinities have no JSON form: the vectors write null and give Go's text instead.
    if (c.expected === null && c.expectedText !== undefined) {
      const text = Number.isNaN(v) ? 'NaN' : v === Infinity ? '+Inf' : v === -Infinity ? '-Inf' : String(v);
      return text === c.expectedText || `got ${text}`;
    }
    if (typeof c.expected === 'number') return Number(v) === c.expected || (Number.isNaN(c.expected) && Number.isNaN(Number(v))) || `got ${v}`;
  }
  return isDeepStrictEqual(v, c.expected) || `got ${JSON.stringify(v)}`;
}

describe('expr-lang vectors (expr v1.17 as Kargo runs it)', () => {
  it('has the vector file', () => {
    expect(vectors.cases.length).toBeGreaterThan(250);
  });
  for (const [i, c] of vectors.cases.entries()) {
    it(`#${i} ${c.expr}`, () => {
      expect(judge(c)).toBe(true);
    });
  }
});

describe('compile-time versus run-time errors match expr', () => {
  for (const [i, c] of vectors.cases.entries()) {
    if (!c.error || c.errorKind === undefined) continue;
    it(`#${i} ${c.expr} fails at ${c.errorKind} time`, () => {
      const r = evaluateExpression(c.expr, c.env ?? {});
      expect(r.ok).toBe(false);
      const code = r.ok ? undefined : r.issues[0]?.code;
      expect(code).toBe(c.errorKind === 'compile' ? 'EXPR_SYNTAX' : 'EXPR_RUNTIME');
    });
  }
});
