import { formatIssues, type Issue } from '../errors/index.js';
import type { CliIo } from './io.js';

/** ANSI styles, applied only when {@link shouldUseColor} says so. */
export interface Styles {
  readonly red: (s: string) => string;
  readonly yellow: (s: string) => string;
  readonly cyan: (s: string) => string;
  readonly bold: (s: string) => string;
  readonly dim: (s: string) => string;
  readonly green: (s: string) => string;
}

/**
 * Colour only on a terminal, never when `NO_COLOR` is set to a non-empty value
 * (https://no-color.org) or `--no-color` was given.
 */
export function shouldUseColor(io: CliIo, noColorFlag: boolean): boolean {
  const noColor = io.env['NO_COLOR'];
  return io.isTTY && !noColorFlag && (noColor === undefined || noColor === '');
}

/** The styles to print with: real escapes when `color`, identity functions otherwise. */
export function createStyles(color: boolean): Styles {
  const wrap = (open: number, close: number) => (s: string) => (color ? `\u001b[${open}m${s}\u001b[${close}m` : s);
  return { red: wrap(31, 39), yellow: wrap(33, 39), cyan: wrap(36, 39), green: wrap(32, 39), bold: wrap(1, 22), dim: wrap(2, 22) };
}

/**
 * Prints issues as `file:line:col severity CODE message`, each followed by the source excerpt
 * with a caret when the text is known.
 */
export function renderIssues(issues: readonly Issue[], sources: Readonly<Record<string, string>>, styles: Styles, excerpts = true): string {
  return issues
    .map((issue) => {
      const text = formatIssues([issue], excerpts ? { sources } : {});
      const newline = text.indexOf('\n');
      const head = newline === -1 ? text : text.slice(0, newline);
      const rest = newline === -1 ? '' : text.slice(newline);
      const paint = issue.severity === 'error' ? styles.red : issue.severity === 'warning' ? styles.yellow : styles.cyan;
      const styled = head.replace(` ${issue.severity} ${issue.code} `, ` ${paint(issue.severity)} ${styles.bold(issue.code)} `);
      const startStyled = styled.startsWith(`${issue.severity} ${issue.code} `)
        ? `${paint(issue.severity)} ${styles.bold(issue.code)} ${styled.slice(issue.severity.length + issue.code.length + 2)}`
        : styled;
      return `${startStyled}${styles.dim(rest)}\n`;
    })
    .join('');
}

/** Counts issues by severity. */
export function countIssues(issues: readonly Issue[]): { errors: number; warnings: number } {
  return { errors: issues.filter((i) => i.severity === 'error').length, warnings: issues.filter((i) => i.severity === 'warning').length };
}

/** `1 error`, `2 warnings`. */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Prints a value as the JSON output of a command: two-space indented, one trailing newline. */
export function renderJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
