import type { CodeCatalog } from './catalog.js';

/** Codes of name and path patterns (`glob:`, `regex:`, `regexp:`). */
export const patternCodes = {} as const satisfies CodeCatalog;
