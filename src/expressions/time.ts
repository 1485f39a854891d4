import { parseGoDurationText } from '../durations/index.js';
import {
  ExprDuration,
  ExprObject,
  ExprRuntimeError,
  ExprTime,
  UTC,
  fixedZone,
  installTimeSupport,
  type ExprLocation,
  type ExprMethod,
  type ExprValue,
} from './values.js';

/**
 * Go's `time` package as far as expr-lang exposes it: duration text (`1h30m`), reference-time
 * layouts (`2006-01-02T15:04:05Z07:00`) for parsing and formatting, and the methods of `time.Time`
 * and `time.Duration`. Written for waybill: JavaScript's Date has neither Go's layouts nor its
 * nanosecond durations.
 */

const US = 1_000n;
const MS = 1_000_000n;
const SEC = 1_000_000_000n;

/** Parses Go duration text (`300ms`, `-1.5h`, `2h45m`); throws a runtime error like Go's. */
export function parseGoDuration(text: string): ExprDuration {
  const parsed = parseGoDurationText(text);
  if (!parsed.ok) throw new ExprRuntimeError(parsed.message);
  return new ExprDuration(parsed.nanoseconds);
}

/** A Go named integer such as `time.Month` or `time.Weekday`: an int with a `String()` method. */
export class GoEnum extends ExprObject {
  constructor(
    readonly typeName: string,
    readonly value: bigint,
    private readonly names: readonly string[],
  ) {
    super();
  }
  override getMethod(name: string): ExprMethod | undefined {
    return name === 'String' ? () => this.toString() : undefined;
  }
  toJS(): unknown {
    return Number(this.value);
  }
  override toString(): string {
    return this.names[Number(this.value)] ?? `%!${this.typeName}(${this.value})`;
  }
  override equals(other: ExprValue): boolean {
    return other instanceof GoEnum && other.typeName === this.typeName && other.value === this.value;
  }
}

/** A Go `*time.Location`, produced by `timezone()`. */
export class ExprZone extends ExprObject {
  readonly typeName = 'time.Location';
  constructor(readonly location: ExprLocation) {
    super();
  }
  override get goTypeName(): string {
    return '*time.Location';
  }
  override getMethod(name: string): ExprMethod | undefined {
    return name === 'String' ? () => this.location.name : undefined;
  }
  toJS(): unknown {
    return this.location.name;
  }
  override toString(): string {
    return this.location.name;
  }
  override equals(other: ExprValue): boolean {
    return other instanceof ExprZone && other.location.name === this.location.name;
  }
}

const MONTHS = ['', 'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Looks up a time zone by IANA name (`UTC`, `Local` = UTC in waybill, `Europe/Berlin`). */
export function loadLocation(name: string): ExprLocation {
  if (name === '' || name === 'UTC') return UTC;
  if (name === 'Local') return { name: 'Local', offsetAt: () => 0 };
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', { timeZone: name, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
  } catch {
    throw new ExprRuntimeError(`unknown time zone ${name}`);
  }
  return {
    name,
    offsetAt(epochMs: number): number {
      const parts: Record<string, number> = {};
      for (const p of format.formatToParts(new Date(epochMs))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
      const asUTC = Date.UTC(parts['year'] ?? 1970, (parts['month'] ?? 1) - 1, parts['day'] ?? 1, parts['hour'] ?? 0, parts['minute'] ?? 0, parts['second'] ?? 0);
      return Math.round((asUTC - Math.floor(epochMs / 1000) * 1000) / 1000);
    },
  };
}

interface Civil {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  nano: number;
  weekday: number;
  yday: number;
  offset: number;
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

function civilOf(t: ExprTime): Civil {
  const offset = t.location.offsetAt(t.epochMs);
  const secs = floorDiv(t.unixNano, SEC);
  const nano = Number(t.unixNano - secs * SEC);
  const local = Number(secs) + offset;
  const d = new Date(local * 1000);
  const start = Date.UTC(d.getUTCFullYear(), 0, 1);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    nano,
    weekday: d.getUTCDay(),
    yday: Math.floor((local * 1000 - start) / 86_400_000) + 1,
    offset,
  };
}

type Std =
  | { kind: 'lit'; text: string }
  | { kind: 'std'; code: string }
  | { kind: 'frac'; digits: number; trim: boolean; sep: string };

const STD_CANDIDATES = [
  'January', 'Jan', 'Monday', 'Mon', 'MST',
  '2006', '002', '01', '02', '03', '04', '05', '06', '_2', '15', '1', '2', '3', '4', '5',
  'PM', 'pm',
  '-07:00:00', '-070000', '-07:00', '-0700', '-07',
  'Z07:00:00', 'Z070000', 'Z07:00', 'Z0700', 'Z07',
];

/** Splits a Go layout into literal text and reference-time elements. */
function splitLayout(layout: string): Std[] {
  const out: Std[] = [];
  let lit = '';
  let i = 0;
  while (i < layout.length) {
    const c = layout[i] as string;
    if ((c === '.' || c === ',') && (layout[i + 1] === '0' || layout[i + 1] === '9')) {
      const digit = layout[i + 1] as string;
      let j = i + 1;
      while (layout[j] === digit) j++;
      const nextCh = layout[j];
      if (nextCh === undefined || !/[0-9]/.test(nextCh)) {
        if (lit) out.push({ kind: 'lit', text: lit });
        lit = '';
        out.push({ kind: 'frac', digits: j - i - 1, trim: digit === '9', sep: c });
        i = j;
        continue;
      }
    }
    let matched: string | undefined;
    for (const cand of STD_CANDIDATES) {
      if (layout.startsWith(cand, i)) {
        // Go reads "Jan"/"Mon" only when not followed by a lower-case letter (so "Monthly" stays literal).
        if ((cand === 'Jan' || cand === 'Mon') && /[a-z]/.test(layout[i + 3] ?? '')) continue;
        matched = cand;
        break;
      }
    }
    if (matched === undefined) {
      lit += c;
      i++;
      continue;
    }
    if (lit) out.push({ kind: 'lit', text: lit });
    lit = '';
    out.push({ kind: 'std', code: matched });
    i += matched.length;
  }
  if (lit) out.push({ kind: 'lit', text: lit });
  return out;
}

const pad = (n: number, width: number): string => String(Math.abs(n)).padStart(width, '0');

/** Formats a time with a Go layout. */
export function formatGoTime(t: ExprTime, layout: string): string {
  const c = civilOf(t);
  let out = '';
  for (const part of splitLayout(layout)) {
    if (part.kind === 'lit') {
      out += part.text;
      continue;
    }
    if (part.kind === 'frac') {
      let digits = pad(c.nano, 9).slice(0, part.digits);
      if (part.trim) {
        digits = pad(c.nano, 9).replace(/0+$/, '').slice(0, part.digits);
        if (digits !== '') out += part.sep + digits;
      } else out += part.sep + digits;
      continue;
    }
    const offMin = Math.trunc(c.offset / 60);
    const sign = c.offset < 0 ? '-' : '+';
    const oh = pad(Math.trunc(Math.abs(offMin) / 60), 2);
    const om = pad(Math.abs(offMin) % 60, 2);
    const os = pad(Math.abs(c.offset) % 60, 2);
    switch (part.code) {
      case 'January': out += MONTHS[c.month]; break;
      case 'Jan': out += (MONTHS[c.month] ?? '').slice(0, 3); break;
      case 'Monday': out += WEEKDAYS[c.weekday]; break;
      case 'Mon': out += (WEEKDAYS[c.weekday] ?? '').slice(0, 3); break;
      case 'MST': out += c.offset === 0 && (t.location.name === 'UTC' || t.location.name === '' || t.location.name === 'Local') ? 'UTC' : abbreviation(c.offset); break;
      case '2006': out += c.year < 0 ? `-${pad(c.year, 4)}` : pad(c.year, 4); break;
      case '06': out += pad(c.year % 100, 2); break;
      case '01': out += pad(c.month, 2); break;
      case '1': out += String(c.month); break;
      case '02': out += pad(c.day, 2); break;
      case '_2': out += String(c.day).padStart(2, ' '); break;
      case '2': out += String(c.day); break;
      case '002': out += pad(c.yday, 3); break;
      case '15': out += pad(c.hour, 2); break;
      case '03': out += pad(c.hour % 12 === 0 ? 12 : c.hour % 12, 2); break;
      case '3': out += String(c.hour % 12 === 0 ? 12 : c.hour % 12); break;
      case '04': out += pad(c.minute, 2); break;
      case '4': out += String(c.minute); break;
      case '05': out += pad(c.second, 2); break;
      case '5': out += String(c.second); break;
      case 'PM': out += c.hour >= 12 ? 'PM' : 'AM'; break;
      case 'pm': out += c.hour >= 12 ? 'pm' : 'am'; break;
      default: {
        if (part.code.startsWith('Z') && c.offset === 0) {
          out += 'Z';
          break;
        }
        const body = part.code.slice(1);
        if (body === '07:00:00') out += `${sign}${oh}:${om}:${os}`;
        else if (body === '070000') out += `${sign}${oh}${om}${os}`;
        else if (body === '07:00') out += `${sign}${oh}:${om}`;
        else if (body === '0700') out += `${sign}${oh}${om}`;
        else out += `${sign}${oh}`;
      }
    }
  }
  return out;
}

function abbreviation(offset: number): string {
  const sign = offset < 0 ? '-' : '+';
  const h = Math.trunc(Math.abs(offset) / 3600);
  const m = Math.trunc((Math.abs(offset) % 3600) / 60);
  return m === 0 ? `${sign}${pad(h, 2)}` : `${sign}${pad(h, 2)}${pad(m, 2)}`;
}

/** Parses text with a Go layout (Go's `time.Parse`/`ParseInLocation`); throws a runtime error on mismatch. */
export function parseGoTime(value: string, layout: string, location: ExprLocation = UTC): ExprTime {
  const fail = (why = ''): never => {
    throw new ExprRuntimeError(`parsing time ${JSON.stringify(value)} as ${JSON.stringify(layout)}: cannot parse${why}`);
  };
  let s = value;
  let year = 0;
  let month = 1;
  let day = 1;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let nano = 0;
  let pm: boolean | undefined;
  let offset: number | undefined;
  let yday = -1;
  const num = (min: number, max: number, fixed: boolean): number => {
    const m = (fixed ? new RegExp(`^\\d{${max}}`) : new RegExp(`^\\d{${min},${max}}`)).exec(s);
    if (m === null) fail();
    s = s.slice((m as RegExpExecArray)[0].length);
    return Number((m as RegExpExecArray)[0]);
  };
  const word = (list: readonly string[], short: boolean): number => {
    for (let i = 0; i < list.length; i++) {
      const name = short ? (list[i] ?? '').slice(0, 3) : (list[i] ?? '');
      if (name !== '' && s.toLowerCase().startsWith(name.toLowerCase())) {
        s = s.slice(name.length);
        return i;
      }
    }
    return fail();
  };
  const parts = splitLayout(layout);
  for (let pi = 0; pi < parts.length; pi++) {
    const part = parts[pi] as Std;
    if (part.kind === 'lit') {
      if (!s.startsWith(part.text)) fail();
      s = s.slice(part.text.length);
      continue;
    }
    if (part.kind === 'frac') {
      if (!(s[0] === '.' || s[0] === ',')) {
        if (part.trim) continue;
        fail();
      }
      const m = /^[.,](\d+)/.exec(s);
      if (m === null) {
        if (part.trim) continue;
        return fail();
      }
      s = s.slice(m[0].length);
      nano = Number(((m[1] ?? '') + '000000000').slice(0, 9));
      continue;
    }
    switch (part.code) {
      case 'January': month = word(MONTHS, false); break;
      case 'Jan': month = word(MONTHS, true); break;
      case 'Monday': word(WEEKDAYS, false); break;
      case 'Mon': word(WEEKDAYS, true); break;
      case 'MST': {
        const m = /^[A-Z]{3,5}|^[+-]\d{2,4}/.exec(s);
        if (m === null) fail();
        s = s.slice((m as RegExpExecArray)[0].length);
        if (offset === undefined) offset = 0;
        break;
      }
      case '2006': year = num(4, 4, true); break;
      case '06': {
        const y = num(2, 2, true);
        year = y >= 69 ? 1900 + y : 2000 + y;
        break;
      }
      case '01': month = num(2, 2, true); break;
      case '1': month = num(1, 2, false); break;
      case '02': day = num(2, 2, true); break;
      case '_2': if (s[0] === ' ') s = s.slice(1); day = num(1, 2, false); break;
      case '2': day = num(1, 2, false); break;
      case '002': yday = num(3, 3, true); break;
      case '15': hour = num(1, 2, false); break;
      case '03': hour = num(2, 2, true); break;
      case '3': hour = num(1, 2, false); break;
      case '04': minute = num(2, 2, true); break;
      case '4': minute = num(1, 2, false); break;
      case '05': second = num(2, 2, true); break;
      case '5': second = num(1, 2, false); break;
      case 'PM':
      case 'pm': {
        const m = /^(AM|PM|am|pm)/.exec(s);
        if (m === null) fail();
        pm = (m as RegExpExecArray)[0].toUpperCase() === 'PM';
        s = s.slice(2);
        break;
      }
      default: {
        if (part.code.startsWith('Z') && s[0] === 'Z') {
          s = s.slice(1);
          offset = 0;
          break;
        }
        const body = part.code.slice(1);
        const re = body.includes(':') ? (body === '07:00:00' ? /^([+-])(\d{2}):(\d{2}):(\d{2})/ : /^([+-])(\d{2}):(\d{2})/) : body === '070000' ? /^([+-])(\d{2})(\d{2})(\d{2})/ : body === '0700' ? /^([+-])(\d{2})(\d{2})/ : /^([+-])(\d{2})/;
        const m = re.exec(s);
        if (m === null) return fail();
        s = s.slice(m[0].length);
        const secs = Number(m[2]) * 3600 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0);
        offset = m[1] === '-' ? -secs : secs;
      }
    }
    // A fractional second may follow seconds in the value even when the layout has none.
    if ((part.code === '05' || part.code === '5') && !(parts[pi + 1]?.kind === 'frac')) {
      const m = /^\.(\d+)/.exec(s);
      if (m !== null && !(parts[pi + 1]?.kind === 'lit' && (parts[pi + 1] as { text: string }).text.startsWith('.'))) {
        s = s.slice(m[0].length);
        nano = Number(((m[1] ?? '') + '000000000').slice(0, 9));
      }
    }
  }
  if (s !== '') throw new ExprRuntimeError(`parsing time ${JSON.stringify(value)}: extra text: ${JSON.stringify(s)}`);
  if (pm !== undefined) {
    if (hour > 12) fail();
    if (pm && hour < 12) hour += 12;
    if (!pm && hour === 12) hour = 0;
  }
  if (month < 1 || month > 12) throw new ExprRuntimeError(`parsing time ${JSON.stringify(value)}: month out of range`);
  if (hour > 23 || minute > 59 || second > 59) throw new ExprRuntimeError(`parsing time ${JSON.stringify(value)}: hour out of range`);
  let baseMs = Date.UTC(year, month - 1, day, hour, minute, second);
  if (yday > 0) baseMs = Date.UTC(year, 0, yday, hour, minute, second);
  const check = new Date(baseMs);
  if (yday <= 0 && check.getUTCDate() !== day) throw new ExprRuntimeError(`parsing time ${JSON.stringify(value)}: day out of range`);
  // Date.UTC maps years 0-99 to 1900-1999; set the year explicitly.
  if (year >= 0 && year < 100) {
    check.setUTCFullYear(year);
    baseMs = check.getTime();
  }
  let loc = location;
  let offsetSecs: number;
  if (offset !== undefined) {
    offsetSecs = offset;
    loc = offset === 0 ? UTC : fixedZone('', offset);
  } else {
    offsetSecs = location.offsetAt(baseMs);
    offsetSecs = location.offsetAt(baseMs - offsetSecs * 1000);
  }
  const unixNano = BigInt(baseMs / 1000 - offsetSecs) * SEC + BigInt(nano);
  return new ExprTime(unixNano, loc);
}

const DEFAULT_LAYOUTS = [
  '2006-01-02',
  '15:04:05',
  '2006-01-02 15:04:05',
  '2006-01-02T15:04:05Z07:00',
  '02 Jan 06 15:04 MST',
  'Monday, 02-Jan-06 15:04:05 MST',
  'Mon, 02 Jan 2006 15:04:05 MST',
];

/** expr's `date(text[, layout[, zone]])`: tries its default layouts when none is given. */
export function parseDate(text: string, layout: string | undefined, location: ExprLocation | undefined): ExprTime {
  if (layout !== undefined) return parseGoTime(text, layout, location ?? UTC);
  for (const candidate of DEFAULT_LAYOUTS) {
    try {
      return parseGoTime(text, candidate, location ?? UTC);
    } catch {
      // try the next layout
    }
  }
  throw new ExprRuntimeError(`invalid date ${text}`);
}

/** Converts a JavaScript `Date` or RFC 3339 text (the `now` option) into a time. */
export function toExprTime(value: Date | string): ExprTime | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : ExprTime.fromDate(value);
  try {
    return parseGoTime(value, '2006-01-02T15:04:05Z07:00');
  } catch {
    return undefined;
  }
}

function asDuration(v: ExprValue | undefined, what: string): bigint {
  if (v instanceof ExprDuration) return v.nanoseconds;
  if (typeof v === 'bigint') return v;
  throw new ExprRuntimeError(`${what}: expected a duration`);
}

function asTime(v: ExprValue | undefined, what: string): ExprTime {
  if (v instanceof ExprTime) return v;
  throw new ExprRuntimeError(`${what}: expected a time`);
}

function intArg(v: ExprValue | undefined, what: string): number {
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number') return Math.trunc(v);
  throw new ExprRuntimeError(`${what}: expected an int`);
}

function timeMethods(t: ExprTime, name: string): ExprMethod | undefined {
  switch (name) {
    case 'Year': return () => BigInt(civilOf(t).year);
    case 'Month': return () => new GoEnum('time.Month', BigInt(civilOf(t).month), MONTHS);
    case 'Day': return () => BigInt(civilOf(t).day);
    case 'Hour': return () => BigInt(civilOf(t).hour);
    case 'Minute': return () => BigInt(civilOf(t).minute);
    case 'Second': return () => BigInt(civilOf(t).second);
    case 'Nanosecond': return () => BigInt(civilOf(t).nano);
    case 'YearDay': return () => BigInt(civilOf(t).yday);
    case 'Weekday': return () => new GoEnum('time.Weekday', BigInt(civilOf(t).weekday), WEEKDAYS);
    case 'Unix': return () => floorDiv(t.unixNano, SEC);
    case 'UnixMilli': return () => floorDiv(t.unixNano, MS);
    case 'UnixMicro': return () => floorDiv(t.unixNano, US);
    case 'UnixNano': return () => t.unixNano;
    case 'IsZero': return () => t.unixNano === -62135596800n * SEC;
    case 'Format': return (args) => {
      const layout = args[0];
      if (typeof layout !== 'string') throw new ExprRuntimeError('Format: expected a layout string');
      return formatGoTime(t, layout);
    };
    case 'String': return () => goTimeString(t);
    case 'UTC': return () => new ExprTime(t.unixNano, UTC);
    case 'Local': return () => new ExprTime(t.unixNano, UTC);
    case 'In': return (args) => {
      const zone = args[0];
      if (!(zone instanceof ExprZone)) throw new ExprRuntimeError('In: expected a time zone');
      return new ExprTime(t.unixNano, zone.location);
    };
    case 'Location': return () => new ExprZone(t.location);
    case 'Add': return (args) => new ExprTime(t.unixNano + asDuration(args[0], 'Add'), t.location);
    case 'Sub': return (args) => new ExprDuration(t.unixNano - asTime(args[0], 'Sub').unixNano);
    case 'AddDate': return (args) => {
      const c = civilOf(t);
      const ms = Date.UTC(c.year + intArg(args[0], 'AddDate'), c.month - 1 + intArg(args[1], 'AddDate'), c.day + intArg(args[2], 'AddDate'), c.hour, c.minute, c.second);
      return new ExprTime(BigInt(ms / 1000 - c.offset) * SEC + BigInt(c.nano), t.location);
    };
    case 'Before': return (args) => t.unixNano < asTime(args[0], 'Before').unixNano;
    case 'After': return (args) => t.unixNano > asTime(args[0], 'After').unixNano;
    case 'Equal': return (args) => t.unixNano === asTime(args[0], 'Equal').unixNano;
    case 'Compare': return (args) => {
      const o = asTime(args[0], 'Compare').unixNano;
      return t.unixNano < o ? -1n : t.unixNano > o ? 1n : 0n;
    };
    case 'Truncate': return (args) => {
      const d = asDuration(args[0], 'Truncate');
      if (d <= 0n) return t;
      const sinceZero = t.unixNano + 62135596800n * SEC;
      return new ExprTime(t.unixNano - (((sinceZero % d) + d) % d), t.location);
    };
    case 'Round': return (args) => {
      const d = asDuration(args[0], 'Round');
      if (d <= 0n) return t;
      const sinceZero = t.unixNano + 62135596800n * SEC;
      const r = ((sinceZero % d) + d) % d;
      return new ExprTime(r + r < d ? t.unixNano - r : t.unixNano + (d - r), t.location);
    };
    default: return undefined;
  }
}

/** Go's `time.Time.String()`: `2006-01-02 15:04:05.999999999 -0700 MST`. */
export function goTimeString(t: ExprTime): string {
  const zone = t.location.name === '' ? abbreviation(civilOf(t).offset) : t.location.name === 'Local' ? 'UTC' : t.location.name;
  const base = formatGoTime(t, '2006-01-02 15:04:05.999999999 -0700');
  return `${base} ${/^[A-Za-z]{1,5}$/.test(zone) ? zone : abbreviation(civilOf(t).offset)}`;
}

installTimeSupport({
  methods: timeMethods,
  rfc3339: (t) => formatGoTime(t, '2006-01-02T15:04:05.999999999Z07:00'),
  goString: goTimeString,
});
