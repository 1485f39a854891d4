import type { Clock, IdSource } from '../../ports/index.js';

const CROCKFORD = '0123456789abcdefghjkmnpqrstvwxyz';

function base32(value: number, width: number): string {
  let out = '';
  let rest = Math.floor(value);
  for (let i = 0; i < width; i++) {
    out = (CROCKFORD[rest % 32] as string) + out;
    rest = Math.floor(rest / 32);
  }
  return out;
}

/**
 * ULIDs (lower case, as Kargo writes them in Promotion names) made from the clock's time and a
 * counter in place of the random part: they sort in creation order, like real ULIDs, and are the
 * same on every run of the demo.
 */
export function createDemoUlids(clock: Clock): IdSource {
  let count = 0;
  return { next: () => `${base32(clock.now().getTime(), 10)}${base32(++count, 16)}` };
}
