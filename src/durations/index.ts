/**
 * Go durations (`1h30m`, `500ms`), parsed and printed exactly as Go does, for soak times, timeouts
 * and the expression language.
 * @packageDocumentation
 */
export { parseGoDurationText, formatGoDurationNanos } from './go-duration.js';
export type { GoDurationParse, GoDurationError } from './go-duration.js';
