/**
 * Copies a JSON-like value, as a persisted Promotion status would hold it: plain objects and
 * arrays are copied, a Date becomes its RFC 3339 text, `undefined` members are dropped and other
 * non-JSON values (functions, symbols) become `null`. Promotion state is JSON in Kargo, so an
 * output that round-trips through storage must look the same as one that did not.
 */
export function cloneJson(value: unknown, depth = 0): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (depth > 1000) return null;
  if (Array.isArray(value)) return value.map((item: unknown) => (item === undefined ? null : cloneJson(item, depth + 1)));
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
      Object.defineProperty(out, key, { value: cloneJson(item, depth + 1), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return null;
}

/**
 * Freezes a JSON-like value in place, deeply, and returns it. The engine freezes every output it
 * keeps, so snapshots and step contexts can share them instead of copying the whole state after
 * every step (which made long promotions quadratic).
 */
export function freezeJson<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const item of Object.values(value)) freezeJson(item);
  }
  return value;
}
