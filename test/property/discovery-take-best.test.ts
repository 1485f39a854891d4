import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { takeBest } from '../../src/discovery/take-best.js';

describe('takeBest', () => {
  it('equals a stable full sort cut to k', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ key: fc.integer({ min: 0, max: 20 }), at: fc.nat() }), { maxLength: 300 }), fc.integer({ min: 0, max: 40 }), (items, k) => {
        const byKey = (a: { key: number }, b: { key: number }): number => b.key - a.key;
        expect(takeBest(items, byKey, k)).toEqual([...items].sort(byKey).slice(0, k));
      }),
      { numRuns: 300 },
    );
  });
  it('returns everything sorted for an unlimited k', () => {
    expect(takeBest([3, 1, 2], (a, b) => a - b, Number.POSITIVE_INFINITY)).toEqual([1, 2, 3]);
  });
});
