/** The 1-based line and column of a 0-based offset in a text. */
export function positionOf(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

/**
 * Returns a function giving positions for offsets that mostly increase, in time linear in the
 * text overall (issues about one text are reported left to right).
 */
export function createPositionTracker(text: string): (offset: number) => { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  let at = 0;
  return (offset) => {
    const end = Math.min(Math.max(offset, 0), text.length);
    if (end < at) {
      line = 1;
      lineStart = 0;
      at = 0;
    }
    for (; at < end; at++) {
      if (text.charCodeAt(at) === 10) {
        line++;
        lineStart = at + 1;
      }
    }
    return { line, column: end - lineStart + 1 };
  };
}

/** Quotes a text for a message, shortening it when it is long. */
export function quoteText(text: string, max = 80): string {
  return JSON.stringify(text.length > max ? `${text.slice(0, max)}…` : text);
}
