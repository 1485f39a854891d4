/**
 * Compares two strings the way Go does: by their UTF-8 bytes. JavaScript's default `<` compares
 * UTF-16 code units, which orders characters above U+FFFF differently from Go.
 */
export function compareBytewise(a: string, b: string): -1 | 0 | 1 {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // Code points order like UTF-8 bytes; only surrogate halves need widening to compare as such.
    const cx = a.codePointAt(i)!;
    const cy = b.codePointAt(i)!;
    return cx < cy ? -1 : 1;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}
