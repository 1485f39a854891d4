import type { IdSource } from '../ports/index.js';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function base32(value: number, length: number): string {
  let out = '';
  let rest = value;
  for (let i = 0; i < length; i++) {
    out = (CROCKFORD[rest % 32] as string) + out;
    rest = Math.floor(rest / 32);
  }
  return out;
}

/**
 * Deterministic ULIDs for a simulation: the 48-bit time part comes from `now()` (the simulated
 * clock) and the 80-bit "random" part is a counter, so ids sort in the order they were handed out
 * (Kargo's Promotion ordering relies on that) and the same run gives the same ids.
 */
export function createSimulationIds(now: () => number): IdSource {
  let counter = 0;
  let lastTime = 0;
  return {
    next(): string {
      // Never let the time part go backwards, so lexical order stays creation order.
      lastTime = Math.max(lastTime, Math.max(0, Math.floor(now())));
      counter += 1;
      return `${base32(lastTime, 10)}${base32(counter, 16)}`;
    },
  };
}
