/**
 * The record of a simulation: plain, deterministic data (the same script gives the same timeline
 * byte for byte). Times are RFC 3339 UTC strings; lists are in the order things happened, ties
 * broken by name, so two runs compare equal.
 * @packageDocumentation
 */

/** Where a Stage takes one origin's Freight from, as the timeline shows it. */
export interface TimelineRequest {
  /** `Warehouse/<name>`. */
  readonly origin: string;
  readonly direct: boolean;
  readonly stages: readonly string[];
  /** A Go duration, when the Stage requires a soak. */
  readonly requiredSoakTime?: string | undefined;
  /** `All` or `OneOf`. */
  readonly availabilityStrategy: string;
}

/** A Stage of the simulated pipeline. */
export interface TimelineStageInfo {
  readonly name: string;
  /** No promotion steps: a junction that only passes Freight on. */
  readonly controlFlow: boolean;
  /** The ProjectConfig turns auto-promotion on for it. */
  readonly autoPromotion: boolean;
  /** It runs a verification after each promotion. */
  readonly verification: boolean;
  readonly requests: readonly TimelineRequest[];
}

/** An edge of the pipeline graph. */
export interface TimelineEdge {
  /** `Warehouse/<name>` or `Stage/<name>`. */
  readonly from: string;
  /** `Stage/<name>`. */
  readonly to: string;
  /** `Warehouse/<name>`. */
  readonly origin: string;
}

/** A scripted event as it was applied. */
export interface TimelineScriptEvent {
  /** Its position in the script's `events`. */
  readonly index: number;
  readonly at: string;
  readonly type: string;
  /** The Stage the event is about, when it is about one. */
  readonly stage?: string | undefined;
  /** What the event did, in a few words. */
  readonly summary: string;
  /** `rejected` when the controller refused the action (Kargo would have refused it too). */
  readonly outcome: 'applied' | 'rejected';
  /** Why it was refused. */
  readonly message?: string | undefined;
  /** Resources the event created (Promotion names). */
  readonly created?: readonly string[] | undefined;
  readonly note?: string | undefined;
}

/** An image a Freight carries. */
export interface TimelineImage {
  readonly repoURL: string;
  readonly tag: string;
  readonly digest?: string | undefined;
}

/** A commit a Freight carries. */
export interface TimelineCommit {
  readonly repoURL: string;
  readonly id: string;
  readonly branch?: string | undefined;
  readonly tag?: string | undefined;
}

/** A chart a Freight carries. */
export interface TimelineChart {
  readonly repoURL: string;
  readonly name?: string | undefined;
  readonly version: string;
}

/** A Freight a Warehouse created. */
export interface TimelineFreight {
  readonly name: string;
  readonly alias?: string | undefined;
  /** `Warehouse/<name>`. */
  readonly origin: string;
  readonly createdAt: string;
  readonly images: readonly TimelineImage[];
  readonly commits: readonly TimelineCommit[];
  readonly charts: readonly TimelineChart[];
  /** Its artifacts in a few words: `nginx:1.29.1, main@1a2b3c4`. */
  readonly label: string;
}

/** One step of a Promotion. */
export interface TimelineStep {
  readonly alias: string;
  readonly uses?: string | undefined;
  readonly status?: string | undefined;
  readonly startedAt?: string | undefined;
  readonly finishedAt?: string | undefined;
  readonly message?: string | undefined;
}

/** A Promotion, from creation to its final phase. */
export interface TimelinePromotion {
  readonly name: string;
  readonly stage: string;
  readonly freight: string;
  readonly createdAt: string;
  /** `auto` for Promotions the controller created, `manual` for the rest. */
  readonly createdBy: 'auto' | 'manual';
  readonly actor?: string | undefined;
  readonly startedAt?: string | undefined;
  readonly finishedAt?: string | undefined;
  readonly phase: string;
  readonly message?: string | undefined;
  readonly steps: readonly TimelineStep[];
}

/** A verification of a Stage's Freight. */
export interface TimelineVerification {
  readonly stage: string;
  readonly id: string;
  readonly freight: readonly string[];
  readonly startedAt: string;
  readonly finishedAt?: string | undefined;
  readonly phase: string;
  readonly message?: string | undefined;
  readonly actor?: string | undefined;
}

/** A Freight marked verified in a Stage (which makes it available to the Stage's downstreams). */
export interface TimelineVerifiedMark {
  readonly at: string;
  readonly stage: string;
  readonly freight: string;
}

/** A Freight approved for a Stage. */
export interface TimelineApproval {
  readonly at: string;
  readonly stage: string;
  readonly freight: string;
  readonly actor?: string | undefined;
}

/** Why a Freight became available to a Stage. */
export type TimelineAvailabilityVia = 'direct' | 'verified' | 'soaked' | 'approved';

/** The moment a Freight first became available to a Stage. */
export interface TimelineAvailability {
  readonly at: string;
  readonly stage: string;
  readonly freight: string;
  /** `soaked`: its soak time in an upstream completed just then. */
  readonly via: TimelineAvailabilityVia;
  /** The upstream Stage it was verified (and soaked) in. */
  readonly upstream?: string | undefined;
  /** The soak the Stage requires, for `soaked`. */
  readonly requiredSoakTime?: string | undefined;
}

/** A stretch of time a Freight was in a Stage's current collection. */
export interface TimelineResidency {
  readonly stage: string;
  readonly freight: string;
  /** When the Stage observed it (`currentlyIn.since`). */
  readonly since: string;
  /** When it left; absent when it was still there at the end. */
  readonly until?: string | undefined;
}

/** A problem the controller reported during the simulation. */
export interface TimelineIssue {
  readonly at: string;
  readonly code: string;
  readonly message: string;
  readonly severity: string;
}

/** A Stage's state when the simulation ended. */
export interface TimelineStageState {
  readonly stage: string;
  readonly currentFreight: readonly string[];
  /** Healthy, Unhealthy, Progressing, Unknown, NotApplicable; absent when not assessed. */
  readonly health?: string | undefined;
  readonly verified: boolean;
  readonly ready: boolean;
  /** The reason of the Ready condition. */
  readonly reason?: string | undefined;
  readonly message?: string | undefined;
}

/** Everything that happened in a simulation. */
export interface SimulationTimeline {
  readonly project: string;
  readonly description?: string | undefined;
  readonly start: string;
  readonly until: string;
  /** Where the clock stopped (`until`, or earlier when the step budget ran out). */
  readonly end: string;
  readonly warehouses: readonly string[];
  /** Upstream first. */
  readonly stages: readonly TimelineStageInfo[];
  readonly edges: readonly TimelineEdge[];
  readonly events: readonly TimelineScriptEvent[];
  readonly freight: readonly TimelineFreight[];
  readonly promotions: readonly TimelinePromotion[];
  readonly verifications: readonly TimelineVerification[];
  readonly verified: readonly TimelineVerifiedMark[];
  readonly approvals: readonly TimelineApproval[];
  readonly availability: readonly TimelineAvailability[];
  readonly residencies: readonly TimelineResidency[];
  readonly issues: readonly TimelineIssue[];
  readonly finalState: readonly TimelineStageState[];
}
