import type { CodeCatalog } from './catalog.js';

/** Codes of promotion templates, tasks, steps and the step engine. */
export const promotionCodes = {} as const satisfies CodeCatalog;
