import type { ChartRepositoryPort, GitPort, RegistryPort } from '../ports/index.js';
import type { DiscoveredCommit } from './types.js';

/** An image discovery found, as Kargo records it (`status.discoveredArtifacts.images[].references[]`). */
export interface DiscoveredImage {
  readonly tag: string;
  /** The manifest digest (for a multi-platform image, the index digest). */
  readonly digest: string;
  /** The image's annotations; with a platform constraint, overlaid with that platform's. */
  readonly annotations?: Readonly<Record<string, string>>;
  /** RFC 3339, whole seconds. */
  readonly createdAt?: string;
}

/** What one image subscription found, best first. */
export interface ImageDiscoveryResult {
  /** The subscription's `repoURL`, as written (not normalized). */
  readonly repoURL: string;
  /** The subscription's `platform`, when it has one. */
  readonly platform?: string;
  readonly references: readonly DiscoveredImage[];
  readonly subscriptionName?: string;
}

/** What one Git subscription found, best first. */
export interface GitDiscoveryResult {
  /** The subscription's `repoURL`, as written. */
  readonly repoURL: string;
  readonly commits: readonly DiscoveredCommit[];
  readonly subscriptionName?: string;
}

/** What one chart subscription found, best first. */
export interface ChartDiscoveryResult {
  /** The subscription's `repoURL`, as written. */
  readonly repoURL: string;
  readonly name?: string;
  readonly semverConstraint?: string;
  readonly versions: readonly string[];
  readonly subscriptionName?: string;
}

/**
 * The outcome of one discovery pass in Kargo's `status.discoveredArtifacts` shape: per kind, one
 * result per subscription in spec order (lists with no result are left out). It is what
 * `createFreight` takes.
 */
export interface DiscoveredArtifactsStatus {
  /** RFC 3339, whole seconds: the `now` discovery was given, if any. */
  readonly discoveredAt?: string;
  readonly git?: readonly GitDiscoveryResult[];
  readonly images?: readonly ImageDiscoveryResult[];
  readonly charts?: readonly ChartDiscoveryResult[];
}

/** The ports discovery reads through; only those the Warehouse's subscriptions need are required. */
export interface DiscoveryPorts {
  /** Serves `image` subscriptions. */
  readonly registry?: RegistryPort | undefined;
  /** Serves `git` subscriptions. */
  readonly git?: GitPort | undefined;
  /** Serves `chart` subscriptions. */
  readonly charts?: ChartRepositoryPort | undefined;
}

/** Options of `discover()`. */
export interface DiscoverOptions {
  /** Cancels discovery: it stops before its next port call and fails with `DISCOVERY_CANCELLED`. */
  readonly signal?: AbortSignal | undefined;
  /** The time to record as `discoveredAt`; left out when not given (discovery never reads the clock). */
  readonly now?: Date | string | undefined;
  /** How many image reads NewestBuild keeps in flight at once (default 8). */
  readonly concurrency?: number | undefined;
  /** The page size asked of listings (default 1000). */
  readonly pageSize?: number | undefined;
}

/** The parts of a Warehouse discovery reads. A Warehouse from `parseManifests` fits. */
export interface DiscoverableWarehouse {
  readonly metadata?: { readonly name?: string | undefined } | undefined;
  readonly spec?: { readonly subscriptions?: readonly unknown[] | undefined } | undefined;
}
