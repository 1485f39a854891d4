/** The annotation and label keys that carry an image's build time, in the order they are tried. */
export const CREATED_KEYS = ['org.opencontainers.image.created', 'org.label-schema.build-date'] as const;

/** RFC 3339 date-time, as Go's `time.RFC3339` parser accepts it (fractional seconds allowed). */
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** Milliseconds since the epoch of an RFC 3339 text; undefined when it is not one. */
export function parseRfc3339(value: unknown): number | undefined {
  if (typeof value !== 'string' || !RFC3339.test(value)) return undefined;
  // Date.parse reads at most millisecond precision; longer fractions (Go writes nanoseconds) are cut.
  const ms = Date.parse(value.replace(/(\.\d{3})\d+/, '$1'));
  return Number.isNaN(ms) ? undefined : ms;
}

/** The first parsable build time among the well-known keys of a string map. */
export function timeFromKeys(values: Readonly<Record<string, string>> | undefined): number | undefined {
  if (values === undefined) return undefined;
  for (const key of CREATED_KEYS) {
    const ms = parseRfc3339(values[key]);
    if (ms !== undefined) return ms;
  }
  return undefined;
}

/** The RFC 3339 text (UTC, milliseconds dropped when zero) of an epoch time. */
export function formatTime(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}
