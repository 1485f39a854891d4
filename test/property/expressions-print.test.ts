import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BinaryOperator, ExprNode, UnaryOperator } from '../../src/expressions/index.js';
import { parseExpression, printExpression } from '../../src/expressions/index.js';

const NAMES = ['a', 'b', 'vars', 'ctx', 'x_1', '$env', '$x', 'größe', 'len', 'upper'];
const PROPS = ['a', 'b', 'stage', 'in', 'matches', 'let', 'if', 'true', 'Tag'];
const FUNCS = ['f', 'g', 'len', 'upper', 'join', 'now', 'quote'];
const UNARY: UnaryOperator[] = ['not', '!', '-', '+'];
const BINARY: BinaryOperator[] = ['or', '||', 'and', '&&', '==', '!=', '<', '>', '<=', '>=', 'in', 'matches', 'contains', 'startsWith', 'endsWith', '..', '+', '-', '*', '/', '%', '**', '^', '??'];

const pos = 0;

/** Random trees in the shapes the parser produces (pointers only inside predicates). */
const { outer, inner } = fc.letrec<{ outer: ExprNode; inner: ExprNode }>((tie) => ({
  outer: treeOf(tie('outer'), tie('inner'), false),
  inner: treeOf(tie('inner'), tie('inner'), true),
}));
void inner;

function trees(_inClosure: boolean): fc.Arbitrary<ExprNode> {
  return outer;
}

function treeOf(sub: fc.Arbitrary<ExprNode>, closureBody: fc.Arbitrary<ExprNode>, inClosure: boolean): fc.Arbitrary<ExprNode> {
  {
    const leaf: fc.Arbitrary<ExprNode>[] = [
      fc.constant<ExprNode>({ kind: 'nil', pos }),
      fc.boolean().map<ExprNode>((value) => ({ kind: 'bool', pos, value })),
      fc.bigInt({ min: 0n, max: 2n ** 63n - 1n }).map<ExprNode>((value) => ({ kind: 'int', pos, value })),
      fc.double({ min: 0, max: 1e300, noNaN: true, noDefaultInfinity: true }).map<ExprNode>((value) => ({ kind: 'float', pos, value: Object.is(value, -0) ? 0 : value })),
      fc.string({ maxLength: 8, unit: 'grapheme' }).map<ExprNode>((value) => ({ kind: 'string', pos, value })),
      fc.constantFrom(...NAMES).map<ExprNode>((name) => ({ kind: 'identifier', pos, name })),
    ];
    if (inClosure) leaf.push(fc.constantFrom('', 'index', 'acc').map<ExprNode>((name) => ({ kind: 'pointer', pos, name })));
    const closure = closureBody.map<ExprNode>((body) => ({ kind: 'closure', pos, body }));
    const member = fc.tuple(sub, fc.oneof(fc.constantFrom(...PROPS).map((p) => [false, p] as const), sub.map((p) => [true, p] as const)));
    return fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        ...leaf,
        fc.tuple(fc.constantFrom(...UNARY), sub).map<ExprNode>(([operator, operand]) => ({ kind: 'unary', pos, operator, operand })),
        fc.tuple(fc.constantFrom(...BINARY), sub, sub).map<ExprNode>(([operator, left, right]) => ({ kind: 'binary', pos, operator, left, right })),
        member.map<ExprNode>(([object, [computed, p]]) => ({
          kind: 'member',
          pos,
          object,
          property: computed ? (p as ExprNode) : { kind: 'string', pos, value: p as string },
          computed,
          optional: false,
        })),
        fc.tuple(sub, fc.constantFrom(...PROPS)).map<ExprNode>(([object, name]) => ({
          kind: 'chain',
          pos,
          expression: { kind: 'member', pos, object, property: { kind: 'string', pos, value: name }, computed: false, optional: true },
        })),
        fc.tuple(sub, fc.option(sub), fc.option(sub)).map<ExprNode>(([object, from, to]) => ({ kind: 'slice', pos, object, from, to })),
        fc.tuple(fc.constantFrom(...FUNCS), fc.array(sub, { maxLength: 3 })).map<ExprNode>(([name, args]) => ({ kind: 'call', pos, callee: { kind: 'identifier', pos, name }, args })),
        fc.tuple(sub, fc.constantFrom(...PROPS), fc.array(sub, { maxLength: 2 })).map<ExprNode>(([object, name, args]) => ({
          kind: 'call',
          pos,
          callee: { kind: 'member', pos, object, property: { kind: 'string', pos, value: name }, computed: false, optional: false },
          args,
        })),
        fc.tuple(fc.constantFrom('map', 'filter', 'all', 'count', 'sortBy', 'reduce'), sub, closure, fc.option(sub)).map<ExprNode>(([name, list, pred, extra]) => ({
          kind: 'call',
          pos,
          callee: { kind: 'identifier', pos, name },
          args: extra !== null && (name === 'sortBy' || name === 'reduce') ? [list, pred, extra] : [list, pred],
        })),
        fc.tuple(sub, fc.option(sub), sub).map<ExprNode>(([test, consequent, alternate]) => ({ kind: 'conditional', pos, test, consequent, alternate })),
        fc.array(sub, { maxLength: 3 }).map<ExprNode>((elements) => ({ kind: 'array', pos, elements })),
        fc.array(fc.tuple(fc.oneof(fc.string({ maxLength: 4 }).map<ExprNode>((value) => ({ kind: 'string', pos, value })), sub), sub), { maxLength: 3 }).map<ExprNode>((pairs) => ({
          kind: 'map',
          pos,
          entries: pairs.map(([key, value]) => ({ key, value })),
        })),
        fc.tuple(fc.constantFrom('v', 'w'), sub, sub).map<ExprNode>(([name, value, body]) => ({ kind: 'let', pos, name, value, body })),
        fc.array(sub, { minLength: 2, maxLength: 3 }).map<ExprNode>((expressions) => ({ kind: 'sequence', pos, expressions })),
      );
  }
}

/** A tree without positions, for comparison. */
function strip(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(strip);
  if (typeof node === 'bigint') return `${node}n`;
  if (typeof node === 'number') return Object.is(node, -0) ? 0 : node;
  if (typeof node !== 'object' || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) if (k !== 'pos') out[k] = strip(v);
  return out;
}

describe('printExpression', () => {
  it('prints any tree as text that parses back to the same tree', () => {
    fc.assert(
      fc.property(trees(false), (tree) => {
        const text = printExpression(tree);
        const parsed = parseExpression(text);
        if (!parsed.ok) throw new Error(`${text}: ${parsed.issues[0]?.message}`);
        expect(strip(parsed.value)).toEqual(strip(tree));
      }),
      { numRuns: 400 },
    );
  });

  it('is stable: printing a parsed print gives the same text', () => {
    fc.assert(
      fc.property(trees(false), (tree) => {
        const text = printExpression(tree);
        const parsed = parseExpression(text);
        expect(parsed.ok && printExpression(parsed.value)).toBe(text);
      }),
      { numRuns: 200 },
    );
  });
});
