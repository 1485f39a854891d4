/**
 * Prints rows the way kubectl and the Kargo CLI print tables: upper-case headers, columns at
 * least 10 characters wide and 3 spaces apart, the last column not padded.
 */
export function renderTable(headers: readonly string[], rows: readonly (readonly string[])[], options: { readonly noHeaders?: boolean } = {}): string {
  const all = options.noHeaders === true ? rows : [headers.map((h) => h.toUpperCase()), ...rows];
  const widths = headers.map((_, i) => Math.max(10, ...all.map((r) => (r[i] ?? '').length + 3)));
  return all
    .map((r) =>
      r
        .map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
        .join('')
        .trimEnd(),
    )
    .map((line) => `${line}\n`)
    .join('');
}

/**
 * A duration the way `kubectl get` shows ages: seconds up to two minutes, then minutes (with
 * seconds under ten minutes), hours (with minutes under eight hours), days (with hours under eight
 * days) and years. Negative spans of more than a second print `<invalid>`.
 */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.trunc(seconds / 60);
  if (minutes < 10) return seconds % 60 === 0 ? `${minutes}m` : `${minutes}m${seconds % 60}s`;
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.trunc(minutes / 60);
  if (hours < 8) return minutes % 60 === 0 ? `${hours}h` : `${hours}h${minutes % 60}m`;
  if (hours < 48) return `${hours}h`;
  const days = Math.trunc(hours / 24);
  if (hours < 24 * 8) return hours % 24 === 0 ? `${days}d` : `${days}d${hours % 24}h`;
  if (hours < 24 * 365 * 2) return `${days}d`;
  const years = Math.trunc(days / 365);
  if (hours < 24 * 365 * 8) return days % 365 === 0 ? `${years}y` : `${years}y${days % 365}d`;
  return `${years}y`;
}

/** The age of something created at `since` (RFC 3339), seen at `now`; empty when unknown. */
export function ageOf(since: unknown, now: Date): string {
  if (typeof since !== 'string' && !(since instanceof Date)) return '';
  const ms = since instanceof Date ? since.getTime() : Date.parse(since);
  return Number.isNaN(ms) ? '' : humanDuration(now.getTime() - ms);
}
