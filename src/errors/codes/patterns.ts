import type { CodeCatalog } from './catalog.js';

/** Codes of name and path patterns (`glob:`, `regex:`, `regexp:`). */
export const patternCodes = {
  PATTERN_INVALID_GLOB: {
    summary: 'A `glob:` pattern is malformed.',
    cause:
      'The glob has a character class `[...]` that is empty or never closed, braces `{...}` that do not balance, or a trailing `\\` with nothing to escape. Kargo (doublestar) rejects the same patterns.',
    fix: 'Close the class or the braces, or escape the literal character with `\\` (for example `\\[`).',
  },
  PATTERN_INVALID_REGEX: {
    summary: 'A `regex:` or `regexp:` pattern is not a valid RE2 regular expression.',
    cause:
      'The expression does not parse, or uses syntax that RE2 (Go regexp) does not have, such as lookahead `(?=...)`, lookbehind or backreferences `\\1`.',
    fix: 'Fix the expression at the place the message names; rewrite lookaround as plain alternatives or split it into several patterns.',
  },
  PATTERN_UNKNOWN_KIND: {
    summary: 'A name pattern has a prefix other than `glob:`, `regex:` or `regexp:`.',
    cause:
      'A `:` in a name marks a pattern, and the text before it names the kind. Kubernetes names cannot contain `:`, so the text is neither a known pattern nor a usable exact name (Kargo rejects it at admission).',
    fix: 'Use `glob:`, `regex:` or `regexp:` (for example `glob:prod-*`), or remove the `:` to match one exact name.',
  },
} as const satisfies CodeCatalog;
