/**
 * The shapes the pipeline decisions read. They are structural and deliberately loose: every field
 * is optional, so a plain Kargo JSON object (as parsed from YAML or fetched from a cluster) and the
 * model's typed resources are both accepted without conversion. Fields waybill does not read are
 * allowed and ignored.
 */

/** A point in time: a `Date`, an RFC 3339 string, or milliseconds since the epoch. */
export type TimeInput = Date | string | number;

/** A duration: a Go duration string (`"1h30m"`) or milliseconds. */
export type DurationInput = string | number;

/** The `metadata` block of a Kubernetes object, as far as the pipeline reads it. */
export interface ObjectMetaLike {
  readonly name?: string | undefined;
  readonly namespace?: string | undefined;
  readonly labels?: Readonly<Record<string, string>> | null | undefined;
  readonly annotations?: Readonly<Record<string, string>> | null | undefined;
  readonly creationTimestamp?: string | Date | null | undefined;
}

/** Where Freight comes from: `{ kind: "Warehouse", name }`. */
export interface FreightOriginLike {
  readonly kind?: string | undefined;
  readonly name?: string | undefined;
}

/** `Freight.status.currentlyIn[stage]`. */
export interface CurrentStageLike {
  readonly since?: string | Date | null | undefined;
}

/** `Freight.status.verifiedIn[stage]`. `longestSoak` is a Go duration string. */
export interface VerifiedStageLike {
  readonly verifiedAt?: string | Date | null | undefined;
  readonly longestSoak?: string | null | undefined;
}

/** `Freight.status.approvedFor[stage]`. */
export interface ApprovedStageLike {
  readonly approvedAt?: string | Date | null | undefined;
}

/** `Freight.status`. */
export interface FreightStatusLike {
  readonly currentlyIn?: Readonly<Record<string, CurrentStageLike | null | undefined>> | null | undefined;
  readonly verifiedIn?: Readonly<Record<string, VerifiedStageLike | null | undefined>> | null | undefined;
  readonly approvedFor?: Readonly<Record<string, ApprovedStageLike | null | undefined>> | null | undefined;
  readonly metadata?: unknown;
}

/** A Freight resource (`kargo.akuity.io/v1alpha1`, kind `Freight`). */
export interface FreightLike {
  readonly apiVersion?: string | undefined;
  readonly kind?: string | undefined;
  readonly metadata?: ObjectMetaLike | undefined;
  readonly alias?: string | undefined;
  readonly discoveredAt?: string | Date | null | undefined;
  readonly origin?: FreightOriginLike | undefined;
  readonly status?: FreightStatusLike | null | undefined;
}

/** `FreightRequest.sources.autoPromotionOptions`. */
export interface AutoPromotionOptionsLike {
  readonly selectionPolicy?: string | undefined;
}

/** `FreightRequest.sources`. */
export interface FreightSourcesLike {
  readonly direct?: boolean | undefined;
  readonly stages?: readonly string[] | null | undefined;
  readonly requiredSoakTime?: DurationInput | null | undefined;
  readonly availabilityStrategy?: string | undefined;
  readonly autoPromotionOptions?: AutoPromotionOptionsLike | null | undefined;
}

/** One entry of `Stage.spec.requestedFreight`. */
export interface FreightRequestLike {
  readonly origin?: FreightOriginLike | undefined;
  readonly sources?: FreightSourcesLike | undefined;
}

/** A reference to one piece of Freight inside a collection or a Promotion's status. */
export interface FreightReferenceLike {
  readonly name?: string | undefined;
  readonly origin?: FreightOriginLike | undefined;
}

/** One entry of a collection's `verificationHistory`. */
export interface VerificationInfoLike {
  readonly id?: string | undefined;
  readonly phase?: string | undefined;
}

/** A `FreightCollection`: at most one Freight per origin key. */
export interface FreightCollectionLike {
  readonly id?: string | undefined;
  readonly items?: Readonly<Record<string, FreightReferenceLike | null | undefined>> | null | undefined;
  readonly verificationHistory?: readonly VerificationInfoLike[] | null | undefined;
}

/** `Stage.status.autoPromotionHolds[originKey]`. */
export interface AutoPromotionHoldLike {
  readonly freightName?: string | undefined;
  readonly origin?: FreightOriginLike | undefined;
  readonly promotionName?: string | undefined;
  readonly actor?: string | undefined;
  readonly createdAt?: string | Date | null | undefined;
}

/** `Stage.status`, as far as the pipeline reads it. */
export interface StageStatusLike {
  readonly freightHistory?: readonly (FreightCollectionLike | null | undefined)[] | null | undefined;
  readonly currentPromotion?: { readonly name?: string | undefined; readonly freight?: FreightReferenceLike | null | undefined } | null | undefined;
  readonly lastPromotion?: { readonly name?: string | undefined; readonly freight?: FreightReferenceLike | null | undefined } | null | undefined;
  readonly autoPromotionHolds?: Readonly<Record<string, AutoPromotionHoldLike | null | undefined>> | null | undefined;
  readonly effectiveAutoPromotionHolds?: Readonly<Record<string, AutoPromotionHoldLike | null | undefined>> | null | undefined;
  readonly autoPromotionEnabled?: boolean | undefined;
  readonly health?: { readonly status?: string | undefined } | null | undefined;
}

/** A Stage resource (`kargo.akuity.io/v1alpha1`, kind `Stage`). */
export interface StageLike {
  readonly apiVersion?: string | undefined;
  readonly kind?: string | undefined;
  readonly metadata?: ObjectMetaLike | undefined;
  readonly spec?: {
    readonly requestedFreight?: readonly FreightRequestLike[] | null | undefined;
    readonly promotionTemplate?: { readonly spec?: { readonly steps?: readonly unknown[] | null | undefined } | undefined } | null | undefined;
    readonly targets?: unknown;
  } | undefined;
  readonly status?: StageStatusLike | null | undefined;
}

/** A Promotion resource (`kargo.akuity.io/v1alpha1`, kind `Promotion`). */
export interface PromotionLike {
  readonly apiVersion?: string | undefined;
  readonly kind?: string | undefined;
  readonly metadata?: ObjectMetaLike | undefined;
  readonly spec?: { readonly stage?: string | undefined; readonly freight?: string | undefined } | undefined;
  readonly status?: { readonly phase?: string | undefined } | null | undefined;
}

/** A Kubernetes label selector requirement (`matchExpressions` entry). */
export interface LabelSelectorRequirementLike {
  readonly key?: string | undefined;
  readonly operator?: string | undefined;
  readonly values?: readonly string[] | null | undefined;
}

/** `PromotionPolicy.stageSelector`: a name pattern plus an inlined label selector. */
export interface PromotionPolicySelectorLike {
  readonly name?: string | undefined;
  readonly matchLabels?: Readonly<Record<string, string>> | null | undefined;
  readonly matchExpressions?: readonly LabelSelectorRequirementLike[] | null | undefined;
}

/** One entry of `ProjectConfig.spec.promotionPolicies`. */
export interface PromotionPolicyLike {
  /** Deprecated: an exact Stage name. */
  readonly stage?: string | undefined;
  readonly stageSelector?: PromotionPolicySelectorLike | null | undefined;
  readonly autoPromotionEnabled?: boolean | undefined;
}

/** A ProjectConfig resource (`kargo.akuity.io/v1alpha1`, kind `ProjectConfig`). */
export interface ProjectConfigLike {
  readonly apiVersion?: string | undefined;
  readonly kind?: string | undefined;
  readonly metadata?: ObjectMetaLike | undefined;
  readonly spec?: { readonly promotionPolicies?: readonly PromotionPolicyLike[] | null | undefined } | undefined;
}

/** Options shared by every time-dependent decision. */
export interface NowOptions {
  /** The clock reading to decide at. waybill never reads the clock itself. */
  readonly now: TimeInput;
}
