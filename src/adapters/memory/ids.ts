import type { IdSource } from '../../ports/index.js';

/** An {@link IdSource} that counts: `prefix1`, `prefix2`, ... */
export interface SequentialIds extends IdSource {
  /** How many ids have been handed out so far. */
  readonly count: number;
}

/**
 * Creates an id source that returns `${prefix}1`, `${prefix}2`, and so on. Deterministic, so
 * output that contains ids can be compared exactly in tests and examples.
 */
export function createSequentialIds(prefix = 'id-'): SequentialIds {
  let count = 0;
  return {
    next: () => `${prefix}${++count}`,
    get count() {
      return count;
    },
  };
}
