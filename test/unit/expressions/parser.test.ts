import { describe, expect, it } from 'vitest';
import type { ExprNode } from '../../../src/expressions/index.js';
import { MAX_NESTING, parseExpression, printExpression } from '../../../src/expressions/index.js';

function ast(src: string): ExprNode {
  const r = parseExpression(src);
  if (!r.ok) throw new Error(r.issues[0]?.message);
  return r.value;
}

/** A compact S-expression view of a tree, without positions. */
function sx(node: ExprNode | null): string {
  if (node === null) return '_';
  switch (node.kind) {
    case 'nil':
      return 'nil';
    case 'bool':
      return String(node.value);
    case 'int':
      return `${node.value}`;
    case 'float':
      return `${node.value}f`;
    case 'string':
      return JSON.stringify(node.value);
    case 'identifier':
      return node.name;
    case 'pointer':
      return `#${node.name}`;
    case 'unary':
      return `(${node.operator} ${sx(node.operand)})`;
    case 'binary':
      return `(${node.operator} ${sx(node.left)} ${sx(node.right)})`;
    case 'member':
      return `(${node.optional ? '?.' : '.'} ${sx(node.object)} ${sx(node.property)})`;
    case 'slice':
      return `(slice ${sx(node.object)} ${sx(node.from)} ${sx(node.to)})`;
    case 'call':
      return `(call ${sx(node.callee)}${node.args.map((a) => ` ${sx(a)}`).join('')})`;
    case 'closure':
      return `{${sx(node.body)}}`;
    case 'conditional':
      return `(? ${sx(node.test)} ${sx(node.consequent)} ${sx(node.alternate)})`;
    case 'array':
      return `[${node.elements.map(sx).join(' ')}]`;
    case 'map':
      return `{${node.entries.map((e) => `${sx(e.key)}:${sx(e.value)}`).join(' ')}}`;
    case 'let':
      return `(let ${node.name} ${sx(node.value)} ${sx(node.body)})`;
    case 'sequence':
      return `(seq ${node.expressions.map(sx).join(' ')})`;
    case 'chain':
      return `(chain ${sx(node.expression)})`;
  }
}

describe('parseExpression', () => {
  it.each([
    ['1 + 2 * 3', '(+ 1 (* 2 3))'],
    ['(1 + 2) * 3', '(* (+ 1 2) 3)'],
    ['2 ** 3 ** 2', '(** 2 (** 3 2))'],
    ['1 - 2 - 3', '(- (- 1 2) 3)'],
    ['-2..2', '(.. (- 2) 2)'],
    ['not a == b', '(== (not a) b)'],
    ['a or b and c', '(or a (and b c))'],
    ['a ?? b ?? c', '(?? (?? a b) c)'],
    ['a not in b', '(not (in a b))'],
    ['a < b < c', '(&& (< a b) (< b c))'],
    ['x | f(1) | g()', '(call g (call f x 1))'],
    ['1 + 2 | string()', '(call string (+ 1 2))'],
    ['a ? b : c ? d : e', '(? a b (? c d e))'],
    ['a ?: b', '(? a _ b)'],
    ['if a { 1 } else if b { 2 } else { 3 }', '(? a 1 (? b 2 3))'],
    ['let x = 1; x + 1', '(let x 1 (+ x 1))'],
    ['(1; 2)', '(seq 1 2)'],
    ['a.b["c"][0]', '(. (. (. a "b") "c") 0)'],
    ['a?.b.c', '(chain (. (?. a "b") "c"))'],
    ['a?.[0]', '(chain (?. a 0))'],
    ['a[1:]', '(slice a 1 _)'],
    ['a[:2]', '(slice a _ 2)'],
    ['a.b(1)', '(call (. a "b") 1)'],
    ['map(xs, # * 2)', '(call map xs {(* # 2)})'],
    ['filter(xs, .age > 1)', '(call filter xs {(> (. # "age") 1)})'],
    ['reduce(xs, #acc + #, 0)', '(call reduce xs {(+ #acc #)} 0)'],
    ['map(xs, {let y = #; y})', '(call map xs {(let y # y)})'],
    ['{a: 1, "b": 2, 3: 4, (k): 5}', '{"a":1 "b":2 "3":4 k:5}'],
    ['[1, 2,]', '[1 2]'],
    ['m.in', '(. m "in")'],
  ])('parses %s', (src, expected) => {
    expect(sx(ast(src))).toBe(expected);
  });

  it.each([
    ['[1, 2', 'unexpected token EOF', 6],
    ['{a: }', 'unexpected token Bracket("}")', 5],
    ['"a" "b"', 'unexpected token String("b")', 5],
    ['let x = 1;', 'unexpected token EOF', 11],
    ['1 === 1', 'unexpected token Operator("=")', 5],
    ['a ?? b || c', 'cannot be mixed', 8],
    ['map()', 'expected at least 2 arguments', 5],
    ['#', 'unexpected token Operator("#")', 1],
  ])('rejects %j with EXPR_SYNTAX at the right column', (src, message, column) => {
    const r = parseExpression(src);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues[0]?.code).toBe('EXPR_SYNTAX');
    expect(r.issues[0]?.message).toContain(message);
    expect(r.issues[0]?.column).toBe(column);
    expect(r.issues[0]?.line).toBe(1);
  });

  it('reports the line and column of a failure on a later line', () => {
    const r = parseExpression('a +\n  (b *\n  )');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect([r.issues[0]?.line, r.issues[0]?.column]).toEqual([3, 3]);
  });

  it('stops deep nesting with EXPR_TOO_DEEP instead of overflowing the stack', () => {
    for (const src of ['('.repeat(10_000) + '1' + ')'.repeat(10_000), '['.repeat(10_000) + ']'.repeat(10_000), '-'.repeat(10_000) + '1', 'a' + '.b'.repeat(20_000)]) {
      const r = parseExpression(src);
      if (r.ok) {
        // Long postfix chains are not nesting; they parse (and are bounded by the node limit).
        expect(src.startsWith('a')).toBe(true);
        continue;
      }
      expect(['EXPR_TOO_DEEP', 'EXPR_SYNTAX']).toContain(r.issues[0]?.code);
    }
    expect(parseExpression('('.repeat(MAX_NESTING + 5) + '1' + ')'.repeat(MAX_NESTING + 5)).ok).toBe(false);
    expect(parseExpression('('.repeat(100) + '1' + ')'.repeat(100)).ok).toBe(true);
  });

  it('limits the number of nodes like expr', () => {
    const r = parseExpression(Array.from({ length: 6000 }, () => '1').join('+'));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]?.message).toContain('maximum allowed nodes');
  });

  it('prints trees back to text that parses to the same tree', () => {
    for (const src of ['a?.b.c ?? f(1, 2)', 'not (x in [1, 2])', 'map(xs, {#index + #})', 'let v = 1.0; v > 2 ? "a\\n" : {k: [nil]}', '(1).x', 'a[1:][:-1]', 'b ?: c']) {
      const tree = ast(src);
      expect(sx(ast(printExpression(tree)))).toBe(sx(tree));
    }
  });
});
