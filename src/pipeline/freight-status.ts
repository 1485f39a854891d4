import { Immer } from 'immer';
import { createIssue } from '../errors/index.js';
import { err, ok, type Result } from '../result.js';
import { formatGoDuration } from './duration.js';
import { completedSoak, isFreightApprovedFor, isFreightCurrentlyIn, isFreightVerifiedIn, residencyStart } from './freight-soak.js';
import { originKey, requestsOrigin, nameOf } from './origin.js';
import { showValue } from './show.js';
import { formatTime, toEpochMillis } from './time.js';
import type { FreightLike, NowOptions, StageLike, TimeInput } from './types.js';

// Users' objects must not come back frozen: waybill returns new objects and leaves freezing to
// the caller, so auto-freeze is off for this private instance.
const immer = new Immer({ autoFreeze: false });

interface MutableStatus {
  currentlyIn?: Record<string, { since?: string | Date | null }> | null;
  verifiedIn?: Record<string, { verifiedAt?: string | Date | null; longestSoak?: string | null }> | null;
  approvedFor?: Record<string, { approvedAt?: string | Date | null }> | null;
}

/** A plain JSON object (not an array, a boxed primitive, a Date or a class instance). */
export function isPlainRecord(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function updateStatus<F extends FreightLike>(freight: F, recipe: (status: MutableStatus) => void): F {
  return immer.produce(freight, (draft) => {
    const target = draft as { status?: MutableStatus | null };
    if (!isPlainRecord(target.status)) target.status = {};
    // A map of the wrong shape (an array, a string) cannot hold Stage names; it is replaced.
    for (const key of ['currentlyIn', 'verifiedIn', 'approvedFor'] as const) {
      const map = target.status[key];
      if (map !== undefined && map !== null && !isPlainRecord(map)) delete target.status[key];
    }
    recipe(target.status);
  }) as F;
}

function notAResource<T>(what: string): Result<T> {
  return err(createIssue('PIPELINE_NOT_A_RESOURCE', `the ${what} given is not an object`));
}

function isResource(value: unknown): boolean {
  return isPlainRecord(value);
}

function readNow(now: TimeInput): Result<number> {
  const ms = toEpochMillis(now);
  return ms === undefined
    ? err(createIssue('PIPELINE_INVALID_TIME', `invalid time ${showValue(now)}`, { path: ['now'] }))
    : ok(ms);
}

/**
 * Records that the Freight entered the Stage's current collection at `now`
 * (`status.currentlyIn[stage].since`). Idempotent: an existing entry keeps its first time, and the
 * same object is returned.
 */
export function markFreightCurrentIn<F extends FreightLike>(freight: F, stageName: string, opts: NowOptions): Result<F> {
  if (!isResource(freight)) return notAResource('Freight');
  if (isFreightCurrentlyIn(freight, stageName)) return ok(freight);
  const now = readNow(opts?.now);
  if (!now.ok) return now;
  return ok(
    updateStatus(freight, (s) => {
      s.currentlyIn ??= {};
      s.currentlyIn[stageName] = { since: formatTime(now.value) };
    }),
  );
}

/**
 * Records that the Freight left the Stage's current collection at `now`. When the Freight is
 * verified there and its residency start is known, the residency's length becomes
 * `verifiedIn[stage].longestSoak` if it is longer than the one recorded (Go duration text, as
 * Kargo writes it). Freight that is not verified gets no soak recorded. Returns the same object
 * when the Freight was not in the Stage.
 */
export function removeFreightCurrentIn<F extends FreightLike>(freight: F, stageName: string, opts: NowOptions): Result<F> {
  if (!isResource(freight)) return notAResource('Freight');
  if (!isFreightCurrentlyIn(freight, stageName)) return ok(freight);
  const now = readNow(opts?.now);
  if (!now.ok) return now;
  const since = residencyStart(freight, stageName);
  const verified = isFreightVerifiedIn(freight, stageName);
  const hasRecord = (freight.status?.verifiedIn?.[stageName]?.longestSoak ?? '') !== '';
  const soak = since === undefined ? undefined : Math.max(0, now.value - since);
  const recordSoak = verified && soak !== undefined && (!hasRecord || soak > completedSoak(freight, stageName));
  return ok(
    updateStatus(freight, (s) => {
      if (recordSoak && s.verifiedIn) {
        const existing = s.verifiedIn[stageName];
        const entry = isPlainRecord(existing) ? existing : {};
        entry.longestSoak = formatGoDuration(soak);
        s.verifiedIn[stageName] = entry;
      }
      if (s.currentlyIn) delete s.currentlyIn[stageName];
    }),
  );
}

/**
 * Records that the Freight was verified in the Stage at `verifiedAt` (`null` records the
 * verification without a time, as Kargo does when a verification has no finish time). Idempotent:
 * an existing entry (with its time and longest soak) is kept, and the same object is returned.
 */
export function markFreightVerifiedIn<F extends FreightLike>(
  freight: F,
  stageName: string,
  opts: { readonly verifiedAt: TimeInput | null },
): Result<F> {
  if (!isResource(freight)) return notAResource('Freight');
  if (isFreightVerifiedIn(freight, stageName)) return ok(freight);
  let verifiedAt: string | undefined;
  if (opts?.verifiedAt !== null) {
    const at = readNow(opts?.verifiedAt);
    if (!at.ok) return err(at.issues.map((i) => ({ ...i, path: ['verifiedAt'] })));
    verifiedAt = formatTime(at.value);
  }
  return ok(
    updateStatus(freight, (s) => {
      s.verifiedIn ??= {};
      s.verifiedIn[stageName] = verifiedAt === undefined ? {} : { verifiedAt };
    }),
  );
}

/**
 * Records that the Freight is approved for the Stage at `now`, without any check. Idempotent: the
 * first approval time wins. Use {@link approveFreight} to apply Kargo's rule that a Stage can only
 * be approved for Freight of an origin it requests.
 */
export function markFreightApprovedFor<F extends FreightLike>(freight: F, stageName: string, opts: NowOptions): Result<F> {
  if (!isResource(freight)) return notAResource('Freight');
  if (isFreightApprovedFor(freight, stageName)) return ok(freight);
  const now = readNow(opts?.now);
  if (!now.ok) return now;
  return ok(
    updateStatus(freight, (s) => {
      s.approvedFor ??= {};
      s.approvedFor[stageName] = { approvedAt: formatTime(now.value) };
    }),
  );
}

/**
 * Approves Freight for a Stage, as Kargo's approve action does: the Stage must request the
 * Freight's origin (otherwise `PIPELINE_ORIGIN_NOT_REQUESTED`); an existing approval is kept as it
 * is. Approval needs no verification anywhere: it bypasses upstream verification, soak and the
 * availability strategy.
 */
export function approveFreight<F extends FreightLike>(stage: StageLike, freight: F, opts: NowOptions): Result<F> {
  if (!isResource(stage)) return notAResource('Stage');
  if (!isResource(freight)) return notAResource('Freight');
  const stageName = nameOf(stage);
  if (!requestsOrigin(stage, freight.origin)) {
    return err(
      createIssue(
        'PIPELINE_ORIGIN_NOT_REQUESTED',
        `Stage "${stageName}" does not request Freight from origin "${originKey(freight.origin)}"`,
        { path: ['origin'] },
      ),
    );
  }
  return markFreightApprovedFor(freight, stageName, opts);
}

/**
 * Removes everything a deleted Stage left on the Freight: its verification and approval entries
 * (what Kargo's Stage finalizer does). Note that this can make the Freight unavailable to Stages
 * downstream of the deleted one. Returns the same object when there was nothing to remove.
 */
export function forgetStageInFreight<F extends FreightLike>(freight: F, stageName: string): F {
  if (!isResource(freight)) return freight;
  if (!isFreightVerifiedIn(freight, stageName) && !isFreightApprovedFor(freight, stageName)) return freight;
  return updateStatus(freight, (s) => {
    if (s.verifiedIn) delete s.verifiedIn[stageName];
    if (s.approvedFor) delete s.approvedFor[stageName];
  });
}
