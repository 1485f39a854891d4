/** A JSON value located in its text: `[start, end)` covers the value's characters. */
export type JsonNode =
  | { readonly kind: 'object'; readonly start: number; readonly end: number; readonly members: readonly JsonMember[] }
  | { readonly kind: 'array'; readonly start: number; readonly end: number; readonly items: readonly JsonNode[] }
  | { readonly kind: 'scalar'; readonly start: number; readonly end: number };

/** One member of a JSON object: its decoded key, where the key's string token is, and its value. */
export interface JsonMember {
  readonly key: string;
  readonly keyStart: number;
  readonly keyEnd: number;
  readonly value: JsonNode;
}

/** The value tree of a JSON text, or where and why it is not valid JSON. */
export type JsonScan = { readonly ok: true; readonly root: JsonNode | undefined } | { readonly ok: false; readonly offset: number; readonly reason: string };

const MAX_DEPTH = 512;
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?/y;
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;

class JsonSyntaxError {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {}
}

/**
 * Scans a JSON text (RFC 8259) into a tree of value positions, so edits can replace or insert
 * text without re-serializing the file. A text of only white space has no root. Nesting deeper
 * than 512 levels is refused rather than risking the stack.
 */
export function scanJson(text: string): JsonScan {
  let at = 0;
  const skip = (): void => {
    while (at < text.length) {
      const c = text.charCodeAt(at);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) at++;
      else break;
    }
  };
  const fail = (reason: string): never => {
    throw new JsonSyntaxError(at, reason);
  };
  const readString = (): [number, number] => {
    STRING.lastIndex = at;
    if (!STRING.test(text)) fail('invalid string');
    const start = at;
    at = STRING.lastIndex;
    return [start, at];
  };
  const value = (depth: number): JsonNode => {
    if (depth > MAX_DEPTH) fail('nesting is too deep');
    skip();
    const start = at;
    const ch = text[at];
    if (ch === '{') {
      at++;
      const members: JsonMember[] = [];
      skip();
      if (text[at] === '}') return { kind: 'object', start, end: ++at, members };
      for (;;) {
        skip();
        if (text[at] !== '"') fail('expected a string key');
        const [keyStart, keyEnd] = readString();
        skip();
        if (text[at] !== ':') fail('expected ":"');
        at++;
        const v = value(depth + 1);
        members.push({ key: JSON.parse(text.slice(keyStart, keyEnd)) as string, keyStart, keyEnd, value: v });
        skip();
        if (text[at] === ',') {
          at++;
          continue;
        }
        if (text[at] === '}') return { kind: 'object', start, end: ++at, members };
        fail('expected "," or "}"');
      }
    }
    if (ch === '[') {
      at++;
      const items: JsonNode[] = [];
      skip();
      if (text[at] === ']') return { kind: 'array', start, end: ++at, items };
      for (;;) {
        items.push(value(depth + 1));
        skip();
        if (text[at] === ',') {
          at++;
          continue;
        }
        if (text[at] === ']') return { kind: 'array', start, end: ++at, items };
        fail('expected "," or "]"');
      }
    }
    if (ch === '"') {
      const [s, e] = readString();
      return { kind: 'scalar', start: s, end: e };
    }
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, at)) {
        at += word.length;
        return { kind: 'scalar', start, end: at };
      }
    }
    NUMBER.lastIndex = at;
    if (NUMBER.test(text)) {
      at = NUMBER.lastIndex;
      return { kind: 'scalar', start, end: at };
    }
    return fail(at >= text.length ? 'unexpected end of input' : `unexpected character ${JSON.stringify(ch)}`);
  };
  try {
    // A byte order mark is not JSON, but editors write one; it is kept, not read.
    if (text.charCodeAt(0) === 0xfeff) at = 1;
    skip();
    if (at >= text.length) return { ok: true, root: undefined };
    const root = value(0);
    skip();
    if (at < text.length) fail('unexpected text after the value');
    return { ok: true, root };
  } catch (e) {
    if (e instanceof JsonSyntaxError) return { ok: false, offset: e.offset, reason: e.reason };
    throw e;
  }
}
