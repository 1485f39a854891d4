import type { TimeInput } from './types.js';

// RFC 3339 with a mandatory zone; Date.parse alone would also take local-time and free-form text.
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;

/**
 * Reads a time given as a `Date`, an RFC 3339 string or epoch milliseconds, as epoch
 * milliseconds. Returns `undefined` for anything else (an invalid date, free text, null).
 */
export function toEpochMillis(value: TimeInput | null | undefined): number | undefined {
  if (value === null || value === undefined) return undefined;
  if (value instanceof Date) {
    const t = value.getTime();
    return Number.isFinite(t) ? t : undefined;
  }
  // Dates hold at most 8.64e15 ms either side of the epoch.
  if (typeof value === 'number') return Number.isFinite(value) && Math.abs(value) <= 8.64e15 ? value : undefined;
  if (typeof value !== 'string' || !RFC3339.test(value)) return undefined;
  const t = Date.parse(value);
  return Number.isFinite(t) ? t : undefined;
}

/**
 * Formats epoch milliseconds as RFC 3339 the way Kubernetes writes `metav1.Time`: UTC, `Z`, and
 * no fraction when the time falls on a whole second.
 */
export function formatTime(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso;
}
