/**
 * Repository URL normalization with Kargo's rules (Git, container image and Helm chart URLs).
 * Freight ids, duplicate-subscription checks and the `commitFrom()`-style expression lookups all
 * compare URLs through these functions, so they live in one leaf area that every other area can use.
 * @packageDocumentation
 */
export { normalizeGitURL } from './normalize-git-url.js';
export { normalizeImageURL, normalizeChartURL, parseImageReference } from './normalize-image-url.js';
export { sanitizeURL } from './sanitize-url.js';
