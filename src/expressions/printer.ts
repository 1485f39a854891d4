import type { ExprNode } from './ast.js';

/**
 * Prints a syntax tree back to expression text. The output parses to the same tree (positions
 * aside): operands that are not atoms are parenthesized, so precedence never changes the meaning.
 * Pipes come back as plain calls (`a | f()` prints as `f(a)`), `if/else` as a ternary.
 */
export function printExpression(node: ExprNode): string {
  return print(node, 0);
}

const MAX_PRINT_DEPTH = 2000;

function print(node: ExprNode, depth: number): string {
  if (depth > MAX_PRINT_DEPTH) return 'nil';
  const d = depth + 1;
  switch (node.kind) {
    case 'nil':
      return 'nil';
    case 'bool':
      return node.value ? 'true' : 'false';
    case 'int':
      return node.value.toString();
    case 'float':
      return printFloat(node.value);
    case 'string':
      return JSON.stringify(node.value);
    case 'identifier':
      return node.name;
    case 'pointer':
      return `#${node.name}`;
    case 'unary':
      return node.operator === 'not' ? `not ${operand(node.operand, d)}` : `${node.operator}${operand(node.operand, d)}`;
    case 'binary':
      return `${operand(node.left, d)} ${node.operator} ${operand(node.right, d)}`;
    case 'member': {
      const object = postfixObject(node.object, d);
      if (node.computed) return `${object}${node.optional ? '?.' : ''}[${item(node.property, d)}]`;
      const name = node.property.kind === 'string' ? node.property.value : print(node.property, d);
      return `${object}${node.optional ? '?.' : '.'}${name}`;
    }
    case 'slice':
      return `${postfixObject(node.object, d)}[${node.from === null ? '' : item(node.from, d)}:${node.to === null ? '' : item(node.to, d)}]`;
    case 'call': {
      const callee = node.callee.kind === 'identifier' ? node.callee.name : print(node.callee, d);
      return `${callee}(${node.args.map((a) => item(a, d)).join(', ')})`;
    }
    case 'closure':
      return `{${print(node.body, d)}}`;
    case 'conditional':
      return node.consequent === null
        ? `${operand(node.test, d)} ?: ${operand(node.alternate, d)}`
        : `${operand(node.test, d)} ? ${operand(node.consequent, d)} : ${operand(node.alternate, d)}`;
    case 'array':
      return `[${node.elements.map((e) => item(e, d)).join(', ')}]`;
    case 'map':
      return `{${node.entries.map((e) => `${e.key.kind === 'string' ? JSON.stringify(e.key.value) : `(${print(e.key, d)})`}: ${item(e.value, d)}`).join(', ')}}`;
    case 'let':
      return `let ${node.name} = ${operand(node.value, d)}; ${operand(node.body, d)}`;
    case 'sequence':
      return node.expressions.map((e) => operand(e, d)).join('; ');
    case 'chain':
      return print(node.expression, d);
  }
}

function printFloat(value: number): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? '(0.0 / 0.0)' : value > 0 ? '(1.0 / 0.0)' : '(-1.0 / 0.0)';
  const text = String(value);
  return /[.e]/.test(text) ? text : `${text}.0`;
}

const ATOMS = new Set<ExprNode['kind']>(['nil', 'bool', 'int', 'float', 'string', 'identifier', 'pointer', 'array', 'map', 'call', 'member', 'slice']);

/** An operand of an operator: atoms bare, everything else in parentheses. */
function operand(node: ExprNode, depth: number): string {
  if (ATOMS.has(node.kind) && !(node.kind === 'float' && !Number.isFinite(node.value))) return print(node, depth);
  return `(${print(node, depth)})`;
}

/** An element of a list (arguments, array items, map values, indexes): only sequences need parentheses. */
function item(node: ExprNode, depth: number): string {
  return node.kind === 'sequence' ? `(${print(node, depth)})` : print(node, depth);
}

/**
 * The object of a member, slice or method call: numbers need parentheses (`(1).x`, not `1.x`), and
 * so do `nil`, `true` and `false`, which expr's grammar never follows with a postfix.
 */
function postfixObject(node: ExprNode, depth: number): string {
  if (node.kind === 'int' || node.kind === 'float' || node.kind === 'nil' || node.kind === 'bool') return `(${print(node, depth)})`;
  return operand(node, depth);
}
