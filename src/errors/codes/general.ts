import type { CodeCatalog } from './catalog.js';

/** Codes that belong to no single area. */
export const generalCodes = {
  INTERNAL: {
    summary: 'waybill reached a state it should never reach.',
    cause: 'A bug in waybill, or a caller that broke a documented precondition (for example `unwrap` of a failed result).',
    fix: 'Report it with the input that caused it; the issues attached to the error say what was being processed.',
  },
} as const satisfies CodeCatalog;
