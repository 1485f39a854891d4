import type { CodeCatalog } from './catalog.js';

/** Codes of the expression language and `${{ }}` templates. */
export const expressionCodes = {
  EXPR_SYNTAX: {
    summary: 'An expression could not be compiled.',
    cause: 'The text inside `${{ }}` (or an expression field) is not valid expr-lang: an unexpected token, an unclosed bracket or string, an unknown operator.',
    fix: 'Correct the expression at the column shown.',
  },
  EXPR_RUNTIME: {
    summary: 'An expression failed while it was evaluated.',
    cause: 'An operation was applied to values of the wrong type, a function got bad arguments, or an index was out of range.',
    fix: 'Check the types of the values the expression reads; the message names the operation that failed.',
  },
} as const satisfies CodeCatalog;
