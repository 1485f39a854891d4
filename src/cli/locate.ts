import { LineCounter, parseAllDocuments, isNode, type Document } from 'yaml';
import type { PathSegment } from '../errors/index.js';

/** A 1-based position in a file. */
export interface Position {
  readonly line: number;
  readonly column: number;
  readonly endLine?: number;
  readonly endColumn?: number;
}

/**
 * Finds where a path inside one resource sits in the text of its file, for issues about resources
 * that were found after parsing (the stage graph works on objects, not text). The resource's
 * document is the one with the same kind and name; the path is followed as far as it exists.
 */
export class SourceLocator {
  private readonly cache = new Map<string, { docs: Document.Parsed[]; lines: LineCounter }>();

  constructor(private readonly sources: Readonly<Record<string, string>>) {}

  /** The position of `path` inside the resource `kind/name` of `file`, if it can be found. */
  locate(file: string, kind: string, name: string, path: readonly PathSegment[]): Position | undefined {
    const parsed = this.parse(file);
    if (parsed === undefined) return undefined;
    const doc = parsed.docs.find((d) => d.getIn(['kind']) === kind && d.getIn(['metadata', 'name']) === name);
    if (doc === undefined) return undefined;
    for (let depth = path.length; depth >= 0; depth--) {
      const node: unknown = doc.getIn(path.slice(0, depth), true);
      if (isNode(node) && node.range) {
        const start = parsed.lines.linePos(node.range[0]);
        const end = parsed.lines.linePos(node.range[1]);
        return { line: start.line, column: start.col, endLine: end.line, endColumn: end.col };
      }
    }
    return undefined;
  }

  private parse(file: string): { docs: Document.Parsed[]; lines: LineCounter } | undefined {
    const cached = this.cache.get(file);
    if (cached) return cached;
    const text = this.sources[file];
    if (text === undefined) return undefined;
    const lines = new LineCounter();
    const docs = parseAllDocuments(text, { lineCounter: lines });
    const parsed = { docs: Array.isArray(docs) ? docs : [], lines };
    this.cache.set(file, parsed);
    return parsed;
  }
}
