/**
 * The port through which the controller keeps Kargo resources: Projects, Warehouses, Freight,
 * Stages, Promotions and the rest, as plain `kargo.akuity.io/v1alpha1` objects.
 * @packageDocumentation
 */
import type { KargoKind, KargoResource } from '../model/index.js';
import type { PortCallOptions, PortFailure, PortFailureKind } from './registry.js';

/** The resource of one Kargo kind. */
export type StoredResourceOf<K extends KargoKind> = Extract<KargoResource, { kind: K }>;

/**
 * Why a store call failed: a port failure, or
 * - `conflict`: the resource changed since it was read (its `resourceVersion` is stale);
 * - `already-exists`: a create named a resource that is already there.
 */
export type StoreFailureKind = PortFailureKind | 'conflict' | 'already-exists';

/** A failed store call, as data. */
export interface StoreFailure extends Omit<PortFailure, 'kind'> {
  readonly kind: StoreFailureKind;
}

/** The outcome of a store call. */
export type StoreResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly failure: StoreFailure };

/** Which resource. `namespace` is ignored for cluster-scoped kinds (Project, ClusterConfig, ClusterPromotionTask). */
export interface StoreRef extends PortCallOptions {
  readonly namespace?: string | undefined;
  readonly name: string;
}

/** Which resources to list. Without a namespace: every namespace. */
export interface StoreQuery extends PortCallOptions {
  readonly namespace?: string | undefined;
}

/** A status write. */
export interface StoreStatusWrite extends StoreRef {
  /** The new status (replaces the old one whole). */
  readonly status: unknown;
  /**
   * The `metadata.resourceVersion` the status was computed from. When given and the stored
   * resource has moved on, the write fails with `conflict` and changes nothing.
   */
  readonly resourceVersion?: string | undefined;
}

/** A metadata write: labels and annotations to set (a `null` value removes the key). */
export interface StoreMetadataWrite extends StoreRef {
  readonly labels?: Readonly<Record<string, string | null>> | undefined;
  readonly annotations?: Readonly<Record<string, string | null>> | undefined;
  /** As for status writes: fail with `conflict` when the resource has moved on. */
  readonly resourceVersion?: string | undefined;
}

/** One change the store saw. */
export interface StoreChange {
  readonly type: 'created' | 'updated' | 'deleted';
  readonly kind: KargoKind;
  readonly namespace?: string | undefined;
  readonly name: string;
}

/**
 * Where the controller keeps Kargo resources: in memory (`createMemoryStore` from
 * `waybill/adapters/memory`), in a cluster as Kargo's own CRDs (`waybill/adapters/kubernetes`),
 * or anywhere else an embedder likes.
 *
 * Contract (checked by `storeContract` in `waybill/testing`):
 * - every stored resource has `metadata.resourceVersion`, a string that changes on every write;
 *   `list` returns resources sorted by namespace, then name;
 * - `get` of a missing resource is `ok` with `undefined`, not a failure;
 * - `create` of an existing resource fails with `already-exists`; `create` sets
 *   `metadata.creationTimestamp` when the resource has none, from the store's clock;
 * - status and metadata writes with a stale `resourceVersion` fail with `conflict` and change
 *   nothing; writes to a missing resource fail with `not-found`;
 * - changing a returned object never changes what is stored: the store hands out copies, or
 *   deeply frozen objects (the memory store's lists are frozen, so callers copy before editing).
 */
export interface StorePort {
  get<K extends KargoKind>(kind: K, ref: StoreRef): Promise<StoreResult<StoredResourceOf<K> | undefined>>;
  list<K extends KargoKind>(kind: K, query?: StoreQuery): Promise<StoreResult<readonly StoredResourceOf<K>[]>>;
  create<K extends KargoKind>(resource: StoredResourceOf<K>, options?: PortCallOptions): Promise<StoreResult<StoredResourceOf<K>>>;
  updateStatus<K extends KargoKind>(kind: K, write: StoreStatusWrite): Promise<StoreResult<StoredResourceOf<K>>>;
  updateMetadata<K extends KargoKind>(kind: K, write: StoreMetadataWrite): Promise<StoreResult<StoredResourceOf<K>>>;
  delete(kind: KargoKind, ref: StoreRef): Promise<StoreResult<void>>;
  /** Calls `listener` after each change; returns a function that stops the calls. Optional: a controller without it polls. */
  subscribe?(listener: (change: StoreChange) => void): () => void;
}
