import { compareBytewise, joinPath, normalizeChartURL, normalizeGitURL } from '../discovery/index.js';
import { sha1Hex } from './sha1.js';
import type { FreightArtifact, FreightChart, FreightCommit, FreightIdentity, FreightImage } from './types.js';

const withSubscription = (part: string, name: string | undefined): string => (name ? `${part}:${name}` : part);

function commitPart(c: FreightCommit): string {
  const url = normalizeGitURL(c.repoURL ?? '');
  const id = c.id ?? '';
  return withSubscription(c.tag ? `${url}:${c.tag}:${id}` : `${url}:${id}`, c.subscriptionName);
}

function imagePart(i: FreightImage): string {
  // The image URL is hashed as written: `nginx` and `docker.io/library/nginx` give different ids.
  return withSubscription(`${i.repoURL ?? ''}:${i.tag ?? ''}@${i.digest ?? ''}`, i.subscriptionName);
}

function chartPart(c: FreightChart): string {
  // Go's path.Join cleans, so `https://host` + `chart` becomes `https:/host/chart`; ids depend on it.
  const key = joinPath(normalizeChartURL(c.repoURL ?? ''), c.name ?? '');
  return withSubscription(`${key}:${c.version ?? ''}`, c.subscriptionName);
}

function artifactPart(a: FreightArtifact): string {
  return `${a.artifactType ?? ''}:${a.subscriptionName ?? ''}:${a.version ?? ''}`;
}

/**
 * The canonical text a Freight id hashes: `Kind/name:` followed by one part per artifact, sorted
 * bytewise and joined with `|`. Commit URLs and chart URLs are normalized; image URLs are not.
 * Branch, message, author, committer, annotations, metadata, alias and status are not part of it.
 */
export function freightCanonicalString(freight: FreightIdentity): string {
  const parts = [
    ...(freight.commits ?? []).map(commitPart),
    ...(freight.images ?? []).map(imagePart),
    ...(freight.charts ?? []).map(chartPart),
    ...(freight.artifacts ?? []).map(artifactPart),
  ].sort(compareBytewise);
  const origin = freight.origin;
  return `${origin?.kind ?? ''}/${origin?.name ?? ''}:${parts.join('|')}`;
}

/**
 * Computes a Freight's id (its `metadata.name`) exactly as Kargo does: the lowercase hex SHA-1 of
 * {@link freightCanonicalString}. Deterministic and independent of the order of the artifacts.
 */
export function freightId(freight: FreightIdentity): string {
  return sha1Hex(freightCanonicalString(freight));
}
