import { durationToMillis } from './duration.js';
import { isFreightIndex, type FreightIndex } from './freight-index.js';
import { isFreightApprovedFor, isFreightCurrentlyIn, isFreightVerifiedIn, longestSoak } from './freight-soak.js';
import { originKey, requestedFreightOf, nameOf } from './origin.js';
import { toEpochMillis } from './time.js';
import type { FreightLike, FreightRequestLike, NowOptions, StageLike, TimeInput } from './types.js';

/** How a request's upstream Stages combine: every one of them, or any one. */
export type AvailabilityStrategy = 'All' | 'OneOf';

/** A Stage's request for one origin, read once and ready to answer availability questions. */
export interface ReadRequest {
  readonly index: number;
  readonly request: FreightRequestLike;
  readonly direct: boolean;
  readonly upstreams: readonly string[];
  readonly strategy: AvailabilityStrategy;
  /** The required soak in ms; `undefined` when none is set; `null` when it cannot be read. */
  readonly requiredSoakMs: number | undefined | null;
  readonly matchUpstream: boolean;
}

/** Reads one request of a Stage: strategy (`""` and unknown values mean `OneOf`), soak, policy. */
export function readFreightRequest(request: FreightRequestLike, index: number): ReadRequest {
  const sources = request.sources ?? {};
  const soak = sources.requiredSoakTime;
  let requiredSoakMs: number | undefined | null;
  if (soak === undefined || soak === null || soak === '') requiredSoakMs = undefined;
  else {
    const ms = durationToMillis(soak);
    requiredSoakMs = ms.ok ? ms.value : null;
  }
  return {
    index,
    request,
    direct: sources.direct === true,
    upstreams: Array.isArray(sources.stages) ? sources.stages.filter((s): s is string => typeof s === 'string') : [],
    strategy: sources.availabilityStrategy === 'All' ? 'All' : 'OneOf',
    requiredSoakMs,
    matchUpstream: sources.autoPromotionOptions?.selectionPolicy === 'MatchUpstream',
  };
}

/** The requests of a Stage grouped by origin key, each list in request order. */
export function readStageRequests(stage: StageLike): ReadonlyMap<string, readonly ReadRequest[]> {
  const byOrigin = new Map<string, ReadRequest[]>();
  requestedFreightOf(stage).forEach((request, index) => {
    const key = originKey(request.origin);
    const list = byOrigin.get(key);
    const read = readFreightRequest(request, index);
    if (list) list.push(read);
    else byOrigin.set(key, [read]);
  });
  return byOrigin;
}

/** True when the Freight has soaked long enough in an upstream (the requirement is known valid). */
function soakedIn(freight: FreightLike, upstream: string, req: ReadRequest, now: TimeInput): boolean {
  if (req.requiredSoakMs === undefined) return true;
  if (req.requiredSoakMs === null) return false;
  return longestSoak(freight, upstream, { now }) >= req.requiredSoakMs;
}

/** True when the Freight is verified and soaked in the upstream, as one request requires. */
function satisfiedBy(freight: FreightLike, upstream: string, req: ReadRequest, now: TimeInput): boolean {
  return isFreightVerifiedIn(freight, upstream) && soakedIn(freight, upstream, req, now);
}

/**
 * Answers one request for Freight of its origin: `true`/`false` when the request decides, or
 * `undefined` when it does not and the next request for the same origin is asked (Kargo's loop:
 * a `OneOf` request that finds nothing falls through; an `All` request always decides).
 */
function answerRequest(freight: FreightLike, stageName: string, req: ReadRequest, now: TimeInput): boolean | undefined {
  if (isFreightApprovedFor(freight, stageName)) return true;
  if (req.direct) return true;
  if (req.strategy === 'All') return req.upstreams.every((u) => satisfiedBy(freight, u, req, now));
  return req.upstreams.some((u) => satisfiedBy(freight, u, req, now)) ? true : undefined;
}

function sameNamespace(stage: StageLike, freight: FreightLike): boolean {
  return (stage.metadata?.namespace ?? '') === (freight.metadata?.namespace ?? '');
}

/**
 * The Stage's requests by origin *name*, for the hot path: looking up the Freight's own name
 * string avoids building an origin key per piece of Freight. The kind is compared afterwards.
 */
type RequestsByName = ReadonlyMap<string, readonly ReadRequest[]>;

function requestsByName(requests: ReadonlyMap<string, readonly ReadRequest[]>): RequestsByName {
  const byName = new Map<string, ReadRequest[]>();
  for (const list of requests.values()) {
    for (const req of list) {
      const name = req.request.origin?.name ?? '';
      const entry = byName.get(name);
      if (entry) entry.push(req);
      else byName.set(name, [req]);
    }
  }
  for (const list of byName.values()) list.sort((a, b) => a.index - b.index);
  return byName;
}

/** The first request (in spec order) for the Freight's origin, or `undefined`. */
function firstRequestFor(byName: RequestsByName, freight: FreightLike): ReadRequest | undefined {
  const kind = freight.origin?.kind ?? '';
  for (const req of byName.get(freight.origin?.name ?? '') ?? []) if ((req.request.origin?.kind ?? '') === kind) return req;
  return undefined;
}

function availableWith(byName: RequestsByName, stage: StageLike, freight: FreightLike, now: TimeInput): boolean {
  const candidates = byName.get(freight.origin?.name ?? '');
  if (candidates === undefined || !sameNamespace(stage, freight)) return false;
  const stageName = nameOf(stage);
  const kind = freight.origin?.kind ?? '';
  for (const req of candidates) {
    if ((req.request.origin?.kind ?? '') !== kind) continue;
    const answer = answerRequest(freight, stageName, req, now);
    if (answer !== undefined) return answer;
  }
  return false;
}

/**
 * True when the Freight may be promoted to the Stage at `now` (Kargo's per-Freight rule, which
 * waybill uses everywhere). The Stage must request the Freight's origin and the two must be in
 * the same namespace; then the Freight is available when it is approved for the Stage, or the
 * request takes Freight directly from the Warehouse, or it is verified (and soaked for
 * `requiredSoakTime`) in every upstream Stage (`availabilityStrategy: All`) or in at least one
 * (`OneOf`, the default). A missing Stage or Freight is never available.
 */
export function isFreightAvailable(
  stage: StageLike | null | undefined,
  freight: FreightLike | null | undefined,
  opts: NowOptions,
): boolean {
  if (!stage || !freight) return false;
  return availableWith(requestsByName(readStageRequests(stage)), stage, freight, opts?.now);
}

/** Options of {@link listAvailableFreight}. */
export interface ListAvailableFreightOptions extends NowOptions {
  /**
   * Leave out the `MatchUpstream` selection policy's restriction (Freight must be in the single
   * upstream Stage right now), to list everything that could be promoted by hand. Default `false`:
   * the list is what auto-promotion may choose from.
   */
  readonly ignoreSelectionPolicy?: boolean;
}

/**
 * True when the request's `MatchUpstream` selection policy lets the Freight be chosen: it must be
 * in the request's single upstream Stage right now. Approval does not lift this; Freight taken
 * directly from the Warehouse is not restricted.
 */
function passesSelectionPolicy(freight: FreightLike, req: ReadRequest | undefined): boolean {
  if (!req || !req.matchUpstream || req.direct) return true;
  const upstream = req.upstreams[0];
  return upstream !== undefined && isFreightCurrentlyIn(freight, upstream);
}

/**
 * The Freight a Stage could possibly list, found through the index: all of an origin when a
 * request takes it directly (or is a vacuous `All`), otherwise what is approved for the Stage or
 * verified in one of its upstreams. Each candidate still goes through the full check.
 */
function indexedCandidates<F extends FreightLike>(
  index: FreightIndex<F>,
  stageName: string,
  requests: ReadonlyMap<string, readonly ReadRequest[]>,
): F[] {
  const lists: (readonly number[])[] = [];
  for (const [origin, reqs] of requests) {
    if (reqs.some((r) => r.direct || (r.strategy === 'All' && r.upstreams.length === 0))) {
      lists.push(index.byOrigin.get(origin) ?? []);
      continue;
    }
    for (const r of reqs) for (const u of r.upstreams) lists.push(index.verifiedIn.get(u) ?? []);
  }
  lists.push(index.approvedFor.get(stageName) ?? []);
  const nonEmpty = lists.filter((l) => l.length > 0);
  // Each list is ascending already; only a union of several needs de-duplicating and sorting.
  let positions: ArrayLike<number>;
  if (nonEmpty.length === 0) positions = [];
  else if (nonEmpty.length === 1) positions = nonEmpty[0]!;
  else positions = Uint32Array.from(new Set(nonEmpty.flat())).sort();
  const out: F[] = new Array<F>(positions.length);
  for (let i = 0; i < positions.length; i++) out[i] = index.all[positions[i]!]!;
  return out;
}

/**
 * The Freight available to the Stage at `now`, sorted by name, without duplicate names: what
 * auto-promotion chooses from. Each piece passes {@link isFreightAvailable}; in addition, for a
 * request with `selectionPolicy: MatchUpstream`, only Freight currently in its upstream Stage is
 * listed (even approved Freight), unless `ignoreSelectionPolicy` is set. Pass a
 * {@link FreightIndex} instead of the array when listing for many Stages: the answer is the same,
 * and each Stage then costs time in proportion to the Freight that reached its upstreams rather
 * than to all Freight.
 */
export function listAvailableFreight<F extends FreightLike>(
  stage: StageLike | null | undefined,
  freight: readonly F[] | FreightIndex<F>,
  opts: ListAvailableFreightOptions,
): F[] {
  if (!stage || typeof stage !== 'object') return [];
  const requests = readStageRequests(stage);
  const byName = requestsByName(requests);
  let pool: readonly F[];
  if (Array.isArray(freight)) pool = freight;
  else if (freight && isFreightIndex(freight)) pool = indexedCandidates(freight, nameOf(stage), requests);
  else return [];
  // Reading `now` once keeps the per-Freight work to map lookups and number comparisons.
  const now = toEpochMillis(opts?.now) ?? opts?.now;
  const seen = new Set<string>();
  const out: F[] = [];
  for (const f of pool) {
    if (!f || typeof f !== 'object') continue;
    const name = nameOf(f);
    if (seen.has(name)) continue;
    if (!availableWith(byName, stage, f, now)) continue;
    if (!opts?.ignoreSelectionPolicy && !passesSelectionPolicy(f, firstRequestFor(byName, f))) continue;
    seen.add(name);
    out.push(f);
  }
  return sortByName(out);
}

/** Sorts by name, reading each name once (names are read far fewer times than compared). */
function sortByName<F extends FreightLike>(list: readonly F[]): F[] {
  const keyed = list.map((f) => ({ name: nameOf(f), f }));
  keyed.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return keyed.map((k) => k.f);
}

/** Orders strings by UTF-16 code units, like Go's byte order for ASCII names. */
export function compareStrings(a: string, b: string): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0;
}
