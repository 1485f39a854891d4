import { describe, expect, it } from 'vitest';
import { SyntaxFailure, tokenize } from '../../../src/expressions/lexer.js';

const kinds = (src: string): string[] => tokenize(src).map((t) => `${t.kind}:${t.value}`);

describe('tokenize', () => {
  it('splits operators, names, numbers and brackets with their offsets', () => {
    const tokens = tokenize('a.b + 12');
    expect(tokens.map((t) => [t.kind, t.value, t.pos])).toEqual([
      ['identifier', 'a', 0],
      ['operator', '.', 1],
      ['identifier', 'b', 2],
      ['operator', '+', 4],
      ['number', '12', 6],
      ['eof', '', 8],
    ]);
  });

  it('reads number forms with underscores, radix prefixes and exponents', () => {
    expect(kinds('0x_FF 0o17 0b101 1_000.5 .5 1. 1e+3')).toEqual([
      'number:0x_FF',
      'number:0o17',
      'number:0b101',
      'number:1_000.5',
      'number:.5',
      'number:1.',
      'number:1e+3',
      'eof:',
    ]);
  });

  it('keeps `1..3` a range, not a float', () => {
    expect(kinds('1..3')).toEqual(['number:1', 'operator:..', 'number:3', 'eof:']);
  });

  it('decodes escapes in quoted strings and leaves raw strings alone', () => {
    expect(tokenize('"a\\tb\\u00e9\\x41\\101\\"" `x\\ny`').slice(0, 2).map((t) => t.value)).toEqual(['a\tbéAA"', 'x\\ny']);
    expect(tokenize("'it\\'s'")[0]?.value).toBe("it's");
  });

  it('reads two-character operators and word operators', () => {
    expect(kinds('a ?? b?.c == d != e <= f >= g && h || i ** j')).toContain('operator:??');
    expect(kinds('a not in b')).toEqual(['identifier:a', 'operator:not', 'operator:in', 'identifier:b', 'eof:']);
    expect(kinds('not x')).toEqual(['operator:not', 'identifier:x', 'eof:']);
    expect(kinds('a matches b and c')).toEqual(['identifier:a', 'operator:matches', 'identifier:b', 'operator:and', 'identifier:c', 'eof:']);
  });

  it('reads pointers with their names', () => {
    expect(kinds('#index #acc #')).toEqual(['operator:#', 'identifier:index', 'operator:#', 'identifier:acc', 'operator:#', 'eof:']);
  });

  it('skips line and block comments', () => {
    expect(kinds('1 /* two */ + // three\n 4')).toEqual(['number:1', 'operator:+', 'number:4', 'eof:']);
  });

  it('reads unicode identifiers', () => {
    expect(kinds('größe + $x')).toEqual(['identifier:größe', 'operator:+', 'identifier:$x', 'eof:']);
  });

  it.each([
    ['"abc', 'literal not terminated', 0],
    ['"\\q"', 'invalid char escape', 2],
    ['1 @ 2', 'unrecognized character', 2],
    ['12abc', 'bad number syntax', 0],
    ['/* open', 'unclosed comment', 0],
    ['"\\uD800"', 'invalid char escape', 2],
  ])('rejects %j with a positioned failure', (src, message, offset) => {
    try {
      tokenize(src);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(SyntaxFailure);
      expect((e as SyntaxFailure).message).toContain(message);
      expect((e as SyntaxFailure).offset).toBe(offset);
    }
  });
});
