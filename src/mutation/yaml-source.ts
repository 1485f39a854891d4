import { Composer, Parser, type CST } from 'yaml';
import { createIssue, type Issue } from '../errors/index.js';
import { findDuplicateKeys } from './yaml-duplicates.js';
import { findLineStarts, positionAt, type LineStarts } from './text-lines.js';

/** A YAML text read into its concrete syntax tree: every token keeps its source offset. */
export interface YamlSource {
  readonly text: string;
  readonly documents: readonly CST.Document[];
  /** Line starts, computed on first use. */
  lines(): LineStarts;
}

/** The source, or the parse errors of the text as `YAML_PARSE` issues (with line and column). */
export type ParsedYaml = { readonly ok: true; readonly source: YamlSource } | { readonly ok: false; readonly issues: Issue[] };

/**
 * Reads a YAML text into its CST (the `yaml` package's lexer and parser) and checks it with the
 * package's composer, so everything the `yaml` reader rejects (bad indentation, tabs, duplicate
 * keys, unclosed quotes) is reported. Aliases are never expanded.
 */
export function readYamlSource(text: string, file?: string): ParsedYaml {
  let lineStarts: LineStarts | undefined;
  const lines = (): LineStarts => (lineStarts ??= findLineStarts(text));
  const tokens = Array.from(new Parser().parse(text));
  const issues: Issue[] = [];
  const composer = new Composer({ uniqueKeys: false });
  for (const token of tokens) {
    for (const offset of findDuplicateKeys(token)) {
      const pos = positionAt(lines(), offset);
      issues.push(createIssue('YAML_PARSE', 'invalid YAML: Map keys must be unique', { file, line: pos.line, column: pos.column }));
    }
  }
  for (const doc of composer.compose(tokens, true, text.length)) {
    for (const e of doc.errors) {
      const start = positionAt(lines(), e.pos[0]);
      const end = positionAt(lines(), Math.max(e.pos[1], e.pos[0]));
      issues.push(
        createIssue('YAML_PARSE', `invalid YAML: ${firstLine(e.message)}`, {
          file,
          line: start.line,
          column: start.column,
          endLine: end.line,
          endColumn: end.column,
        }),
      );
    }
  }
  if (issues.length > 0) return { ok: false, issues };
  const documents = tokens.filter((t): t is CST.Document => t.type === 'document');
  return { ok: true, source: { text, documents, lines } };
}

function firstLine(message: string): string {
  const nl = message.indexOf('\n');
  return nl === -1 ? message : message.slice(0, nl).trim();
}
