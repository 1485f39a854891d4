import { describe, expect, it } from 'vitest';
import { goQuote, parseGoBool, parseGoFloat } from '../../../../src/expressions/template/go-strconv.js';

describe('parseGoFloat (strconv.ParseFloat)', () => {
  it.each([
    ['42', 42],
    ['1.10', 1.1],
    ['-0.5', -0.5],
    ['+5', 5],
    ['1e3', 1000],
    ['1E-2', 0.01],
    ['.5', 0.5],
    ['5.', 5],
    ['1_000', 1000],
    ['0x1p-2', 0.25],
    ['0X1.8P1', 3],
    ['1e-400', 0],
    ['007', 7],
  ])('parses %s', (text, value) => {
    expect(parseGoFloat(text)).toBe(value);
  });

  it('parses the special words in any case', () => {
    expect(parseGoFloat('Inf')).toBe(Infinity);
    expect(parseGoFloat('-infinity')).toBe(-Infinity);
    expect(parseGoFloat('+INF')).toBe(Infinity);
    expect(parseGoFloat('NaN')).toBeNaN();
    expect(parseGoFloat('nan')).toBeNaN();
  });

  it.each(['', ' 42', '42 ', '0x1F', '1e400', '-1e400', '_1', '1_', '1__0', '1._5', 'e5', '1e', '.', '+nan', 'infin', '1.2.3', 'v1', '0b101', '1,5', '٣'])(
    'rejects %j',
    (text) => {
      expect(parseGoFloat(text)).toBeUndefined();
    },
  );
});

describe('parseGoBool (strconv.ParseBool)', () => {
  it('accepts exactly Go words', () => {
    for (const t of ['1', 't', 'T', 'TRUE', 'true', 'True']) expect(parseGoBool(t)).toBe(true);
    for (const f of ['0', 'f', 'F', 'FALSE', 'false', 'False']) expect(parseGoBool(f)).toBe(false);
    for (const no of ['yes', 'no', 'on', 'tRUE', ' true', '']) expect(parseGoBool(no)).toBeUndefined();
  });
});

describe('goQuote (strconv.Quote)', () => {
  it('escapes like Go %q', () => {
    expect(goQuote('a"b')).toBe('"a\\"b"');
    expect(goQuote('back\\slash')).toBe('"back\\\\slash"');
    expect(goQuote('tab\tnl\ncr\r')).toBe('"tab\\tnl\\ncr\\r"');
    expect(goQuote('\u0007\u000b\u0000\u001b\u007f')).toBe('"\\a\\v\\x00\\x1b\\x7f"');
    expect(goQuote('héllo 世界 😀')).toBe('"héllo 世界 😀"');
    expect(goQuote('nb\u00a0sp')).toBe('"nb\\u00a0sp"');
    expect(goQuote('\u{e0001}')).toBe('"\\U000e0001"');
    expect(goQuote('<&>')).toBe('"<&>"');
  });
});
