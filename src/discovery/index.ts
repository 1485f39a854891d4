/**
 * Artifact discovery as pure selection: given what a registry, Git repository or chart repository
 * listed, pick the artifacts a Warehouse subscription would pick, best first, with Kargo's rules.
 * Also Kargo's URL normalization, which decides ids and duplicate subscriptions.
 * @packageDocumentation
 */
export { selectImages } from './select-images.js';
export { selectGitRefs } from './select-git-refs.js';
export { selectChartVersions } from './select-chart-versions.js';
export { matchesPathFilters, compilePathSelector } from './path-filters.js';
export type { PathSelector } from './path-filters.js';
export { normalizeGitURL, normalizeImageURL, normalizeChartURL, parseImageReference, sanitizeURL } from '../urls/index.js';
export { shortenSubject } from './subject.js';
export { readGoBool } from './expression-filter.js';
export { compareBytewise } from './compare-bytewise.js';
export { joinPath } from './go-path.js';
export type {
  ImageSelectionStrategy,
  CommitSelectionStrategy,
  ImageSubscriptionLike,
  ImagePlatform,
  ImageCandidate,
  GitSubscriptionLike,
  CommitCandidate,
  TagCandidate,
  DiscoveredCommit,
  ChartSubscriptionLike,
  PathFilters,
} from './types.js';
export { discover } from './discover.js';
export type {
  DiscoveredArtifactsStatus,
  DiscoveredImage,
  ImageDiscoveryResult,
  GitDiscoveryResult,
  ChartDiscoveryResult,
  DiscoveryPorts,
  DiscoverOptions,
  DiscoverableWarehouse,
} from './discover-types.js';
