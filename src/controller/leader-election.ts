/**
 * Leader election over a {@link LeasePort}, with the rules of Kubernetes' client-go (the library
 * every Kubernetes controller elects its leader with), so that waybill replicas and the Lease
 * they share behave the way cluster operators already know.
 * @packageDocumentation
 */
import { createIssue, type Issue } from '../errors/index.js';
import type { Clock, LeaseRecord, LeaseSpec, StoreFailure, StoreResult } from '../ports/index.js';
import type { LeaderElectionOptions } from './types.js';

/** The Lease name when the options give none. */
export const DEFAULT_LEASE_NAME = 'waybill-controller';
/** How long a Lease is good for without renewal when the options say nothing (client-go's default). */
export const DEFAULT_LEASE_DURATION_MS = 15_000;

/**
 * A Lease as this replica last saw it change, and when (by its own clock). Expiry is measured from
 * here, not from the Lease's `renewTime`: the `renewTime` was written by another machine's clock,
 * and replicas' clocks disagree; how long *we* have watched a record stay unchanged does not
 * depend on anyone else's clock.
 */
export interface LeaseObservation {
  readonly spec: LeaseSpec;
  readonly resourceVersion: string;
  /** When this replica first read this record, in ms since the epoch by its own clock. */
  readonly at: number;
}

/** What to do about the Lease, decided by {@link decideLease}. */
export type LeaseDecision =
  /** There is no Lease: create it, held by us. */
  | { readonly action: 'create'; readonly spec: LeaseSpec; readonly observed: undefined }
  /** We hold it: write a new `renewTime`, keeping `acquireTime` and `leaseTransitions`. */
  | { readonly action: 'renew'; readonly spec: LeaseSpec; readonly resourceVersion: string; readonly observed: LeaseObservation }
  /** It is free (released) or its holder let it lapse: take it, counting one more transition. */
  | { readonly action: 'acquire'; readonly spec: LeaseSpec; readonly resourceVersion: string; readonly observed: LeaseObservation }
  /** Someone else holds it and has not let it lapse yet. */
  | { readonly action: 'wait'; readonly holder: string; readonly expiresAt: number; readonly observed: LeaseObservation };

/** Kubernetes' MicroTime: RFC 3339 in UTC with six fractional digits (a `Date` knows milliseconds, so the last three are zeros). */
export function formatMicroTime(time: Date): string {
  return time.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/** Whole seconds, at least one, rounded up: other clients read `leaseDurationSeconds`, and rounding down would tell them the Lease ends sooner than it does. */
function durationSeconds(durationMs: number): number {
  return Math.max(1, Math.ceil(durationMs / 1000));
}

function sameRecord(record: LeaseRecord, observed: LeaseObservation | undefined): boolean {
  if (observed === undefined || observed.resourceVersion !== record.resourceVersion) return false;
  const a = record.spec;
  const b = observed.spec;
  return a.holderIdentity === b.holderIdentity && a.renewTime === b.renewTime && a.acquireTime === b.acquireTime && a.leaseTransitions === b.leaseTransitions && a.leaseDurationSeconds === b.leaseDurationSeconds;
}

/**
 * Decides, purely, what a replica named `identity` does about the Lease it just read (`record`,
 * `undefined` when there is none), given the observation it kept from earlier reads, the time
 * `now` by its own clock, and the lease duration. The rules are client-go's:
 * - no Lease: create one that we hold;
 * - a record that differs from the observation (another `resourceVersion` or another spec) is a
 *   new observation made `now`;
 * - held by us: renew it (`renewTime` now; `acquireTime` and `leaseTransitions` kept);
 * - held by someone else and observed less than a lease duration ago: wait;
 * - otherwise (no holder, or the holder has not renewed for a lease duration as we measure it):
 *   take it with `acquireTime` now and `leaseTransitions` one more.
 * The write the decision asks for must carry `resourceVersion`, so that of several replicas
 * deciding the same thing at once only one succeeds.
 */
export function decideLease(record: LeaseRecord | undefined, observed: LeaseObservation | undefined, now: Date, identity: string, durationMs: number): LeaseDecision {
  const stamp = formatMicroTime(now);
  const leaseDurationSeconds = durationSeconds(durationMs);
  if (record === undefined) {
    return { action: 'create', spec: { holderIdentity: identity, leaseDurationSeconds, acquireTime: stamp, renewTime: stamp, leaseTransitions: 0 }, observed: undefined };
  }
  const observation: LeaseObservation = sameRecord(record, observed) && observed !== undefined ? observed : { spec: { ...record.spec }, resourceVersion: record.resourceVersion, at: now.getTime() };
  const holder = record.spec.holderIdentity ?? '';
  const transitions = record.spec.leaseTransitions ?? 0;
  if (holder === identity) {
    return {
      action: 'renew',
      spec: { holderIdentity: identity, leaseDurationSeconds, acquireTime: record.spec.acquireTime ?? stamp, renewTime: stamp, leaseTransitions: transitions },
      resourceVersion: record.resourceVersion,
      observed: observation,
    };
  }
  const expiresAt = observation.at + durationMs;
  if (holder !== '' && expiresAt > now.getTime()) return { action: 'wait', holder, expiresAt, observed: observation };
  return {
    action: 'acquire',
    spec: { holderIdentity: identity, leaseDurationSeconds, acquireTime: stamp, renewTime: stamp, leaseTransitions: transitions + 1 },
    resourceVersion: record.resourceVersion,
    observed: observation,
  };
}

/** One replica's side of leader election. */
export interface LeaderElector {
  /**
   * Reads the Lease and acquires or renews it as {@link decideLease} says. Resolves to `true`
   * when this replica leads after the call (as `isLeader()` would say): a leader whose renewal
   * failed to reach the Lease still leads until its term runs out; one that met a `conflict` does
   * not. Never rejects. Call it every few seconds (client-go retries every 2 s with a 15 s
   * lease); calls made while one is running share its answer.
   */
  tryAcquireOrRenew(): Promise<boolean>;
  /**
   * True while this replica leads: it won or renewed the Lease, and less than a lease duration has
   * passed since that call began. Measuring from the *start* of the call matters: every other
   * replica saw our write after we began it, so our leadership ends before any of them may take
   * over, even when we stop renewing without a word.
   */
  isLeader(): boolean;
  /** Stops leading at once and gives the Lease up (clears its holder) so that another replica takes over without waiting for it to lapse. */
  release(): Promise<void>;
  /** Problems with the options; an elector with any never leads. */
  readonly issues: readonly Issue[];
  /** The last failure of the Lease port, if the last call met one (a conflict means another replica won the round). */
  lastFailure(): StoreFailure | undefined;
}

/** Runs a port call, turning a throw or a rejection (a port that breaks its contract) into a failure. */
async function safely<T>(call: () => Promise<StoreResult<T>>): Promise<StoreResult<T>> {
  try {
    return await call();
  } catch (error) {
    return { ok: false, failure: { kind: 'transport', message: `the Lease port threw: ${error instanceof Error ? error.message : String(error)}`, retryable: true } };
  }
}

function optionIssues(options: LeaderElectionOptions): Issue[] {
  const issues: Issue[] = [];
  if (typeof options.identity !== 'string' || options.identity.trim() === '') {
    issues.push(createIssue('CONTROLLER_LEASE_IDENTITY_EMPTY', 'leader election needs a non-empty identity for this replica (for example the pod name)', { path: ['leaderElection', 'identity'] }));
  }
  const duration = options.leaseDurationMs;
  if (duration !== undefined && (!Number.isFinite(duration) || duration < 1000)) {
    issues.push(createIssue('CONTROLLER_LEASE_DURATION_INVALID', `leaseDurationMs must be a number of milliseconds, at least 1000; got ${String(duration)}`, { path: ['leaderElection', 'leaseDurationMs'] }));
  }
  if (typeof options.namespace !== 'string' || options.namespace === '' || (options.name !== undefined && (typeof options.name !== 'string' || options.name === ''))) {
    issues.push(createIssue('CONTROLLER_LEASE_NAME_INVALID', 'leader election needs the namespace and name of its Lease (the name defaults to waybill-controller)', { path: ['leaderElection', 'namespace'] }));
  }
  return issues;
}

/**
 * Creates this replica's leader elector over `options.lease`. Several replicas, each with its own
 * identity, share one Lease; at any time at most one of them answers `isLeader()` with `true`,
 * as long as their clocks run at the same rate (their readings may differ by any amount: expiry
 * is measured from when each replica saw the Lease change, by its own clock). Invalid options
 * (an empty identity, a lease shorter than a second) are reported in `issues` and such an
 * elector never leads.
 */
export function createLeaderElector(options: LeaderElectionOptions & { readonly clock: Clock }): LeaderElector {
  const issues = optionIssues(options);
  const { lease, identity, clock } = options;
  const ref = { namespace: options.namespace, name: options.name ?? DEFAULT_LEASE_NAME };
  const durationMs = options.leaseDurationMs ?? DEFAULT_LEASE_DURATION_MS;
  let observed: LeaseObservation | undefined;
  let holding = false;
  let validUntil = 0;
  let failure: StoreFailure | undefined;
  let running: Promise<boolean> | undefined;

  const isLeader = (): boolean => holding && clock.now().getTime() < validUntil;
  const lose = (why: StoreFailure): void => {
    failure = why;
    // Another replica wrote first; whatever we held is theirs now.
    if (why.kind === 'conflict' || why.kind === 'already-exists') holding = false;
  };

  const attempt = async (): Promise<boolean> => {
    if (issues.length > 0) return false;
    const started = clock.now().getTime();
    const got = await safely(() => lease.get(ref));
    if (!got.ok) {
      // A failed read proves nothing about the Lease: a leader keeps leading until its term runs out.
      failure = got.failure;
      return isLeader();
    }
    const decision = decideLease(got.value, observed, clock.now(), identity, durationMs);
    observed = decision.observed;
    if (decision.action === 'wait') {
      holding = false;
      failure = undefined;
      return false;
    }
    const written = await safely(() => (decision.action === 'create' ? lease.create({ ...ref, spec: decision.spec }) : lease.update({ ...ref, spec: decision.spec, resourceVersion: decision.resourceVersion })));
    if (!written.ok) {
      lose(written.failure);
      return isLeader();
    }
    failure = undefined;
    observed = { spec: { ...written.value.spec }, resourceVersion: written.value.resourceVersion, at: clock.now().getTime() };
    holding = true;
    validUntil = started + durationMs;
    return isLeader();
  };

  return {
    issues,
    isLeader,
    lastFailure: () => failure,
    tryAcquireOrRenew() {
      running ??= attempt()
        .catch((error: unknown) => {
          // Only a port that hands back something other than a Lease record gets here.
          failure = { kind: 'invalid-response', message: `the Lease port answered with something unreadable: ${error instanceof Error ? error.message : String(error)}`, retryable: false };
          return isLeader();
        })
        .finally(() => {
          running = undefined;
        });
      return running;
    },
    async release() {
      if (running !== undefined) await running.catch(() => false);
      if (!holding || observed === undefined) return;
      holding = false;
      const resourceVersion = observed.resourceVersion;
      const stamp = formatMicroTime(clock.now());
      // A released Lease has no holder, so the next replica to look takes it at once; the short
      // duration tells other clients the same.
      const spec: LeaseSpec = { leaseDurationSeconds: 1, acquireTime: stamp, renewTime: stamp, leaseTransitions: observed.spec.leaseTransitions ?? 0 };
      const written = await safely(() => lease.update({ ...ref, spec, resourceVersion }));
      if (written.ok) observed = { spec: { ...written.value.spec }, resourceVersion: written.value.resourceVersion, at: clock.now().getTime() };
      else failure = written.failure;
    },
  };
}
