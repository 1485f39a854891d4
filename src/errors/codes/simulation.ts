import type { CodeCatalog } from './catalog.js';

/** Codes of the simulator and its event scripts. */
export const simulationCodes = {} as const satisfies CodeCatalog;
