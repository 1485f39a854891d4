import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const barrel = fileURLToPath(new URL('../../../src/index.ts', import.meta.url));

/** Names exported by src/index.ts whose declaration has no TSDoc comment. */
function undocumentedExports(): { names: string[]; missing: string[] } {
  const program = ts.createProgram([barrel], { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, noEmit: true, skipLibCheck: true });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(barrel);
  const moduleSymbol = source && checker.getSymbolAtLocation(source);
  if (!moduleSymbol) return { names: [], missing: ['(src/index.ts could not be read)'] };
  const names: string[] = [];
  const missing: string[] = [];
  for (const exported of checker.getExportsOfModule(moduleSymbol)) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const isValue = (symbol.flags & (ts.SymbolFlags.Function | ts.SymbolFlags.Class | ts.SymbolFlags.Variable)) !== 0;
    if (!isValue) continue;
    names.push(exported.name);
    if (ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim() === '') missing.push(exported.name);
  }
  return { names, missing };
}

describe('src/index.ts', () => {
  it('documents every exported function, class and constant with a doc comment', () => {
    const { names, missing } = undocumentedExports();
    expect(names.length).toBeGreaterThan(0);
    expect(missing).toEqual([]);
  }, 60_000);
});
