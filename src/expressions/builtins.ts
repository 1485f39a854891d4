import type { CallContext } from './functions.js';
import { compare, equal, isNumber, toFloat } from './operators.js';
import { byteLength, formatGoValue, toByteOffset } from './text.js';
import { ExprZone, loadLocation, parseDate, parseGoDuration } from './time.js';
import { marshalGoJSON, parseGoJSON, GoJSONError } from './template/go-json.js';
import { parseGoFloat } from './template/go-strconv.js';
import {
  ExprDuration,
  ExprObject,
  ExprRuntimeError,
  createMap,
  fromJS,
  getOwnData,
  goTypeOf,
  isExprMap,
  ownDataKeys,
  toInt,
  typeOf,
  type ExprValue,
} from './values.js';

/**
 * expr-lang's builtin functions that take plain arguments (the ones with predicates, such as `map`
 * and `filter`, live in the evaluator). Each entry states its arity, an optional compile-time check
 * over the statically known argument types, and its behaviour.
 */

/** What the compiler knows about a value's type before running: `unknown` for anything from the env. */
export type StaticType = 'unknown' | 'nil' | 'bool' | 'int' | 'float' | 'string' | 'array' | 'map' | 'duration' | 'time' | 'zone';

/** One builtin. */
export interface Builtin {
  readonly min: number;
  readonly max: number;
  /** Compile-time check: an error message when the known argument types can never work. */
  readonly check?: (types: readonly StaticType[]) => string | undefined;
  /** The static type of the result, when known. */
  readonly returns?: StaticType | ((types: readonly StaticType[]) => StaticType);
  readonly call: (args: readonly ExprValue[], ctx: CallContext) => ExprValue;
}

const GO_STATIC: Record<StaticType, string> = {
  unknown: 'interface {}',
  nil: '<nil>',
  bool: 'bool',
  int: 'int',
  float: 'float64',
  string: 'string',
  array: '[]interface {}',
  map: 'map[string]interface {}',
  duration: 'time.Duration',
  time: 'time.Time',
  zone: '*time.Location',
};

/** Go's name for a static type, for compile-time messages. */
export function goStaticName(type: StaticType): string {
  return GO_STATIC[type];
}

function conversion(value: ExprValue, want: string): never {
  throw new ExprRuntimeError(`interface conversion: interface {} is ${goTypeOf(value)}, not ${want}`);
}

function str(value: ExprValue | undefined): string {
  if (typeof value === 'string') return value;
  return conversion(value ?? null, 'string');
}

function intOf(value: ExprValue | undefined, what: string): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') return toInt(value);
  throw new ExprRuntimeError(`invalid argument for ${what} (type ${goTypeOf(value ?? null)})`);
}

function arrayOf(value: ExprValue | undefined, what: string): readonly ExprValue[] {
  if (Array.isArray(value)) return value as readonly ExprValue[];
  throw new ExprRuntimeError(`cannot ${what} ${kindName(value ?? null)}`);
}

/** Go's reflect kind name, as expr uses it in some messages (`cannot reverse string`). */
function kindName(value: ExprValue): string {
  switch (typeof value) {
    case 'string':
      return 'string';
    case 'bigint':
      return 'int';
    case 'number':
      return 'float64';
    case 'boolean':
      return 'bool';
    default:
      if (value === null) return 'invalid';
      if (Array.isArray(value)) return 'slice';
      if (value instanceof ExprObject) return value instanceof ExprDuration ? 'int64' : 'struct';
      return 'map';
  }
}

const isKnown = (t: StaticType | undefined): boolean => t !== undefined && t !== 'unknown';
const notOneOf = (t: StaticType | undefined, ok: readonly StaticType[]): boolean => isKnown(t) && !ok.includes(t as StaticType);

function checkArg(index: number, ok: readonly StaticType[], message: (t: StaticType) => string) {
  return (types: readonly StaticType[]): string | undefined => (notOneOf(types[index], ok) ? message(types[index] as StaticType) : undefined);
}

function checkStrings(name: string, count: number) {
  return (types: readonly StaticType[]): string | undefined => {
    for (let i = 0; i < Math.min(count, types.length); i++) {
      const t = types[i];
      if (notOneOf(t, ['string'])) return `cannot use ${goStaticName(t as StaticType)} as argument (type string) to call ${name} `;
    }
    return undefined;
  };
}

function elements(value: ExprValue): ExprValue[] {
  return (value as readonly unknown[]).map(fromJS);
}

function roundLike(name: string, fn: (x: number) => number): Builtin {
  return {
    min: 1,
    max: 1,
    returns: 'float',
    check: checkArg(0, ['int', 'float'], (t) => `invalid argument for ${name} (type ${goStaticName(t)})`),
    call: ([x]) => {
      if (typeof x === 'number') return fn(x);
      if (typeof x === 'bigint') return Number(x);
      throw new ExprRuntimeError(`invalid argument for ${name} (type ${goTypeOf(x ?? null)})`);
    },
  };
}

/** Go's math.Round: half away from zero. */
function goRound(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}

function collectNumbers(name: string, value: ExprValue, out: (number | bigint)[], depth: number): void {
  if (depth > 1000) throw new ExprRuntimeError('value is nested too deeply', 'EXPR_TOO_DEEP');
  if (isNumber(value)) {
    out.push(value);
    return;
  }
  if (Array.isArray(value)) {
    for (const v of value as readonly unknown[]) collectNumbers(name, fromJS(v), out, depth + 1);
    return;
  }
  throw new ExprRuntimeError(`invalid argument for ${name} (type ${goTypeOf(value)})`);
}

function minMax(name: string, pickSecond: (cmp: number) => boolean): Builtin {
  return {
    min: 1,
    max: Infinity,
    check: (types) => {
      for (const t of types) if (notOneOf(t, ['int', 'float', 'array'])) return `invalid argument for ${name} (type ${goStaticName(t)})`;
      return undefined;
    },
    call: (args) => {
      if (args.length === 1 && !isNumber(args[0] ?? null) && !Array.isArray(args[0])) return args[0] ?? null;
      const nums: (number | bigint)[] = [];
      for (const a of args) collectNumbers(name, a, nums, 0);
      let best: number | bigint | null = null;
      for (const n of nums) if (best === null || pickSecond(compare(best, n, '<'))) best = n;
      return best;
    },
  };
}

function bitOp(name: string, fn: (a: bigint, b: bigint) => bigint): Builtin {
  return {
    min: 2,
    max: 2,
    returns: 'int',
    check: (types) => (notOneOf(types[0], ['int']) || notOneOf(types[1], ['int']) ? `cannot use ${goStaticName((notOneOf(types[0], ['int']) ? types[0] : types[1]) as StaticType)} as argument (type int) to call ${name} ` : undefined),
    call: ([a, b]) => {
      if (typeof a !== 'bigint' || typeof b !== 'bigint') return conversion(typeof a !== 'bigint' ? (a ?? null) : (b ?? null), 'int');
      return BigInt.asIntN(64, fn(a, b));
    },
  };
}

function splitGo(s: string, sep: string, n: number, after: boolean): string[] {
  if (n === 0) return [];
  const out: string[] = [];
  if (sep === '') {
    const chars = Array.from(s);
    if (n < 0 || n > chars.length) return chars;
    return [...chars.slice(0, n - 1), chars.slice(n - 1).join('')];
  }
  let rest = s;
  while (n < 0 || out.length < n - 1) {
    const i = rest.indexOf(sep);
    if (i < 0) break;
    out.push(after ? rest.slice(0, i + sep.length) : rest.slice(0, i));
    rest = rest.slice(i + sep.length);
  }
  out.push(rest);
  return out;
}

function trimCutset(s: string, cutset: string, left: boolean, right: boolean): string {
  const set = new Set(Array.from(cutset));
  const chars = Array.from(s);
  let a = 0;
  let b = chars.length;
  if (left) while (a < b && set.has(chars[a] as string)) a++;
  if (right) while (b > a && set.has(chars[b - 1] as string)) b--;
  return chars.slice(a, b).join('');
}

function toPairsOf(value: ExprValue): ExprValue[] {
  if (!isExprMap(value)) throw new ExprRuntimeError(`cannot transform ${kindName(value)} to pairs`);
  return ownDataKeys(value).map((k) => [k, fromJS(getOwnData(value, k))]);
}

function utf8Base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

function fromUtf8Base64(text: string): string {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) {
    throw new ExprRuntimeError('illegal base64 data at input byte 0');
  }
  const bin = atob(text);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new TextDecoder().decode(bytes);
}

/** Parses Go `strconv.Atoi` text: optional sign, decimal digits, within int64. */
function atoi(text: string): bigint | undefined {
  if (!/^[+-]?\d+$/.test(text)) return undefined;
  const v = BigInt(text);
  return v >= -(2n ** 63n) && v <= 2n ** 63n - 1n ? v : undefined;
}

/** Sorts numbers and strings the way expr's `sort` does (numbers before strings, no mixing beyond that). */
export function sortValues(values: ExprValue[], desc: boolean): ExprValue[] {
  const out = values.slice();
  out.sort((a, b) => {
    const c = orderOf(a, b);
    return desc ? -c : c;
  });
  return out;
}

/** Orders two values for sorting; values that cannot be ordered are a runtime error. */
export function orderOf(a: ExprValue, b: ExprValue): number {
  const c = compare(a, b, '<');
  return Number.isNaN(c) ? 0 : c;
}

/** The builtins, by name. */
export const BUILTINS: Readonly<Record<string, Builtin>> = {
  len: {
    min: 1,
    max: 1,
    returns: 'int',
    check: checkArg(0, ['array', 'map', 'string'], (t) => `invalid argument for len (type ${goStaticName(t)})`),
    call: ([v]) => {
      if (typeof v === 'string') return BigInt(byteLength(v));
      if (Array.isArray(v)) return BigInt(v.length);
      if (isExprMap(v)) return BigInt(ownDataKeys(v).length);
      throw new ExprRuntimeError(`invalid argument for len (type ${goTypeOf(v ?? null)})`);
    },
  },
  type: { min: 1, max: 1, returns: 'string', call: ([v]) => typeOf(v ?? null) },
  abs: {
    min: 1,
    max: 1,
    returns: (t) => t[0] ?? 'unknown',
    check: checkArg(0, ['int', 'float'], (t) => `invalid argument for abs (type ${goStaticName(t)})`),
    call: ([x]) => {
      if (typeof x === 'bigint') return x < 0n ? BigInt.asIntN(64, -x) : x;
      if (typeof x === 'number') return Math.abs(x);
      throw new ExprRuntimeError(`invalid argument for abs (type ${goTypeOf(x ?? null)})`);
    },
  },
  ceil: roundLike('ceil', Math.ceil),
  floor: roundLike('floor', Math.floor),
  round: roundLike('round', goRound),
  int: {
    min: 1,
    max: 1,
    returns: 'int',
    check: checkArg(0, ['int', 'float', 'string', 'duration'], (t) => `invalid argument for int (type ${goStaticName(t)})`),
    call: ([x]) => {
      if (typeof x === 'bigint') return x;
      if (typeof x === 'number') return toInt(x);
      if (typeof x === 'string') {
        const v = atoi(x);
        if (v === undefined) throw new ExprRuntimeError(`invalid operation: int(${x})`);
        return v;
      }
      if (x instanceof ExprDuration) return x.nanoseconds;
      throw new ExprRuntimeError(`invalid operation: int(${goTypeOf(x ?? null)})`);
    },
  },
  float: {
    min: 1,
    max: 1,
    returns: 'float',
    check: checkArg(0, ['int', 'float', 'string'], (t) => `invalid argument for float (type ${t === 'nil' ? '%!s(<nil>)' : goStaticName(t)})`),
    call: ([x]) => {
      if (typeof x === 'number') return x;
      if (typeof x === 'bigint') return Number(x);
      if (typeof x === 'string') {
        const f = parseGoFloat(x);
        if (f === undefined) throw new ExprRuntimeError(`invalid operation: float(${x})`);
        return f;
      }
      throw new ExprRuntimeError(`invalid operation: float(${goTypeOf(x ?? null)})`);
    },
  },
  string: { min: 1, max: 1, returns: 'string', call: ([x]) => formatGoValue(x ?? null) },
  trim: {
    min: 1,
    max: 2,
    returns: 'string',
    check: checkStrings('trim', 2),
    call: (args) => (args.length === 1 ? str(args[0]).replace(/^[\s\u0085]+|[\s\u0085]+$/gu, '') : trimCutset(str(args[0]), str(args[1]), true, true)),
  },
  trimPrefix: {
    min: 1,
    max: 2,
    returns: 'string',
    check: checkStrings('trimPrefix', 2),
    call: (args) => {
      const s = str(args[0]);
      const p = args.length === 2 ? str(args[1]) : ' ';
      return s.startsWith(p) ? s.slice(p.length) : s;
    },
  },
  trimSuffix: {
    min: 1,
    max: 2,
    returns: 'string',
    check: checkStrings('trimSuffix', 2),
    call: (args) => {
      const s = str(args[0]);
      const p = args.length === 2 ? str(args[1]) : ' ';
      return p !== '' && s.endsWith(p) ? s.slice(0, s.length - p.length) : s;
    },
  },
  upper: { min: 1, max: 1, returns: 'string', check: checkStrings('upper', 1), call: ([s]) => goUpper(str(s)) },
  lower: { min: 1, max: 1, returns: 'string', check: checkStrings('lower', 1), call: ([s]) => str(s).toLowerCase() },
  split: {
    min: 2,
    max: 3,
    returns: 'array',
    check: checkStrings('split', 2),
    call: (args, ctx) => {
      const out = splitGo(str(args[0]), str(args[1]), args.length === 3 ? Number(intOf(args[2], 'split')) : -1, false);
      ctx.charge(out.length);
      return out;
    },
  },
  splitAfter: {
    min: 2,
    max: 3,
    returns: 'array',
    check: checkStrings('splitAfter', 2),
    call: (args, ctx) => {
      const out = splitGo(str(args[0]), str(args[1]), args.length === 3 ? Number(intOf(args[2], 'splitAfter')) : -1, true);
      ctx.charge(out.length);
      return out;
    },
  },
  replace: {
    min: 3,
    max: 4,
    returns: 'string',
    check: checkStrings('replace', 3),
    call: (args, ctx) => {
      const s = str(args[0]);
      const from = str(args[1]);
      const to = str(args[2]);
      let n = args.length === 4 ? Number(intOf(args[3], 'replace')) : -1;
      if (from === '') {
        // Go inserts the replacement around every character when the old text is empty.
        const chars = Array.from(s);
        let out = '';
        for (let i = 0; i <= chars.length; i++) {
          if (n !== 0) {
            out += to;
            n--;
          }
          out += chars[i] ?? '';
        }
        ctx.charge(out.length / 16);
        return out;
      }
      let out = '';
      let rest = s;
      while (n !== 0) {
        const i = rest.indexOf(from);
        if (i < 0) break;
        out += rest.slice(0, i) + to;
        rest = rest.slice(i + from.length);
        n--;
      }
      out += rest;
      ctx.charge(out.length / 16);
      return out;
    },
  },
  repeat: {
    min: 2,
    max: 2,
    returns: 'string',
    check: (types) => checkStrings('repeat', 1)(types) ?? (notOneOf(types[1], ['int']) ? `cannot use ${goStaticName(types[1] as StaticType)} as argument (type int) to call repeat ` : undefined),
    call: ([s, n], ctx) => {
      const text = str(s);
      const count = intOf(n ?? null, 'repeat');
      if (count < 0n) throw new ExprRuntimeError(`invalid argument for repeat (expected positive integer, got ${count})`);
      if (count > 1_000_000n) throw new ExprRuntimeError('memory budget exceeded', 'EXPR_BUDGET_EXCEEDED');
      ctx.charge(text.length * Number(count));
      return text.repeat(Number(count));
    },
  },
  join: {
    min: 1,
    max: 2,
    returns: 'string',
    check: (types) => (notOneOf(types[0], ['array']) ? `invalid argument for join (type ${goStaticName(types[0] as StaticType)})` : notOneOf(types[1], ['string']) ? `cannot use ${goStaticName(types[1] as StaticType)} as argument (type string) to call join ` : undefined),
    call: (args, ctx) => {
      const list = args[0];
      if (!Array.isArray(list)) throw new ExprRuntimeError(`invalid argument for join (type ${goTypeOf(list ?? null)})`);
      const glue = args.length === 2 ? str(args[1]) : '';
      const parts = elements(list as ExprValue).map((v) => str(v));
      const out = parts.join(glue);
      ctx.charge(parts.length + out.length / 16);
      return out;
    },
  },
  indexOf: { min: 2, max: 2, returns: 'int', check: checkStrings('indexOf', 2), call: ([s, sub]) => BigInt(toByteOffset(str(s), str(s).indexOf(str(sub)))) },
  lastIndexOf: { min: 2, max: 2, returns: 'int', check: checkStrings('lastIndexOf', 2), call: ([s, sub]) => BigInt(toByteOffset(str(s), str(s).lastIndexOf(str(sub)))) },
  hasPrefix: { min: 2, max: 2, returns: 'bool', check: checkStrings('hasPrefix', 2), call: ([s, p]) => str(s).startsWith(str(p)) },
  hasSuffix: { min: 2, max: 2, returns: 'bool', check: checkStrings('hasSuffix', 2), call: ([s, p]) => str(s).endsWith(str(p)) },
  max: minMax('max', (c) => c < 0),
  min: minMax('min', (c) => c > 0),
  mean: {
    min: 1,
    max: Infinity,
    returns: 'float',
    check: (types) => {
      for (const t of types) if (notOneOf(t, ['int', 'float', 'array'])) return `invalid argument for mean (type ${goStaticName(t)})`;
      return undefined;
    },
    call: (args) => {
      const nums: (number | bigint)[] = [];
      for (const a of args) collectNumbers('mean', a, nums, 0);
      if (nums.length === 0) return 0;
      return nums.reduce<number>((s, n) => s + toFloat(n), 0) / nums.length;
    },
  },
  median: {
    min: 1,
    max: Infinity,
    returns: 'float',
    check: (types) => {
      for (const t of types) if (notOneOf(t, ['int', 'float', 'array'])) return `invalid argument for median (type ${goStaticName(t)})`;
      return undefined;
    },
    call: (args) => {
      const nums: number[] = [];
      const raw: (number | bigint)[] = [];
      for (const a of args) collectNumbers('median', a, raw, 0);
      for (const n of raw) nums.push(toFloat(n));
      if (nums.length === 0) return 0;
      nums.sort((a, b) => a - b);
      const mid = Math.floor(nums.length / 2);
      return nums.length % 2 === 0 ? ((nums[mid - 1] as number) + (nums[mid] as number)) / 2 : (nums[mid] as number);
    },
  },
  toJSON: {
    min: 1,
    max: 1,
    returns: 'string',
    call: ([v], ctx) => {
      try {
        const out = marshalGoJSON(v ?? null, { indent: '  ' });
        ctx.charge(out.length / 16);
        return out;
      } catch (e) {
        if (e instanceof GoJSONError) throw new ExprRuntimeError(e.message);
        throw e;
      }
    },
  },
  fromJSON: {
    min: 1,
    max: 1,
    check: checkStrings('fromJSON', 1),
    call: ([s], ctx) => {
      const text = str(s);
      ctx.charge(text.length / 16);
      const parsed = parseGoJSON(text);
      if (!parsed.ok) throw new ExprRuntimeError('invalid JSON text');
      return fromJS(parsed.value);
    },
  },
  toBase64: { min: 1, max: 1, returns: 'string', check: checkStrings('toBase64', 1), call: ([s]) => utf8Base64(str(s)) },
  fromBase64: { min: 1, max: 1, returns: 'string', check: checkStrings('fromBase64', 1), call: ([s]) => fromUtf8Base64(str(s)) },
  now: {
    min: 0,
    max: 1,
    returns: 'time',
    call: (args, ctx) => {
      const t = ctx.now();
      const zone = args[0];
      if (zone instanceof ExprZone) return t.getMethod('In')?.([zone]) ?? t;
      if (args.length > 0) throw new ExprRuntimeError(`invalid number of arguments (expected 0, got ${args.length})`);
      return t;
    },
  },
  duration: {
    min: 1,
    max: 1,
    returns: 'duration',
    check: checkStrings('duration', 1),
    call: ([s]) => parseGoDuration(str(s)),
  },
  date: {
    min: 1,
    max: 4,
    returns: 'time',
    check: (types) => (notOneOf(types[0], ['string', 'zone']) ? `cannot use ${goStaticName(types[0] as StaticType)} as argument (type string) to call date ` : undefined),
    call: (args) => {
      let rest = args;
      let zone: ExprZone | undefined;
      if (rest[0] instanceof ExprZone) {
        zone = rest[0];
        rest = rest.slice(1);
      }
      if (rest.length === 0 || rest.length > 3) throw new ExprRuntimeError(`invalid number of arguments (expected 1 to 3, got ${rest.length})`);
      const text = str(rest[0]);
      const layout = rest.length >= 2 ? str(rest[1]) : undefined;
      const location = rest.length === 3 ? loadLocation(str(rest[2])) : zone?.location;
      return parseDate(text, layout, location);
    },
  },
  timezone: { min: 1, max: 1, returns: 'zone', check: checkStrings('timezone', 1), call: ([s]) => new ExprZone(loadLocation(str(s))) },
  first: {
    min: 1,
    max: 1,
    call: ([v]) => {
      if (Array.isArray(v)) return v.length > 0 ? fromJS(v[0]) : null;
      if (typeof v === 'string') return v.length > 0 ? BigInt(new TextEncoder().encode(v)[0] ?? 0) : null;
      return null;
    },
  },
  last: {
    min: 1,
    max: 1,
    call: ([v]) => {
      if (Array.isArray(v)) return v.length > 0 ? fromJS(v[v.length - 1]) : null;
      if (typeof v === 'string') {
        const bytes = new TextEncoder().encode(v);
        return bytes.length > 0 ? BigInt(bytes[bytes.length - 1] ?? 0) : null;
      }
      return null;
    },
  },
  get: {
    min: 2,
    max: 2,
    call: ([from, key]) => {
      const v = from ?? null;
      const k = key ?? null;
      if (Array.isArray(v)) {
        if (!isNumber(k)) return null;
        let i = Number(typeof k === 'number' ? Math.trunc(k) : k);
        if (i < 0) i += v.length;
        return i >= 0 && i < v.length ? fromJS(v[i]) : null;
      }
      if (isExprMap(v)) return typeof k === 'string' ? fromJS(getOwnData(v, k)) : null;
      if (v instanceof ExprObject && typeof k === 'string') return v.getField(k) ?? null;
      return null;
    },
  },
  take: {
    min: 2,
    max: 2,
    returns: 'array',
    call: ([list, n]) => {
      const arr = arrayOf(list, 'take from');
      if (typeof n !== 'bigint') throw new ExprRuntimeError(`cannot take ${kindName(n ?? null)} elements`);
      if (n < 0n) throw new ExprRuntimeError('reflect.Value.Slice: slice index out of bounds');
      return arr.slice(0, Number(n > BigInt(arr.length) ? BigInt(arr.length) : n)).map(fromJS);
    },
  },
  keys: {
    min: 1,
    max: 1,
    returns: 'array',
    check: checkArg(0, ['map'], (t) => `cannot get keys from ${t}`),
    call: ([m], ctx) => {
      if (!isExprMap(m)) throw new ExprRuntimeError(`cannot get keys from ${kindName(m ?? null)}`);
      const keys = ownDataKeys(m);
      ctx.charge(keys.length);
      return keys;
    },
  },
  values: {
    min: 1,
    max: 1,
    returns: 'array',
    check: checkArg(0, ['map'], (t) => `cannot get values from ${t}`),
    call: ([m], ctx) => {
      if (!isExprMap(m)) throw new ExprRuntimeError(`cannot get values from ${kindName(m ?? null)}`);
      const keys = ownDataKeys(m);
      ctx.charge(keys.length);
      return keys.map((k) => fromJS(getOwnData(m, k)));
    },
  },
  toPairs: {
    min: 1,
    max: 1,
    returns: 'array',
    call: ([m], ctx) => {
      const out = toPairsOf(m ?? null);
      ctx.charge(out.length);
      return out;
    },
  },
  fromPairs: {
    min: 1,
    max: 1,
    returns: 'map',
    call: ([list], ctx) => {
      const arr = arrayOf(list, 'transform from pairs');
      const out = createMap();
      ctx.charge(arr.length);
      for (const raw of arr) {
        const pair = fromJS(raw);
        if (!Array.isArray(pair)) throw new ExprRuntimeError(`invalid pair ${formatGoValue(pair)}`);
        if (pair.length !== 2) throw new ExprRuntimeError(`invalid pair length ${formatGoValue(pair)}`);
        out[mapKey(fromJS(pair[0]))] = fromJS(pair[1]);
      }
      return out;
    },
  },
  reverse: {
    min: 1,
    max: 1,
    returns: 'array',
    check: checkArg(0, ['array'], (t) => `cannot reverse ${t === 'map' ? 'map' : t === 'float' ? 'float64' : t}`),
    call: ([list], ctx) => {
      const arr = arrayOf(list, 'reverse');
      ctx.charge(arr.length);
      return arr.map(fromJS).reverse();
    },
  },
  uniq: {
    min: 1,
    max: 1,
    returns: 'array',
    call: ([list], ctx) => {
      const arr = arrayOf(list, 'uniq');
      const out: ExprValue[] = [];
      for (const raw of arr) {
        const v = fromJS(raw);
        ctx.charge(1 + out.length / 64);
        if (!out.some((o) => equal(o, v))) out.push(v);
      }
      return out;
    },
  },
  concat: {
    min: 1,
    max: Infinity,
    returns: 'array',
    call: (args, ctx) => {
      const out: ExprValue[] = [];
      for (const a of args) {
        const arr = arrayOf(a, 'concat');
        ctx.charge(arr.length);
        for (const v of arr) out.push(fromJS(v));
      }
      return out;
    },
  },
  flatten: {
    min: 1,
    max: 1,
    returns: 'array',
    call: ([list], ctx) => {
      const out: ExprValue[] = [];
      const walk = (v: ExprValue, depth: number): void => {
        if (depth > 1000) throw new ExprRuntimeError('value is nested too deeply', 'EXPR_TOO_DEEP');
        ctx.charge(1);
        if (Array.isArray(v)) for (const x of v as readonly unknown[]) walk(fromJS(x), depth + 1);
        else out.push(v);
      };
      walk(fromJS(arrayOf(list, 'flatten') as ExprValue), 0);
      return out;
    },
  },
  sort: {
    min: 1,
    max: 2,
    returns: 'array',
    call: (args, ctx) => {
      const list = args[0] ?? null;
      if (!Array.isArray(list)) throw new ExprRuntimeError(`invalid argument for sort (type ${goTypeOf(list)})`);
      let desc = false;
      if (args.length === 2) {
        const order = args[1];
        if (typeof order !== 'string') throw new ExprRuntimeError(`sort order argument must be a string (got ${goTypeOf(order ?? null)})`);
        if (order !== 'asc' && order !== 'desc') throw new ExprRuntimeError(`invalid order ${order}, expected asc or desc`);
        desc = order === 'desc';
      }
      ctx.charge(list.length);
      return sortValues(elements(list), desc);
    },
  },
  bitand: bitOp('bitand', (a, b) => a & b),
  bitor: bitOp('bitor', (a, b) => a | b),
  bitxor: bitOp('bitxor', (a, b) => a ^ b),
  bitnand: bitOp('bitnand', (a, b) => a & ~b),
  bitshl: bitOp('bitshl', (a, b) => {
    if (b < 0n) throw new ExprRuntimeError('invalid operation: negative shift count');
    return b >= 64n ? 0n : a << b;
  }),
  bitshr: bitOp('bitshr', (a, b) => {
    if (b < 0n) throw new ExprRuntimeError('invalid operation: negative shift count');
    return a >> (b >= 64n ? 63n : b);
  }),
  bitushr: bitOp('bitushr', (a, b) => {
    if (b < 0n) throw new ExprRuntimeError('invalid operation: negative shift count');
    return b >= 64n ? 0n : BigInt.asUintN(64, a) >> b;
  }),
  bitnot: {
    min: 1,
    max: 1,
    returns: 'int',
    call: ([a]) => {
      if (typeof a !== 'bigint') return conversion(a ?? null, 'int');
      return BigInt.asIntN(64, ~a);
    },
  },
};

/** Go's strings.ToUpper keeps `ß` (it has no single-rune upper case); JavaScript would give `SS`. */
function goUpper(text: string): string {
  let out = '';
  for (const ch of text) {
    const up = ch.toUpperCase();
    out += Array.from(up).length === 1 ? up : ch;
  }
  return out;
}

/** The text key of a map literal or pair key (Go maps built by expr have `interface{}` keys; waybill's are text). */
export function mapKey(key: ExprValue): string {
  return typeof key === 'string' ? key : formatGoValue(key);
}

/** True when `name` is a builtin with plain arguments. */
export function isBuiltin(name: string): boolean {
  return Object.hasOwn(BUILTINS, name);
}
