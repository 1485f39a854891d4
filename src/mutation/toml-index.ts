/**
 * A byte-span index of a TOML document: for every table, array table, array, inline table and
 * scalar value, its path in the parsed data and where its text starts and ends.
 *
 * Written here because no JavaScript TOML library hands out token positions: smol-toml (which
 * waybill uses to validate a file and to read its data) returns plain values only. The scanner
 * below runs only on text smol-toml has already accepted, so it can stay small; it still never
 * throws at a caller: anything it does not understand becomes an issue.
 */
import { createIssue, type Issue } from '../errors/index.js';
import { err, ok, type Result } from '../result.js';
import { findLineStarts, positionAt } from './text-lines.js';

/** What a node of a TOML document is, spelled as go-toml names its node kinds. */
export type TomlNodeKind =
  | 'Table'
  | 'ArrayTable'
  | 'Array'
  | 'InlineTable'
  | 'String'
  | 'Bool'
  | 'Float'
  | 'Integer'
  | 'LocalDate'
  | 'LocalTime'
  | 'LocalDateTime'
  | 'DateTime';

/** The scalar node kinds: the only ones a value edit may replace. */
export const TOML_SCALAR_KINDS: ReadonlySet<TomlNodeKind> = new Set<TomlNodeKind>(['String', 'Bool', 'Float', 'Integer', 'LocalDate', 'LocalTime', 'LocalDateTime', 'DateTime']);

/**
 * One node of a TOML document. `path` is its place in the parsed data (table keys as written
 * once unquoted; array and array-table items as decimal indexes). `[start, end)` is the token of a
 * scalar (quotes included), the whole `[...]`/`{...}` of an array or inline table, the header of a
 * table or array table, or, for a table only implied by a header or a dotted key, that key.
 */
export interface TomlNode {
  readonly kind: TomlNodeKind;
  readonly path: readonly string[];
  readonly start: number;
  readonly end: number;
}

/**
 * Every node of a TOML document by its encoded data path (see {@link encodeTomlPath}), and the
 * paths Kargo gives nodes under sub-tables of array tables. Kargo numbers `[[a.b]]` items per
 * header text and does not put an item's index into the path of a `[a.sub]` table that follows
 * it (`fruits.physical.color` where the data path is `fruits.0.physical.color`); waybill uses the
 * data path, and still finds a node by Kargo's path when no data path has that spelling, so keys
 * written for Kargo keep working.
 */
export interface TomlIndex {
  readonly nodes: ReadonlyMap<string, TomlNode>;
  /** Kargo's path (encoded) to the data path (encoded), where the two differ. */
  readonly kargoPaths: ReadonlyMap<string, string>;
}

/** The node at a path: the data path first, else Kargo's spelling of it. */
export function findTomlNode(index: TomlIndex, path: readonly string[]): TomlNode | undefined {
  const encoded = encodeTomlPath(path);
  const node = index.nodes.get(encoded);
  if (node !== undefined) return node;
  const real = index.kargoPaths.get(encoded);
  return real === undefined ? undefined : index.nodes.get(real);
}

/** The key of a data path in a {@link TomlIndex}. */
export function encodeTomlPath(path: readonly string[]): string {
  return JSON.stringify(path);
}

class ScanError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const BARE_KEY = /[A-Za-z0-9_-]/;
const SCALAR_END = /[ \t\r\n,\]}#]/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Indexes every node of a TOML text. Call it on text that parses (smol-toml): a text it cannot
 * follow gives a `TOML_PARSE` issue with the position where it stopped.
 */
export function indexToml(text: string): Result<TomlIndex> {
  const scanner = new TomlScanner(text);
  try {
    scanner.scanDocument();
    return ok({ nodes: scanner.nodes, kargoPaths: scanner.kargoPaths });
  } catch (e) {
    const offset = e instanceof ScanError ? e.offset : scanner.pos;
    const why = e instanceof Error ? e.message : String(e);
    const at = positionAt(findLineStarts(text), Math.min(offset, text.length));
    return err(createIssue('TOML_PARSE', `error parsing input: ${why}`, { line: at.line, column: at.column }));
  }
}

class TomlScanner {
  pos = 0;
  readonly nodes = new Map<string, TomlNode>();
  readonly kargoPaths = new Map<string, string>();
  // Items seen so far of each array of tables, by the encoded data path of the array.
  private readonly arrayTables = new Map<string, number>();
  // Items seen so far of each array-table header, by its text (Kargo's numbering).
  private readonly headerCounts = new Map<string, number>();
  // The current table's data path and Kargo's path for it.
  private aliasFrom: readonly string[] = [];
  private aliasTo: readonly string[] = [];

  constructor(private readonly text: string) {}

  scanDocument(): void {
    let table: string[] = [];
    for (;;) {
      this.skipBlank();
      if (this.pos >= this.text.length) return;
      const start = this.pos;
      if (this.text.startsWith('[[', this.pos)) {
        this.pos += 2;
        const key = this.readKey();
        this.skipSpaces();
        this.expect(']]');
        const n = this.headerCounts.get(encodeTomlPath(key)) ?? 0;
        this.headerCounts.set(encodeTomlPath(key), n + 1);
        this.setAlias([], []);
        table = this.openArrayTable(key, start, this.pos);
        this.setAlias(table, [...key, String(n)]);
        this.register('ArrayTable', table, start, this.pos);
        const base = encodeTomlPath(table.slice(0, -1));
        if (base !== encodeTomlPath(key)) this.kargoPaths.set(encodeTomlPath(key), base);
      } else if (this.text[this.pos] === '[') {
        this.pos += 1;
        const key = this.readKey();
        this.skipSpaces();
        this.expect(']');
        table = this.resolveTablePath(key);
        this.setAlias(table, key);
        this.registerParents(table, start, this.pos);
        this.register('Table', table, start, this.pos);
      } else {
        this.readKeyValue(table);
      }
      this.skipSpaces();
      this.skipComment();
      if (this.pos < this.text.length && !this.atNewline()) throw new ScanError('expected the end of the line', this.pos);
    }
  }

  /** Opens the next item of an array of tables and returns its data path. */
  private openArrayTable(key: readonly string[], start: number, end: number): string[] {
    const parent = this.resolveTablePath(key.slice(0, -1));
    const base = [...parent, ...key.slice(-1)];
    const encoded = encodeTomlPath(base);
    const index = this.arrayTables.get(encoded) ?? 0;
    this.arrayTables.set(encoded, index + 1);
    this.registerParents(base, start, end);
    if (!this.nodes.has(encoded)) this.register('ArrayTable', base, start, end);
    const item = [...base, String(index)];
    this.register('ArrayTable', item, start, end);
    return item;
  }

  /** A header's key as a data path: a part naming an array of tables continues in its last item. */
  private resolveTablePath(key: readonly string[]): string[] {
    const path: string[] = [];
    for (const part of key) {
      path.push(part);
      const count = this.arrayTables.get(encodeTomlPath(path));
      if (count !== undefined && count > 0) path.push(String(count - 1));
    }
    return path;
  }

  private readKeyValue(table: readonly string[]): void {
    const keyStart = this.pos;
    const key = this.readKey();
    this.skipSpaces();
    this.expect('=');
    this.skipSpaces();
    const path = [...table, ...key];
    this.registerParents(path, keyStart, keyStart, table.length + 1);
    this.readValue(path);
  }

  private readValue(path: readonly string[]): void {
    const start = this.pos;
    const ch = this.text[this.pos];
    if (ch === '"' || ch === "'") {
      this.skipString();
      this.register('String', path, start, this.pos);
    } else if (ch === '[') {
      this.readArray(path, start);
    } else if (ch === '{') {
      this.readInlineTable(path, start);
    } else {
      this.readBareScalar(path, start);
    }
  }

  private readArray(path: readonly string[], start: number): void {
    this.pos += 1;
    let index = 0;
    for (;;) {
      this.skipBlank();
      if (this.text[this.pos] === ']') break;
      this.readValue([...path, String(index)]);
      index += 1;
      this.skipBlank();
      if (this.text[this.pos] === ',') {
        this.pos += 1;
        continue;
      }
      if (this.text[this.pos] !== ']') throw new ScanError('expected "," or "]" in an array', this.pos);
      break;
    }
    this.pos += 1;
    this.register('Array', path, start, this.pos);
  }

  private readInlineTable(path: readonly string[], start: number): void {
    this.pos += 1;
    // Registered first, so that keys inside count it as an existing parent.
    this.register('InlineTable', path, start, start + 1);
    for (;;) {
      this.skipBlank();
      if (this.text[this.pos] === '}') break;
      const keyStart = this.pos;
      const key = this.readKey();
      this.skipSpaces();
      this.expect('=');
      this.skipSpaces();
      const child = [...path, ...key];
      this.registerParents(child, keyStart, keyStart, path.length + 1);
      this.readValue(child);
      this.skipBlank();
      if (this.text[this.pos] === ',') {
        this.pos += 1;
        continue;
      }
      if (this.text[this.pos] !== '}') throw new ScanError('expected "," or "}" in an inline table', this.pos);
      break;
    }
    this.pos += 1;
    this.register('InlineTable', path, start, this.pos);
  }

  private readBareScalar(path: readonly string[], start: number): void {
    while (this.pos < this.text.length && !SCALAR_END.test(this.text[this.pos] as string)) this.pos += 1;
    // A date and a time may be separated by one space: `1979-05-27 07:32:00Z`.
    if (DATE.test(this.text.slice(start, this.pos)) && this.text[this.pos] === ' ' && /^\d{2}:/.test(this.text.slice(this.pos + 1, this.pos + 4))) {
      this.pos += 1;
      while (this.pos < this.text.length && !SCALAR_END.test(this.text[this.pos] as string)) this.pos += 1;
    }
    const token = this.text.slice(start, this.pos);
    if (token === '') throw new ScanError('expected a value', start);
    this.register(classifyBareScalar(token), path, start, this.pos);
  }

  /** A dotted key: its parts, unquoted. */
  private readKey(): string[] {
    const parts: string[] = [];
    for (;;) {
      this.skipSpaces();
      parts.push(this.readSimpleKey());
      this.skipSpaces();
      if (this.text[this.pos] !== '.') return parts;
      this.pos += 1;
    }
  }

  private readSimpleKey(): string {
    const ch = this.text[this.pos];
    if (ch === '"' || ch === "'") {
      const start = this.pos;
      this.skipString();
      return ch === "'" ? this.text.slice(start + 1, this.pos - 1) : decodeBasicString(this.text.slice(start + 1, this.pos - 1), start + 1);
    }
    const start = this.pos;
    while (this.pos < this.text.length && BARE_KEY.test(this.text[this.pos] as string)) this.pos += 1;
    if (this.pos === start) throw new ScanError('expected a key', start);
    return this.text.slice(start, this.pos);
  }

  /** Moves past a string of any of the four kinds, its quotes included. */
  private skipString(): void {
    const quote = this.text[this.pos] as string;
    const triple = quote.repeat(3);
    if (this.text.startsWith(triple, this.pos)) {
      let i = this.pos + 3;
      for (;;) {
        if (i >= this.text.length) throw new ScanError('unterminated multi-line string', this.pos);
        if (quote === '"' && this.text[i] === '\\') {
          i += 2;
          continue;
        }
        if (this.text.startsWith(triple, i)) {
          // Up to two quotes right before the closing ones belong to the content.
          let run = 3;
          while (run < 5 && this.text[i + run] === quote) run += 1;
          this.pos = i + run;
          return;
        }
        i += 1;
      }
    }
    let i = this.pos + 1;
    for (;;) {
      const c = this.text[i];
      if (c === undefined || c === '\n') throw new ScanError('unterminated string', this.pos);
      if (quote === '"' && c === '\\') {
        i += 2;
        continue;
      }
      if (c === quote) {
        this.pos = i + 1;
        return;
      }
      i += 1;
    }
  }

  private register(kind: TomlNodeKind, path: readonly string[], start: number, end: number): void {
    const encoded = encodeTomlPath(path);
    this.nodes.set(encoded, { kind, path: [...path], start, end });
    const from = this.aliasFrom;
    if (from.length === 0 || path.length < from.length || !from.every((p, i) => path[i] === p)) return;
    const alias = encodeTomlPath([...this.aliasTo, ...path.slice(from.length)]);
    if (alias !== encoded) this.kargoPaths.set(alias, encoded);
  }

  private setAlias(table: readonly string[], kargo: readonly string[]): void {
    this.aliasFrom = table;
    this.aliasTo = kargo;
  }

  /** Records the tables a header or a dotted key implies without defining them. */
  private registerParents(path: readonly string[], start: number, end: number, from = 1): void {
    for (let n = Math.max(from, 1); n < path.length; n++) {
      const parent = path.slice(0, n);
      if (!this.nodes.has(encodeTomlPath(parent))) this.register('Table', parent, start, end);
    }
  }

  private expect(token: string): void {
    if (!this.text.startsWith(token, this.pos)) throw new ScanError(`expected ${JSON.stringify(token)}`, this.pos);
    this.pos += token.length;
  }

  private skipSpaces(): void {
    while (this.text[this.pos] === ' ' || this.text[this.pos] === '\t') this.pos += 1;
  }

  private skipComment(): void {
    if (this.text[this.pos] !== '#') return;
    while (this.pos < this.text.length && this.text[this.pos] !== '\n') this.pos += 1;
  }

  private atNewline(): boolean {
    if (this.text[this.pos] === '\n') return true;
    return this.text[this.pos] === '\r' && this.text[this.pos + 1] === '\n';
  }

  /** Skips white space, line breaks and comments. */
  private skipBlank(): void {
    for (;;) {
      const c = this.text[this.pos];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') this.pos += 1;
      else if (c === '#') this.skipComment();
      else return;
    }
  }
}

/** The kind of a value written without quotes or brackets: a boolean, a number or a date/time. */
function classifyBareScalar(token: string): TomlNodeKind {
  if (token === 'true' || token === 'false') return 'Bool';
  if (/^[+-]?(inf|nan)$/.test(token)) return 'Float';
  if (/^\d{2}:\d{2}/.test(token)) return 'LocalTime';
  if (DATE.test(token)) return 'LocalDate';
  if (/^\d{4}-\d{2}-\d{2}[Tt ]/.test(token)) return /([Zz]|[+-]\d{2}:\d{2})$/.test(token) ? 'DateTime' : 'LocalDateTime';
  if (/^0[xob]/.test(token)) return 'Integer';
  if (/^[+-]?[0-9_]+$/.test(token)) return 'Integer';
  return 'Float';
}

/** The text of a basic string's content (without its quotes), escapes resolved. */
export function decodeBasicString(raw: string, offset = 0): string {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i] as string;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = raw[i + 1];
    i += 1;
    switch (e) {
      case 'b':
        out += '\b';
        break;
      case 't':
        out += '\t';
        break;
      case 'n':
        out += '\n';
        break;
      case 'f':
        out += '\f';
        break;
      case 'r':
        out += '\r';
        break;
      case 'e':
        out += '\x1b';
        break;
      case '"':
        out += '"';
        break;
      case '\\':
        out += '\\';
        break;
      case 'x':
      case 'u':
      case 'U': {
        const width = e === 'x' ? 2 : e === 'u' ? 4 : 8;
        const hex = raw.slice(i + 1, i + 1 + width);
        const code = /^[0-9A-Fa-f]+$/.test(hex) && hex.length === width ? Number.parseInt(hex, 16) : Number.NaN;
        if (!(code <= 0x10ffff)) throw new ScanError(`invalid escape "\\${e}${hex}"`, offset + i);
        out += String.fromCodePoint(code);
        i += width;
        break;
      }
      default:
        throw new ScanError(`invalid escape "\\${e ?? ''}"`, offset + i);
    }
  }
  return out;
}

/** Issues for positions in a text: the 1-based line and column of an offset. */
export function tomlIssueAt(text: string, offset: number, code: 'TOML_KEY_NOT_FOUND' | 'TOML_NOT_A_SCALAR' | 'TOML_UNSUPPORTED_VALUE', message: string, path: readonly string[]): Issue {
  const at = positionAt(findLineStarts(text), offset);
  return createIssue(code, message, { path: [...path], line: at.line, column: at.column });
}
