import { isPlainSafe, isPrintable, isSingleLinePrintable } from './yaml-plain.js';

/** How the scalar being replaced was written. */
export type ScalarStyle = 'plain' | 'single' | 'double' | 'block';

/** Where a rendered value goes: the style of the token it replaces, and whether it sits inside a flow collection. */
export interface RenderContext {
  readonly style: ScalarStyle;
  readonly flow: boolean;
}

/** A rendered value, or the reason a value cannot be written as YAML. */
export type Rendered = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly reason: string };

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\t': '\\t',
  '\r': '\\r',
  '\0': '\\0',
};

/** Writes a string double-quoted, escaping quotes, backslashes, line breaks and non-printable characters. */
export function quoteDouble(text: string): string {
  let out = '"';
  for (const ch of text) {
    const simple = SIMPLE_ESCAPES[ch];
    if (simple !== undefined) {
      out += simple;
      continue;
    }
    const code = ch.codePointAt(0) as number;
    if (code <= 0xffff && !isPrintable(code)) out += '\\u' + code.toString(16).toUpperCase().padStart(4, '0');
    else out += ch;
  }
  return out + '"';
}

/** Writes a string single-quoted (`'` doubled), or `undefined` when single quotes cannot express it. */
export function quoteSingle(text: string): string | undefined {
  if (!isSingleLinePrintable(text)) return undefined;
  return `'${text.replaceAll("'", "''")}'`;
}

/** Writes a string in the style of the token it replaces, falling back to plain when safe, else double quotes. */
export function renderString(text: string, ctx: RenderContext): string {
  if (ctx.style === 'double') return quoteDouble(text);
  if (ctx.style === 'single') {
    const single = quoteSingle(text);
    if (single !== undefined) return single;
  }
  return isPlainSafe(text, ctx.flow) ? text : quoteDouble(text);
}

/** Writes a number so that YAML reads the same number back. */
export function renderNumber(n: number): string {
  if (Number.isNaN(n)) return '.nan';
  if (n === Infinity) return '.inf';
  if (n === -Infinity) return '-.inf';
  if (Object.is(n, -0)) return '-0';
  return String(n);
}

const PLAIN_IN_FLOW: RenderContext = { style: 'plain', flow: true };

/**
 * Renders any JSON-like value as YAML text for the given context: scalars inline, arrays and
 * plain objects in flow style. Refuses functions, symbols, class instances and cycles.
 */
export function renderValue(value: unknown, ctx: RenderContext, seen: Set<object> = new Set()): Rendered {
  switch (typeof value) {
    case 'string':
      return { ok: true, text: renderString(value, ctx) };
    case 'number':
      return { ok: true, text: renderNumber(value) };
    case 'bigint':
      return { ok: true, text: value.toString() };
    case 'boolean':
      return { ok: true, text: value ? 'true' : 'false' };
    case 'undefined':
      return { ok: true, text: 'null' };
    case 'object':
      return value === null ? { ok: true, text: 'null' } : renderCollection(value, seen);
    default:
      return { ok: false, reason: `a ${typeof value} is not data` };
  }
}

function renderCollection(value: object, seen: Set<object>): Rendered {
  if (seen.has(value)) return { ok: false, reason: 'the value contains a cycle' };
  seen.add(value);
  try {
    if (Array.isArray(value)) {
      const items: string[] = [];
      for (const item of value as unknown[]) {
        const r = renderValue(item, PLAIN_IN_FLOW, seen);
        if (!r.ok) return r;
        items.push(r.text);
      }
      return { ok: true, text: `[${items.join(', ')}]` };
    }
    const proto = Object.getPrototypeOf(value) as unknown;
    if (proto !== Object.prototype && proto !== null) {
      return { ok: false, reason: 'only plain objects and arrays can be written as collections' };
    }
    const entries: string[] = [];
    for (const [k, v] of Object.entries(value)) {
      const r = renderValue(v, PLAIN_IN_FLOW, seen);
      if (!r.ok) return r;
      entries.push(`${renderString(k, PLAIN_IN_FLOW)}: ${r.text}`);
    }
    return { ok: true, text: `{${entries.join(', ')}}` };
  } finally {
    seen.delete(value);
  }
}

