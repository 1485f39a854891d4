import { createIssue } from '../errors/index.js';
import { err, ok, type Result } from '../result.js';
import type { ExprNode } from './ast.js';
import { SyntaxFailure } from './lexer.js';
import { NestingFailure, parse } from './parser.js';

/**
 * Parses expression text into its syntax tree without checking or compiling it. Failures are
 * `EXPR_SYNTAX` issues (`EXPR_TOO_DEEP` for nesting beyond the limit) with line and column.
 */
export function parseExpression(source: string): Result<ExprNode> {
  try {
    return ok(parse(source));
  } catch (e) {
    if (e instanceof SyntaxFailure) {
      const { line, column } = positionOf(source, e.offset);
      return err(createIssue(e instanceof NestingFailure ? 'EXPR_TOO_DEEP' : 'EXPR_SYNTAX', `${e.message} (${line}:${column})`, { line, column }));
    }
    if (e instanceof RangeError) return err(createIssue('EXPR_TOO_DEEP', 'expression is nested too deeply'));
    throw e;
  }
}

/** The 1-based line and column of a 0-based offset into source text. */
export function positionOf(source: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(Math.max(0, offset), source.length);
  for (let i = 0; i < end; i++) {
    if (source.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}
