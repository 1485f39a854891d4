import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileGlob, compilePattern, compileRegex } from '../../src/patterns/index.js';

const literalChar = fc.constantFrom(...'abcxyz019-_./:@ é☺'.split(''));
const literal = fc.array(literalChar, { maxLength: 20 }).map((cs) => cs.join(''));
const anyText = fc.string({ maxLength: 30 });

describe('pattern laws', () => {
  it('a glob without metacharacters matches exactly itself', () => {
    fc.assert(
      fc.property(literal, anyText, (glob, other) => {
        const compiled = compileGlob(glob);
        expect(compiled.ok).toBe(true);
        if (!compiled.ok) return;
        expect(compiled.value(glob)).toBe(true);
        if (other !== glob) expect(compiled.value(other)).toBe(false);
      }),
    );
  });

  it('an escaped literal glob matches the literal, metacharacters included', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const escaped = Array.from(text, (c) => (/[*?[\]{}\\]/.test(c) ? `\\${c}` : c)).join('');
        const compiled = compileGlob(escaped);
        expect(compiled.ok).toBe(true);
        if (compiled.ok) expect(compiled.value(text)).toBe(true);
      }),
    );
  });

  it('a quoted regex is unanchored: it matches any string that contains the text', () => {
    fc.assert(
      fc.property(literal, literal, literal, (before, needle, after) => {
        const quoted = needle.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
        const compiled = compileRegex(quoted);
        expect(compiled.ok).toBe(true);
        if (compiled.ok) expect(compiled.value(before + needle + after)).toBe(true);
      }),
    );
  });

  it('`*` never crosses a separator and `**/` spans any number of directories', () => {
    const segment = fc.array(fc.constantFrom('a', 'b', 'c', '.', '-'), { minLength: 1, maxLength: 6 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 5 }), (segments) => {
        const path = segments.join('/');
        const star = compileGlob('*');
        const deep = compileGlob(`**/${segments[segments.length - 1]}`);
        if (!star.ok || !deep.ok) throw new Error('valid globs expected');
        expect(star.value(path)).toBe(segments.length === 1);
        expect(deep.value(path)).toBe(true);
      }),
    );
  });

  it('compiling never throws, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), anyText, (text, value) => {
        for (const prefix of ['', 'glob:', 'regex:', 'regexp:']) {
          const compiled = compilePattern(prefix + text);
          if (compiled.ok) expect(typeof compiled.value.matches(value)).toBe('boolean');
          else expect(compiled.issues.length).toBeGreaterThan(0);
        }
      }),
    );
  });
});
