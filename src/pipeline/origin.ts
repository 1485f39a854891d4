import type { FreightOriginLike, FreightRequestLike, StageLike } from './types.js';

/** The origin key of Freight: `"<kind>/<name>"`, for example `"Warehouse/my-wh"`. */
export function originKey(origin: FreightOriginLike | null | undefined): string {
  return `${origin?.kind ?? ''}/${origin?.name ?? ''}`;
}

/** True when two origins name the same kind and name. */
export function sameOrigin(a: FreightOriginLike | null | undefined, b: FreightOriginLike | null | undefined): boolean {
  return (a?.kind ?? '') === (b?.kind ?? '') && (a?.name ?? '') === (b?.name ?? '');
}

/** The Stage's `spec.requestedFreight`, or an empty list. */
export function requestedFreightOf(stage: StageLike): readonly FreightRequestLike[] {
  const requests = stage?.spec?.requestedFreight;
  // Entries that are not objects are kept as empty requests so indexes still point into the spec.
  return Array.isArray(requests) ? requests.map((r) => (r !== null && typeof r === 'object' ? r : {})) : [];
}

/** True when the Stage requests Freight from the origin. */
export function requestsOrigin(stage: StageLike, origin: FreightOriginLike | null | undefined): boolean {
  return requestedFreightOf(stage).some((r) => sameOrigin(r.origin, origin));
}

/**
 * The first of the Stage's requests for the origin, with its index, or `undefined`. Kargo rejects
 * Stages that request an origin twice, so the first is the only one in a valid Stage.
 */
export function findFreightRequest(
  stage: StageLike,
  origin: FreightOriginLike | null | undefined,
): { readonly index: number; readonly request: FreightRequestLike } | undefined {
  const requests = requestedFreightOf(stage);
  for (let index = 0; index < requests.length; index++) {
    const request = requests[index]!;
    if (sameOrigin(request.origin, origin)) return { index, request };
  }
  return undefined;
}

/** A resource's `metadata.name`, or `""` when it has none (or it is not a string). */
export function nameOf(resource: { readonly metadata?: { readonly name?: string | undefined } | undefined } | null | undefined): string {
  const name = resource?.metadata?.name;
  return typeof name === 'string' ? name : '';
}

/** The entries of a list that are objects (a missing list is empty); holes and junk are dropped. */
export function objectsIn<T>(list: readonly T[] | null | undefined): T[] {
  return Array.isArray(list) ? list.filter((x): x is T => x !== null && typeof x === 'object') : [];
}
