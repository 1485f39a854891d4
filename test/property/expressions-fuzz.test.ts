import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileExpression, evaluateExpression, parseExpression } from '../../src/expressions/index.js';

const CODES = new Set(['EXPR_SYNTAX', 'EXPR_RUNTIME', 'EXPR_BUDGET_EXCEEDED', 'EXPR_TOO_DEEP']);

const env = {
  a: 1,
  s: 'héllo',
  arr: [1, 2, 3],
  m: { x: 1, y: { z: 'deep' }, n: null },
  users: [{ name: 'alice', age: 30 }],
  t: true,
  nul: null,
  d: new Date('2024-01-02T03:04:05Z'),
};

const TOKENS = [
  'a', 's', 'arr', 'm', 'users', 't', 'nul', 'd', 'x', '$env', '#', '#index', '#acc', '.', '?.', '.x', '.y', '.z', '.name',
  '(', ')', '[', ']', '{', '}', ',', ':', ';', '?', '??', '|', '..', '+', '-', '*', '/', '%', '**', '^', '==', '!=', '<', '>', '<=', '>=',
  'and', 'or', 'not', '!', '&&', '||', 'in', 'not in', 'matches', 'contains', 'startsWith', 'endsWith', 'let', '=', 'if', 'else',
  '0', '1', '2.5', '1e3', '0x1F', '9223372036854775807', '"str"', "'q'", '`raw`', '"(["', 'nil', 'true', 'false',
  'map', 'filter', 'reduce', 'sortBy', 'groupBy', 'sum', 'len', 'upper', 'split', 'join', 'repeat', 'toJSON', 'fromJSON', 'date', 'duration', 'now', 'int', 'string', 'max', 'flatten',
];

/** Runs one expression and checks the contract: a Result, never a throw, issues with known codes, quickly. */
function checkContract(src: string): void {
  const started = performance.now();
  const r = evaluateExpression(src, env, { now: '2025-01-01T00:00:00Z' });
  const elapsed = performance.now() - started;
  expect(typeof r.ok).toBe('boolean');
  if (!r.ok) {
    expect(r.issues.length).toBeGreaterThan(0);
    for (const issue of r.issues) {
      expect(CODES.has(issue.code)).toBe(true);
      expect(issue.severity).toBe('error');
      expect(issue.column === undefined || issue.column >= 1).toBe(true);
    }
  }
  expect(elapsed).toBeLessThan(2000);
}

describe('expression fuzzing', () => {
  it('random text never throws and always answers with a Result', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80, unit: fc.constantFrom(...'abmsx#.?:()[]{},;|+-*/%^=!<>&"\'`\\0123456789 \n_$eé'.split('')) }), (src) => {
        checkContract(src);
      }),
      { numRuns: 1500 },
    );
  });

  it('random token sequences never throw and always answer with a Result', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...TOKENS), { maxLength: 30 }), (tokens) => {
        checkContract(tokens.join(' '));
      }),
      { numRuns: 3000 },
    );
  });

  it('arbitrary unicode never throws', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40, unit: 'binary' }), (src) => {
        checkContract(src);
        expect(() => parseExpression(src)).not.toThrow();
      }),
      { numRuns: 1000 },
    );
  });

  it('arbitrary env values never throw', () => {
    const exprs = ['x', 'x.a.b', 'x[0]', 'len(x)', 'toJSON(x)', 'string(x)', 'x == x', 'x + x', 'map(x, #)', 'keys(x)', 'sort(x)', 'x ?? 1', 'type(x)', '"a" in x', 'flatten(x)', 'max(x)'];
    fc.assert(
      fc.property(fc.constantFrom(...exprs), fc.anything({ withDate: true, withBigInt: true, withMap: true, withSet: true, withNullPrototype: true, withTypedArray: true, withSparseArray: true, withBoxedValues: true }), (src, x) => {
        expect(() => evaluateExpression(src, { x })).not.toThrow();
      }),
      { numRuns: 2000 },
    );
  });

  it('compiling is deterministic: the same text gives the same verdict', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...TOKENS), { maxLength: 12 }), (tokens) => {
        const src = tokens.join(' ');
        const first = compileExpression(src);
        const again = compileExpression(`${src} `);
        expect(again.ok).toBe(first.ok);
      }),
      { numRuns: 500 },
    );
  });
});
