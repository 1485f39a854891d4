import { sha1Hex } from '../freight/sha1.js';
import { compareStrings } from './availability.js';
import { originKey } from './origin.js';
import type { FreightCollectionLike, FreightReferenceLike, VerificationInfoLike } from './types.js';

/** How many collections a Stage's `freightHistory` keeps, and verifications a collection keeps. */
export const MAX_HISTORY = 10;

/** A collection as waybill builds it: items by origin key, and the id derived from them. */
export interface FreightCollectionOf<R extends FreightReferenceLike = FreightReferenceLike> {
  readonly id: string;
  readonly items: Readonly<Record<string, R>>;
  readonly verificationHistory?: readonly VerificationInfoLike[];
}

/**
 * The id of a collection of Freight: the SHA-1 (lowercase hex) of the Freight names, sorted and
 * joined by `,`. It depends only on the names, not on their origins, so it names the exact
 * combination of Freight a Stage runs.
 */
export function freightCollectionId(names: readonly string[]): string {
  return sha1Hex([...names].sort(compareStrings).join(','));
}

function withId<R extends FreightReferenceLike>(
  items: Record<string, R>,
  rest: Omit<FreightCollectionLike, 'id' | 'items'>,
): FreightCollectionOf<R> {
  const id = freightCollectionId(Object.values(items).map((r) => r.name ?? ''));
  return { ...(rest as object), id, items } as FreightCollectionOf<R>;
}

/**
 * Returns a new collection with each reference put under its origin key (replacing Freight of the
 * same origin) and the id recomputed. The input collection is not changed.
 */
export function updateFreightCollection<R extends FreightReferenceLike>(
  collection: FreightCollectionLike | null | undefined,
  ...references: readonly R[]
): FreightCollectionOf<R> {
  const { id: _id, items: oldItems, ...rest } = collection ?? {};
  const items: Record<string, R> = {};
  for (const [k, v] of Object.entries(oldItems ?? {})) if (v) items[k] = v as R;
  for (const ref of references) items[originKey(ref.origin)] = ref;
  return withId(items, rest);
}

/** The references of a collection, ordered by origin key. */
export function freightCollectionReferences<R extends FreightReferenceLike>(collection: { readonly items?: Readonly<Record<string, R | null | undefined>> | null | undefined } | null | undefined): R[] {
  return Object.entries(collection?.items ?? {})
    .filter((e): e is [string, R] => e[1] !== null && e[1] !== undefined)
    .sort((a, b) => compareStrings(a[0], b[0]))
    .map(([, r]) => r);
}

/**
 * Records collections at the top of a Stage's `freightHistory` (newest first): the arguments go
 * on top in argument order, and the history is cut to the newest 10.
 */
export function recordFreightHistory<C>(history: readonly C[] | null | undefined, ...collections: readonly C[]): C[] {
  return [...collections, ...(history ?? [])].slice(0, MAX_HISTORY);
}

/**
 * Updates a collection's `verificationHistory` (newest first): an entry with the id of an existing
 * one replaces it in place; entries with new ids go on top, in argument order; at most 10 are kept.
 */
export function pushVerificationInfo<V extends VerificationInfoLike>(stack: readonly V[] | null | undefined, ...infos: readonly V[]): V[] {
  const updated = [...(stack ?? [])];
  const fresh: V[] = [];
  for (const info of infos) {
    const at = info.id !== undefined ? updated.findIndex((v) => v.id === info.id) : -1;
    if (at >= 0) updated[at] = info;
    else fresh.push(info);
  }
  return [...fresh, ...updated].slice(0, MAX_HISTORY);
}

/**
 * The Stage's `freightSummary`: the Freight name when one origin is requested and one Freight is
 * current, otherwise `"<current>/<requested> Fulfilled"`.
 */
export function buildFreightSummary(requested: number, currentItems: Readonly<Record<string, FreightReferenceLike | null | undefined>> | null | undefined): string {
  const refs = Object.values(currentItems ?? {}).filter((r): r is FreightReferenceLike => r !== null && r !== undefined);
  if (requested === 1 && refs.length === 1) return refs[0]!.name ?? '';
  return `${refs.length}/${requested} Fulfilled`;
}

/**
 * The collection a Promotion will leave in a Stage: for a Stage requesting several origins, the
 * Freight of the *last Promotion's* collection (which may have failed) for origins still
 * requested, with the promoted Freight put in place of its origin's; for a single-origin Stage,
 * just the promoted Freight.
 */
export function buildTargetFreightCollection<R extends FreightReferenceLike>(
  requestedOrigins: readonly string[],
  lastPromotionCollection: FreightCollectionLike | null | undefined,
  target: R,
): FreightCollectionOf<R> {
  const items: Record<string, R> = {};
  if (requestedOrigins.length > 1 && lastPromotionCollection) {
    for (const origin of requestedOrigins) {
      const ref = lastPromotionCollection.items?.[origin];
      if (ref) items[origin] = ref as R;
    }
  }
  items[originKey(target.origin)] = target;
  return withId(items, {});
}
