import { ExprDuration, ExprObject, ExprRuntimeError, ExprTime, fromJS, getOwnData, goTypeOf, isExprMap, ownDataKeys, type ExprValue } from './values.js';

/**
 * expr-lang's operators over waybill's value model: ints (bigint) wrap at 64 bits, an int meeting a
 * float becomes a float, `/` and `**` always give floats, `%` takes ints only, durations act as ints
 * in arithmetic, and times move by durations.
 */

function mismatch(a: ExprValue, op: string, b: ExprValue): never {
  throw new ExprRuntimeError(`invalid operation: ${goTypeOf(a)} ${op} ${goTypeOf(b)}`);
}

/** True for ints and floats. */
export function isNumber(value: ExprValue): value is number | bigint {
  return typeof value === 'number' || typeof value === 'bigint';
}

/** An int or float as a JavaScript number. */
export function toFloat(value: number | bigint): number {
  return typeof value === 'number' ? value : Number(value);
}

function durationNanos(value: ExprValue): bigint | undefined {
  if (value instanceof ExprDuration) return value.nanoseconds;
  if (typeof value === 'bigint') return value;
  return undefined;
}

/** `a + b`. */
export function add(a: ExprValue, b: ExprValue): ExprValue {
  const ta = typeof a;
  const tb = typeof b;
  if (ta === 'string' && tb === 'string') return (a as string) + (b as string);
  if (ta === 'bigint' && tb === 'bigint') return BigInt.asIntN(64, (a as bigint) + (b as bigint));
  if ((ta === 'number' || ta === 'bigint') && (tb === 'number' || tb === 'bigint')) return toFloat(a as number) + toFloat(b as number);
  if (a instanceof ExprTime && b instanceof ExprDuration) return new ExprTime(a.unixNano + b.nanoseconds, a.location);
  if (a instanceof ExprDuration && b instanceof ExprTime) return new ExprTime(b.unixNano + a.nanoseconds, b.location);
  if (a instanceof ExprDuration || b instanceof ExprDuration) {
    const x = durationNanos(a);
    const y = durationNanos(b);
    if (x !== undefined && y !== undefined) return new ExprDuration(x + y);
  }
  return mismatch(a, '+', b);
}

/** `a - b`. */
export function subtract(a: ExprValue, b: ExprValue): ExprValue {
  const ta = typeof a;
  const tb = typeof b;
  if (ta === 'bigint' && tb === 'bigint') return BigInt.asIntN(64, (a as bigint) - (b as bigint));
  if ((ta === 'number' || ta === 'bigint') && (tb === 'number' || tb === 'bigint')) return toFloat(a as number) - toFloat(b as number);
  if (a instanceof ExprTime && b instanceof ExprTime) return new ExprDuration(a.unixNano - b.unixNano);
  if (a instanceof ExprTime && b instanceof ExprDuration) return new ExprTime(a.unixNano - b.nanoseconds, a.location);
  if (a instanceof ExprDuration || b instanceof ExprDuration) {
    const x = durationNanos(a);
    const y = durationNanos(b);
    if (x !== undefined && y !== undefined) return new ExprDuration(x - y);
  }
  return mismatch(a, '-', b);
}

/** `a * b`. */
export function multiply(a: ExprValue, b: ExprValue): ExprValue {
  const ta = typeof a;
  const tb = typeof b;
  if (ta === 'bigint' && tb === 'bigint') return BigInt.asIntN(64, (a as bigint) * (b as bigint));
  if ((ta === 'number' || ta === 'bigint') && (tb === 'number' || tb === 'bigint')) return toFloat(a as number) * toFloat(b as number);
  if (a instanceof ExprDuration || b instanceof ExprDuration) {
    const x = durationNanos(a);
    const y = durationNanos(b);
    if (x !== undefined && y !== undefined) return new ExprDuration(x * y);
    if (typeof a === 'number' && y !== undefined) return a * Number(y);
    if (typeof b === 'number' && x !== undefined) return Number(x) * b;
  }
  return mismatch(a, '*', b);
}

function numericOf(value: ExprValue): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof ExprDuration) return Number(value.nanoseconds);
  return undefined;
}

/** `a / b`: always a float, as in expr (`1 / 0` is +Inf). */
export function divide(a: ExprValue, b: ExprValue): number {
  const x = numericOf(a);
  const y = numericOf(b);
  if (x === undefined || y === undefined) return mismatch(a, '/', b);
  return x / y;
}

/** `a % b`: ints only. */
export function modulo(a: ExprValue, b: ExprValue): bigint {
  if (typeof a === 'bigint' && typeof b === 'bigint') {
    if (b === 0n) throw new ExprRuntimeError('integer divide by zero');
    return BigInt.asIntN(64, a % b);
  }
  return mismatch(a, '%', b);
}

/** `a ** b` and `a ^ b`: always a float. */
export function power(a: ExprValue, b: ExprValue, op: string): number {
  if (isNumber(a) && isNumber(b)) return Math.pow(toFloat(a), toFloat(b));
  return mismatch(a, op, b);
}

/** Unary minus. */
export function negate(value: ExprValue): ExprValue {
  if (typeof value === 'bigint') return BigInt.asIntN(64, -value);
  if (typeof value === 'number') return -value;
  if (value instanceof ExprDuration) return new ExprDuration(-value.nanoseconds);
  throw new ExprRuntimeError(`invalid operation: -${goTypeOf(value)}`);
}

/** Unary plus. */
export function unaryPlus(value: ExprValue): ExprValue {
  if (isNumber(value) || value instanceof ExprDuration) return value;
  throw new ExprRuntimeError(`invalid operation: +${goTypeOf(value)}`);
}

/**
 * `a == b` as expr decides it: ints and floats compare by value, arrays element by element (with the
 * same rule), maps and other values by strict deep equality (an int 1 inside a map is not a float 1),
 * values of different kinds are unequal.
 */
export function equal(a: ExprValue, b: ExprValue, depth = 0): boolean {
  if (a === b) return true;
  const ta = typeof a;
  const tb = typeof b;
  if ((ta === 'number' || ta === 'bigint') && (tb === 'number' || tb === 'bigint')) {
    if (ta === tb) return a === b;
    return toFloat(a as number) === toFloat(b as number);
  }
  if (ta !== 'object' || tb !== 'object' || a === null || b === null) return false;
  if (depth > 1000) throw new ExprRuntimeError('value is nested too deeply', 'EXPR_TOO_DEEP');
  if (Array.isArray(a)) {
    if (!Array.isArray(b)) return false;
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!equal(fromJS(a[i]), fromJS(b[i]), depth + 1)) return false;
    return true;
  }
  if (a instanceof ExprObject) return a.equals(b);
  return deepEqual(a, b, depth);
}

/** Strict structural equality (Go's reflect.DeepEqual on decoded data): kinds must match exactly. */
export function deepEqual(a: ExprValue, b: ExprValue, depth = 0): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b) return false;
  if (typeof a === 'number') return a === b;
  if (typeof a !== 'object' || a === null || b === null || typeof b !== 'object') return false;
  if (depth > 1000) throw new ExprRuntimeError('value is nested too deeply', 'EXPR_TOO_DEEP');
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(fromJS(a[i]), fromJS(b[i]), depth + 1)) return false;
    return true;
  }
  if (a instanceof ExprObject) return a.equals(b);
  if (!isExprMap(a) || !isExprMap(b)) return false;
  const ka = ownDataKeys(a);
  const kb = ownDataKeys(b);
  if (ka.length !== kb.length) return false;
  for (const k of ka) {
    if (!Object.hasOwn(b, k)) return false;
    if (!deepEqual(fromJS(getOwnData(a, k)), fromJS(getOwnData(b, k)), depth + 1)) return false;
  }
  return true;
}

/**
 * Orders two values for `<`, `>`, `<=`, `>=`: numbers with numbers, strings with strings (by bytes),
 * times with times, durations with durations. Anything else is a runtime error.
 */
export function compare(a: ExprValue, b: ExprValue, op: string): number {
  const ta = typeof a;
  const tb = typeof b;
  if (ta === 'bigint' && tb === 'bigint') return (a as bigint) < (b as bigint) ? -1 : (a as bigint) > (b as bigint) ? 1 : 0;
  if ((ta === 'number' || ta === 'bigint') && (tb === 'number' || tb === 'bigint')) {
    const x = toFloat(a as number);
    const y = toFloat(b as number);
    return x < y ? -1 : x > y ? 1 : x === y ? 0 : Number.NaN;
  }
  if (ta === 'string' && tb === 'string') return compareStrings(a as string, b as string);
  if (a instanceof ExprObject) {
    const c = a.compare(b);
    if (c !== undefined) return c;
  }
  return mismatch(a, op, b);
}

/** Compares strings by Unicode code points, which orders them like Go's byte-wise UTF-8 comparison. */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) {
      // Surrogates (astral code points) sort after every BMP character in UTF-8.
      const sx = x >= 0xd800 && x <= 0xdfff;
      const sy = y >= 0xd800 && y <= 0xdfff;
      if (sx !== sy) return sx ? 1 : -1;
      return x < y ? -1 : 1;
    }
  }
  return a.length < b.length ? -1 : 1;
}
