import { LineCounter, isMap, isNode, isScalar, parseAllDocuments, visit, type Document } from 'yaml';
import { createIssue, type Issue, type PathSegment } from '../errors/index.js';
import type { IssueCode } from '../errors/index.js';

/** A parsed YAML file that can tell where a value is, for positioned issues. */
export interface YamlSource {
  readonly file: string;
  /** The documents' values (null for empty documents). */
  readonly values: unknown[];
  /** An issue pointing at the value at `path` of document `doc` (or at the file when not found). */
  issueAt(code: IssueCode, message: string, path: readonly PathSegment[], doc?: number): Issue;
}

// A block scalar that runs to the end of a file without a final line break has no trailing
// newline for Go's YAML parser (which kustomize uses); the yaml library adds one. Drop it.
function trimFinalBlockScalar(doc: Document.Parsed, end: number): void {
  visit(doc, {
    Scalar(_, node) {
      const range = node.range;
      if ((node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') && range !== undefined && range !== null && range[1] >= end && typeof node.value === 'string' && node.value.endsWith('\n')) {
        node.value = node.value.slice(0, -1);
      }
    },
  });
}

/** Parses every document of a YAML file (YAML 1.2 core schema, as kustomize's yaml.v3 reads it). */
export function parseYamlSource(text: string, file: string): { source: YamlSource; issues: Issue[] } {
  const lines = new LineCounter();
  const issues: Issue[] = [];
  let docs: Document.Parsed[] = [];
  try {
    docs = parseAllDocuments(text, { lineCounter: lines, merge: true, uniqueKeys: true, prettyErrors: false, strict: false }) as Document.Parsed[];
    if (!Array.isArray(docs)) docs = [];
  } catch (e) {
    issues.push(createIssue('KUSTOMIZE_PARSE', `${file}: ${e instanceof Error ? e.message : String(e)}`, { file }));
  }
  const values: unknown[] = [];
  for (const doc of docs) {
    for (const error of doc.errors) {
      const pos = lines.linePos(error.pos[0]);
      issues.push(createIssue('KUSTOMIZE_PARSE', `${file}: ${error.message.split('\n')[0] ?? error.message}`, { file, line: pos.line, column: pos.col }));
    }
    if (doc.errors.length > 0) continue;
    if (!text.endsWith('\n')) trimFinalBlockScalar(doc, text.length);
    try {
      values.push(doc.toJS({ maxAliasCount: 1000 }));
    } catch (e) {
      issues.push(createIssue('KUSTOMIZE_PARSE', `${file}: ${e instanceof Error ? e.message : String(e)}`, { file }));
    }
  }
  const source: YamlSource = {
    file,
    values,
    issueAt(code, message, path, doc = 0) {
      const d = docs[doc];
      let pos: { line: number; col: number } | undefined;
      if (d !== undefined) {
        // A field is pointed at by its key; anything else by its value.
        const last = path[path.length - 1];
        const parent = path.length === 1 ? d.contents : path.length > 1 ? d.getIn(path.slice(0, -1), true) : undefined;
        if (typeof last === 'string' && isMap(parent)) {
          const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === last);
          const range = pair !== undefined && isNode(pair.key) ? pair.key.range : undefined;
          if (range !== undefined && range !== null) pos = lines.linePos(range[0]);
        }
        for (let n = path.length; n >= 0 && pos === undefined; n--) {
          const node = n === 0 ? d.contents : d.getIn(path.slice(0, n), true);
          if (isNode(node) && node.range !== undefined && node.range !== null) pos = lines.linePos(node.range[0]);
        }
      }
      return createIssue(code, `${file}: ${message}`, { file, path: [...path], ...(pos === undefined ? {} : { line: pos.line, column: pos.col }) });
    },
  };
  return { source, issues };
}
