// kustomize prints each resource by converting it to JSON and back through go-yaml v2
// (sigs.k8s.io/yaml JSONToYAML). No JavaScript YAML library reproduces that emitter's choices
// (YAML 1.1 quoting, its key order, indentless sequences, wrapping at 80 columns), so waybill
// writes them itself.

const BEST_WIDTH = 80;

/** Prints a JSON value as kustomize prints a resource (go-yaml v2 style), ending with a newline. */
export function printKustomizeYaml(value: unknown): string {
  const out: string[] = [];
  const line = { text: '' };
  const flush = () => {
    out.push(line.text);
    line.text = '';
  };
  emitNode(value, 0, line, flush, 'top');
  // The last line is always pending (a kept block scalar may end in an empty line).
  flush();
  return `${out.join('\n')}\n`;
}

type Ctx = 'top' | 'map' | 'seq';

interface Line {
  text: string;
}

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function emitNode(value: unknown, indent: number, line: Line, flush: () => void, ctx: Ctx): void {
  if (isMap(value)) {
    const keys = sortKeys(Object.keys(value));
    if (keys.length === 0) {
      line.text += ctx === 'top' ? '{}' : ' {}';
      return;
    }
    let first = true;
    for (const key of keys) {
      if (!(first && ctx === 'seq')) {
        if (ctx !== 'top' || !first) flush();
        line.text = ' '.repeat(indent);
      }
      first = false;
      line.text += `${formatKey(key)}:`;
      emitValue(value[key], indent, line, flush, 'map');
    }
    return;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) {
      line.text += ctx === 'top' ? '[]' : ' []';
      return;
    }
    let first = true;
    for (const item of value) {
      if (!(first && ctx === 'seq')) {
        if (ctx !== 'top' || !first) flush();
        line.text = ' '.repeat(indent);
      }
      first = false;
      line.text += '-';
      emitValue(item, indent, line, flush, 'seq');
    }
    return;
  }
  emitScalar(value, indent, line, flush);
}

/** Emits the value after `key:` or `-`; `indent` is the key's (or dash's) column. */
function emitValue(value: unknown, indent: number, line: Line, flush: () => void, after: 'map' | 'seq'): void {
  if (isMap(value) && Object.keys(value).length > 0) {
    if (after === 'seq') {
      line.text += ' ';
      emitNode(value, indent + 2, line, flush, 'seq');
    } else {
      emitNode(value, indent + 2, line, flush, 'map');
    }
    return;
  }
  if (Array.isArray(value) && value.length > 0) {
    if (after === 'seq') {
      line.text += ' ';
      emitNode(value, indent + 2, line, flush, 'seq');
    } else {
      // go-yaml v2 writes a sequence under a key at the key's own indentation.
      emitNode(value, indent, line, flush, 'map');
    }
    return;
  }
  if (isMap(value) || Array.isArray(value)) {
    emitNode(value, indent, line, flush, 'map');
    return;
  }
  emitScalar(value, indent + 2, line, flush, true);
}

function emitScalar(value: unknown, indent: number, line: Line, flush: () => void, afterIndicator = false): void {
  const sep = afterIndicator ? ' ' : '';
  if (value === null || value === undefined) {
    line.text += `${sep}null`;
    return;
  }
  if (typeof value === 'boolean') {
    line.text += `${sep}${value ? 'true' : 'false'}`;
    return;
  }
  if (typeof value === 'number') {
    line.text += `${sep}${formatNumber(value)}`;
    return;
  }
  if (typeof value === 'bigint') {
    line.text += `${sep}${value.toString()}`;
    return;
  }
  const s = typeof value === 'string' ? value : JSON.stringify(value);
  const style = scalarStyle(s, false);
  line.text += sep;
  writeScalar(s, style, indent, line, flush, true);
}

/** A number as go-yaml v2 prints the value JSON decoding gave (integers as such, floats with %g). */
export function formatNumber(n: number): string {
  if (Number.isNaN(n)) return '.nan';
  if (n === Infinity) return '.inf';
  if (n === -Infinity) return '-.inf';
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return Object.is(n, -0) ? '0' : n.toFixed(0);
  const exp = Number(n.toExponential().split('e')[1]);
  if (exp < -4 || exp >= 21 || (!Number.isInteger(n) && exp >= 6)) {
    const [mant, e] = n.toExponential().split('e') as [string, string];
    const sign = e.startsWith('-') ? '-' : '+';
    const digits = e.replace(/^[+-]/, '');
    return `${mant}e${sign}${digits.length < 2 ? `0${digits}` : digits}`;
  }
  return String(n);
}

function formatKey(key: string): string {
  const style = scalarStyle(key, true);
  const line = { text: '' };
  writeScalar(key, style, 0, line, () => undefined, false);
  return line.text;
}

type Style = 'plain' | 'single' | 'double' | 'literal';

/** The style go-yaml v2 picks for a string value (or key). */
export function scalarStyle(s: string, simpleKey: boolean): Style {
  const canUsePlain = resolvesToString(s) && !isBase60Float(s);
  let style: Style = s.includes('\n') ? 'literal' : canUsePlain ? 'plain' : 'double';
  const a = analyzeScalar(s);
  if (simpleKey && a.multiline) return 'double';
  if (style === 'plain') {
    if (!a.blockPlainAllowed) style = 'single';
    if (s.length === 0 && simpleKey) style = 'single';
  }
  if (style === 'single' && !a.singleQuotedAllowed) style = 'double';
  if (style === 'literal' && (!a.blockAllowed || simpleKey)) style = 'double';
  return style;
}

interface Analysis {
  multiline: boolean;
  blockPlainAllowed: boolean;
  singleQuotedAllowed: boolean;
  blockAllowed: boolean;
}

const isBreak = (c: string | undefined) => c === '\r' || c === '\n' || c === '\u0085' || c === '\u2028' || c === '\u2029';
const isBlank = (c: string | undefined) => c === ' ' || c === '\t';

function isPrintable(c: string): boolean {
  const cp = c.codePointAt(0) as number;
  return (
    cp === 0x0a ||
    (cp >= 0x20 && cp <= 0x7e) ||
    cp === 0x85 ||
    (cp >= 0xa0 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

function analyzeScalar(s: string): Analysis {
  if (s.length === 0) return { multiline: false, blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: false };
  const chars = Array.from(s);
  let blockIndicators = false;
  let special = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let previousSpace = false;
  let previousBreak = false;
  let lineBreaks = false;
  let precededByWhitespace = true;
  if (s.startsWith('---') || s.startsWith('...')) blockIndicators = true;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] as string;
    const next = chars[i + 1];
    const followedByWhitespace = next === undefined || isBlank(next) || isBreak(next);
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(c)) blockIndicators = true;
      else if ((c === '?' || c === ':' || c === '-') && followedByWhitespace) blockIndicators = true;
    } else if (c === ':' && followedByWhitespace) {
      blockIndicators = true;
    } else if (c === '#' && precededByWhitespace) {
      blockIndicators = true;
    }
    if (!isPrintable(c)) special = true;
    if (c === ' ') {
      if (i === 0) leadingSpace = true;
      if (i === chars.length - 1) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreak(c)) {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (i === chars.length - 1) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = isBlank(c) || isBreak(c);
  }
  let blockPlainAllowed = true;
  let singleQuotedAllowed = true;
  let blockAllowed = true;
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) blockPlainAllowed = false;
  if (trailingSpace) blockAllowed = false;
  if (breakSpace) {
    blockPlainAllowed = false;
    singleQuotedAllowed = false;
  }
  if (spaceBreak || special) {
    blockPlainAllowed = false;
    singleQuotedAllowed = false;
    blockAllowed = false;
  }
  if (lineBreaks) blockPlainAllowed = false;
  if (blockIndicators) blockPlainAllowed = false;
  return { multiline: lineBreaks, blockPlainAllowed, singleQuotedAllowed, blockAllowed };
}

const YAML11_SPECIAL: ReadonlySet<string> = new Set([
  '',
  '~',
  'null',
  'Null',
  'NULL',
  'y',
  'Y',
  'yes',
  'Yes',
  'YES',
  'on',
  'On',
  'ON',
  'n',
  'N',
  'no',
  'No',
  'NO',
  'off',
  'Off',
  'OFF',
  'true',
  'True',
  'TRUE',
  'false',
  'False',
  'FALSE',
  '.inf',
  '.Inf',
  '.INF',
  '+.inf',
  '+.Inf',
  '+.INF',
  '-.inf',
  '-.Inf',
  '-.INF',
  '.nan',
  '.NaN',
  '.NAN',
  '<<',
]);

const YAML_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const GO_INT = /^[-+]?(0[xX][0-9a-fA-F]+|0[oO]?[0-7]+|0[bB][01]+|[0-9]+)$/;
const TIMESTAMP = /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(([Tt]|[ \t]+)[0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(\.[0-9]*)?(Z|[ \t]*[-+][0-9]{1,2}(:[0-9]{2})?)?)?$/;

/** Whether go-yaml v2 would read the plain text back as a string (not a bool, number, null or date). */
function resolvesToString(s: string): boolean {
  if (YAML11_SPECIAL.has(s)) return false;
  const c = s[0] as string;
  if (c === '.' && /^\.[0-9]/.test(s)) return !YAML_FLOAT.test(s);
  if (!(c === '+' || c === '-' || (c >= '0' && c <= '9'))) return true;
  if (TIMESTAMP.test(s)) return false;
  const plain = s.replace(/_/g, '');
  if (GO_INT.test(plain)) return false;
  if (YAML_FLOAT.test(plain)) return false;
  if (/^-?0[bB][01]+$/.test(plain)) return false;
  return true;
}

function isBase60Float(s: string): boolean {
  return /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/.test(s);
}

function writeScalar(s: string, style: Style, indent: number, line: Line, flush: () => void, allowBreaks: boolean): void {
  switch (style) {
    case 'plain':
      writeFolding(s, indent, line, flush, allowBreaks, '', '', (c) => c);
      return;
    case 'single':
      writeFolding(s, indent, line, flush, allowBreaks, "'", "'", (c) => (c === "'" ? "''" : c));
      return;
    case 'double':
      writeDouble(s, indent, line, flush, allowBreaks);
      return;
    case 'literal':
      writeLiteral(s, indent, line, flush);
      return;
  }
}

const column = (line: Line) => Array.from(line.text).length;

function writeFolding(s: string, indent: number, line: Line, flush: () => void, allowBreaks: boolean, open: string, close: string, map: (c: string) => string): void {
  line.text += open;
  const chars = Array.from(s);
  let spaces = false;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] as string;
    if (c === ' ') {
      const quoted = open !== '';
      const edgeOk = !quoted || (i > 0 && i < chars.length - 1);
      if (allowBreaks && !spaces && column(line) > BEST_WIDTH && edgeOk && chars[i + 1] !== ' ') {
        flush();
        line.text = ' '.repeat(indent);
      } else {
        line.text += c;
      }
      spaces = true;
    } else {
      line.text += map(c);
      spaces = false;
    }
  }
  line.text += close;
}

function writeDouble(s: string, indent: number, line: Line, flush: () => void, allowBreaks: boolean): void {
  line.text += '"';
  const chars = Array.from(s);
  let spaces = false;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] as string;
    const cp = c.codePointAt(0) as number;
    if (!isPrintable(c) || cp === 0xfeff || isBreak(c) || c === '"' || c === '\\') {
      line.text += escapeDouble(c, cp);
      spaces = false;
    } else if (c === ' ') {
      if (allowBreaks && !spaces && column(line) > BEST_WIDTH && i > 0 && i < chars.length - 1) {
        flush();
        line.text = ' '.repeat(indent);
        if (chars[i + 1] === ' ') line.text += '\\';
      } else {
        line.text += c;
      }
      spaces = true;
    } else {
      line.text += c;
      spaces = false;
    }
  }
  line.text += '"';
}

function escapeDouble(c: string, cp: number): string {
  switch (c) {
    case '\0':
      return '\\0';
    case '\x07':
      return '\\a';
    case '\b':
      return '\\b';
    case '\t':
      return '\\t';
    case '\n':
      return '\\n';
    case '\v':
      return '\\v';
    case '\f':
      return '\\f';
    case '\r':
      return '\\r';
    case '\x1b':
      return '\\e';
    case '"':
      return '\\"';
    case '\\':
      return '\\\\';
    case '\u0085':
      return '\\N';
    case '\u00a0':
      return '\\_';
    case '\u2028':
      return '\\L';
    case '\u2029':
      return '\\P';
  }
  const hex = cp.toString(16).toUpperCase();
  if (cp <= 0xff) return `\\x${hex.padStart(2, '0')}`;
  if (cp <= 0xffff) return `\\u${hex.padStart(4, '0')}`;
  return `\\U${hex.padStart(8, '0')}`;
}

function writeLiteral(s: string, indent: number, line: Line, flush: () => void): void {
  line.text += '|';
  const first = s[0];
  if (first === ' ' || isBreak(first)) line.text += '2';
  const last = s[s.length - 1];
  if (!isBreak(last)) line.text += '-';
  else if (s.length === 1 || isBreak(s[s.length - 2])) line.text += '+';
  flush();
  // The body: each line at the indentation, empty lines left empty.
  const body = isBreak(last) ? s.slice(0, -1) : s;
  const lines = body.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i] as string;
    line.text = text === '' ? '' : ' '.repeat(indent) + text;
    if (i < lines.length - 1) flush();
  }
}

/** Sorts map keys as go-yaml v2 does: numbers in digit runs compare by value, letters after other characters. */
export function sortKeys(keys: readonly string[]): string[] {
  return [...keys].sort((a, b) => (keyLess(a, b) ? -1 : keyLess(b, a) ? 1 : 0));
}

const isLetter = (c: string) => /\p{L}/u.test(c);
const isDigit = (c: string | undefined) => c !== undefined && /\p{Nd}/u.test(c);

function keyLess(a: string, b: string): boolean {
  const ar = Array.from(a);
  const br = Array.from(b);
  for (let i = 0; i < ar.length && i < br.length; i++) {
    const ac = ar[i] as string;
    const bc = br[i] as string;
    if (ac === bc) continue;
    const al = isLetter(ac);
    const bl = isLetter(bc);
    if (al && bl) return (ac.codePointAt(0) as number) < (bc.codePointAt(0) as number);
    if (al || bl) return bl;
    let an = 0;
    let bn = 0;
    if (ac === '0' || bc === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]); j--) {
        if (ar[j] !== '0') {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    let ai = i;
    for (; ai < ar.length && isDigit(ar[ai]); ai++) an = an * 10 + ((ar[ai] as string).charCodeAt(0) - 48);
    let bi = i;
    for (; bi < br.length && isDigit(br[bi]); bi++) bn = bn * 10 + ((br[bi] as string).charCodeAt(0) - 48);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return (ac.codePointAt(0) as number) < (bc.codePointAt(0) as number);
  }
  return ar.length < br.length;
}
