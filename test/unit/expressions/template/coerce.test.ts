import { describe, expect, it } from 'vitest';
import { coerceTemplateText } from '../../../../src/expressions/template/coerce.js';

describe('coerceTemplateText (Kargo result coercion)', () => {
  it.each<[string, unknown]>([
    ['1.10', 1.1],
    ['42', 42],
    ['0', 0],
    ['1', 1],
    ['true', true],
    ['T', true],
    ['f', false],
    ['null', null],
    [' 42 ', 42],
    ['{"a":1}', { a: 1 }],
    ['[1,"x"]', [1, 'x']],
    ['yes', 'yes'],
    ['0x1F', '0x1F'],
    ['1e400', '1e400'],
    ['"', '"'],
    ['""', ''],
    ['"42"', '42'],
    ['"a\\"b"', 'a\\"b'],
    ['nginx:1.2', 'nginx:1.2'],
  ])('%j becomes %j', (text, value) => {
    expect(coerceTemplateText(text)).toEqual(value);
  });

  it('reads Inf and NaN as floats', () => {
    expect(coerceTemplateText('Inf')).toBe(Infinity);
    expect(coerceTemplateText('NaN')).toBeNaN();
  });

  it('drops one trailing newline before re-typing and restores it on strings', () => {
    expect(coerceTemplateText('42\n')).toBe(42);
    expect(coerceTemplateText('{"foo":"bar"}\n')).toEqual({ foo: 'bar' });
    expect(coerceTemplateText('"{\\"a\\"}"\n')).toBe('{\\"a\\"}\n');
    expect(coerceTemplateText('text\n')).toBe('text\n');
    // The second newline is JSON whitespace, so the text still reads as a number.
    expect(coerceTemplateText('42\n\n')).toBe(42);
    expect(coerceTemplateText('text\n\n')).toBe('text\n\n');
  });
});
