/**
 * The Argo CD half of the port through which promotion steps reach a cluster: reading Argo CD
 * Applications, changing their sources and starting sync operations.
 * @packageDocumentation
 */
import type { PortCallOptions, PortResult } from './registry.js';

/** A Helm parameter of an Application source (`spec.source.helm.parameters[]`). */
export interface ArgoCDHelmParameter {
  readonly name: string;
  readonly value: string;
  readonly forceString?: boolean | undefined;
}

/**
 * One source of an Argo CD Application, as Argo CD stores it. Only the fields waybill reads or
 * writes are spelled out; everything else an Application holds is kept as it is.
 */
export interface ArgoCDApplicationSource {
  readonly repoURL: string;
  readonly path?: string | undefined;
  readonly chart?: string | undefined;
  readonly targetRevision?: string | undefined;
  readonly helm?:
    | {
        readonly parameters?: readonly ArgoCDHelmParameter[] | undefined;
        readonly values?: string | undefined;
        readonly valueFiles?: readonly string[] | undefined;
        readonly [key: string]: unknown;
      }
    | undefined;
  readonly kustomize?:
    | {
        /** Kustomize image overrides: `name[=newName][:tag|@digest]`. */
        readonly images?: readonly string[] | undefined;
        readonly [key: string]: unknown;
      }
    | undefined;
  readonly [key: string]: unknown;
}

/** A name/value pair attached to an operation (`operation.info[]`). */
export interface ArgoCDInfo {
  readonly name: string;
  readonly value: string;
}

/** A requested Argo CD operation (a sync), as stored in an Application's `operation`. */
export interface ArgoCDOperation {
  readonly initiatedBy?: { readonly username?: string | undefined; readonly automated?: boolean | undefined } | undefined;
  readonly info?: readonly ArgoCDInfo[] | undefined;
  readonly sync?: { readonly revisions?: readonly string[] | undefined; readonly syncOptions?: readonly string[] | undefined; readonly [key: string]: unknown } | undefined;
  readonly retry?: unknown;
}

/**
 * The phase of an Argo CD operation. `Succeeded`, `Failed` and `Error` are final; `Running` and
 * `Terminating` are not.
 */
export type ArgoCDOperationPhase = 'Running' | 'Terminating' | 'Failed' | 'Error' | 'Succeeded';

/** The state of the last (or current) operation (`status.operationState`). */
export interface ArgoCDOperationState {
  readonly operation: ArgoCDOperation;
  readonly phase: ArgoCDOperationPhase | (string & {});
  readonly message?: string | undefined;
  /** What the sync applied: one revision per source. */
  readonly syncResult?: { readonly revision?: string | undefined; readonly revisions?: readonly string[] | undefined } | undefined;
  /** RFC 3339. */
  readonly startedAt?: string | undefined;
  /** RFC 3339; absent while the operation runs. */
  readonly finishedAt?: string | undefined;
}

/** Argo CD's health statuses. */
export type ArgoCDHealthStatus = 'Unknown' | 'Progressing' | 'Healthy' | 'Suspended' | 'Degraded' | 'Missing';

/** Argo CD's sync statuses. */
export type ArgoCDSyncStatus = 'Synced' | 'OutOfSync' | 'Unknown';

/** What Argo CD reports about an Application (`status`). */
export interface ArgoCDApplicationStatus {
  readonly sync?: { readonly status?: ArgoCDSyncStatus | (string & {}) | undefined; readonly revision?: string | undefined; readonly revisions?: readonly string[] | undefined } | undefined;
  readonly health?: { readonly status?: ArgoCDHealthStatus | (string & {}) | undefined; readonly message?: string | undefined } | undefined;
  readonly operationState?: ArgoCDOperationState | undefined;
  readonly conditions?: readonly { readonly type: string; readonly message?: string | undefined }[] | undefined;
  /** RFC 3339: when Argo CD last compared the Application with its sources. */
  readonly reconciledAt?: string | undefined;
  readonly [key: string]: unknown;
}

/** An Argo CD Application (`argoproj.io/v1alpha1`), in the JSON form Kubernetes serves. */
export interface ArgoCDApplication {
  readonly apiVersion?: string | undefined;
  readonly kind?: string | undefined;
  readonly metadata: {
    readonly name: string;
    readonly namespace: string;
    readonly labels?: Readonly<Record<string, string>> | undefined;
    readonly annotations?: Readonly<Record<string, string>> | undefined;
    readonly [key: string]: unknown;
  };
  readonly spec: {
    /** A single-source Application. */
    readonly source?: ArgoCDApplicationSource | undefined;
    /** A multi-source Application. */
    readonly sources?: readonly ArgoCDApplicationSource[] | undefined;
    readonly syncPolicy?: { readonly retry?: unknown; readonly syncOptions?: readonly string[] | undefined; readonly [key: string]: unknown } | undefined;
    readonly [key: string]: unknown;
  };
  /** A requested operation Argo CD has not picked up yet. */
  readonly operation?: ArgoCDOperation | undefined;
  readonly status?: ArgoCDApplicationStatus | undefined;
}

/** One requirement of a Kubernetes label selector. */
export interface LabelSelectorRequirement {
  readonly key: string;
  readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  readonly values?: readonly string[] | undefined;
}

/** A Kubernetes label selector: every label and every requirement must match. */
export interface LabelSelector {
  readonly matchLabels?: Readonly<Record<string, string>> | undefined;
  readonly matchExpressions?: readonly LabelSelectorRequirement[] | undefined;
}

/** Which Application to read. */
export interface GetApplicationRequest extends PortCallOptions {
  readonly namespace: string;
  readonly name: string;
}

/** Which Applications to list. */
export interface ListApplicationsRequest extends PortCallOptions {
  readonly namespace: string;
  readonly selector: LabelSelector;
}

/**
 * A change to one Application, applied at once:
 * - `sources` replaces the Application's sources (`spec.sources` for a multi-source Application,
 *   `spec.source` with the first entry for a single-source one);
 * - `operation` requests a sync: it is stored as `operation`, and the state of the previous
 *   operation (`status.operationState`) is cleared, so that a reader never mistakes the old
 *   operation's outcome for the new one's;
 * - `refresh` asks Argo CD to compare the Application with its sources again
 *   (the `argocd.argoproj.io/refresh` annotation).
 */
export interface PatchApplicationRequest extends PortCallOptions {
  readonly namespace: string;
  readonly name: string;
  readonly sources?: readonly ArgoCDApplicationSource[] | undefined;
  readonly operation?: ArgoCDOperation | undefined;
  readonly refresh?: 'normal' | 'hard' | undefined;
}

/**
 * The Argo CD part of a cluster, as the `argocd-update` and `argocd-wait` steps need it.
 * Implementations: `createMemoryCluster()` in `waybill/adapters/memory`, or your own; all must
 * pass `clusterContract` from `waybill/testing`. Methods resolve to a `PortResult` and never
 * reject; an Application that does not exist is a `not-found` failure.
 */
export interface ClusterPort {
  /** The Application as it is now: spec, pending operation, operation state, sync status and health. */
  getApplication(request: GetApplicationRequest): Promise<PortResult<ArgoCDApplication>>;
  /** The Applications of a namespace that match a label selector (none is an empty list). */
  listApplications(request: ListApplicationsRequest): Promise<PortResult<readonly ArgoCDApplication[]>>;
  /** Changes sources, starts a sync or requests a refresh; resolves to the Application after the change. */
  patchApplication(request: PatchApplicationRequest): Promise<PortResult<ArgoCDApplication>>;
}
