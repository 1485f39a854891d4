const RFC3339 = /^(\d{4}-\d{2}-\d{2})[Tt](\d{2}:\d{2}:\d{2})(?:\.(\d+))?([Zz]|[+-]\d{2}:\d{2})$/;

/**
 * Writes an RFC 3339 time the way Kubernetes' `MicroTime` must be sent: in UTC with exactly six
 * fractional digits (`2026-01-02T03:04:05.123456Z`); the API server refuses any other shape for
 * a Lease's `acquireTime` and `renewTime`. Digits beyond microseconds are cut, missing ones padded,
 * and an offset is moved to UTC without losing the fraction (a `Date` would keep only
 * milliseconds). Returns `undefined` for text that is not an RFC 3339 time.
 */
export function toMicroTime(text: string): string | undefined {
  const m = RFC3339.exec(text);
  if (m === null) return undefined;
  const [, day, clock, fraction = '', offset = 'Z'] = m;
  const whole = Date.parse(`${day}T${clock}${offset.toUpperCase()}`);
  if (!Number.isFinite(whole)) return undefined;
  const seconds = new Date(whole).toISOString().slice(0, 19);
  return `${seconds}.${fraction.padEnd(6, '0').slice(0, 6)}Z`;
}
