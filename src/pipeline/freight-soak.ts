import { durationToMillis } from './duration.js';
import { toEpochMillis } from './time.js';
import type { DurationInput, FreightLike, NowOptions } from './types.js';

/** True when the Freight has been verified in the Stage (an entry in `status.verifiedIn`). */
export function isFreightVerifiedIn(freight: FreightLike, stageName: string): boolean {
  const verified = freight?.status?.verifiedIn;
  return verified !== null && verified !== undefined && Object.hasOwn(verified, stageName);
}

/** True when the Freight is approved for the Stage (an entry in `status.approvedFor`). */
export function isFreightApprovedFor(freight: FreightLike, stageName: string): boolean {
  const approved = freight?.status?.approvedFor;
  return approved !== null && approved !== undefined && Object.hasOwn(approved, stageName);
}

/** True when the Freight is in the Stage's current collection (an entry in `status.currentlyIn`). */
export function isFreightCurrentlyIn(freight: FreightLike, stageName: string): boolean {
  const current = freight?.status?.currentlyIn;
  return current !== null && current !== undefined && Object.hasOwn(current, stageName);
}

/** The longest completed residency recorded for a Stage (`verifiedIn[stage].longestSoak`), in ms. */
export function completedSoak(freight: FreightLike, stageName: string): number {
  const recorded = freight?.status?.verifiedIn?.[stageName]?.longestSoak;
  if (recorded === null || recorded === undefined || recorded === '') return 0;
  const ms = durationToMillis(recorded);
  return ms.ok ? Math.max(0, ms.value) : 0;
}

/**
 * The start of the Freight's current residency in the Stage (`currentlyIn[stage].since`), in
 * epoch ms, or `undefined` when it is not there or the time is missing or unreadable.
 */
export function residencyStart(freight: FreightLike, stageName: string): number | undefined {
  if (!isFreightCurrentlyIn(freight, stageName)) return undefined;
  return toEpochMillis(freight?.status?.currentlyIn?.[stageName]?.since ?? undefined);
}

/**
 * How long the Freight has soaked in a Stage, in milliseconds: 0 unless it was verified there;
 * otherwise the longer of its longest completed residency and its current residency (measured
 * from when it entered the Stage, not from verification). An unreadable `now` counts no current
 * residency.
 */
export function longestSoak(freight: FreightLike, stageName: string, opts: NowOptions): number {
  if (!isFreightVerifiedIn(freight, stageName)) return 0;
  const completed = completedSoak(freight, stageName);
  const since = residencyStart(freight, stageName);
  const now = toEpochMillis(opts?.now);
  const current = since !== undefined && now !== undefined ? Math.max(0, now - since) : 0;
  return Math.max(completed, current);
}

/**
 * True when the Freight has soaked in the Stage for at least `required`. No requirement (`null` or
 * `undefined`, or an empty string) is always met, and so is a zero requirement, even for Freight never verified there
 * (Kargo's rule). A requirement that is not a valid duration is never met.
 */
export function hasSoakedIn(
  freight: FreightLike,
  stageName: string,
  required: DurationInput | null | undefined,
  opts: NowOptions,
): boolean {
  if (required === null || required === undefined || required === '') return true;
  const ms = durationToMillis(required);
  if (!ms.ok) return false;
  return longestSoak(freight, stageName, opts) >= ms.value;
}
