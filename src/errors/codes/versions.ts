import type { CodeCatalog } from './catalog.js';

/** Codes of Masterminds versions and constraints (`parseVersion`, `parseConstraint`, ...). */
export const versionCodes = {} as const satisfies CodeCatalog;
