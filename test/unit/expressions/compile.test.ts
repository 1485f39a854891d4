import { describe, expect, it } from 'vitest';
import { formatIssues } from '../../../src/errors/index.js';
import { compileExpression, evaluateExpression, runExpression } from '../../../src/expressions/index.js';

describe('compileExpression', () => {
  it('caches by source text', () => {
    const a = compileExpression('vars.x + 1');
    const b = compileExpression('vars.x + 1');
    expect(a.ok && b.ok && a.value === b.value).toBe(true);
  });

  it('keeps working after the cache has been trimmed', () => {
    const first = compileExpression('"first" + x');
    for (let i = 0; i < 2500; i++) compileExpression(`x + ${i}`);
    expect(first.ok).toBe(true);
    if (first.ok) expect(runExpression(first.value, { x: '!' })).toMatchObject({ ok: true, value: 'first!' });
  });

  it('runs a structurally copied compiled expression by compiling its source again', () => {
    const c = compileExpression('x * 2');
    if (!c.ok) throw new Error('compile');
    const copy = { source: c.value.source, ast: c.value.ast };
    expect(runExpression(copy, { x: 2 })).toMatchObject({ ok: true, value: 4 });
  });

  it('reports compile errors as EXPR_SYNTAX with line and column', () => {
    const r = compileExpression('a +\n  * b');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues[0]).toMatchObject({ code: 'EXPR_SYNTAX', line: 2, column: 3 });
  });

  it('is a pure check: the same source gives the same answer', () => {
    expect(compileExpression('1 +')).toEqual(compileExpression('1 +'));
  });
});

describe('runExpression and evaluateExpression', () => {
  it('returns raw values from runExpression and plain JavaScript from evaluateExpression', () => {
    const c = compileExpression('[1, 2.5, {a: 3}]');
    if (!c.ok) throw new Error('compile');
    const raw = runExpression(c.value, {});
    expect(raw.ok && raw.value).toEqual([1n, 2.5, expect.objectContaining({ a: 3n })]);
    expect(evaluateExpression('[1, 2.5, {a: 3}]', {})).toMatchObject({ ok: true, value: [1, 2.5, { a: 3 }] });
  });

  it('reports run errors as EXPR_RUNTIME with the column of the failing operation', () => {
    const r = evaluateExpression('vars.a + vars.b.c', { vars: { a: 1 } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues[0]).toMatchObject({ code: 'EXPR_RUNTIME', line: 1, column: 17, message: 'cannot fetch c from <nil> (1:17)' });
  });

  it('prints a caret under the failure with formatIssues', () => {
    const source = 'vars.a +\n  vars.b.c';
    const r = evaluateExpression(source, { vars: {} });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const text = formatIssues(r.issues, { sources: source });
    expect(text).toContain('2:10 error EXPR_RUNTIME cannot fetch c from <nil>');
    expect(text.split('\n').at(-1)).toBe('     |          ^');
  });

  it('does not modify the env', () => {
    const env = { list: [3, 1, 2], m: { b: 1, a: 2 } };
    const before = JSON.stringify(env);
    evaluateExpression('sort(list) + reverse(list) + sortBy(list, #) + [keys(m)]', env);
    expect(JSON.stringify(env)).toBe(before);
  });
});
