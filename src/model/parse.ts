import { isPair, isScalar, parseAllDocuments, visit, type Document } from 'yaml';
import { createIssue, type Issue } from '../errors/issue.js';
import { toResult, type Result } from '../result.js';
import { LineIndex, spanAtPath, type Span } from './positions.js';
import { validateResource, type ManifestResource } from './resource.js';

/** Options of {@link parseManifests}. */
export interface ParseManifestsOptions {
  /** The file name issues carry (for `formatIssues` and editors). */
  file?: string;
  /**
   * The largest text read, in UTF-16 code units. Default 3 MiB, the Kubernetes API request limit:
   * no larger manifest could be applied anyway. Larger texts give `MANIFEST_TOO_LARGE`.
   */
  maxBytes?: number;
  /** How many alias expansions a document may need before it is refused. Default 100. */
  maxAliasCount?: number;
}

const DEFAULT_MAX_BYTES = 3 * 1024 * 1024;
const MAX_SYNTAX_ISSUES = 20;

/**
 * Parses multi-document YAML into Kargo resources. Each document is checked against the schema
 * of its kind with every admission rule, and defaults are applied. Documents of other API groups
 * (Secrets, Argo CD Applications, ...) or unknown Kargo kinds come back untouched with a warning;
 * empty documents are skipped. Every issue carries the file, the 1-based line and column of the
 * offending node (for a missing field: of its parent's key), and its path inside the resource.
 * Never throws: syntax errors, alias bombs, absurd nesting and oversized texts are issues too.
 */
export function parseManifests(text: string, options: ParseManifestsOptions = {}): Result<ManifestResource[]> {
  const file = options.file;
  if (typeof text !== 'string') {
    return toResult<ManifestResource[]>([], [createIssue('YAML_SYNTAX', 'the manifest text must be a string', { file, line: 1, column: 1 })]);
  }
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (text.length > maxBytes) {
    return toResult<ManifestResource[]>([], [
      createIssue('MANIFEST_TOO_LARGE', `the text is ${text.length} characters long, more than the limit of ${maxBytes}`, { file, line: 1, column: 1 }),
    ]);
  }
  const lines = new LineIndex(text);
  const at = (span: Span | undefined) => {
    const s = span ?? { start: 0, end: 0 };
    const from = lines.position(s.start);
    const to = lines.position(s.end);
    return { file, line: from.line, column: from.column, endLine: to.line, endColumn: to.column };
  };

  let docs: Document.Parsed[];
  try {
    docs = Array.from(parseAllDocuments(text, { prettyErrors: false }) as Iterable<Document.Parsed>);
  } catch (e) {
    return toResult<ManifestResource[]>([], [fatalIssue(e, at(undefined))]);
  }

  const issues: Issue[] = [];
  const resources: ManifestResource[] = [];
  const mayHaveProtoKeys = text.includes('__proto__');
  for (const doc of docs) {
    if (doc.errors.length > 0) {
      // One bad character can cascade into thousands of errors; the first ones are what helps.
      for (const e of doc.errors.slice(0, MAX_SYNTAX_ISSUES)) {
        const code = /call stack/i.test(e.message) ? 'YAML_TOO_DEEP' : 'YAML_SYNTAX';
        const message = code === 'YAML_TOO_DEEP' ? 'the document nests too deeply to be read' : e.message;
        issues.push(createIssue(code, message, at({ start: e.pos[0], end: e.pos[1] })));
      }
      if (doc.errors.length > MAX_SYNTAX_ISSUES) {
        const last = doc.errors[MAX_SYNTAX_ISSUES] as { pos: [number, number] };
        issues.push(createIssue('YAML_SYNTAX', `${doc.errors.length - MAX_SYNTAX_ISSUES} more syntax errors in this document are not shown`, at({ start: last.pos[0], end: last.pos[1] })));
      }
      continue;
    }
    for (const w of doc.warnings) issues.push(createIssue('YAML_SYNTAX', w.message, { ...at({ start: w.pos[0], end: w.pos[1] }), severity: 'warning' }));
    if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) continue;

    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: options.maxAliasCount ?? 100 });
    } catch (e) {
      issues.push(fatalIssue(e, at(spanAtPath(doc, []))));
      continue;
    }
    if (mayHaveProtoKeys) issues.push(...protoKeyWarnings(doc, at));

    const checked = validateResource(value);
    for (const issue of checked.issues) {
      issues.push(createIssue(issue.code, issue.message, { path: issue.path, severity: issue.severity, ...at(spanAtPath(doc, issue.path)) }));
    }
    if (checked.ok) resources.push(checked.value);
  }
  return toResult(resources, issues);
}

/** Parses a single-document YAML text into one resource (the first document; others are refused). */
export function parseManifest(text: string, options: ParseManifestsOptions = {}): Result<ManifestResource> {
  const all = parseManifests(text, options);
  if (!all.ok) return all;
  if (all.value.length !== 1) {
    return toResult<ManifestResource>(undefined as never, [
      ...all.issues,
      createIssue('MANIFEST_NOT_OBJECT', `expected exactly one resource, found ${all.value.length}`, { file: options.file, line: 1, column: 1 }),
    ]);
  }
  return toResult(all.value[0] as ManifestResource, all.issues);
}

function fatalIssue(e: unknown, position: ReturnType<typeof positionShape>): Issue {
  const message = e instanceof Error ? e.message : String(e);
  if (e instanceof RangeError || /call stack/i.test(message)) {
    return createIssue('YAML_TOO_DEEP', 'the document nests too deeply to be read', position);
  }
  if (/alias/i.test(message)) {
    return createIssue('YAML_ALIAS_LIMIT', `the document expands aliases too many times: ${message}`, position);
  }
  return createIssue('YAML_SYNTAX', message, position);
}

function positionShape() {
  return { file: undefined as string | undefined, line: 1, column: 1, endLine: 1, endColumn: 1 };
}

function protoKeyWarnings(doc: Document, at: (span: Span | undefined) => ReturnType<typeof positionShape>): Issue[] {
  const out: Issue[] = [];
  visit(doc, {
    Pair(_, pair) {
      if (isPair(pair) && isScalar(pair.key) && pair.key.value === '__proto__') {
        const range = pair.key.range;
        out.push(
          createIssue('MANIFEST_UNSAFE_KEY', 'the key "__proto__" is dropped: it cannot be kept safely in a JavaScript object', {
            ...at(range ? { start: range[0], end: range[1] } : undefined),
            severity: 'warning',
          }),
        );
      }
    },
  });
  return out;
}
