/**
 * The expression language: expr-lang as Kargo runs it (lexer, parser, evaluator) and its values.
 * @packageDocumentation
 */
export { compileExpression, runExpression, evaluateExpression, COMPILE_CACHE_SIZE } from './compile.js';
export type { CompiledExpression, RunOptions, EvaluateOptions } from './compile.js';
export { printExpression } from './printer.js';
export { parseExpression } from './parse-expression.js';
export { MAX_NESTING, MAX_NODES } from './parser.js';
export {
  ExprRuntimeError,
  ExprObject,
  ExprDuration,
  ExprTime,
  UTC,
  fixedZone,
  raiseRuntimeError,
  fromJS,
  toJS,
  typeOf,
  goTypeOf,
  getOwnData,
  ownDataKeys,
  createMap,
  isExprMap,
  toSafeNumber,
  toInt,
  wrapInt,
  formatGoDuration,
} from './values.js';
export type { ExprValue, ExprMap, ExprArray, ExprMethod, ExprLocation, ToJSOptions } from './values.js';
export { Budget, DEFAULT_BUDGET, defineFunction } from './functions.js';
export type { CallContext, ExprFunction, FunctionTable } from './functions.js';
export { GoEnum, ExprZone, parseGoDuration, formatGoTime, parseGoTime } from './time.js';
export type {
  ExprNode,
  NilNode,
  BoolNode,
  IntNode,
  FloatNode,
  StringNode,
  IdentifierNode,
  PointerNode,
  UnaryNode,
  UnaryOperator,
  BinaryNode,
  BinaryOperator,
  MemberNode,
  SliceNode,
  CallNode,
  ClosureNode,
  ConditionalNode,
  ArrayNode,
  MapEntry,
  MapNode,
  LetNode,
  SequenceNode,
  ChainNode,
} from './ast.js';
export * from './template/index.js';
export * from './kargo/index.js';
