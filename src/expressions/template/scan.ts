/** One of the two delimiter pairs a template may use around an expression. */
export interface TemplateDelimiter {
  readonly open: '${{' | '${%';
  readonly close: '}}' | '%}';
}

/** The delimiter pairs Kargo recognizes, in the order it tries them. */
export const TEMPLATE_DELIMITERS: readonly TemplateDelimiter[] = [
  { open: '${{', close: '}}' },
  { open: '${%', close: '%}' },
];

/** Literal text of a template, copied to the output as it is. */
export interface TextSegment {
  readonly kind: 'text';
  readonly text: string;
  /** 0-based offset of the text in the template. */
  readonly offset: number;
}

/** An expression found between delimiters. */
export interface ExpressionSegment {
  readonly kind: 'expression';
  /** The expression source between the delimiters, untrimmed. */
  readonly source: string;
  /** 0-based offset of the opening delimiter in the template. */
  readonly openOffset: number;
  /** 0-based offset of the first character of `source` in the template. */
  readonly offset: number;
  readonly delimiter: TemplateDelimiter;
}

/** A piece of a scanned template. */
export type TemplateSegment = TextSegment | ExpressionSegment;

/** The outcome of {@link scanTemplate}: the pieces, or where an expression was left open. */
export type ScanOutcome =
  | { readonly ok: true; readonly segments: readonly TemplateSegment[] }
  | { readonly ok: false; readonly message: string; readonly offset: number; readonly delimiter: TemplateDelimiter };

/** True when the text holds at least one opening delimiter, so it is a template at all. */
export function hasTemplateDelimiters(text: string): boolean {
  return TEMPLATE_DELIMITERS.some((d) => text.includes(d.open));
}

/**
 * Splits a template into literal text and expressions the way Kargo does: the earliest opener of
 * either kind starts an expression, which ends at the first matching closer after it. There is no
 * nesting: a `}}` inside a string or map literal ends the expression early (use `${% %}` then).
 */
export function scanTemplate(template: string): ScanOutcome {
  const segments: TemplateSegment[] = [];
  let position = 0;
  for (;;) {
    let delimiter: TemplateDelimiter | undefined;
    let openAt = -1;
    for (const d of TEMPLATE_DELIMITERS) {
      const i = template.indexOf(d.open, position);
      if (i >= 0 && (openAt < 0 || i < openAt)) {
        openAt = i;
        delimiter = d;
      }
    }
    if (delimiter === undefined) {
      if (position < template.length || segments.length === 0) {
        segments.push({ kind: 'text', text: template.slice(position), offset: position });
      }
      return { ok: true, segments };
    }
    if (openAt > position) segments.push({ kind: 'text', text: template.slice(position, openAt), offset: position });
    const start = openAt + delimiter.open.length;
    const closeAt = template.indexOf(delimiter.close, start);
    if (closeAt < 0) {
      return {
        ok: false,
        message: `unclosed expression: expected ${JSON.stringify(delimiter.close)} but reached end of template`,
        offset: openAt,
        delimiter,
      };
    }
    segments.push({ kind: 'expression', source: template.slice(start, closeAt), openOffset: openAt, offset: start, delimiter });
    position = closeAt + delimiter.close.length;
  }
}

/** A 1-based line and column (in UTF-16 code units) of an offset in a text. */
export interface LineColumn {
  readonly line: number;
  readonly column: number;
}

/** Converts a 0-based offset into a 1-based line and column. */
export function lineColumnAt(text: string, offset: number): LineColumn {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(Math.max(offset, 0), text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

/** Converts a 1-based line and column back into a 0-based offset (clamped to the text). */
export function offsetAt(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf('\n', offset);
    if (nl < 0) return text.length;
    offset = nl + 1;
  }
  return Math.min(offset + Math.max(column - 1, 0), text.length);
}
