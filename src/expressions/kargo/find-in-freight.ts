// Finding an artifact in a promotion's Freight collection, with Kargo's rule for choosing the
// origin: when none is given, every requested origin whose Warehouse subscribes to the artifact is a
// candidate, and more than one candidate is an ambiguity error.
import { normalizeGitURL as normalizeGitURLWithKargoRules } from '../../urls/index.js';
import { getOwnData } from '../values.js';
import { goQuote } from '../template/go-strconv.js';
import type {
  ArtifactReferenceLike,
  ChartLike,
  FreightOriginLike,
  FreightReferenceLike,
  GitCommitLike,
  ImageLike,
  KargoExpressionContext,
  WarehouseLike,
} from './types.js';

/** A failure of a freight lookup, with Kargo's message. */
export class FreightLookupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FreightLookupError';
  }
}

/** One Warehouse subscription, reduced to what the lookups compare. */
interface Subscription {
  readonly name: string;
  readonly git?: { readonly repoURL: string };
  readonly image?: { readonly repoURL: string };
  readonly chart?: { readonly repoURL: string; readonly name: string };
  /** Set for a subscription of any other type (a generic artifact subscription). */
  readonly generic: boolean;
}

const LEGACY_TYPES = new Set(['git', 'image', 'chart']);

function readString(object: unknown, key: string): string {
  if (object === null || typeof object !== 'object') return '';
  const v = getOwnData(object, key);
  return typeof v === 'string' ? v : '';
}

function readSubscriptions(warehouse: WarehouseLike): Subscription[] {
  const raw = warehouse.spec?.subscriptions ?? [];
  const out: Subscription[] = [];
  for (const entry of raw) {
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) continue;
    const keys = Object.keys(entry).filter((k) => k !== 'name');
    const name = readString(entry, 'name');
    const typeKey = keys.length === 1 ? keys[0] : undefined;
    if (typeKey === undefined) continue;
    const body = getOwnData(entry, typeKey);
    if (!LEGACY_TYPES.has(typeKey)) {
      out.push({ name, generic: true });
    } else if (typeKey === 'git') {
      out.push({ name, generic: false, git: { repoURL: readString(body, 'repoURL') } });
    } else if (typeKey === 'image') {
      out.push({ name, generic: false, image: { repoURL: readString(body, 'repoURL') } });
    } else {
      out.push({ name, generic: false, chart: { repoURL: readString(body, 'repoURL'), name: readString(body, 'name') } });
    }
  }
  return out;
}

function findWarehouse(context: KargoExpressionContext, name: string): WarehouseLike {
  const listed = context.warehouses?.find((w) => w.metadata?.name === name);
  if (listed !== undefined) return listed;
  let looked: WarehouseLike | undefined;
  try {
    looked = context.lookups?.warehouse?.(name);
  } catch (e) {
    throw new FreightLookupError(`error getting Warehouse ${goQuote(name)} in namespace ${goQuote(context.project ?? '')}: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (looked === undefined) {
    throw new FreightLookupError(`Warehouse ${goQuote(name)} not found in namespace ${goQuote(context.project ?? '')}`);
  }
  return looked;
}

/**
 * Picks the one requested origin whose Warehouse has a subscription matching `matches`; `undefined`
 * when none does; throws {@link FreightLookupError} with `ambiguous` when several do.
 */
function resolveOrigin(
  context: KargoExpressionContext,
  matches: (sub: Subscription) => boolean,
  ambiguous: string,
): FreightOriginLike | undefined {
  let chosen: FreightOriginLike | undefined;
  for (const request of context.freightRequests ?? []) {
    const warehouse = findWarehouse(context, request.origin.name);
    for (const sub of readSubscriptions(warehouse)) {
      if (!matches(sub)) continue;
      if (chosen !== undefined) throw new FreightLookupError(ambiguous);
      chosen = request.origin;
    }
  }
  return chosen;
}

function sameOrigin(a: FreightOriginLike | undefined, b: FreightOriginLike): boolean {
  return a !== undefined && a.kind === b.kind && a.name === b.name;
}

function fromOrigin(context: KargoExpressionContext, origin: FreightOriginLike): FreightReferenceLike[] {
  return (context.freight ?? []).filter((f) => sameOrigin(f.origin, origin));
}

/** Kargo's FindCommit: Git URLs are compared after normalization (Kargo's rules, unless the context overrides them). */
export function findCommit(context: KargoExpressionContext, repoURL: string, origin: FreightOriginLike | undefined): GitCommitLike | undefined {
  const normalizeGitURL = context.normalizeGitURL ?? normalizeGitURLWithKargoRules;
  const url = normalizeGitURL(repoURL);
  const desired =
    origin ??
    resolveOrigin(
      context,
      (sub) => sub.git !== undefined && normalizeGitURL(sub.git.repoURL) === url,
      `multiple requested Freight could potentially provide a commit from repo ${url}; please update promotion steps to disambiguate`,
    );
  if (desired === undefined) return undefined;
  for (const f of fromOrigin(context, desired)) {
    const commit = f.commits?.find((c) => normalizeGitURL(c.repoURL ?? '') === url);
    if (commit !== undefined) return commit;
  }
  return undefined;
}

/** Kargo's FindImage: repository URLs are compared exactly as written. */
export function findImage(context: KargoExpressionContext, repoURL: string, origin: FreightOriginLike | undefined): ImageLike | undefined {
  const desired =
    origin ??
    resolveOrigin(
      context,
      (sub) => sub.image !== undefined && sub.image.repoURL === repoURL,
      `multiple requested Freight could potentially provide a container image from repository ${repoURL}: please provide a Freight origin to disambiguate`,
    );
  if (desired === undefined) return undefined;
  for (const f of fromOrigin(context, desired)) {
    const image = f.images?.find((i) => (i.repoURL ?? '') === repoURL);
    if (image !== undefined) return image;
  }
  return undefined;
}

/**
 * Kargo's FindChart: URL and chart name compared exactly. Unlike the others, finding no requested
 * origin that subscribes to the chart is an error ("not found in referenced Freight").
 */
export function findChart(
  context: KargoExpressionContext,
  repoURL: string,
  chartName: string,
  origin: FreightOriginLike | undefined,
): ChartLike | undefined {
  let desired = origin;
  if (desired === undefined) {
    desired = resolveOrigin(
      context,
      (sub) => sub.chart !== undefined && sub.chart.repoURL === repoURL && sub.chart.name === chartName,
      `multiple requested Freight could potentially provide a chart from repository ${repoURL}: please provide a Freight origin to disambiguate`,
    );
    if (desired === undefined) {
      throw new FreightLookupError(
        chartName === ''
          ? `chart from repo ${repoURL} not found in referenced Freight`
          : `chart ${goQuote(chartName)} from repo ${repoURL} not found in referenced Freight`,
      );
    }
  }
  for (const f of fromOrigin(context, desired)) {
    const chart = f.charts?.find((c) => (c.repoURL ?? '') === repoURL && (c.name ?? '') === chartName);
    if (chart !== undefined) return chart;
  }
  return undefined;
}

/** Kargo's FindArtifact: generic subscriptions are matched by their `name`. */
export function findArtifact(
  context: KargoExpressionContext,
  subscriptionName: string,
  origin: FreightOriginLike | undefined,
): ArtifactReferenceLike | undefined {
  const desired =
    origin ??
    resolveOrigin(
      context,
      (sub) => sub.generic && sub.name === subscriptionName,
      `multiple requested Freight could potentially provide a ${goQuote(subscriptionName)} artifact; please update promotion steps to disambiguate`,
    );
  if (desired === undefined) return undefined;
  for (const f of fromOrigin(context, desired)) {
    const artifact = f.artifacts?.find((a) => a.subscriptionName === subscriptionName);
    if (artifact !== undefined) return artifact;
  }
  return undefined;
}
