/**
 * Kargo's URL sanitizing: drops every rune Go's `unicode.IsPrint` rejects (control characters,
 * byte-order marks, zero-width and non-ASCII spaces, unassigned code points) from anywhere in the
 * text, then trims the ASCII spaces left at either end. Pasted URLs often carry such characters.
 */
const NOT_PRINTABLE = /[^\p{L}\p{M}\p{N}\p{P}\p{S} ]/gu;

/** Removes non-printable characters anywhere and surrounding spaces, as Kargo does before parsing. */
export function sanitizeURL(url: string): string {
  return url.replace(NOT_PRINTABLE, '').replace(/^ +| +$/g, '');
}
