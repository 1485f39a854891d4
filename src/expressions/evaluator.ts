import { RE2JS } from 're2js';
import type { BinaryNode, CallNode, ExprNode, MemberNode, UnaryNode } from './ast.js';
import { BUILTINS, goStaticName, isBuiltin, mapKey, orderOf, type Builtin, type StaticType } from './builtins.js';
import { Budget, type CallContext, type FunctionTable } from './functions.js';
import { SyntaxFailure } from './lexer.js';
import { add, compare, divide, equal, modulo, multiply, negate, power, subtract, unaryPlus } from './operators.js';
import { byteAt, byteLength, formatGoValue, sliceBytes } from './text.js';
import { ExprObject, ExprRuntimeError, createMap, fromJS, goTypeOf, isExprMap, toInt, type ExprTime, type ExprValue } from './values.js';

/**
 * Turns a syntax tree into a tree of JavaScript closures (no `eval`, no `Function`): each node is
 * compiled once into a function of the run state, so running a cached program costs no parsing and
 * no per-node dispatch. Compilation also checks what expr-lang checks before running without a
 * typed env: operand types known from literals, builtin arities, unknown `#` pointers, redeclared
 * variables, constant regular expressions; and it folds `x and true`-style constants as expr does.
 */

/** The mutable state of one run. */
export interface Runtime {
  readonly env: object;
  readonly slots: ExprValue[];
  ptr: ExprValue;
  idx: bigint;
  acc: ExprValue;
  readonly budget: Budget;
  readonly functions: FunctionTable | undefined;
  readonly now: ExprTime | undefined;
  /** Offset of the operation being performed, for error positions. */
  pos: number;
}

/** A compiled node. */
export type Evaluator = (rt: Runtime) => ExprValue;

/** A compiled program: its root evaluator and how many `let` slots it needs. */
export interface Program {
  readonly evaluate: Evaluator;
  readonly slotCount: number;
  /** The static type of the result, when known. */
  readonly type: StaticType;
}

interface Compiled {
  readonly fn: Evaluator;
  readonly type: StaticType;
  /** Set when the value is known at compile time. */
  readonly constant?: { readonly value: ExprValue };
}

/** Thrown by a `?.` that met nil; caught by the enclosing chain, which then yields nil. */
const CHAIN_STOP = Object.freeze({ chainStop: true });

const NUMERIC: readonly StaticType[] = ['int', 'float'];

function known(t: StaticType): boolean {
  return t !== 'unknown';
}

function conversion(value: ExprValue, want: string): never {
  throw new ExprRuntimeError(`interface conversion: interface {} is ${goTypeOf(value)}, not ${want}`);
}

/** Compiles a syntax tree; throws {@link SyntaxFailure} for what expr rejects at compile time. */
export function compileProgram(ast: ExprNode): Program {
  const compiler = new Compiler();
  const root = compiler.compile(ast);
  return { evaluate: root.fn, slotCount: compiler.slotCount, type: root.type };
}

const regexCache = new Map<string, RE2JS>();

/** Compiles (and caches, boundedly) an RE2 pattern; a bad pattern is a runtime error. */
function compileRegex(pattern: string): RE2JS {
  const cached = regexCache.get(pattern);
  if (cached !== undefined) return cached;
  let re: RE2JS;
  try {
    re = RE2JS.compile(pattern);
  } catch (e) {
    throw new ExprRuntimeError(e instanceof Error ? e.message : String(e));
  }
  if (regexCache.size >= 256) regexCache.delete(regexCache.keys().next().value as string);
  regexCache.set(pattern, re);
  return re;
}

function toIndex(key: ExprValue): number {
  if (typeof key === 'bigint') return Number(key);
  if (typeof key === 'number') return Number(toInt(key));
  throw new ExprRuntimeError(`invalid operation: int(${goTypeOf(key)})`);
}

function describeKey(key: ExprValue): string {
  return formatGoValue(key);
}

/** Reads `object[key]` with expr's rules (negative array indexes, nil for missing map keys). */
export function fetch(object: ExprValue, key: ExprValue): ExprValue {
  if (typeof object === 'object') {
    if (object === null) throw new ExprRuntimeError(`cannot fetch ${describeKey(key)} from <nil>`);
    if (Array.isArray(object)) {
      let i = toIndex(key);
      const n = object.length;
      if (i < 0) i += n;
      if (i < 0 || i >= n) throw new ExprRuntimeError(`index out of range: ${i} (array length is ${n})`);
      return fromJS(object[i]);
    }
    if (object instanceof ExprObject) {
      if (typeof key === 'string') {
        const field = object.getField(key);
        if (field !== undefined) return field;
      }
      throw new ExprRuntimeError(`cannot fetch ${describeKey(key)} from ${object.goTypeName}`);
    }
    let k: string;
    if (typeof key === 'string') k = key;
    else if (key === null) k = '';
    else throw new ExprRuntimeError(`cannot use ${goTypeOf(key)} as a map key (map keys are strings)`);
    return readOwn(object, k);
  }
  if (typeof object === 'string') {
    let i = toIndex(key);
    const n = byteLength(object);
    if (i < 0) i += n;
    if (i < 0 || i >= n) throw new ExprRuntimeError(`index out of range: ${i} (array length is ${n})`);
    return BigInt(byteAt(object, i));
  }
  throw new ExprRuntimeError(`cannot fetch ${describeKey(key)} from ${goTypeOf(object)}`);
}

/** Reads an own enumerable data property (never inherited or accessor properties), as a value. */
function readOwn(object: object, key: string): ExprValue {
  const desc = Object.getOwnPropertyDescriptor(object, key);
  if (desc === undefined || desc.enumerable !== true || !('value' in desc)) return null;
  const v: unknown = desc.value;
  switch (typeof v) {
    case 'string':
    case 'number':
    case 'boolean':
      return v;
    default:
      return fromJS(v);
  }
}

function sliceValue(object: ExprValue, from: ExprValue | undefined, to: ExprValue | undefined): ExprValue {
  let length: number;
  if (Array.isArray(object)) length = object.length;
  else if (typeof object === 'string') length = byteLength(object);
  else throw new ExprRuntimeError(`cannot slice ${goTypeOf(object)}`);
  let a = from === undefined ? 0 : toIndex(from);
  let b = to === undefined ? length : toIndex(to);
  if (a < 0) a += length;
  if (a < 0) a = 0;
  if (b < 0) b += length;
  if (b < 0) b = 0;
  if (b > length) b = length;
  if (a > b) a = b;
  if (typeof object === 'string') return sliceBytes(object, a, b);
  return (object as readonly unknown[]).slice(a, b).map(fromJS);
}

function inOperator(needle: ExprValue, haystack: ExprValue): boolean {
  if (haystack === null) return false;
  if (Array.isArray(haystack)) {
    for (const v of haystack as readonly unknown[]) if (equal(fromJS(v), needle)) return true;
    return false;
  }
  if (isExprMap(haystack)) {
    let key: string;
    if (typeof needle === 'string') key = needle;
    else if (needle === null) key = '';
    else throw new ExprRuntimeError(`cannot use ${goTypeOf(needle)} as a map key (map keys are strings)`);
    return Object.hasOwn(haystack, key) && Object.getOwnPropertyDescriptor(haystack, key)?.enumerable === true;
  }
  if (haystack instanceof ExprObject && typeof needle === 'string') return haystack.getField(needle) !== undefined;
  throw new ExprRuntimeError(`operator "in" not defined on ${goTypeOf(haystack)}`);
}

function stringOperands(left: ExprValue, right: ExprValue, op: string): [string, string] {
  if (typeof left === 'string' && typeof right === 'string') return [left, right];
  throw new ExprRuntimeError(`invalid operation: ${goTypeOf(left)} ${op} ${goTypeOf(right)}`);
}

function rangeBound(value: ExprValue, other: ExprValue): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') return toInt(value);
  throw new ExprRuntimeError(`invalid operation: ${goTypeOf(value)} .. ${goTypeOf(other)}`);
}

function rangeOf(fromValue: ExprValue, toValue: ExprValue, rt: Runtime): ExprValue {
  // Operands read from the env are floats; expr converts them to ints.
  const from = rangeBound(fromValue, toValue);
  const to = rangeBound(toValue, fromValue);
  if (to < from) return [];
  const size = to - from + 1n;
  rt.budget.charge(Number(size));
  const out: ExprValue[] = new Array<ExprValue>(Number(size));
  let v = from;
  for (let i = 0; i < out.length; i++, v++) out[i] = v;
  return out;
}

function arrayForIteration(value: ExprValue, name: string): readonly unknown[] {
  if (Array.isArray(value)) return value as readonly unknown[];
  if (value === null) throw new ExprRuntimeError(`cannot iterate over <nil> in ${name}`);
  throw new ExprRuntimeError(`cannot iterate over ${goTypeOf(value)} in ${name}`);
}

/** The context handed to a function call: one small object per call, methods on the prototype. */
class RunCallContext implements CallContext {
  constructor(
    private readonly rt: Runtime,
    readonly name: string,
    private readonly pos: number,
  ) {}

  charge(units: number): void {
    this.rt.budget.charge(units);
  }

  fail(message: string): never {
    throw new ExprRuntimeError(message, 'EXPR_RUNTIME', this.pos);
  }

  now(): ExprTime {
    if (this.rt.now === undefined) throw new ExprRuntimeError('now() needs the current time: pass the `now` option (waybill never reads the clock)', 'EXPR_RUNTIME', this.pos);
    return this.rt.now;
  }
}

function makeContext(rt: Runtime, name: string, pos: number): CallContext {
  return new RunCallContext(rt, name, pos);
}

function callSupplied(rt: Runtime, name: string, args: ExprValue[], pos: number): ExprValue | typeof NOT_SUPPLIED {
  const table = rt.functions;
  if (table === undefined || !Object.hasOwn(table, name)) return NOT_SUPPLIED;
  const fn = table[name];
  if (fn === undefined) return NOT_SUPPLIED;
  if (fn.arity !== undefined) {
    const { min, max } = fn.arity;
    if (args.length < min || (max !== undefined && args.length > max)) {
      const expected = max === undefined ? `at least ${min}` : min === max ? `${min}` : `${min} to ${max}`;
      throw new ExprRuntimeError(`invalid number of arguments (expected ${expected}, got ${args.length})`, 'EXPR_RUNTIME', pos);
    }
  }
  try {
    return fromJS(fn.call(args, makeContext(rt, name, pos)));
  } catch (e) {
    if (e instanceof ExprRuntimeError) throw e;
    if (e === CHAIN_STOP) throw e;
    throw new ExprRuntimeError(`${name}(): ${e instanceof Error ? e.message : String(e)}`, 'EXPR_RUNTIME', pos);
  }
}

const NOT_SUPPLIED = Symbol('not supplied');

interface PredicateFrame {
  readonly name: string;
}

class Compiler {
  slotCount = 0;
  private readonly scopes: Map<string, number>[] = [];
  private readonly predicates: PredicateFrame[] = [];

  compile(node: ExprNode): Compiled {
    switch (node.kind) {
      case 'nil':
        return constant(null, 'nil');
      case 'bool':
        return constant(node.value, 'bool');
      case 'int':
        return constant(node.value, 'int');
      case 'float':
        return constant(node.value, 'float');
      case 'string':
        return constant(node.value, 'string');
      case 'identifier':
        return this.compileIdentifier(node.name);
      case 'pointer':
        return this.compilePointer(node.name, node.pos);
      case 'unary':
        return this.compileUnary(node);
      case 'binary':
        return this.compileBinary(node);
      case 'member':
        return this.compileMember(node);
      case 'slice': {
        const object = this.compile(node.object).fn;
        const from = node.from === null ? undefined : this.compile(node.from).fn;
        const to = node.to === null ? undefined : this.compile(node.to).fn;
        const pos = node.pos;
        return {
          type: 'unknown',
          fn: (rt) => {
            const o = object(rt);
            const a = from === undefined ? undefined : from(rt);
            const b = to === undefined ? undefined : to(rt);
            rt.pos = pos;
            return sliceValue(o, a, b);
          },
        };
      }
      case 'call':
        return this.compileCall(node);
      case 'closure':
        throw new SyntaxFailure('a predicate is only allowed as an argument of a builtin such as map or filter', node.pos);
      case 'conditional':
        return this.compileConditional(node.test, node.consequent, node.alternate, node.pos);
      case 'array': {
        const items = node.elements.map((e) => this.compile(e).fn);
        const n = items.length;
        return {
          type: 'array',
          fn: (rt) => {
            const out: ExprValue[] = new Array<ExprValue>(n);
            for (let i = 0; i < n; i++) out[i] = (items[i] as Evaluator)(rt);
            if (n > 16) rt.budget.charge(n);
            return out;
          },
        };
      }
      case 'map': {
        const entries = node.entries.map((e) => [this.compile(e.key).fn, this.compile(e.value).fn] as const);
        return {
          type: 'map',
          fn: (rt) => {
            const out = createMap();
            for (const [k, v] of entries) out[mapKey(k(rt))] = v(rt);
            if (entries.length > 16) rt.budget.charge(entries.length);
            return out;
          },
        };
      }
      case 'let': {
        for (const scope of this.scopes) {
          if (scope.has(node.name)) throw new SyntaxFailure(`cannot redeclare variable ${node.name}`, node.pos);
        }
        const value = this.compile(node.value);
        const slot = this.slotCount++;
        this.scopes.push(new Map([[node.name, slot]]));
        let body: Compiled;
        try {
          body = this.compile(node.body);
        } finally {
          this.scopes.pop();
        }
        const valueFn = value.fn;
        const bodyFn = body.fn;
        return {
          type: body.type,
          fn: (rt) => {
            rt.slots[slot] = valueFn(rt);
            return bodyFn(rt);
          },
        };
      }
      case 'sequence': {
        const parts = node.expressions.map((e) => this.compile(e));
        const fns = parts.map((p) => p.fn);
        const last = parts[parts.length - 1] as Compiled;
        return {
          type: last.type,
          fn: (rt) => {
            let v: ExprValue = null;
            for (const f of fns) v = f(rt);
            return v;
          },
        };
      }
      case 'chain': {
        const inner = this.compile(node.expression).fn;
        return {
          type: 'unknown',
          fn: (rt) => {
            try {
              return inner(rt);
            } catch (e) {
              if (e === CHAIN_STOP) return null;
              throw e;
            }
          },
        };
      }
    }
  }

  private compileIdentifier(name: string): Compiled {
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      const slot = (this.scopes[i] as Map<string, number>).get(name);
      if (slot !== undefined) return { type: 'unknown', fn: (rt) => rt.slots[slot] ?? null };
    }
    if (name === '$env') return { type: 'map', fn: (rt) => rt.env as ExprValue };
    return { type: 'unknown', fn: (rt) => readOwn(rt.env, name) };
  }

  private compilePointer(name: string, pos: number): Compiled {
    const frame = this.predicates[this.predicates.length - 1];
    if (frame === undefined) throw new SyntaxFailure(`unknown pointer #${name}`, pos);
    if (name === '') return { type: 'unknown', fn: (rt) => rt.ptr };
    if (name === 'index') return { type: 'int', fn: (rt) => rt.idx };
    if (name === 'acc' && frame.name === 'reduce') return { type: 'unknown', fn: (rt) => rt.acc };
    throw new SyntaxFailure(`unknown pointer #${name}`, pos);
  }

  private compileUnary(node: UnaryNode): Compiled {
    const operand = this.compile(node.operand);
    const op = node.operator;
    const pos = node.pos;
    const fn = operand.fn;
    if (op === 'not' || op === '!') {
      if (known(operand.type) && operand.type !== 'bool') throw new SyntaxFailure(`invalid operation: ${op} (mismatched type ${goStaticName(operand.type)})`, pos);
      return this.fold({
        type: 'bool',
        fn: (rt) => {
          const v = fn(rt);
          if (typeof v === 'boolean') return !v;
          rt.pos = pos;
          return conversion(v, 'bool');
        },
      }, [operand], pos);
    }
    if (known(operand.type) && !['int', 'float', 'duration'].includes(operand.type)) {
      throw new SyntaxFailure(`invalid operation: ${op} (mismatched type ${goStaticName(operand.type)})`, pos);
    }
    const apply = op === '-' ? negate : unaryPlus;
    return this.fold({
      type: operand.type,
      fn: (rt) => {
        const v = fn(rt);
        rt.pos = pos;
        return apply(v);
      },
    }, [operand], pos);
  }

  /** Evaluates a node whose inputs are all constants once, at compile time (as expr's optimizer does). */
  private fold(result: Compiled, inputs: readonly Compiled[], pos: number): Compiled {
    if (!inputs.every((c) => c.constant !== undefined)) return result;
    const value = evaluateConstant(result.fn, pos);
    return { type: result.type, fn: () => value, constant: { value } };
  }

  private compileBinary(node: BinaryNode): Compiled {
    const op = node.operator;
    const pos = node.pos;
    if (op === 'and' || op === '&&' || op === 'or' || op === '||') return this.compileLogical(node);
    const left = this.compile(node.left);
    const right = this.compile(node.right);
    const l = left.fn;
    const r = right.fn;
    const lt = left.type;
    const rt0 = right.type;
    const both = known(lt) && known(rt0);
    const mismatch = (): never => {
      throw new SyntaxFailure(`invalid operation: ${op} (mismatched types ${goStaticName(lt)} and ${goStaticName(rt0)})`, pos);
    };
    // Both operands first, then the error position moves to the operator, then the operation.
    const withOperands = (type: StaticType, apply: (a: ExprValue, b: ExprValue) => ExprValue): Compiled => ({
      type,
      fn: (rt) => {
        const a = l(rt);
        const b = r(rt);
        rt.pos = pos;
        return apply(a, b);
      },
    });
    let compiled: Compiled;
    switch (op) {
      case '==':
      case '!=': {
        const negateResult = op === '!=';
        compiled = { type: 'bool', fn: (rt) => equal(l(rt), r(rt)) !== negateResult };
        break;
      }
      case '<':
      case '>':
      case '<=':
      case '>=': {
        if (both && !(NUMERIC.includes(lt) && NUMERIC.includes(rt0)) && !(lt === rt0 && ['string', 'time', 'duration'].includes(lt))) mismatch();
        const test = op === '<' ? (c: number) => c < 0 : op === '>' ? (c: number) => c > 0 : op === '<=' ? (c: number) => c <= 0 : (c: number) => c >= 0;
        compiled = {
          type: 'bool',
          fn: (rt) => {
            const a = l(rt);
            const b = r(rt);
            if (typeof a === 'number' && typeof b === 'number') return test(a < b ? -1 : a > b ? 1 : a === b ? 0 : Number.NaN);
            rt.pos = pos;
            return test(compare(a, b, op));
          },
        };
        break;
      }
      case '+': {
        const type = arithmeticType('+', lt, rt0);
        if (type === 'error') mismatch();
        compiled = {
          type: type as StaticType,
          fn: (rt) => {
            const a = l(rt);
            const b = r(rt);
            if (typeof a === 'string' && typeof b === 'string') {
              const s = a + b;
              if (s.length > 4096) rt.budget.charge(s.length / 64);
              return s;
            }
            rt.pos = pos;
            return add(a, b);
          },
        };
        break;
      }
      case '-':
      case '*': {
        const type = arithmeticType(op, lt, rt0);
        if (type === 'error') mismatch();
        const apply = op === '-' ? subtract : multiply;
        compiled = withOperands(type as StaticType, apply);
        break;
      }
      case '/': {
        if (arithmeticType('/', lt, rt0) === 'error') mismatch();
        compiled = withOperands('float', divide);
        break;
      }
      case '%': {
        if ((known(lt) && lt !== 'int') || (known(rt0) && rt0 !== 'int')) {
          if (both || lt === 'float' || rt0 === 'float' || !NUMERIC.includes(known(lt) ? lt : rt0)) mismatch();
        }
        compiled = withOperands('int', modulo);
        break;
      }
      case '**':
      case '^': {
        if ((known(lt) && !NUMERIC.includes(lt)) || (known(rt0) && !NUMERIC.includes(rt0))) mismatch();
        compiled = {
          type: 'float',
          fn: (rt) => {
            const a = l(rt);
            const b = r(rt);
            rt.pos = pos;
            return power(a, b, op);
          },
        };
        break;
      }
      case 'in': {
        if (known(rt0) && !['array', 'map', 'nil'].includes(rt0)) mismatch();
        compiled = withOperands('bool', inOperator);
        // `in` over literal arrays is not folded: arrays are not constants here.
        return compiled;
      }
      case 'matches': {
        if ((known(lt) && lt !== 'string') || (known(rt0) && rt0 !== 'string')) mismatch();
        if (right.constant !== undefined && typeof right.constant.value === 'string') {
          let re: RE2JS;
          try {
            re = compileRegex(right.constant.value);
          } catch (e) {
            throw new SyntaxFailure(e instanceof Error ? e.message : String(e), pos);
          }
          compiled = {
            type: 'bool',
            fn: (rt) => {
              const a = l(rt);
              rt.pos = pos;
              if (typeof a !== 'string') return conversion(a, 'string');
              return re.matcher(a).find();
            },
          };
        } else {
          compiled = {
            type: 'bool',
            fn: (rt) => {
              const a = l(rt);
              const b = r(rt);
              rt.pos = pos;
              const [s, p] = stringOperands(a, b, 'matches');
              return compileRegex(p).matcher(s).find();
            },
          };
        }
        break;
      }
      case 'contains':
      case 'startsWith':
      case 'endsWith': {
        if ((known(lt) && lt !== 'string') || (known(rt0) && rt0 !== 'string')) mismatch();
        const test = op === 'contains' ? (s: string, t: string) => s.includes(t) : op === 'startsWith' ? (s: string, t: string) => s.startsWith(t) : (s: string, t: string) => s.endsWith(t);
        compiled = {
          type: 'bool',
          fn: (rt) => {
            const a = l(rt);
            const b = r(rt);
            rt.pos = pos;
            const [s, t] = stringOperands(a, b, op);
            return test(s, t);
          },
        };
        break;
      }
      case '..': {
        if ((known(lt) && lt !== 'int') || (known(rt0) && rt0 !== 'int')) mismatch();
        return {
          type: 'array',
          fn: (rt) => {
            const a = l(rt);
            const b = r(rt);
            rt.pos = pos;
            return rangeOf(a, b, rt);
          },
        };
      }
      case '??': {
        if (left.constant !== undefined) return left.constant.value === null ? right : left;
        return {
          type: lt === rt0 ? lt : 'unknown',
          fn: (rt) => {
            const a = l(rt);
            return a === null ? r(rt) : a;
          },
        };
      }
      default:
        throw new SyntaxFailure(`unknown operator ${op as string}`, pos);
    }
    return this.fold(compiled, [left, right], pos);
  }

  private compileLogical(node: BinaryNode): Compiled {
    const isAnd = node.operator === 'and' || node.operator === '&&';
    const left = this.compile(node.left);
    const right = this.compile(node.right);
    const pos = node.pos;
    if ((known(left.type) && left.type !== 'bool') || (known(right.type) && right.type !== 'bool')) {
      throw new SyntaxFailure(`invalid operation: ${node.operator} (mismatched types ${goStaticName(left.type)} and ${goStaticName(right.type)})`, pos);
    }
    // expr's optimizer folds a constant bool operand away before running (so `x and false` is false
    // even when x would fail).
    const a = left.constant?.value;
    const b = right.constant?.value;
    if (isAnd) {
      if (a === true) return right;
      if (b === true) return left;
      if (a === false || b === false) return constant(false, 'bool');
    } else {
      if (a === false) return right;
      if (b === false) return left;
      if (a === true || b === true) return constant(true, 'bool');
    }
    const l = left.fn;
    const r = right.fn;
    const rightPos = node.right.pos;
    // `and` stops at the first false, `or` at the first true; either operand must be a bool.
    const decisive = !isAnd;
    return {
      type: 'bool',
      fn: (rt) => {
        const x = l(rt);
        if (x === decisive) return decisive;
        if (typeof x !== 'boolean') {
          rt.pos = pos;
          return conversion(x, 'bool');
        }
        const y = r(rt);
        if (typeof y !== 'boolean') {
          rt.pos = rightPos;
          return conversion(y, 'bool');
        }
        return y;
      },
    };
  }

  private compileConditional(testNode: ExprNode, consequentNode: ExprNode | null, alternateNode: ExprNode, pos: number): Compiled {
    const test = this.compile(testNode);
    if (known(test.type) && test.type !== 'bool') throw new SyntaxFailure(`non-bool expression (type ${goStaticName(test.type)}) used as condition`, testNode.pos);
    const consequent = consequentNode === null ? undefined : this.compile(consequentNode);
    const alternate = this.compile(alternateNode);
    const t = test.fn;
    const c = consequent?.fn;
    const a = alternate.fn;
    const type = consequent !== undefined && consequent.type === alternate.type ? alternate.type : 'unknown';
    if (test.constant !== undefined && typeof test.constant.value === 'boolean') {
      if (test.constant.value) return consequent ?? test;
      return alternate;
    }
    return {
      type,
      fn: (rt) => {
        const v = t(rt);
        if (v === true) return c === undefined ? true : c(rt);
        if (v === false) return a(rt);
        rt.pos = pos;
        return conversion(v, 'bool');
      },
    };
  }

  private compileMember(node: MemberNode): Compiled {
    const object = this.compile(node.object);
    const property = this.compile(node.property);
    const pos = node.pos;
    const optional = node.optional;
    if (node.computed && object.type === 'string' && property.type === 'int') {
      throw new SyntaxFailure(`type string[int] is undefined`, pos);
    }
    const o = object.fn;
    if (!node.computed && property.constant !== undefined && typeof property.constant.value === 'string') {
      const key = property.constant.value;
      return {
        type: 'unknown',
        fn: (rt) => {
          const v = o(rt);
          if (typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof ExprObject)) return readOwn(v, key);
          if (v === null && optional) throw CHAIN_STOP;
          rt.pos = pos;
          return fetch(v, key);
        },
      };
    }
    const p = property.fn;
    return {
      type: 'unknown',
      fn: (rt) => {
        const v = o(rt);
        if (v === null && optional) throw CHAIN_STOP;
        const k = p(rt);
        rt.pos = pos;
        return fetch(v, k);
      },
    };
  }

  private compileCall(node: CallNode): Compiled {
    const callee = node.callee;
    if (callee.kind === 'member' && !callee.computed && callee.property.kind === 'string') {
      return this.compileMethodCall(callee, node);
    }
    if (callee.kind !== 'identifier') {
      const fn = this.compile(callee).fn;
      for (const a of node.args) this.compile(a);
      const pos = node.pos;
      return {
        type: 'unknown',
        fn: (rt) => {
          const v = fn(rt);
          rt.pos = pos;
          throw new ExprRuntimeError(v === null ? 'invalid operation: cannot call nil' : `invalid operation: cannot call ${goTypeOf(v)}`);
        },
      };
    }
    const name = callee.name;
    if (isPredicateName(name)) return this.compilePredicateCall(name, node);
    const args = node.args.map((a) => this.compile(a));
    const argFns = args.map((a) => a.fn);
    const pos = node.pos;
    const builtin = isBuiltin(name) ? (BUILTINS[name] as Builtin) : undefined;
    const evalArgs = (rt: Runtime): ExprValue[] => {
      const out: ExprValue[] = new Array<ExprValue>(argFns.length);
      for (let i = 0; i < argFns.length; i++) out[i] = (argFns[i] as Evaluator)(rt);
      return out;
    };
    if (builtin === undefined) {
      return {
        type: 'unknown',
        fn: (rt) => {
          const values = evalArgs(rt);
          rt.pos = pos;
          const result = callSupplied(rt, name, values, pos);
          if (result === NOT_SUPPLIED) throw new ExprRuntimeError(`unknown function ${name}() (cannot call nil)`);
          return result;
        },
      };
    }
    const count = args.length;
    if (count < builtin.min || count > builtin.max) {
      if (name === 'split' || name === 'splitAfter' || name === 'replace' || name === 'trimPrefix' || name === 'trimSuffix') {
        throw new SyntaxFailure(`${count < builtin.min ? 'not enough' : 'too many'} arguments to call ${name}`, pos);
      }
      const expected = builtin.max === Infinity ? `at least ${builtin.min}` : builtin.min === builtin.max ? `${builtin.min}` : `${builtin.min} or ${builtin.max}`;
      throw new SyntaxFailure(`invalid number of arguments (expected ${expected}, got ${count})`, pos);
    }
    const types = args.map((a) => a.type);
    const problem = builtin.check?.(types);
    if (problem !== undefined) throw new SyntaxFailure(problem, pos);
    const returns = typeof builtin.returns === 'function' ? builtin.returns(types) : (builtin.returns ?? 'unknown');
    const call = builtin.call;
    const compiled: Compiled = {
      type: returns,
      fn: (rt) => {
        const values = evalArgs(rt);
        rt.pos = pos;
        if (rt.functions !== undefined && Object.hasOwn(rt.functions, name)) {
          const supplied = callSupplied(rt, name, values, pos);
          if (supplied !== NOT_SUPPLIED) return supplied;
        }
        return call(values, makeContext(rt, name, pos));
      },
    };
    return compiled;
  }

  private compileMethodCall(callee: MemberNode, node: CallNode): Compiled {
    const object = this.compile(callee.object).fn;
    const name = (callee.property as { value: string }).value;
    const optional = callee.optional;
    const argFns = node.args.map((a) => this.compile(a).fn);
    const pos = callee.pos;
    return {
      type: 'unknown',
      fn: (rt) => {
        const target = object(rt);
        if (target === null && optional) throw CHAIN_STOP;
        const args: ExprValue[] = argFns.map((f) => f(rt));
        rt.pos = pos;
        if (target instanceof ExprObject) {
          const method = target.getMethod(name);
          if (method !== undefined) return fromJS(method(args));
        }
        const field = fetch(target, name);
        if (field === null) throw new ExprRuntimeError('invalid operation: cannot call nil');
        throw new ExprRuntimeError(`invalid operation: cannot call ${goTypeOf(field)}`);
      },
    };
  }

  private compilePredicateCall(name: string, node: CallNode): Compiled {
    const pos = node.pos;
    const [collectionNode, ...rest] = node.args;
    if (collectionNode === undefined) throw new SyntaxFailure(`expected at least 2 arguments`, pos);
    const collection = this.compile(collectionNode);
    if (known(collection.type) && collection.type !== 'array') {
      throw new SyntaxFailure(`builtin ${name} takes only array (got ${goStaticName(collection.type)})`, collectionNode.pos);
    }
    let predicate: Compiled | undefined;
    const extra: Compiled[] = [];
    for (const arg of rest) {
      if (arg.kind === 'closure') {
        this.predicates.push({ name });
        try {
          predicate = this.compile(arg.body);
        } finally {
          this.predicates.pop();
        }
      } else {
        extra.push(this.compile(arg));
      }
    }
    const boolPredicate = ['all', 'any', 'none', 'one', 'filter', 'find', 'findIndex', 'findLast', 'findLastIndex', 'count'].includes(name);
    if (boolPredicate && predicate !== undefined && known(predicate.type) && predicate.type !== 'bool') {
      throw new SyntaxFailure(`predicate should return boolean (got ${goStaticName(predicate.type)})`, pos);
    }
    const list = collection.fn;
    const pred = predicate?.fn;
    const init = extra[0]?.fn;
    const run = predicateRunner(name, pred, init, extra.length > 0);
    const type: StaticType = ['all', 'any', 'none', 'one'].includes(name) ? 'bool' : ['filter', 'map', 'sortBy'].includes(name) ? 'array' : ['count', 'findIndex', 'findLastIndex'].includes(name) ? 'int' : name === 'groupBy' ? 'map' : 'unknown';
    return {
      type,
      fn: (rt) => {
        const value = list(rt);
        rt.pos = pos;
        const items = arrayForIteration(value, name);
        const savedPtr = rt.ptr;
        const savedIdx = rt.idx;
        const savedAcc = rt.acc;
        try {
          return run(rt, items, pos);
        } finally {
          rt.ptr = savedPtr;
          rt.idx = savedIdx;
          rt.acc = savedAcc;
        }
      },
    };
  }
}

type PredicateRun = (rt: Runtime, items: readonly unknown[], pos: number) => ExprValue;

function predicateRunner(name: string, pred: Evaluator | undefined, init: Evaluator | undefined, hasInit: boolean): PredicateRun {
  const test = (rt: Runtime, item: unknown, i: number, pos: number): boolean => {
    rt.budget.charge(1);
    rt.ptr = fromJS(item);
    rt.idx = BigInt(i);
    const v = pred === undefined ? rt.ptr : pred(rt);
    if (typeof v === 'boolean') return v;
    rt.pos = pos;
    return conversion(v, 'bool');
  };
  const value = (rt: Runtime, item: unknown, i: number): ExprValue => {
    rt.budget.charge(1);
    rt.ptr = fromJS(item);
    rt.idx = BigInt(i);
    return pred === undefined ? rt.ptr : pred(rt);
  };
  switch (name) {
    case 'all':
      return (rt, items, pos) => {
        for (let i = 0; i < items.length; i++) if (!test(rt, items[i], i, pos)) return false;
        return true;
      };
    case 'any':
      return (rt, items, pos) => {
        for (let i = 0; i < items.length; i++) if (test(rt, items[i], i, pos)) return true;
        return false;
      };
    case 'none':
      return (rt, items, pos) => {
        for (let i = 0; i < items.length; i++) if (test(rt, items[i], i, pos)) return false;
        return true;
      };
    case 'one':
      return (rt, items, pos) => {
        let count = 0;
        for (let i = 0; i < items.length; i++) if (test(rt, items[i], i, pos)) count++;
        return count === 1;
      };
    case 'filter':
      return (rt, items, pos) => {
        const out: ExprValue[] = [];
        for (let i = 0; i < items.length; i++) if (test(rt, items[i], i, pos)) out.push(fromJS(items[i]));
        return out;
      };
    case 'map':
      return (rt, items) => {
        const out: ExprValue[] = new Array<ExprValue>(items.length);
        for (let i = 0; i < items.length; i++) out[i] = value(rt, items[i], i);
        return out;
      };
    case 'find':
      return (rt, items, pos) => {
        for (let i = 0; i < items.length; i++) if (test(rt, items[i], i, pos)) return fromJS(items[i]);
        return null;
      };
    case 'findIndex':
      return (rt, items, pos) => {
        for (let i = 0; i < items.length; i++) if (test(rt, items[i], i, pos)) return BigInt(i);
        return -1n;
      };
    case 'findLast':
      return (rt, items, pos) => {
        for (let i = items.length - 1; i >= 0; i--) if (test(rt, items[i], i, pos)) return fromJS(items[i]);
        return null;
      };
    case 'findLastIndex':
      return (rt, items, pos) => {
        for (let i = items.length - 1; i >= 0; i--) if (test(rt, items[i], i, pos)) return BigInt(i);
        return -1n;
      };
    case 'count':
      return (rt, items, pos) => {
        let count = 0n;
        for (let i = 0; i < items.length; i++) if (test(rt, items[i], i, pos)) count++;
        return count;
      };
    case 'sum':
      return (rt, items) => {
        let total: ExprValue = 0n;
        for (let i = 0; i < items.length; i++) {
          const v = value(rt, items[i], i);
          if (typeof v !== 'bigint' && typeof v !== 'number') throw new ExprRuntimeError(`invalid operation: sum of ${goTypeOf(v)}`);
          total = add(total, v);
        }
        return total;
      };
    case 'groupBy':
      return (rt, items) => {
        const out = createMap();
        for (let i = 0; i < items.length; i++) {
          const key = mapKey(value(rt, items[i], i));
          const group = Object.hasOwn(out, key) ? (out[key] as ExprValue[]) : (out[key] = []) as ExprValue[];
          group.push(fromJS(items[i]));
        }
        return out;
      };
    case 'sortBy':
      return (rt, items) => {
        let desc = false;
        if (hasInit && init !== undefined) {
          const order = init(rt);
          if (order !== 'asc' && order !== 'desc') throw new ExprRuntimeError(`invalid order ${formatGoValue(order)}, expected asc or desc`);
          desc = order === 'desc';
        }
        const keyed = items.map((item, i) => ({ item: fromJS(item), key: value(rt, item, i), i }));
        keyed.sort((a, b) => {
          const c = orderOf(a.key, b.key);
          return c !== 0 ? (desc ? -c : c) : a.i - b.i;
        });
        return keyed.map((k) => k.item);
      };
    case 'reduce':
      return (rt, items) => {
        let start = 0;
        let acc: ExprValue;
        if (hasInit && init !== undefined) {
          acc = init(rt);
        } else {
          if (items.length === 0) throw new ExprRuntimeError('reduce of empty array with no initial value');
          acc = fromJS(items[0]);
          start = 1;
        }
        for (let i = start; i < items.length; i++) {
          rt.acc = acc;
          acc = value(rt, items[i], i);
        }
        return acc;
      };
    default:
      throw new ExprRuntimeError(`unknown builtin ${name}`);
  }
}

const PREDICATE_NAMES = new Set(['all', 'none', 'any', 'one', 'filter', 'map', 'count', 'sum', 'find', 'findIndex', 'findLast', 'findLastIndex', 'groupBy', 'sortBy', 'reduce']);

function isPredicateName(name: string): boolean {
  return PREDICATE_NAMES.has(name);
}

function constant(value: ExprValue, type: StaticType): Compiled {
  return { type, fn: () => value, constant: { value } };
}


function evaluateConstant(fn: Evaluator, pos: number): ExprValue {
  const rt: Runtime = { env: {}, slots: [], ptr: null, idx: 0n, acc: null, budget: new Budget(), functions: undefined, now: undefined, pos };
  try {
    return fn(rt);
  } catch (e) {
    if (e instanceof ExprRuntimeError) throw new SyntaxFailure(e.message, e.offset ?? rt.pos);
    throw e;
  }
}

/** The static result type of an arithmetic operator, `error` when the known types can never work. */
function arithmeticType(op: string, l: StaticType, r: StaticType): StaticType | 'error' {
  if (!known(l) || !known(r)) {
    const k = known(l) ? l : r;
    if (known(k) && !['int', 'float', 'string', 'duration', 'time'].includes(k)) return 'error';
    if (op !== '+' && k === 'string') return 'error';
    return 'unknown';
  }
  if (NUMERIC.includes(l) && NUMERIC.includes(r)) return op === '/' ? 'float' : l === 'int' && r === 'int' ? 'int' : 'float';
  if (op === '+' && l === 'string' && r === 'string') return 'string';
  if (op === '+' && ((l === 'time' && r === 'duration') || (l === 'duration' && r === 'time'))) return 'time';
  if (op === '-' && l === 'time' && r === 'time') return 'duration';
  if (op === '-' && l === 'time' && r === 'duration') return 'time';
  if ((op === '+' || op === '-') && l === 'duration' && (r === 'duration' || r === 'int')) return 'duration';
  if ((op === '+' || op === '-') && r === 'duration' && l === 'int') return 'duration';
  if (op === '*' && ((l === 'duration' && r === 'int') || (l === 'int' && r === 'duration') || (l === 'duration' && r === 'duration'))) return 'duration';
  if (op === '*' && ((l === 'duration' && r === 'float') || (l === 'float' && r === 'duration'))) return 'float';
  if (op === '/' && (l === 'duration' || r === 'duration') && [l, r].every((t) => t === 'duration' || NUMERIC.includes(t))) return 'float';
  return 'error';
}
