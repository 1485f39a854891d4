/** Where Freight comes from: in practice always a Warehouse. */
export interface FreightOriginLike {
  readonly kind: string;
  readonly name: string;
}

/** A Git commit as it appears in Freight (`freight.commits[]`). */
export interface GitCommitLike {
  readonly repoURL?: string;
  readonly id?: string;
  readonly branch?: string;
  readonly tag?: string;
  readonly message?: string;
  readonly author?: string;
  readonly committer?: string;
  readonly subscriptionName?: string;
}

/** A container image as it appears in Freight (`freight.images[]`). */
export interface ImageLike {
  readonly repoURL?: string;
  readonly tag?: string;
  readonly digest?: string;
  readonly annotations?: Readonly<Record<string, string>>;
  readonly subscriptionName?: string;
}

/** A Helm chart as it appears in Freight (`freight.charts[]`). */
export interface ChartLike {
  readonly repoURL?: string;
  readonly name?: string;
  readonly version?: string;
  readonly subscriptionName?: string;
}

/** A generic artifact as it appears in Freight (`freight.artifacts[]`). */
export interface ArtifactReferenceLike {
  readonly artifactType?: string;
  readonly subscriptionName: string;
  readonly version: string;
  /** Free-form JSON describing the artifact. */
  readonly metadata?: unknown;
}

/** One piece of Freight in a promotion's collection (a Freight resource or a `FreightReference`). */
export interface FreightReferenceLike {
  readonly name?: string;
  readonly metadata?: { readonly name?: string };
  readonly origin?: FreightOriginLike;
  readonly commits?: readonly GitCommitLike[];
  readonly images?: readonly ImageLike[];
  readonly charts?: readonly ChartLike[];
  readonly artifacts?: readonly ArtifactReferenceLike[];
}

/** A Stage's request for Freight from one origin (`stage.spec.requestedFreight[]`). */
export interface FreightRequestLike {
  readonly origin: FreightOriginLike;
  readonly sources?: unknown;
}

/** The part of a Warehouse the freight functions read: its name and subscriptions. */
export interface WarehouseLike {
  readonly metadata?: { readonly name?: string; readonly namespace?: string };
  readonly spec?: { readonly subscriptions?: readonly unknown[] };
}

/** A step's execution record (`promotion.status.stepExecutionMetadata[]`). */
export interface StepExecutionMetadataLike {
  readonly alias?: string;
  readonly startedAt?: string | Date;
  readonly finishedAt?: string | Date;
  readonly errorCount?: number;
  readonly status?: string;
  readonly message?: string;
  readonly continueOnError?: boolean;
}

/** A Secret's decoded data and labels, as a {@link KargoLookups} implementation returns it. */
export interface SecretLike {
  /** Values decoded to text (Kubernetes stores them base64-encoded). */
  readonly data?: Readonly<Record<string, string>>;
  readonly labels?: Readonly<Record<string, string>>;
}

/** The part of a Freight or Stage resource the metadata functions read. */
export interface ResourceWithStatusLike {
  readonly status?: { readonly metadata?: Readonly<Record<string, unknown>> } & Readonly<Record<string, unknown>>;
}

/**
 * Reads of cluster state that some Kargo functions need. waybill does no I/O while it evaluates, so
 * the caller supplies these (already fetched, or served from memory). Each returns `undefined` for
 * "not found" and may throw for a real failure, which becomes an `EXPR_RUNTIME` issue.
 * A function whose lookup is not supplied fails when it is called.
 */
export interface KargoLookups {
  /** A ConfigMap's data in the project namespace (`configMap(name)`). */
  configMap?(name: string): Readonly<Record<string, string>> | undefined;
  /** A ConfigMap's data in the shared-resources namespace (`sharedConfigMap(name)`). */
  sharedConfigMap?(name: string): Readonly<Record<string, string>> | undefined;
  /** A Secret in the project namespace (`secret(name)`). */
  secret?(name: string): SecretLike | undefined;
  /** A Secret in the shared-resources namespace (`sharedSecret(name)`). */
  sharedSecret?(name: string): SecretLike | undefined;
  /** A Freight resource of the project, by name (`freightMetadata`, `freightStatus`). */
  freight?(name: string): ResourceWithStatusLike | undefined;
  /** A Stage resource of the project, by name (`stageMetadata`). */
  stage?(name: string): ResourceWithStatusLike | undefined;
  /** A Warehouse of the project, by name, when {@link KargoExpressionContext.warehouses} lacks it. */
  warehouse?(name: string): WarehouseLike | undefined;
}

/**
 * Everything Kargo's expression functions read, for one promotion step. All fields are optional:
 * a function whose data is missing behaves as Kargo does with empty data (no requested Freight, no
 * step records), and a lookup that is missing makes its function fail when called.
 */
export interface KargoExpressionContext {
  /** The project (namespace), used in messages. */
  readonly project?: string;
  /** The Stage's requested Freight: which origins could supply an artifact. */
  readonly freightRequests?: readonly FreightRequestLike[];
  /** The promotion's Freight collection. */
  readonly freight?: readonly FreightReferenceLike[];
  /** Warehouses of the project (their subscriptions tell which origin supplies which artifact). */
  readonly warehouses?: readonly WarehouseLike[];
  /** Execution records of the steps so far, for `always()`, `success()`, `failure()`, `status()`. */
  readonly stepMetas?: readonly StepExecutionMetadataLike[];
  /** The alias of the step being evaluated (`task-1::build`), which scopes `status()`. */
  readonly currentStepAlias?: string;
  /** Reads of cluster state for the data functions. */
  readonly lookups?: KargoLookups;
  /**
   * How `commitFrom()` normalizes Git URLs before comparing them. The default is `normalizeGitURL`,
   * Kargo's own rules (the same ones Freight ids use); override it only to match differently.
   */
  readonly normalizeGitURL?: (url: string) => string;
}
