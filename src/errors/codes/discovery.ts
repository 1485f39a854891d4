import type { CodeCatalog } from './catalog.js';

/** Codes of artifact selection (`selectImages`, `selectGitRefs`, `selectChartVersions`, path filters). */
export const discoveryCodes = {} as const satisfies CodeCatalog;
