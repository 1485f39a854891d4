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
  EXPR_TEMPLATE_UNCLOSED: {
    summary: 'A template opens an expression that it never closes.',
    cause: 'A `${{` has no `}}` after it (or a `${%` has no `%}`), so the rest of the text cannot be split into literal text and expressions.',
    fix: 'Add the closing delimiter. If the expression itself must contain `}}`, write it between `${%` and `%}` instead.',
  },
  EXPR_TEMPLATE_RESULT: {
    summary: 'An expression result cannot be written into a template.',
    cause: 'A non-string result is written as JSON, and JSON has no form for NaN or an infinity (for example the result of `1 / 0`).',
    fix: 'Guard the computation (for example check the divisor), or turn the value into a string yourself before it reaches the template.',
  },
  EXPR_FORBIDDEN_ENV_KEY: {
    summary: 'The environment of a step config uses a reserved name.',
    cause: 'The names `quote`, `asYAML` and `asJSON` are reserved for template functions, so an environment passed to config evaluation may not have top-level keys with those names.',
    fix: 'Rename the variable in the environment.',
  },
  EXPR_BUDGET_EXCEEDED: {
    summary: 'An expression did too much work and was stopped.',
    cause: 'Evaluating the expression went over the work budget (one million units, like expr-lang\'s memory budget): a huge range such as `1..1000000000`, `repeat` with a large count, or nested loops over big collections.',
    fix: 'Make the expression do less work: use smaller ranges, filter before mapping, or pass a larger `budget` option when the work is intended.',
  },
  EXPR_TOO_DEEP: {
    summary: 'An expression or a value is nested too deeply.',
    cause: 'The expression nests brackets, calls or operators more deeply than waybill accepts, or a value it reads or returns (an env document, a cyclic object) is nested beyond the conversion limit.',
    fix: 'Flatten the expression (use `let` for intermediate values) or the data; break cycles in env objects.',
  },
} as const satisfies CodeCatalog;
