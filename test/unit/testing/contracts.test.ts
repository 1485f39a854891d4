import { describe, expect, it, test } from 'vitest';
import { createManualClock, createSequentialIds } from '../../../src/adapters/memory/index.js';
import type { Clock, IdSource } from '../../../src/ports/index.js';
import { clockContract, ContractViolation, idSourceContract, runContract } from '../../../src/testing/index.js';

describe('Clock contract against the manual clock', () => {
  for (const check of clockContract(() => createManualClock('2025-01-01T00:00:00Z'))) test(check.name, check.run);
});

describe('Clock contract against a clock that advances on its own', () => {
  let t = 0;
  for (const check of clockContract(() => ({ now: () => new Date(1_700_000_000_000 + t++) }))) test(check.name, check.run);
});

describe('IdSource contract against sequential ids', () => {
  for (const check of idSourceContract(() => createSequentialIds('promo-'))) test(check.name, check.run);
});

describe('the contracts catch broken implementations', () => {
  it('a clock that goes backwards, returns a shared Date or an Invalid Date', async () => {
    const backwards = (): Clock => {
      let t = 1_000_000;
      return { now: () => new Date((t -= 1000)) };
    };
    const sharing = (): Clock => {
      const shared = new Date(0);
      return { now: () => shared };
    };
    const invalid = (): Clock => ({ now: () => new Date(Number.NaN) });
    const failed = async (factory: () => Clock) => (await runContract(clockContract(factory))).filter((o) => !o.passed).map((o) => o.name);
    expect(await failed(backwards)).toEqual(['Clock.now() never goes backwards', 'Clock.now() returns a fresh Date each call']);
    expect(await failed(sharing)).toEqual(['Clock.now() returns a fresh Date each call']);
    expect(await failed(invalid)).toContain('Clock.now() returns a valid Date');
  });

  it('an id source that repeats or returns empty ids', async () => {
    const repeating = (): IdSource => {
      let n = 0;
      return { next: () => `id-${n++ % 10}` };
    };
    const empty: IdSource = { next: () => '' };
    const outcomes = await runContract(idSourceContract(repeating));
    expect(outcomes.map((o) => o.passed)).toEqual([true, false]);
    expect(outcomes[1]?.error).toBeInstanceOf(ContractViolation);
    expect(String((outcomes[1]?.error as Error).message)).toContain('"id-0" twice');
    expect((await runContract(idSourceContract(() => empty)))[0]?.passed).toBe(false);
  });

  it('runContract reports every check and never throws', async () => {
    const outcomes = await runContract([
      { name: 'passes', run: async () => {} },
      { name: 'throws', run: async () => Promise.reject(new Error('no')) },
    ]);
    expect(outcomes).toEqual([{ name: 'passes', passed: true }, { name: 'throws', passed: false, error: new Error('no') }]);
  });
});
