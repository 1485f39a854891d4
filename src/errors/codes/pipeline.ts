import type { CodeCatalog } from './catalog.js';

/** Codes of the stage graph, availability and promotion policies. */
export const pipelineCodes = {} as const satisfies CodeCatalog;
