import type { CodeCatalog } from './catalog.js';

/** Codes of the controller (reconcile loop, store, verification, leader election). */
export const controllerCodes = {} as const satisfies CodeCatalog;
