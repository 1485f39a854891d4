import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseIndex } from '../../../../src/adapters/helm/parse-index.js';

describe('parseIndex', () => {
  it('reads every chart with its versions in order', () => {
    const parsed = parseIndex('apiVersion: v1\nentries:\n  a:\n  - {version: 1.0.0}\n  - {version: 0.9.0}\n  b: []\n', 100);
    expect(parsed.ok && [...parsed.index.entries()]).toEqual([
      ['a', ['1.0.0', '0.9.0']],
      ['b', []],
    ]);
  });

  it('an index without entries lists no charts', () => {
    for (const text of ['apiVersion: v1\n', 'apiVersion: v1\nentries: ~\n', 'entries: null\n']) {
      const parsed = parseIndex(text, 100);
      expect(parsed.ok && parsed.index.size).toBe(0);
    }
  });

  it('a document that is not a mapping is refused with a reason', () => {
    for (const text of ['- a\n- b\n', 'just text', '']) {
      const parsed = parseIndex(text, 100);
      expect(parsed.ok).toBe(false);
    }
  });

  it('broken input gives an index or a reason, never a throw', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.constantFrom('entries:\n  a: [', 'entries: {a: [{version: &v 1}, {version: *v}]}', 'a: *x', 'entries:\n  a:\n  - version:\n    - 1\n')), (text) => {
        const parsed = parseIndex(text, 10);
        if (parsed.ok) for (const versions of parsed.index.values()) expect(versions.every((v) => typeof v === 'string' && v !== '')).toBe(true);
        else expect(parsed.reason.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });
});
