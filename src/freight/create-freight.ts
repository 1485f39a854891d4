import { createIssue, type Issue } from '../errors/index.js';
import { err, ok, type Result } from '../result.js';
import { pickAlias, type AliasSource } from './aliases.js';
import { freightId } from './freight-id.js';
import type { DiscoveredArtifacts, FreightArtifact, FreightChart, FreightCommit, FreightImage, FreightResource, FreightWarehouse } from './types.js';

/** The label Kargo keeps in step with a Freight's alias. */
export const ALIAS_LABEL = 'kargo.akuity.io/alias';

/** Options of {@link createFreight}. */
export interface CreateFreightOptions {
  /** When the Freight is built; becomes `discoveredAt`. */
  readonly now: Date | string;
  /** The alias to use. Without it one is picked from `aliasSource`, avoiding `isAliasTaken`. */
  readonly alias?: string | undefined;
  readonly aliasSource?: AliasSource | undefined;
  readonly isAliasTaken?: ((alias: string) => boolean) | undefined;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Copies the entries whose value is neither undefined nor empty text (Kargo's `omitempty`). */
function compact<T extends object>(fields: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) if (value !== undefined && value !== '') out[key] = value;
  return out as T;
}

function formatTime(value: Date | string): string | undefined {
  const ms = value instanceof Date ? value.getTime() : Date.parse(value);
  if (Number.isNaN(ms)) return undefined;
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/**
 * Takes the newest artifact of every discovery result (element 0 of each) and maps it to Kargo's
 * Freight fields: commits `{repoURL, id, branch, tag, message: subject, author, committer,
 * subscriptionName}`, images `{repoURL, tag, digest, annotations, subscriptionName}`, charts
 * `{repoURL, name, version, subscriptionName}`, generic results' first reference as it is.
 * A result with nothing in it is an issue, since Freight needs one artifact per subscription.
 */
export function latestArtifacts(discovered: DiscoveredArtifacts): Result<{
  commits: FreightCommit[];
  images: FreightImage[];
  charts: FreightChart[];
  artifacts: FreightArtifact[];
}> {
  const issues: Issue[] = [];
  const commits: FreightCommit[] = [];
  const images: FreightImage[] = [];
  const charts: FreightChart[] = [];
  const artifacts: FreightArtifact[] = [];
  (discovered.git ?? []).forEach((result, i) => {
    const c = result.commits?.[0];
    if (c === undefined) {
      issues.push(createIssue('FREIGHT_NO_COMMITS', `no commits discovered for repository ${JSON.stringify(result.repoURL)}`, { path: ['git', i, 'commits'] }));
      return;
    }
    commits.push(
      compact({ repoURL: result.repoURL, id: c.id, branch: c.branch, tag: c.tag, message: c.subject, author: c.author, committer: c.committer, subscriptionName: result.subscriptionName }),
    );
  });
  (discovered.images ?? []).forEach((result, i) => {
    const ref = result.references?.[0];
    if (ref === undefined) {
      issues.push(createIssue('FREIGHT_NO_IMAGES', `no images discovered for repository ${JSON.stringify(result.repoURL)}`, { path: ['images', i, 'references'] }));
      return;
    }
    const image: Mutable<FreightImage> = compact({ repoURL: result.repoURL, tag: ref.tag, digest: ref.digest, subscriptionName: result.subscriptionName });
    if (ref.annotations !== undefined && Object.keys(ref.annotations).length > 0) image.annotations = { ...ref.annotations };
    images.push(image);
  });
  (discovered.charts ?? []).forEach((result, i) => {
    const version = result.versions?.[0];
    if (version === undefined) {
      const what = result.name ? `chart ${JSON.stringify(result.name)} from repository ${JSON.stringify(result.repoURL)}` : `chart repository ${JSON.stringify(result.repoURL)}`;
      issues.push(createIssue('FREIGHT_NO_CHART_VERSIONS', `no versions discovered for ${what}`, { path: ['charts', i, 'versions'] }));
      return;
    }
    charts.push(compact({ repoURL: result.repoURL, name: result.name, version, subscriptionName: result.subscriptionName }));
  });
  (discovered.results ?? []).forEach((result, i) => {
    const ref = result.artifactReferences?.[0];
    if (ref === undefined) {
      issues.push(createIssue('FREIGHT_NO_ARTIFACTS', `no versions discovered for subscription ${JSON.stringify(result.name)}`, { path: ['results', i, 'artifactReferences'] }));
      return;
    }
    artifacts.push(ref);
  });
  return issues.length > 0 ? err(issues) : ok({ commits, images, charts, artifacts });
}

/**
 * Builds the Freight a Warehouse makes from one discovery pass, as Kargo does: the newest artifact
 * of each subscription (see {@link latestArtifacts}), origin `Warehouse/<name>`, `metadata.name`
 * the content id ({@link freightId}, computed with the origin set), `discoveredAt` = `now`, and an
 * alias (given, or picked from the alias source avoiding taken ones) mirrored in the
 * `kargo.akuity.io/alias` label. Empty lists are left out. Building the same artifacts again gives
 * the same name, which is how duplicates are recognized.
 */
export function createFreight(warehouse: FreightWarehouse, discovered: DiscoveredArtifacts, options: CreateFreightOptions): Result<FreightResource> {
  const issues: Issue[] = [];
  const name = warehouse?.metadata?.name;
  if (typeof name !== 'string' || name === '') {
    issues.push(createIssue('FREIGHT_INVALID_INPUT', 'the Warehouse has no name, so the Freight has no origin', { path: ['metadata', 'name'] }));
  }
  const discoveredAt = formatTime(options.now);
  if (discoveredAt === undefined) {
    issues.push(createIssue('FREIGHT_INVALID_INPUT', `now ${JSON.stringify(String(options.now))} is not a time`, { path: ['now'] }));
  }
  const latest = latestArtifacts(discovered ?? {});
  if (!latest.ok) issues.push(...latest.issues);
  if (issues.length > 0 || !latest.ok) return err(issues);
  const { commits, images, charts, artifacts } = latest.value;
  if (commits.length + images.length + charts.length + artifacts.length === 0) {
    return err(createIssue('FREIGHT_EMPTY', 'freight must contain at least one commit, image, chart or artifact'));
  }
  const origin = { kind: 'Warehouse', name: name as string };
  const id = freightId({ origin, commits, images, charts, artifacts });
  let alias = options.alias;
  if (alias === undefined || alias === '') {
    const picked = pickAlias({ seed: id, isTaken: options.isAliasTaken, source: options.aliasSource });
    if (!picked.ok) return picked;
    alias = picked.value;
  }
  const namespace = warehouse.metadata.namespace;
  const freight: Mutable<FreightResource> = {
    apiVersion: 'kargo.akuity.io/v1alpha1',
    kind: 'Freight',
    metadata: { name: id, ...(namespace ? { namespace } : {}), labels: { [ALIAS_LABEL]: alias } },
    alias,
    origin,
    discoveredAt: discoveredAt as string,
  };
  if (commits.length > 0) freight.commits = commits;
  if (images.length > 0) freight.images = images;
  if (charts.length > 0) freight.charts = charts;
  if (artifacts.length > 0) freight.artifacts = artifacts;
  return ok(freight);
}
