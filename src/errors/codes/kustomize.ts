import type { CodeCatalog } from './catalog.js';

/** Codes of kustomize builds. */
export const kustomizeCodes = {} as const satisfies CodeCatalog;
