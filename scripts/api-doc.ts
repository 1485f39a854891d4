import ts from 'typescript';

/** One name exported by the barrel, with what the docs say about it. */
export interface ApiEntry {
  readonly name: string;
  readonly kind: 'function' | 'class' | 'constant' | 'type' | 'interface' | 'enum';
  /** The first sentence of its doc comment, or `''` when it has none. */
  readonly summary: string;
}

/** The barrel's exports under one of its `// section` comments. */
export interface ApiSection {
  readonly title: string;
  readonly entries: readonly ApiEntry[];
}

/**
 * Reads the public API from the barrel: its exports in order, grouped by the `// ...` comment
 * above them, each with its kind and the first sentence of its doc comment (from the TypeScript
 * compiler, so comments on the original declarations are found through re-exports).
 */
export function readApi(barrelPath: string): ApiSection[] {
  const program = ts.createProgram([barrelPath], {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    noEmit: true,
    skipLibCheck: true,
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(barrelPath);
  const moduleSymbol = source && checker.getSymbolAtLocation(source);
  if (!source || !moduleSymbol) return [];
  const exported = new Map(checker.getExportsOfModule(moduleSymbol).map((s) => [s.name, s]));

  const sections: { title: string; entries: ApiEntry[] }[] = [];
  const text = source.getFullText();
  for (const statement of source.statements) {
    if (!ts.isExportDeclaration(statement) || !statement.exportClause || !ts.isNamedExports(statement.exportClause)) continue;
    const comments = ts.getLeadingCommentRanges(text, statement.getFullStart()) ?? [];
    const heading = comments
      .map((c) => text.slice(c.pos, c.end))
      .filter((c) => c.startsWith('//'))
      .map((c) => c.replace(/^\/\/\s*/, '').trim())
      .at(-1);
    if (heading !== undefined || sections.length === 0) sections.push({ title: heading ?? 'Exports', entries: [] });
    const section = sections[sections.length - 1] as { entries: ApiEntry[] };
    for (const element of statement.exportClause.elements) {
      const symbol = exported.get(element.name.text);
      if (symbol) section.entries.push(describe(element.name.text, symbol, checker));
    }
  }
  return sections.filter((s) => s.entries.length > 0);
}

/** Renders docs/reference/api.md from the sections of {@link readApi}. */
export function renderApiDoc(sections: readonly ApiSection[]): string {
  const out = [
    '# Library API',
    '',
    '<!-- Generated from src/index.ts and its doc comments by `npm run docs:api`. -->',
    '',
    "Everything `import { ... } from 'waybill'` offers, by area, with the first sentence of its doc",
    'comment. The full contract of each name is in its doc comment (your editor shows it). Subpaths',
    '(`waybill/ports`, `waybill/testing`, `waybill/adapters/*`, `waybill/controller`) are described',
    'in the [README](../../README.md#entry-points); issue codes in [errors.md](errors.md).',
    '',
    '## Contents',
    '',
    ...sections.map((s) => `- [${capitalize(s.title)}](#${anchor(capitalize(s.title))}) (${s.entries.length})`),
    '',
  ];
  for (const section of sections) {
    out.push(`## ${capitalize(section.title)}`, '');
    for (const e of section.entries) out.push(`- \`${e.name}\` (${e.kind})${e.summary ? `: ${e.summary}` : ''}`);
    out.push('');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

function describe(name: string, exported: ts.Symbol, checker: ts.TypeChecker): ApiEntry {
  const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
  const f = symbol.flags;
  const kind: ApiEntry['kind'] =
    f & ts.SymbolFlags.Function
      ? 'function'
      : f & ts.SymbolFlags.Class
        ? 'class'
        : f & ts.SymbolFlags.Enum
          ? 'enum'
          : f & ts.SymbolFlags.Variable
            ? 'constant'
            : f & ts.SymbolFlags.Interface
              ? 'interface'
              : 'type';
  return { name, kind, summary: firstSentence(ts.displayPartsToString(symbol.getDocumentationComment(checker))) };
}

/** The first sentence of a doc comment, on one line, with `{@link X}` written as `X`. */
export function firstSentence(doc: string): string {
  const paragraph = doc.split(/\n\s*\n/)[0] ?? '';
  const flat = paragraph
    .replace(/\{@link(?:code|plain)?\s+([^}|\s]+)(?:\s*\|?\s*([^}]*))?\}/g, (_, target: string, label: string | undefined) => `\`${(label ?? '').trim() || target}\``)
    .replace(/\s+/g, ' ')
    .trim();
  let inCode = false;
  for (let i = 0; i < flat.length; i++) {
    const c = flat[i];
    if (c === '`') inCode = !inCode;
    else if (!inCode && c === '.' && (i + 1 === flat.length || flat[i + 1] === ' ')) return flat.slice(0, i + 1);
  }
  return flat.replace(/:$/, '.');
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to dashes. */
function anchor(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9 -]/g, '')
    .replace(/ /g, '-');
}
