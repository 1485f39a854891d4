/**
 * Keeps the `k` best of a stream of items (`compare` < 0 meaning "a is better"), ties in arrival
 * order. For a small `k` it holds only a sorted buffer of `k` items and rejects most arrivals with
 * one comparison, so picking 20 tags out of a million needs neither a full sort nor memory for the
 * million; for a large or unlimited `k` it collects everything and sorts once.
 */
export interface BestKeeper<T> {
  /** Considers one more item. */
  offer(item: T): void;
  /** The kept items, best first. */
  result(): T[];
}

const BUFFERED_LIMIT = 1000;

/** Creates a {@link BestKeeper} for the `k` best items. */
export function keepBest<T>(compare: (a: T, b: T) => number, k: number): BestKeeper<T> {
  if (k <= 0) return { offer: () => undefined, result: () => [] };
  if (!Number.isFinite(k) || k > BUFFERED_LIMIT) {
    const all: T[] = [];
    return {
      offer: (item) => {
        all.push(item);
      },
      result: () => {
        all.sort(compare);
        return Number.isFinite(k) ? all.slice(0, k) : all;
      },
    };
  }
  const best: T[] = [];
  return {
    offer: (item) => {
      if (best.length === k && compare(item, best[k - 1]!) >= 0) return;
      // Binary search for the first kept item that `item` beats; equal ones stay ahead (stable).
      let lo = 0;
      let hi = best.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (compare(item, best[mid]!) < 0) hi = mid;
        else lo = mid + 1;
      }
      best.splice(lo, 0, item);
      if (best.length > k) best.pop();
    },
    result: () => best.slice(),
  };
}

/** The `k` best items of a list in order, best first, ties in input order (see {@link keepBest}). */
export function takeBest<T>(items: readonly T[], compare: (a: T, b: T) => number, k: number): T[] {
  const keeper = keepBest(compare, k);
  for (const item of items) keeper.offer(item);
  return keeper.result();
}
