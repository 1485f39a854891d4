import type { CodeCatalog } from './catalog.js';

/** Codes of the controller (reconcile loop, store, verification, leader election). */
export const controllerCodes = {
  CONTROLLER_STORE_FAILED: {
    summary: 'A read or write through the store failed.',
    cause:
      'The StorePort answered a call with a failure other than a conflict: the backing service was unreachable, refused the credentials, or the call was cancelled. The reconcile stopped where it was and will be retried.',
    fix: 'Check that the store (the Kubernetes API server, or your own StorePort) is reachable and that the controller may read and write Kargo resources; the controller retries on its own once it is.',
  },
  CONTROLLER_CONFLICT: {
    summary: 'A resource changed while the controller was reconciling it.',
    cause:
      'A status or metadata write carried the `resourceVersion` the controller had read, and someone else (a person, another replica) wrote the resource in between. Nothing was written; the resource is reconciled again from what is stored now.',
    fix: 'Nothing to do: the controller requeues the resource. If this happens constantly, check that only one controller replica leads (leader election).',
  },
  CONTROLLER_NOT_FOUND: {
    summary: 'A Stage, Freight, Warehouse or Promotion named in a request does not exist.',
    cause: 'The request names a resource that is not in the store, in the Project given: a typo, the wrong Project, or a resource deleted meanwhile.',
    fix: 'Check the name and the Project, and list the resources of that kind to see what exists.',
  },
  CONTROLLER_INVALID_REQUEST: {
    summary: 'A manual action was asked for with missing or conflicting arguments.',
    cause:
      'A promotion needs exactly one of `freight`, `freightAlias` or `origin`; an origin must read `Warehouse/<name>`; an approval needs a Freight name or alias. The request broke one of these rules.',
    fix: 'Give exactly one way to name the Freight, as the message says.',
  },
  CONTROLLER_FREIGHT_NOT_AVAILABLE: {
    summary: 'The Freight is not available to the Stage.',
    cause:
      'A Stage only takes Freight that comes straight from a Warehouse it subscribes to, that was verified (and soaked long enough) in one of its upstream Stages, or that was approved for it. This Freight is none of these yet.',
    fix: 'Promote the Freight through the upstream Stages first, wait for their verification and soak time, or approve the Freight for this Stage.',
  },
  CONTROLLER_NO_DOWNSTREAM: {
    summary: 'The Stage has no downstream Stages to promote to.',
    cause: 'No Stage in the Project lists this Stage in `spec.requestedFreight[].sources.stages` for the Freight\'s origin.',
    fix: 'Promote to the Stages you mean by name, or add this Stage as an upstream source of the next Stages.',
  },
  CONTROLLER_NO_PROMOTION_STEPS: {
    summary: 'The Stage defines no promotion steps, so nothing can be promoted to it.',
    cause: 'The Stage has no `spec.promotionTemplate` or an empty step list: it is a control-flow Stage, which only passes Freight on to its downstream Stages.',
    fix: 'Promote to the Stages downstream of it, or give the Stage a promotion template with steps.',
  },
  CONTROLLER_TARGET_AWARE_STAGE: {
    summary: 'The Stage selects Targets and is promoted to with a PromotionRequest.',
    cause: 'A Stage with `spec.targets` is promoted to through PromotionRequests, a Kargo Enterprise feature that waybill does not run.',
    fix: 'Remove `spec.targets` from the Stage to promote to it with Promotions.',
  },
  CONTROLLER_NO_CANDIDATE: {
    summary: 'Promoting by origin found no Freight to promote.',
    cause: 'No Freight of the origin is available to the Stage right now, so there is no auto-promotion candidate to resolve the origin to.',
    fix: 'Wait for Freight of that origin to become available to the Stage, or promote a Freight by name.',
  },
  CONTROLLER_NO_VERIFICATION: {
    summary: 'The Stage has no verification to repeat or abort.',
    cause: 'Re-verifying or aborting a verification needs current Freight in the Stage with a verification record that has an id; the Stage has none.',
    fix: 'Promote Freight to the Stage first, and wait for its verification to start.',
  },
  CONTROLLER_DISCOVERY_FAILED: {
    summary: 'A Warehouse could not discover artifacts.',
    cause:
      'Listing images, commits or charts for one of the Warehouse\'s subscriptions failed (unreachable repository, credentials, invalid subscription, or no port for that kind of subscription). No Freight was made in this pass; the Warehouse\'s Ready condition says why.',
    fix: 'Fix the subscription or the repository access named in the message; the Warehouse is discovered again on its next interval or refresh.',
  },
  CONTROLLER_FREIGHT_CREATION_FAILED: {
    summary: 'A Warehouse discovered artifacts but could not make Freight from them.',
    cause: 'A subscription found no artifact at all, the freight creation criteria could not be evaluated, or the Freight could not be stored.',
    fix: 'Check the subscription (its constraint may match nothing) and the `freightCreationCriteria` expression named in the message.',
  },
  CONTROLLER_PROMOTION_INVALID: {
    summary: 'A Promotion could not be built for the Stage.',
    cause: 'The Stage\'s promotion template references a PromotionTask or ClusterPromotionTask that does not exist, or its task variables are missing.',
    fix: 'Create the referenced tasks, or fix the template as the message says.',
  },
  CONTROLLER_VERIFICATION_FAILED: {
    summary: 'The verification port failed to start, read or abort a verification.',
    cause: 'The VerificationPort answered with a failure (for example the run it was asked about is gone). The Stage records the verification as `Error` or retries on its next pass.',
    fix: 'Check the verification service behind the port; re-verify the Stage once it works.',
  },
  CONTROLLER_RECONCILE_FAILED: {
    summary: 'Reconciling a resource failed unexpectedly.',
    cause: 'A port or a step threw instead of returning a failure, or the stored resource could not be read. The resource is reconciled again later.',
    fix: 'Read the message for the failing call; a port that throws should be fixed to return failures as data.',
  },
  CONTROLLER_LEASE_IDENTITY_EMPTY: {
    summary: 'Leader election was given an empty identity for this replica.',
    cause: 'Every replica that shares a Lease needs its own non-empty identity: an empty holder means "nobody holds the Lease", so a replica without a name could never be told apart from a free Lease. Such an elector never leads.',
    fix: 'Pass the pod name as `leaderElection.identity` (for example from the `POD_NAME` environment variable set through the downward API), or another name unique to the replica.',
  },
  CONTROLLER_LEASE_DURATION_INVALID: {
    summary: 'The Lease duration for leader election is not a usable number of milliseconds.',
    cause: 'Kubernetes counts Lease durations in whole seconds, so `leaseDurationMs` must be a finite number of at least 1000. Such an elector never leads.',
    fix: 'Leave `leaseDurationMs` out for the 15 s default, or give at least 1000; keep renewals (calls of `tryAcquireOrRenew`) well inside it, such as every 2 s for 15 s.',
  },
  CONTROLLER_LEASE_NAME_INVALID: {
    summary: 'Leader election was given no namespace or an empty Lease name.',
    cause: 'Replicas find each other through one Lease, named by a namespace and a name; without them there is nothing to share. Such an elector never leads.',
    fix: 'Pass the namespace the controller runs in as `leaderElection.namespace`; leave `name` out for `waybill-controller`, or give the same non-empty name to every replica.',
  },
} as const satisfies CodeCatalog;
