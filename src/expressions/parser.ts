import type { BinaryOperator, ExprNode, MapEntry, UnaryOperator } from './ast.js';
import { SyntaxFailure, tokenize, type Token } from './lexer.js';

/**
 * A precedence-climbing parser for expr-lang, written for waybill (no JavaScript library parses
 * expr-lang). It follows expr's grammar: pipes, `let`, `if/else`, ternaries, predicates with `#`,
 * optional chains, slices, and comparison chains (`a < b < c` is `a < b && b < c`).
 */

/** Deepest nesting of brackets, calls and operators the parser accepts. */
export const MAX_NESTING = 400;
/** Most syntax nodes one expression may have (expr's default `MaxNodes`). */
export const MAX_NODES = 10_000;

/** A failure caused by nesting beyond {@link MAX_NESTING}. */
export class NestingFailure extends SyntaxFailure {}

interface BinaryInfo {
  readonly precedence: number;
  readonly right: boolean;
}

const BINARY: Readonly<Record<string, BinaryInfo>> = {
  '|': { precedence: 0, right: false },
  or: { precedence: 10, right: false },
  '||': { precedence: 10, right: false },
  and: { precedence: 15, right: false },
  '&&': { precedence: 15, right: false },
  '==': { precedence: 20, right: false },
  '!=': { precedence: 20, right: false },
  '<': { precedence: 20, right: false },
  '>': { precedence: 20, right: false },
  '>=': { precedence: 20, right: false },
  '<=': { precedence: 20, right: false },
  in: { precedence: 20, right: false },
  matches: { precedence: 20, right: false },
  contains: { precedence: 20, right: false },
  startsWith: { precedence: 20, right: false },
  endsWith: { precedence: 20, right: false },
  '..': { precedence: 25, right: false },
  '+': { precedence: 30, right: false },
  '-': { precedence: 30, right: false },
  '*': { precedence: 60, right: false },
  '/': { precedence: 60, right: false },
  '%': { precedence: 60, right: false },
  '**': { precedence: 100, right: true },
  '^': { precedence: 100, right: true },
  '??': { precedence: 500, right: false },
};

const UNARY: Readonly<Record<string, number>> = { not: 50, '!': 50, '-': 90, '+': 90 };
const COMPARISONS = new Set(['<', '>', '<=', '>=']);
const NEGATABLE = new Set(['in', 'matches', 'contains', 'startsWith', 'endsWith']);

/** Argument shapes of the builtins whose arguments include predicates. */
const PREDICATE_BUILTINS: Readonly<Record<string, readonly ('expr' | 'predicate' | 'predicate?' | 'expr?')[]>> = {
  all: ['expr', 'predicate'],
  none: ['expr', 'predicate'],
  any: ['expr', 'predicate'],
  one: ['expr', 'predicate'],
  filter: ['expr', 'predicate'],
  map: ['expr', 'predicate'],
  count: ['expr', 'predicate?'],
  sum: ['expr', 'predicate?'],
  find: ['expr', 'predicate'],
  findIndex: ['expr', 'predicate'],
  findLast: ['expr', 'predicate'],
  findLastIndex: ['expr', 'predicate'],
  groupBy: ['expr', 'predicate'],
  sortBy: ['expr', 'predicate', 'expr?'],
  reduce: ['expr', 'predicate', 'expr?'],
};

/** True when `name` is a builtin that takes a predicate (`map`, `filter`, ...). */
export function isPredicateBuiltin(name: string): boolean {
  return Object.hasOwn(PREDICATE_BUILTINS, name);
}

/** Parses source text into a syntax tree; throws {@link SyntaxFailure} with the offending offset. */
export function parse(source: string): ExprNode {
  return new Parser(tokenize(source)).parseProgram();
}

class Parser {
  private index = 0;
  private current: Token;
  private depth = 0;
  private predicateDepth = 0;
  private nodes = 0;

  constructor(private readonly tokens: readonly Token[]) {
    this.current = tokens[0] as Token;
  }

  parseProgram(): ExprNode {
    const node = this.parseSequence();
    if (this.current.kind !== 'eof') this.unexpected();
    return node;
  }

  private next(): void {
    this.index = Math.min(this.index + 1, this.tokens.length - 1);
    this.current = this.tokens[this.index] as Token;
  }

  private peek(offset = 1): Token {
    return this.tokens[Math.min(this.index + offset, this.tokens.length - 1)] as Token;
  }

  private is(kind: Token['kind'], value?: string): boolean {
    return this.current.kind === kind && (value === undefined || this.current.value === value);
  }

  private expect(kind: Token['kind'], value?: string): Token {
    if (!this.is(kind, value)) this.unexpected();
    const token = this.current;
    this.next();
    return token;
  }

  private unexpected(token: Token = this.current): never {
    throw new SyntaxFailure(`unexpected token ${describeToken(token)}`, token.pos);
  }

  private count<T extends ExprNode>(node: T): T {
    if (++this.nodes > MAX_NODES) throw new SyntaxFailure(`expression exceeds maximum allowed nodes (${MAX_NODES})`, node.pos);
    return node;
  }

  private enter(pos: number): void {
    if (++this.depth > MAX_NESTING) throw new NestingFailure(`expression is nested too deeply (more than ${MAX_NESTING} levels)`, pos);
  }

  private leave(): void {
    this.depth--;
  }

  private parseSequence(): ExprNode {
    const first = this.parseExpression(0);
    if (!this.is('operator', ';')) return first;
    const parts: ExprNode[] = [first];
    while (this.is('operator', ';')) {
      this.next();
      if (this.is('eof')) break;
      parts.push(this.parseExpression(0));
    }
    if (parts.length === 1) return first;
    return this.count({ kind: 'sequence', pos: first.pos, expressions: parts });
  }

  private parseExpression(precedence: number): ExprNode {
    this.enter(this.current.pos);
    try {
      if (precedence === 0 && this.is('operator', 'let')) return this.parseLet();
      if (precedence === 0 && this.is('operator', 'if')) return this.parseIf();
      let left = this.parsePrimary();
      let previous = '';
      while (this.current.kind === 'operator') {
        let opToken = this.current;
        let negate = false;
        if (opToken.value === 'not') {
          const after = this.peek();
          if (after.kind === 'operator' && NEGATABLE.has(after.value)) {
            const info = BINARY[after.value] as BinaryInfo;
            if (info.precedence < precedence) break;
            negate = true;
            this.next();
            opToken = this.current;
          } else {
            this.unexpected(after);
          }
        }
        const info = Object.hasOwn(BINARY, opToken.value) ? BINARY[opToken.value] : undefined;
        if (info === undefined || info.precedence < precedence) break;
        this.next();
        if (opToken.value === '|') {
          const name = this.expect('identifier');
          left = this.parseCall(name, [left]);
        } else {
          if (previous === '??' && opToken.value !== '??') {
            throw new SyntaxFailure(`Operator (${opToken.value}) and coalesce expressions (??) cannot be mixed. Wrap either by parentheses.`, opToken.pos);
          }
          if (COMPARISONS.has(opToken.value)) {
            left = this.parseComparison(left, opToken, info.precedence);
          } else {
            const right = this.parseExpression(info.right ? info.precedence : info.precedence + 1);
            left = this.count({ kind: 'binary', pos: opToken.pos, operator: opToken.value as BinaryOperator, left, right });
            if (negate) left = this.count({ kind: 'unary', pos: opToken.pos, operator: 'not', operand: left });
          }
        }
        previous = opToken.value;
      }
      if (precedence === 0) left = this.parseConditional(left);
      return left;
    } finally {
      this.leave();
    }
  }

  private parseComparison(first: ExprNode, firstToken: Token, precedence: number): ExprNode {
    let left = first;
    let token = firstToken;
    let root: ExprNode | undefined;
    for (;;) {
      const right = this.parseExpression(precedence + 1);
      const cmp: ExprNode = this.count({ kind: 'binary', pos: token.pos, operator: token.value as BinaryOperator, left, right });
      root = root === undefined ? cmp : this.count({ kind: 'binary', pos: token.pos, operator: '&&', left: root, right: cmp });
      left = right;
      token = this.current;
      if (!(token.kind === 'operator' && COMPARISONS.has(token.value))) break;
      this.next();
    }
    return root;
  }

  private parseLet(): ExprNode {
    const letToken = this.expect('operator', 'let');
    const name = this.expect('identifier');
    this.expect('operator', '=');
    const value = this.parseExpression(0);
    this.expect('operator', ';');
    const body = this.parseSequence();
    void letToken;
    return this.count({ kind: 'let', pos: name.pos, name: name.value, value, body });
  }

  private parseIf(): ExprNode {
    const ifToken = this.current;
    this.next();
    const test = this.parseExpression(0);
    this.expect('bracket', '{');
    const consequent = this.parseSequence();
    this.expect('bracket', '}');
    this.expect('operator', 'else');
    let alternate: ExprNode;
    if (this.is('operator', 'if')) {
      this.enter(this.current.pos);
      try {
        alternate = this.parseIf();
      } finally {
        this.leave();
      }
    } else {
      this.expect('bracket', '{');
      alternate = this.parseSequence();
      this.expect('bracket', '}');
    }
    return this.count({ kind: 'conditional', pos: ifToken.pos, test, consequent, alternate });
  }

  private parseConditional(node: ExprNode): ExprNode {
    let result = node;
    while (this.is('operator', '?')) {
      const q = this.current;
      this.next();
      if (!this.is('operator', ':')) {
        const consequent = this.parseExpression(0);
        this.expect('operator', ':');
        const alternate = this.parseExpression(0);
        result = this.count({ kind: 'conditional', pos: q.pos, test: result, consequent, alternate });
      } else {
        this.next();
        const alternate = this.parseExpression(0);
        result = this.count({ kind: 'conditional', pos: q.pos, test: result, consequent: null, alternate });
      }
    }
    return result;
  }

  private parsePrimary(): ExprNode {
    const token = this.current;
    if (token.kind === 'operator' && Object.hasOwn(UNARY, token.value)) {
      this.next();
      const operand = this.parseExpression(UNARY[token.value] as number);
      const node = this.count({ kind: 'unary', pos: token.pos, operator: token.value as UnaryOperator, operand } as const);
      return this.parsePostfix(node);
    }
    if (token.kind === 'bracket' && token.value === '(') {
      this.next();
      const inner = this.parseSequence();
      this.expect('bracket', ')');
      return this.parsePostfix(inner);
    }
    if (this.predicateDepth > 0 && token.kind === 'operator' && (token.value === '#' || token.value === '##' || token.value === '.')) {
      let name = '';
      if (token.value !== '.') {
        this.next();
        if (this.is('identifier')) {
          name = this.current.value;
          this.next();
        }
      }
      const pointer: ExprNode = this.count({ kind: 'pointer', pos: token.pos, name });
      return this.parsePostfix(pointer);
    }
    if (token.kind === 'operator' && token.value === '::') {
      this.next();
      const name = this.expect('identifier');
      return this.parsePostfix(this.parseCall(name, []));
    }
    return this.parseSecondary();
  }

  private parseSecondary(): ExprNode {
    const token = this.current;
    let node: ExprNode;
    switch (token.kind) {
      case 'identifier': {
        this.next();
        if (token.value === 'true' || token.value === 'false') return this.count({ kind: 'bool', pos: token.pos, value: token.value === 'true' });
        if (token.value === 'nil') return this.count({ kind: 'nil', pos: token.pos });
        node = this.is('bracket', '(') ? this.parseCall(token, []) : this.count({ kind: 'identifier', pos: token.pos, name: token.value });
        break;
      }
      case 'number':
        this.next();
        return this.count(parseNumber(token));
      case 'string':
        this.next();
        node = this.count({ kind: 'string', pos: token.pos, value: token.value });
        break;
      default:
        if (token.kind === 'bracket' && token.value === '[') node = this.parseArray();
        else if (token.kind === 'bracket' && token.value === '{') node = this.parseMap();
        else this.unexpected();
    }
    return this.parsePostfix(node);
  }

  private parseCall(name: Token, leading: ExprNode[]): ExprNode {
    const shape = Object.hasOwn(PREDICATE_BUILTINS, name.value) ? PREDICATE_BUILTINS[name.value] : undefined;
    const callee: ExprNode = this.count({ kind: 'identifier', pos: name.pos, name: name.value });
    if (shape === undefined) {
      return this.count({ kind: 'call', pos: name.pos, callee, args: this.parseArguments(leading) });
    }
    this.enter(name.pos);
    try {
      this.expect('bracket', '(');
      const args = [...leading];
      const rest = shape.slice(leading.length);
      for (let i = 0; i < rest.length; i++) {
        const kind = rest[i] as string;
        if (this.is('bracket', ')')) {
          if (kind.endsWith('?')) break;
          throw new SyntaxFailure(`expected at least ${rest.length} arguments`, this.current.pos);
        }
        if (i > 0) this.expect('operator', ',');
        args.push(kind.startsWith('predicate') ? this.parsePredicate() : this.parseExpression(0));
      }
      if (this.is('operator', ',')) this.next();
      this.expect('bracket', ')');
      return this.count({ kind: 'call', pos: name.pos, callee, args });
    } finally {
      this.leave();
    }
  }

  private parseArguments(leading: ExprNode[]): ExprNode[] {
    this.enter(this.current.pos);
    try {
      const args = [...leading];
      const offset = leading.length;
      this.expect('bracket', '(');
      while (!this.is('bracket', ')')) {
        if (args.length > offset) this.expect('operator', ',');
        if (this.is('bracket', ')')) break;
        args.push(this.parseExpression(0));
      }
      this.expect('bracket', ')');
      return args;
    } finally {
      this.leave();
    }
  }

  private parsePredicate(): ExprNode {
    const start = this.current;
    const braces = this.is('bracket', '{');
    if (braces) this.next();
    this.predicateDepth++;
    let body: ExprNode;
    try {
      if (braces) {
        body = this.parseSequence();
      } else {
        body = this.parseExpression(0);
        if (this.is('operator', ';')) throw new SyntaxFailure('wrap predicate with brackets { and }', this.current.pos);
      }
    } finally {
      this.predicateDepth--;
    }
    if (braces) this.expect('bracket', '}');
    return this.count({ kind: 'closure', pos: start.pos, body });
  }

  private parseArray(): ExprNode {
    const open = this.expect('bracket', '[');
    this.enter(open.pos);
    try {
      const elements: ExprNode[] = [];
      while (!this.is('bracket', ']')) {
        if (elements.length > 0) {
          this.expect('operator', ',');
          if (this.is('bracket', ']')) break;
        }
        elements.push(this.parseExpression(0));
      }
      this.expect('bracket', ']');
      return this.count({ kind: 'array', pos: open.pos, elements });
    } finally {
      this.leave();
    }
  }

  private parseMap(): ExprNode {
    const open = this.expect('bracket', '{');
    this.enter(open.pos);
    try {
      const entries: MapEntry[] = [];
      while (!this.is('bracket', '}')) {
        if (entries.length > 0) {
          this.expect('operator', ',');
          if (this.is('bracket', '}')) break;
          if (this.is('operator', ',')) this.unexpected();
        }
        let key: ExprNode;
        const t = this.current;
        if (t.kind === 'number' || t.kind === 'string' || t.kind === 'identifier') {
          key = this.count({ kind: 'string', pos: t.pos, value: t.value });
          this.next();
        } else if (t.kind === 'bracket' && t.value === '(') {
          key = this.parseExpression(0);
        } else {
          throw new SyntaxFailure(
            `a map key must be a quoted string, a number, a identifier, or an expression enclosed in parentheses (unexpected token ${describeToken(t)})`,
            t.pos,
          );
        }
        this.expect('operator', ':');
        const value = this.parseExpression(0);
        entries.push({ key, value });
      }
      this.expect('bracket', '}');
      return this.count({ kind: 'map', pos: open.pos, entries });
    } finally {
      this.leave();
    }
  }

  private parsePostfix(start: ExprNode): ExprNode {
    let node = start;
    let chained = false;
    for (;;) {
      const token = this.current;
      if (token.kind !== 'operator' && token.kind !== 'bracket') break;
      let optional = token.value === '?.';
      if (token.value === '.' || token.value === '?.') {
        this.next();
        if (optional && this.is('bracket', '[')) {
          node = this.parseIndex(node, true);
          chained = true;
          continue;
        }
        const prop = this.current;
        this.next();
        if (prop.kind !== 'identifier' && !(prop.kind === 'operator' && /^[A-Za-z_$][\w$]*$/.test(prop.value))) {
          throw new SyntaxFailure('expected name', prop.pos);
        }
        const property: ExprNode = this.count({ kind: 'string', pos: prop.pos, value: prop.value });
        const member: ExprNode = this.count({ kind: 'member', pos: prop.pos, object: node, property, computed: false, optional });
        if (this.is('bracket', '(')) {
          node = this.count({ kind: 'call', pos: prop.pos, callee: member, args: this.parseArguments([]) });
        } else {
          node = member;
        }
        if (optional) chained = true;
        continue;
      }
      if (token.value === '[') {
        optional = false;
        node = this.parseIndex(node, optional);
        continue;
      }
      break;
    }
    return chained ? this.count({ kind: 'chain', pos: start.pos, expression: node }) : node;
  }

  private parseIndex(object: ExprNode, optional: boolean): ExprNode {
    const open = this.expect('bracket', '[');
    this.enter(open.pos);
    try {
      if (this.is('operator', ':')) {
        this.next();
        const to = this.is('bracket', ']') ? null : this.parseExpression(0);
        this.expect('bracket', ']');
        return this.count({ kind: 'slice', pos: open.pos, object, from: null, to });
      }
      const from = this.parseExpression(0);
      if (this.is('operator', ':')) {
        this.next();
        const to = this.is('bracket', ']') ? null : this.parseExpression(0);
        this.expect('bracket', ']');
        return this.count({ kind: 'slice', pos: open.pos, object, from, to });
      }
      this.expect('bracket', ']');
      return this.count({ kind: 'member', pos: open.pos, object, property: from, computed: true, optional });
    } finally {
      this.leave();
    }
  }
}

function describeToken(token: Token): string {
  switch (token.kind) {
    case 'eof':
      return 'EOF';
    case 'identifier':
      return `Identifier(${JSON.stringify(token.value)})`;
    case 'number':
      return `Number(${JSON.stringify(token.value)})`;
    case 'string':
      return `String(${JSON.stringify(token.value)})`;
    case 'operator':
      return `Operator(${JSON.stringify(token.value)})`;
    case 'bracket':
      return `Bracket(${JSON.stringify(token.value)})`;
  }
}

const INT64_MAX = 2n ** 63n - 1n;

function parseNumber(token: Token): ExprNode {
  const value = token.value.replace(/_/g, '');
  const lower = value.toLowerCase();
  const pos = token.pos;
  const isRadix = /^0[xob]/.test(lower);
  if (!isRadix && /[.e]/.test(lower)) {
    const f = Number(value);
    if (Number.isNaN(f) || value.endsWith('e') || value.endsWith('+') || value.endsWith('-')) throw new SyntaxFailure(`invalid float literal: strconv.ParseFloat: parsing "${value}": invalid syntax`, pos);
    if (!Number.isFinite(f)) throw new SyntaxFailure('float literal is too large', pos);
    return { kind: 'float', pos, value: f };
  }
  let big: bigint;
  try {
    if (isRadix) {
      if (lower.length <= 2) throw new Error('empty');
      big = BigInt(lower);
    } else {
      big = BigInt(value);
    }
  } catch {
    throw new SyntaxFailure(`invalid integer literal: "${token.value}"`, pos);
  }
  if (big > INT64_MAX) throw new SyntaxFailure(`integer literal is too large: "${token.value}"`, pos);
  return { kind: 'int', pos, value: big };
}
