/**
 * A 40-hex-digit stand-in for a commit id, made from the text given. The plan cannot know the
 * real id (it depends on the Git server's objects and clock), but the same input always predicts
 * the same id, so plans can be compared. Written here because the core may use no Node hashing:
 * FNV-1a over the text, five times with different seeds.
 */
export function predictCommitId(text: string): string {
  let out = '';
  for (let seed = 0; seed < 5; seed++) {
    let hash = (0x811c9dc5 ^ Math.imul(seed + 1, 0x9e3779b1)) >>> 0;
    for (let i = 0; i < text.length; i++) {
      hash ^= text.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    out += hash.toString(16).padStart(8, '0');
  }
  return out;
}
