/**
 * The syntax tree of an expression. Every node carries `pos`, the 0-based offset in the source where
 * it starts (for operators: where the operator is), used for issue columns.
 */
export type ExprNode =
  | NilNode
  | BoolNode
  | IntNode
  | FloatNode
  | StringNode
  | IdentifierNode
  | PointerNode
  | UnaryNode
  | BinaryNode
  | MemberNode
  | SliceNode
  | CallNode
  | ClosureNode
  | ConditionalNode
  | ArrayNode
  | MapNode
  | LetNode
  | SequenceNode
  | ChainNode;

/** `nil` (or `null`). */
export interface NilNode {
  readonly kind: 'nil';
  readonly pos: number;
}

/** `true` or `false`. */
export interface BoolNode {
  readonly kind: 'bool';
  readonly pos: number;
  readonly value: boolean;
}

/** An integer literal (int64). */
export interface IntNode {
  readonly kind: 'int';
  readonly pos: number;
  readonly value: bigint;
}

/** A float literal. */
export interface FloatNode {
  readonly kind: 'float';
  readonly pos: number;
  readonly value: number;
}

/** A string literal (quoted or raw). */
export interface StringNode {
  readonly kind: 'string';
  readonly pos: number;
  readonly value: string;
}

/** A name: an env variable, a `let` variable, `$env`, or a function name before `(`. */
export interface IdentifierNode {
  readonly kind: 'identifier';
  readonly pos: number;
  readonly name: string;
}

/** `#` (name ''), `#index`, `#acc`, or `#name` inside a closure. */
export interface PointerNode {
  readonly kind: 'pointer';
  readonly pos: number;
  readonly name: string;
}

/** Unary operators. */
export type UnaryOperator = 'not' | '!' | '-' | '+';

/** A unary operation. */
export interface UnaryNode {
  readonly kind: 'unary';
  readonly pos: number;
  readonly operator: UnaryOperator;
  readonly operand: ExprNode;
}

/** Binary operators, as written (`not in` and friends are a `not` around the positive form). */
export type BinaryOperator =
  | 'or'
  | '||'
  | 'and'
  | '&&'
  | '=='
  | '!='
  | '<'
  | '>'
  | '<='
  | '>='
  | 'in'
  | 'matches'
  | 'contains'
  | 'startsWith'
  | 'endsWith'
  | '..'
  | '+'
  | '-'
  | '*'
  | '/'
  | '%'
  | '**'
  | '^'
  | '??';

/** A binary operation. */
export interface BinaryNode {
  readonly kind: 'binary';
  readonly pos: number;
  readonly operator: BinaryOperator;
  readonly left: ExprNode;
  readonly right: ExprNode;
}

/**
 * Member or index access: `a.b` (`computed: false`, property is a string node), `a[b]`
 * (`computed: true`), with `optional` for `?.` forms.
 */
export interface MemberNode {
  readonly kind: 'member';
  readonly pos: number;
  readonly object: ExprNode;
  readonly property: ExprNode;
  readonly computed: boolean;
  readonly optional: boolean;
}

/** `a[from:to]`; either bound may be absent. */
export interface SliceNode {
  readonly kind: 'slice';
  readonly pos: number;
  readonly object: ExprNode;
  readonly from: ExprNode | null;
  readonly to: ExprNode | null;
}

/**
 * A call. `callee` is an identifier (a builtin or supplied function) or a member (a method, such as
 * `date(x).Format("2006")`). Pipes are calls: `a | f(b)` is `f(a, b)`.
 */
export interface CallNode {
  readonly kind: 'call';
  readonly pos: number;
  readonly callee: ExprNode;
  readonly args: readonly ExprNode[];
}

/** The predicate argument of a collection builtin (`# > 1`, `.age`). */
export interface ClosureNode {
  readonly kind: 'closure';
  readonly pos: number;
  readonly body: ExprNode;
}

/** `test ? consequent : alternate`, `if test { a } else { b }`, and `a ?: b` (consequent null). */
export interface ConditionalNode {
  readonly kind: 'conditional';
  readonly pos: number;
  readonly test: ExprNode;
  readonly consequent: ExprNode | null;
  readonly alternate: ExprNode;
}

/** An array literal. */
export interface ArrayNode {
  readonly kind: 'array';
  readonly pos: number;
  readonly elements: readonly ExprNode[];
}

/** One `key: value` pair of a map literal. */
export interface MapEntry {
  readonly key: ExprNode;
  readonly value: ExprNode;
}

/** A map literal. */
export interface MapNode {
  readonly kind: 'map';
  readonly pos: number;
  readonly entries: readonly MapEntry[];
}

/** `let name = value; body`. */
export interface LetNode {
  readonly kind: 'let';
  readonly pos: number;
  readonly name: string;
  readonly value: ExprNode;
  readonly body: ExprNode;
}

/** `a; b; c`: every part is evaluated in order, the value is the last one's. */
export interface SequenceNode {
  readonly kind: 'sequence';
  readonly pos: number;
  readonly expressions: readonly ExprNode[];
}

/** The extent of an optional chain: when a `?.` meets nil, the whole chain is nil. */
export interface ChainNode {
  readonly kind: 'chain';
  readonly pos: number;
  readonly expression: ExprNode;
}
