/**
 * The indentation step the file uses for nested block collections: the smallest positive
 * indentation of a content line, 2 when there is none. New nested entries are written with it.
 */
export function detectIndentUnit(text: string): number {
  let unit = Infinity;
  let at = 0;
  // Scanning a bounded prefix keeps this cheap on very large files; the first nested block decides.
  const limit = Math.min(text.length, 200_000);
  while (at < limit) {
    const next = text.indexOf('\n', at);
    const end = next === -1 ? text.length : next;
    let i = at;
    while (i < end && text[i] === ' ') i++;
    const width = i - at;
    const ch = text[i];
    if (width > 0 && i < end && ch !== '#' && ch !== '\r' && ch !== '-' && width < unit) unit = width;
    if (unit === 1 || next === -1) break;
    at = next + 1;
  }
  return Number.isFinite(unit) && unit <= 8 ? unit : 2;
}
