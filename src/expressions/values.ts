/**
 * The value model of waybill's expression language (expr-lang as Kargo runs it).
 *
 * | expr type      | JavaScript representation                                        |
 * | -------------- | ---------------------------------------------------------------- |
 * | nil            | `null` (`undefined` read from an env is treated as nil)          |
 * | bool           | `boolean`                                                        |
 * | int (int64)    | `bigint`, kept in the int64 range (arithmetic wraps)             |
 * | float (64-bit) | `number`                                                         |
 * | string         | `string`                                                         |
 * | array          | a JavaScript array                                               |
 * | map            | a plain object; only own enumerable data properties are visible  |
 * | time.Duration  | {@link ExprDuration}                                             |
 * | time.Time      | {@link ExprTime}                                                 |
 * | other structs  | a subclass of {@link ExprObject} (fields and methods on demand)  |
 *
 * Env values are used as they are (no deep copy): a JSON number is a float, exactly as in Kargo where
 * env documents are decoded into Go `float64`s. Values read out of an env container go through
 * {@link fromJS}, which normalizes the odd cases (`undefined`, `Date`, functions) one level at a time.
 */

import { formatGoDurationNanos } from '../durations/index.js';

/** A map value: string keys to values. Reads must use `getOwnData`, never plain indexing. */
export interface ExprMap {
  readonly [key: string]: ExprValue;
}

/** An array value. */
export type ExprArray = readonly ExprValue[];

/** Any value an expression can produce or read. */
export type ExprValue = null | boolean | bigint | number | string | ExprArray | ExprMap | ExprObject;

/**
 * An error raised while an expression runs: wrong operand types, a failed function call, an index out
 * of range. It never escapes the public API: the evaluator turns it into an `EXPR_RUNTIME` issue (or
 * the given `code`) carrying the column of the failing node.
 */
export class ExprRuntimeError extends Error {
  /** Issue code the error becomes at the API edge. */
  readonly code: 'EXPR_RUNTIME' | 'EXPR_BUDGET_EXCEEDED' | 'EXPR_TOO_DEEP';
  /** 0-based offset into the source where the failing node starts, once known. */
  offset: number | undefined;

  constructor(message: string, code: ExprRuntimeError['code'] = 'EXPR_RUNTIME', offset?: number) {
    super(message);
    this.name = 'ExprRuntimeError';
    this.code = code;
    this.offset = offset;
  }
}

/** Throws an {@link ExprRuntimeError}; a helper for functions that must fail with a message. */
export function raiseRuntimeError(message: string): never {
  throw new ExprRuntimeError(message);
}

/** A method of an {@link ExprObject}: receives evaluated arguments, returns a value. */
export type ExprMethod = (args: readonly ExprValue[]) => ExprValue;

/**
 * A value that is not data: a Go struct or named type (time.Time, time.Duration, a semver version).
 * Expressions reach its fields with `.Field` and call its methods with `.Method(...)`. Subclasses
 * decide what they expose; nothing else of the JavaScript object is reachable.
 */
export abstract class ExprObject {
  /** The name `type()` reports, e.g. `time.Duration`. */
  abstract readonly typeName: string;
  /** The Go type name used in error messages, e.g. `time.Duration` or `*semver.Version`. */
  get goTypeName(): string {
    return this.typeName;
  }
  /** Reads a field; `undefined` when there is no such field. */
  getField(_name: string): ExprValue | undefined {
    return undefined;
  }
  /** Looks up a method; `undefined` when there is no such method. */
  getMethod(_name: string): ExprMethod | undefined {
    return undefined;
  }
  /** Plain JavaScript form for results and `toJSON` (what Go's json.Marshal would give). */
  abstract toJS(): unknown;
  /** Text form used by `string()` (Go's `%v`). */
  abstract toString(): string;
  /** Equality with another value of the same kind (Go `==`). */
  equals(other: ExprValue): boolean {
    return this === other;
  }
  /** Ordering against another value, or `undefined` when the two cannot be ordered. */
  compare(_other: ExprValue): number | undefined {
    return undefined;
  }
}

const NANOS_PER_MS = 1_000_000n;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** A Go `time.Duration`: a signed count of nanoseconds (int64). */
export class ExprDuration extends ExprObject {
  readonly typeName = 'time.Duration';
  /** The length in nanoseconds, within the int64 range. */
  readonly nanoseconds: bigint;

  constructor(nanoseconds: bigint) {
    super();
    this.nanoseconds = BigInt.asIntN(64, nanoseconds);
  }

  override getMethod(name: string): ExprMethod | undefined {
    const ns = this.nanoseconds;
    switch (name) {
      case 'Hours':
        return () => splitFloat(ns, 3_600_000_000_000n);
      case 'Minutes':
        return () => splitFloat(ns, 60_000_000_000n);
      case 'Seconds':
        return () => splitFloat(ns, 1_000_000_000n);
      case 'Milliseconds':
        return () => ns / 1_000_000n;
      case 'Microseconds':
        return () => ns / 1_000n;
      case 'Nanoseconds':
        return () => ns;
      case 'String':
        return () => formatGoDuration(ns);
      case 'Abs':
        return () => new ExprDuration(ns < 0n ? (ns === INT64_MIN ? INT64_MAX : -ns) : ns);
      default:
        return undefined;
    }
  }

  toJS(): unknown {
    return toSafeNumber(this.nanoseconds);
  }

  override toString(): string {
    return formatGoDuration(this.nanoseconds);
  }

  override equals(other: ExprValue): boolean {
    return other instanceof ExprDuration && other.nanoseconds === this.nanoseconds;
  }

  override compare(other: ExprValue): number | undefined {
    if (!(other instanceof ExprDuration)) return undefined;
    return this.nanoseconds < other.nanoseconds ? -1 : this.nanoseconds > other.nanoseconds ? 1 : 0;
  }
}

// Go computes Hours() etc. as whole part plus fraction so large values keep precision.
function splitFloat(ns: bigint, unit: bigint): number {
  const whole = ns / unit;
  const rest = ns % unit;
  return Number(whole) + Number(rest) / Number(unit);
}

/** Formats nanoseconds the way Go's `time.Duration.String()` does (`1h30m0s`, `1.5s`, `250ms`). */
export function formatGoDuration(nanoseconds: bigint): string {
  return formatGoDurationNanos(nanoseconds);
}

/** A time zone: a name and a way to find its UTC offset at an instant. */
export interface ExprLocation {
  /** The zone's name as Go prints it (`UTC`, `Europe/Berlin`, or empty for a fixed offset). */
  readonly name: string;
  /** Offset from UTC in seconds at the given instant (milliseconds since the epoch). */
  offsetAt(epochMs: number): number;
}

/** The UTC location. */
export const UTC: ExprLocation = { name: 'UTC', offsetAt: () => 0 };

/** A location with a constant offset, as parsed from a `+02:00` suffix. */
export function fixedZone(name: string, offsetSeconds: number): ExprLocation {
  return { name, offsetAt: () => offsetSeconds };
}

/**
 * A Go `time.Time`: an instant (nanoseconds since the Unix epoch) plus the location it is shown in.
 * Methods live in the evaluator's time support; this class only holds the data.
 */
export class ExprTime extends ExprObject {
  readonly typeName = 'time.Time';
  /** Nanoseconds since 1970-01-01T00:00:00Z. */
  readonly unixNano: bigint;
  /** Where the time is displayed (affects Hour(), Format(), ...). */
  readonly location: ExprLocation;

  constructor(unixNano: bigint, location: ExprLocation = UTC) {
    super();
    this.unixNano = unixNano;
    this.location = location;
  }

  /** Builds a time from a JavaScript `Date` (UTC). */
  static fromDate(date: Date): ExprTime {
    return new ExprTime(BigInt(Math.trunc(date.getTime())) * NANOS_PER_MS, UTC);
  }

  /** Milliseconds since the epoch (sub-millisecond precision dropped). */
  get epochMs(): number {
    const ms = this.unixNano / NANOS_PER_MS;
    return Number(this.unixNano < 0n && this.unixNano % NANOS_PER_MS !== 0n ? ms - 1n : ms);
  }

  override getMethod(name: string): ExprMethod | undefined {
    return timeMethodResolver?.(this, name);
  }

  toJS(): unknown {
    return timeFormatter ? timeFormatter(this) : new Date(this.epochMs).toISOString();
  }

  override toString(): string {
    return timeStringer ? timeStringer(this) : new Date(this.epochMs).toISOString();
  }

  override equals(other: ExprValue): boolean {
    return other instanceof ExprTime && other.unixNano === this.unixNano;
  }

  override compare(other: ExprValue): number | undefined {
    if (!(other instanceof ExprTime)) return undefined;
    return this.unixNano < other.unixNano ? -1 : this.unixNano > other.unixNano ? 1 : 0;
  }
}

// The time support module plugs its methods and formatters in here, which keeps this file free of
// the (large) Go layout and calendar code while ExprTime stays a plain data class.
let timeMethodResolver: ((t: ExprTime, name: string) => ExprMethod | undefined) | undefined;
let timeFormatter: ((t: ExprTime) => string) | undefined;
let timeStringer: ((t: ExprTime) => string) | undefined;

/** Installs the calendar support of {@link ExprTime}; called once by the time module. */
export function installTimeSupport(support: {
  methods: (t: ExprTime, name: string) => ExprMethod | undefined;
  rfc3339: (t: ExprTime) => string;
  goString: (t: ExprTime) => string;
}): void {
  timeMethodResolver = support.methods;
  timeFormatter = support.rfc3339;
  timeStringer = support.goString;
}

/** True for a map value (a plain or data object that is not an array or an {@link ExprObject}). */
export function isExprMap(value: unknown): value is ExprMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof ExprObject) && !(value instanceof Date);
}

/**
 * Reads an own, enumerable data property of a map or an env object; `undefined` when there is none.
 * Inherited properties (`__proto__`, `constructor`, `toString`), accessors and symbols are never read.
 */
export function getOwnData(object: object, key: string): unknown {
  if (!Object.hasOwn(object, key)) return undefined;
  const desc = Object.getOwnPropertyDescriptor(object, key);
  return desc !== undefined && desc.enumerable === true && 'value' in desc ? desc.value : undefined;
}

/** The own enumerable data keys of a map, in insertion order. */
export function ownDataKeys(object: object): string[] {
  const out: string[] = [];
  for (const key of Object.keys(object)) {
    const desc = Object.getOwnPropertyDescriptor(object, key);
    if (desc !== undefined && 'value' in desc) out.push(key);
  }
  return out;
}

/** Creates an empty map value that has no prototype, so no key is special. */
export function createMap(): Record<string, ExprValue> {
  return Object.create(null) as Record<string, ExprValue>;
}

/**
 * Normalizes one JavaScript value into an expression value, one level deep: `undefined` and
 * functions become nil, a `Date` becomes a time, an integer-valued `bigint` is an int, a JSON number
 * is a float; arrays and objects are kept as they are (their elements are normalized when read).
 */
export function fromJS(value: unknown): ExprValue {
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
      return value;
    case 'bigint':
      return BigInt.asIntN(64, value);
    case 'object':
      if (value === null) return null;
      if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : ExprTime.fromDate(value);
      return value as ExprValue;
    default:
      return null;
  }
}

/** Options of {@link toJS}. */
export interface ToJSOptions {
  /** Deepest nesting converted before an `EXPR_TOO_DEEP` error. Default 1000. */
  maxDepth?: number;
  /**
   * What NaN and the infinities become: `keep` (default) leaves them as JavaScript numbers, `null`
   * turns them into `null` as their JSON form does.
   */
  nonFinite?: 'keep' | 'null';
}

/**
 * Converts an expression value to plain JavaScript for callers: ints become numbers when they are
 * safe integers (bigints otherwise), maps become ordinary objects, durations become nanoseconds,
 * times become RFC 3339 text, nil becomes `null`. Throws {@link ExprRuntimeError} (`EXPR_TOO_DEEP`)
 * for data nested deeper than `maxDepth` (a cyclic env, for example).
 */
export function toJS(value: ExprValue, options: ToJSOptions = {}): unknown {
  return convertToJS(value, options.maxDepth ?? 1000, options.nonFinite === 'null');
}

function convertToJS(value: unknown, depth: number, nullNonFinite: boolean): unknown {
  switch (typeof value) {
    case 'bigint':
      return toSafeNumber(value);
    case 'number':
      return nullNonFinite && !Number.isFinite(value) ? null : value;
    case 'string':
    case 'boolean':
      return value;
    case 'object': {
      if (value === null) return null;
      if (depth <= 0) throw new ExprRuntimeError('value is nested too deeply', 'EXPR_TOO_DEEP');
      if (Array.isArray(value)) {
        const out: unknown[] = new Array<unknown>(value.length);
        for (let i = 0; i < value.length; i++) out[i] = convertToJS(fromJS(value[i]), depth - 1, nullNonFinite);
        return out;
      }
      if (value instanceof ExprObject) return value.toJS();
      if (value instanceof Date) return convertToJS(fromJS(value), depth, nullNonFinite);
      const out: Record<string, unknown> = {};
      for (const key of ownDataKeys(value)) {
        // defineProperty so a `__proto__` key stays data instead of replacing the prototype.
        Object.defineProperty(out, key, { value: convertToJS(fromJS(getOwnData(value, key)), depth - 1, nullNonFinite), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    default:
      return null;
  }
}

/** A bigint as a JavaScript number when it is a safe integer, else the bigint itself. */
export function toSafeNumber(value: bigint): number | bigint {
  return value >= -9007199254740991n && value <= 9007199254740991n ? Number(value) : value;
}

/**
 * The name expr's `type()` builtin gives a value: `nil`, `bool`, `int`, `float`, `string`, `array`,
 * `map`, or a Go type name such as `time.Duration` for other values.
 */
export function typeOf(value: ExprValue): string {
  switch (typeof value) {
    case 'boolean':
      return 'bool';
    case 'bigint':
      return 'int';
    case 'number':
      return 'float';
    case 'string':
      return 'string';
    case 'object':
      if (value === null) return 'nil';
      if (Array.isArray(value)) return 'array';
      if (value instanceof ExprObject) return value.typeName;
      return 'map';
    default:
      return 'nil';
  }
}

/**
 * The Go type name expr uses in error messages: `int`, `float64`, `string`, `bool`, `<nil>`,
 * `[]interface {}`, `map[string]interface {}`, `time.Duration`, ...
 */
export function goTypeOf(value: ExprValue): string {
  switch (typeof value) {
    case 'boolean':
      return 'bool';
    case 'bigint':
      return 'int';
    case 'number':
      return 'float64';
    case 'string':
      return 'string';
    case 'object':
      if (value === null) return '<nil>';
      if (Array.isArray(value)) return '[]interface {}';
      if (value instanceof ExprObject) return value.goTypeName;
      return 'map[string]interface {}';
    default:
      return '<nil>';
  }
}

/** Wraps a JavaScript number as an int (truncating toward zero and wrapping like Go's int64 conversion). */
export function toInt(value: number): bigint {
  if (!Number.isFinite(value)) return INT64_MIN;
  const t = Math.trunc(value);
  if (t >= 9.223372036854776e18 || t < -9.223372036854776e18) return INT64_MIN;
  return BigInt(t);
}

/** Wraps a bigint into the int64 range, as Go's int arithmetic does. */
export function wrapInt(value: bigint): bigint {
  return BigInt.asIntN(64, value);
}
