import { originKey } from './origin.js';
import type { FreightLike } from './types.js';

const INDEX = Symbol('waybill.freightIndex');

/**
 * Freight indexed by origin, by the Stages it is verified in and by the Stages it is approved
 * for, so that listing what is available to one Stage looks only at Freight that can be (a few
 * hundred pieces) instead of all of it. Build it once per set of Freight with
 * {@link indexFreight} and pass it to {@link listAvailableFreight} for every Stage. It holds the
 * objects it was built from; build a new one when the Freight changes.
 */
export interface FreightIndex<F extends FreightLike = FreightLike> {
  readonly [INDEX]: true;
  /** The Freight, in the order given (entries that are not objects left out). */
  readonly all: readonly F[];
  /** Positions in `all` of the Freight of each origin key, ascending. */
  readonly byOrigin: ReadonlyMap<string, readonly number[]>;
  /** Positions in `all` of the Freight verified in each Stage, ascending. */
  readonly verifiedIn: ReadonlyMap<string, readonly number[]>;
  /** Positions in `all` of the Freight approved for each Stage, ascending. */
  readonly approvedFor: ReadonlyMap<string, readonly number[]>;
}

function push<K>(map: Map<K, number[]>, key: K, position: number): void {
  const list = map.get(key);
  if (list) list.push(position);
  else map.set(key, [position]);
}

/** Indexes Freight for repeated availability questions (see {@link FreightIndex}). */
export function indexFreight<F extends FreightLike>(freight: readonly F[]): FreightIndex<F> {
  const all = Array.isArray(freight) ? freight.filter((f): f is F => f !== null && typeof f === 'object') : [];
  const byOrigin = new Map<string, number[]>();
  const verifiedIn = new Map<string, number[]>();
  const approvedFor = new Map<string, number[]>();
  all.forEach((f, i) => {
    push(byOrigin, originKey(f.origin), i);
    const status = f.status;
    if (!status || typeof status !== 'object') return;
    if (status.verifiedIn && typeof status.verifiedIn === 'object') for (const s of Object.keys(status.verifiedIn)) push(verifiedIn, s, i);
    if (status.approvedFor && typeof status.approvedFor === 'object') for (const s of Object.keys(status.approvedFor)) push(approvedFor, s, i);
  });
  return { [INDEX]: true, all, byOrigin, verifiedIn, approvedFor };
}

/** True when the value is a {@link FreightIndex}. */
export function isFreightIndex<F extends FreightLike>(value: readonly F[] | FreightIndex<F>): value is FreightIndex<F> {
  return (value as Partial<FreightIndex<F>>)[INDEX] === true;
}
