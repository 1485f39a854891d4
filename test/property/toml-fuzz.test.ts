import fc from 'fast-check';
import { parse } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { updateToml } from '../../src/mutation/index.js';

const accepts = (text: string): boolean => {
  try {
    parse(text);
    return true;
  } catch {
    return false;
  }
};

const tomlish = fc.string({ unit: fc.constantFrom(...'ab1 =.[]{},"\'#\n\r\t\\-_:+eTZ0x'.split('')), maxLength: 60 });
const keyish = fc.string({ unit: fc.constantFrom(...'ab1.:\\ '.split('')), maxLength: 6 });

describe('updateToml on broken input', () => {
  it('answers with issues or a text that parses, never a throw', () => {
    fc.assert(
      fc.property(tomlish, keyish, fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.constant([1])), (text, key, value) => {
        const result = updateToml(text, [{ key, value }]);
        if (result.ok) {
          expect(accepts(result.value.text)).toBe(true);
        } else {
          expect(result.issues.length).toBeGreaterThan(0);
          for (const issue of result.issues) expect(issue.code).toMatch(/^TOML_/);
        }
        // Whatever a TOML reader accepts, the byte-span scanner follows too.
        if (accepts(text)) expect(updateToml(text, []).ok).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('gives a positioned TOML_PARSE issue for every text a TOML reader rejects', () => {
    fc.assert(
      fc.property(tomlish, (text) => {
        fc.pre(!accepts(text));
        const result = updateToml(text, []);
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.issues[0]).toMatchObject({ code: 'TOML_PARSE', line: expect.any(Number), column: expect.any(Number) });
      }),
      { numRuns: 1000 },
    );
  });

  it('answers deep nesting and long files quickly', () => {
    const deep = `a = ${'['.repeat(5000)}${']'.repeat(5000)}\n`;
    const deepResult = updateToml(deep, [{ key: 'a', value: 1 }]);
    expect(deepResult.ok).toBe(false);
    const lines = Array.from({ length: 20000 }, (_, i) => `k${i} = "v${i}" # c`).join('\n');
    const started = performance.now();
    const big = updateToml(lines, [{ key: 'k19999', value: 'x' }]);
    expect(big.ok && big.value.text.endsWith("k19999 = 'x' # c")).toBe(true);
    expect(performance.now() - started).toBeLessThan(5000);
  });
});
