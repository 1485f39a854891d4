import { describe, expect, it } from 'vitest';
import { deterministicAliasSource, pickAlias } from '../../../src/freight/index.js';

describe('aliases', () => {
  it('derives <adjective>-<animal> names from the seed and attempt', () => {
    const a = deterministicAliasSource('seed', 0);
    expect(a).toMatch(/^[a-z]+-[a-z]+$/);
    expect(deterministicAliasSource('seed', 0)).toBe(a);
    const names = new Set(Array.from({ length: 50 }, (_, i) => deterministicAliasSource('seed', i)));
    expect(names.size).toBeGreaterThan(40);
  });
  it('skips taken aliases', () => {
    const first = deterministicAliasSource('id', 0);
    const r = pickAlias({ seed: 'id', isTaken: (x) => x === first });
    expect(r).toMatchObject({ ok: true, value: deterministicAliasSource('id', 1) });
  });
  it('uses an injected source and gives up after maxAttempts', () => {
    expect(pickAlias({ seed: 'x', source: (s, n) => `${s}-${n}` })).toMatchObject({ ok: true, value: 'x-0' });
    expect(pickAlias({ seed: 'x', isTaken: () => true, maxAttempts: 3 })).toMatchObject({ ok: false, issues: [{ code: 'FREIGHT_ALIAS_EXHAUSTED' }] });
  });
});
