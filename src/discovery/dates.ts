/** Milliseconds since the epoch of an RFC 3339 text or Date, or undefined when it is not a time. */
export function toEpochMillis(value: string | Date | undefined): number | undefined {
  let ms: number;
  if (value instanceof Date) ms = value.getTime();
  else if (typeof value === 'string') ms = Date.parse(value);
  else return undefined;
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * Formats a time as Kubernetes serializes `metav1.Time`: RFC 3339 in UTC with whole seconds.
 * Text that is not a time is returned unchanged, so nothing the caller gave is lost.
 */
export function formatKubeTime(value: string | Date): string {
  const ms = toEpochMillis(value);
  if (ms === undefined) return value instanceof Date ? '' : value;
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}
