const encoder = new TextEncoder();

/**
 * Cuts a commit subject the way Kargo stores it, but never inside a character: a subject longer
 * than 80 UTF-8 bytes keeps the longest prefix of whole characters of at most 77 bytes, followed by
 * `...`. (Kargo cuts at byte 77 even inside a multi-byte character, producing invalid text.)
 */
export function shortenSubject(subject: string): string {
  if (subject.length <= 26) return subject; // 26 UTF-16 units are at most 78 UTF-8 bytes
  if (encoder.encode(subject).length <= 80) return subject;
  let bytes = 0;
  let end = 0;
  for (const ch of subject) {
    const cp = ch.codePointAt(0)!;
    const size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    if (bytes + size > 77) break;
    bytes += size;
    end += ch.length;
  }
  return subject.slice(0, end) + '...';
}
