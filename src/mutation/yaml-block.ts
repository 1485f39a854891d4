import { isPrintable } from './yaml-plain.js';

/**
 * Writes a multi-line string as a literal block scalar (`|`, `|-`) whose body lines are
 * indented by `indent` spaces, or returns `undefined` when a literal block cannot hold the
 * string exactly (non-printable characters, a first line starting with a space, or more than
 * one trailing line break, which would swallow blank lines that follow in the file).
 */
export function renderLiteralBlock(text: string, indent: number, nl: string): string | undefined {
  if (text.startsWith(' ') || text.trim() === '') return undefined;
  for (const ch of text) {
    const code = ch.codePointAt(0) as number;
    if (ch !== '\n' && code <= 0xffff && !isPrintable(code)) return undefined;
  }
  const trailing = text.length - text.replace(/\n+$/, '').length;
  if (trailing > 1) return undefined;
  const lines = text.replace(/\n+$/, '').split('\n');
  const pad = ' '.repeat(indent);
  const body = lines.map((line) => (line === '' ? '' : pad + line)).join(nl);
  return (trailing === 1 ? '|' : '|-') + nl + body;
}

/** The indentation of the first non-blank line of a block scalar's body, if any. */
export function blockBodyIndent(body: string): number | undefined {
  for (const line of body.split('\n')) {
    if (line.trim() === '') continue;
    return line.length - line.trimStart().length;
  }
  return undefined;
}
