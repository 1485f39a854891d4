import { describe, expect, it } from 'vitest';
import { hasTemplateDelimiters, lineColumnAt, offsetAt, scanTemplate } from '../../../../src/expressions/template/scan.js';

describe('scanTemplate', () => {
  it('splits literal text and expressions, keeping offsets', () => {
    const out = scanTemplate('a ${{ x }} b ${% y %}');
    expect(out).toEqual({
      ok: true,
      segments: [
        { kind: 'text', text: 'a ', offset: 0 },
        { kind: 'expression', source: ' x ', openOffset: 2, offset: 5, delimiter: { open: '${{', close: '}}' } },
        { kind: 'text', text: ' b ', offset: 10 },
        { kind: 'expression', source: ' y ', openOffset: 13, offset: 16, delimiter: { open: '${%', close: '%}' } },
      ],
    });
  });

  it('ends an expression at the first closer, with no nesting', () => {
    const out = scanTemplate("${{ '{{.domain}}' }}");
    expect(out.ok && out.segments[0]).toMatchObject({ kind: 'expression', source: " '{{.domain" });
    expect(out.ok && out.segments[1]).toMatchObject({ kind: 'text', text: "' }}" });
  });

  it('lets ${% %} hold a }} sequence', () => {
    const out = scanTemplate("${% '{{.domain}}' %}");
    expect(out.ok && out.segments).toEqual([
      { kind: 'expression', source: " '{{.domain}}' ", openOffset: 0, offset: 3, delimiter: { open: '${%', close: '%}' } },
    ]);
  });

  it('takes whichever opener comes first', () => {
    const out = scanTemplate('${% a %}${{ b }}');
    expect(out.ok && out.segments.map((s) => (s.kind === 'expression' ? s.delimiter.open : s.kind))).toEqual(['${%', '${{']);
  });

  it('reports an unclosed expression with the offset of its opener', () => {
    expect(scanTemplate('ab ${{ x ')).toEqual({
      ok: false,
      message: 'unclosed expression: expected "}}" but reached end of template',
      offset: 3,
      delimiter: { open: '${{', close: '}}' },
    });
    const alt = scanTemplate('${% x }}');
    expect(alt.ok ? undefined : alt.message).toBe('unclosed expression: expected "%}" but reached end of template');
  });

  it('treats an empty expression as an expression', () => {
    const out = scanTemplate('${{}}');
    expect(out.ok && out.segments).toEqual([{ kind: 'expression', source: '', openOffset: 0, offset: 3, delimiter: { open: '${{', close: '}}' } }]);
  });
});

describe('hasTemplateDelimiters', () => {
  it('looks for either opener only', () => {
    expect(hasTemplateDelimiters('x ${{')).toBe(true);
    expect(hasTemplateDelimiters('${% y')).toBe(true);
    expect(hasTemplateDelimiters('{{ x }} $ {')).toBe(false);
  });
});

describe('line and column helpers', () => {
  it('converts offsets to 1-based lines and columns and back', () => {
    const text = 'ab\ncd\nef';
    expect(lineColumnAt(text, 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumnAt(text, 4)).toEqual({ line: 2, column: 2 });
    expect(offsetAt(text, 2, 2)).toBe(4);
    expect(offsetAt(text, 3, 1)).toBe(6);
    expect(offsetAt(text, 9, 1)).toBe(text.length);
  });
});
