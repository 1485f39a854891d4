import type { CodeCatalog } from './catalog.js';

/** Codes of config-file edits (`updateYaml`, `updateJson`, `setKustomizeImages`, `updateChartDependencies`). */
export const mutationCodes = {} as const satisfies CodeCatalog;
