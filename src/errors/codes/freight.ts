import type { CodeCatalog } from './catalog.js';

/** Codes of Freight assembly, ids, aliases and creation criteria. */
export const freightCodes = {} as const satisfies CodeCatalog;
