import type { Issue } from './issue.js';

/** Options of {@link formatIssues}. */
export interface FormatIssuesOptions {
  /**
   * The text issues point into, for the source excerpt: one string (for issues without `file`),
   * a map from file name to text, or a lookup function.
   */
  sources?: string | Readonly<Record<string, string>> | ((file: string | undefined) => string | undefined);
  /** Lines of context shown above the offending line. Default 1. */
  context?: number;
}

/**
 * Prints issues for people, one block per issue:
 *
 * ```
 * stage.yaml:7:11 error MANIFEST_INVALID Expected string, received number (at spec.requestedFreight[0].origin.name)
 *    6 |   - origin:
 *    7 |       name: 42
 *      |             ^^
 * ```
 *
 * The excerpt appears when the issue has a line and its source text is known.
 */
export function formatIssues(issues: readonly Issue[], options: FormatIssuesOptions = {}): string {
  return issues.map((issue) => formatIssue(issue, options)).join('\n');
}

function formatIssue(issue: Issue, options: FormatIssuesOptions): string {
  const where = [issue.file, issue.line, issue.line !== undefined ? issue.column : undefined].filter((x) => x !== undefined).join(':');
  const path = issue.path.length > 0 ? ` (at ${formatPath(issue.path)})` : '';
  const head = `${where ? `${where} ` : ''}${issue.severity} ${issue.code} ${issue.message}${path}`;
  const text = sourceOf(issue.file, options.sources);
  if (text === undefined || issue.line === undefined) return head;
  return `${head}\n${excerpt(text, issue, options.context ?? 1)}`;
}

/** Prints a path the way people read it: `spec.requestedFreight[0].origin`. */
export function formatPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(part)) out += out ? `.${part}` : part;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out;
}

function sourceOf(file: string | undefined, sources: FormatIssuesOptions['sources']): string | undefined {
  if (sources === undefined) return undefined;
  if (typeof sources === 'string') return sources;
  if (typeof sources === 'function') return sources(file);
  return file !== undefined && Object.hasOwn(sources, file) ? sources[file] : undefined;
}

function excerpt(text: string, issue: Issue, context: number): string {
  const lines = text.split(/\r?\n/);
  const line = issue.line ?? 1;
  if (line < 1 || line > lines.length) return '';
  const first = Math.max(1, line - context);
  const width = String(line).length;
  const out: string[] = [];
  for (let n = first; n <= line; n++) out.push(`${String(n).padStart(width + 3)} | ${lines[n - 1] ?? ''}`);
  const column = Math.max(1, issue.column ?? 1);
  const sameLineEnd = issue.endLine === undefined || issue.endLine === line ? issue.endColumn : undefined;
  const length = sameLineEnd !== undefined && sameLineEnd > column ? sameLineEnd - column : 1;
  out.push(`${' '.repeat(width + 3)} | ${' '.repeat(column - 1)}${'^'.repeat(Math.min(length, 200))}`);
  return out.join('\n');
}
