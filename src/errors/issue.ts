import type { IssueCode } from './codes/index.js';

/** How serious an issue is. Only `error` makes a result fail. */
export type Severity = 'error' | 'warning' | 'info';

/** One step of a path into a resource or document, zod style: a key or an index. */
export type PathSegment = string | number;

/**
 * A problem found in user input, as data. `code` is stable and documented in
 * `docs/reference/errors.md`; `message` is for people. `path` points into the input (for a Kargo
 * resource: `["spec", "requestedFreight", 0, "origin"]`). Issues about text input also carry the
 * `file` (when known) and the 1-based `line` and `column` where the problem starts.
 */
export interface Issue {
  readonly code: IssueCode;
  readonly message: string;
  readonly path: readonly PathSegment[];
  readonly severity: Severity;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  /** 1-based end of the offending span (exclusive column), when it is known. */
  readonly endLine?: number;
  readonly endColumn?: number;
}

/** Options of {@link createIssue}: everything of an issue but its code and message. */
export interface IssueOptions {
  path?: readonly PathSegment[];
  severity?: Severity;
  file?: string | undefined;
  line?: number | undefined;
  column?: number | undefined;
  endLine?: number | undefined;
  endColumn?: number | undefined;
}

/**
 * Creates an issue. Severity defaults to `error` and path to `[]`; position fields that are
 * `undefined` are left out, so issues compare and serialize cleanly.
 */
export function createIssue(code: IssueCode, message: string, options: IssueOptions = {}): Issue {
  const issue: { -readonly [K in keyof Issue]: Issue[K] } = {
    code,
    message,
    path: options.path ?? [],
    severity: options.severity ?? 'error',
  };
  if (options.file !== undefined) issue.file = options.file;
  if (options.line !== undefined) issue.line = options.line;
  if (options.column !== undefined) issue.column = options.column;
  if (options.endLine !== undefined) issue.endLine = options.endLine;
  if (options.endColumn !== undefined) issue.endColumn = options.endColumn;
  return issue;
}

/** Returns a copy of the issue with its path prefixed, for issues found in a nested value. */
export function prefixIssuePath(issue: Issue, prefix: readonly PathSegment[]): Issue {
  return prefix.length === 0 ? issue : { ...issue, path: [...prefix, ...issue.path] };
}
