/**
 * The promotion pipeline of a Project: how Freight flows from Warehouses through Stages.
 * @packageDocumentation
 */
export { buildStageGraph, graphNodeId } from './build-graph.js';
export { toMermaid } from './mermaid.js';
export type { MermaidOptions } from './mermaid.js';
export { toGraphJson } from './graph-json.js';
export type { StageGraphJson } from './graph-json.js';
export type {
  StageGraph,
  StageGraphInput,
  GraphNode,
  GraphNodeKind,
  GraphEdge,
  GraphOrigin,
  GraphStageInput,
  GraphWarehouseInput,
  GraphFreightRequestInput,
} from './graph-types.js';

// Availability, soak, approvals, promotion policies, auto-promotion and promotion ordering.
export { parseGoDuration, parseGoDurationNanos, formatGoDuration, formatGoDurationNanos, durationToMillis } from './duration.js';
export { toEpochMillis, formatTime } from './time.js';
export { originKey, sameOrigin, requestsOrigin, findFreightRequest, requestedFreightOf } from './origin.js';
export {
  longestSoak,
  hasSoakedIn,
  completedSoak,
  residencyStart,
  isFreightVerifiedIn,
  isFreightApprovedFor,
  isFreightCurrentlyIn,
} from './freight-soak.js';
export {
  markFreightCurrentIn,
  removeFreightCurrentIn,
  markFreightVerifiedIn,
  markFreightApprovedFor,
  approveFreight,
  forgetStageInFreight,
} from './freight-status.js';
export { isFreightAvailable, listAvailableFreight, readFreightRequest, readStageRequests } from './availability.js';
export type { AvailabilityStrategy, ReadRequest, ListAvailableFreightOptions } from './availability.js';
export { explainAvailability } from './explain.js';
export type {
  Explanation,
  AvailabilityReason,
  ReasonEffect,
  MissingInputReason,
  NamespaceMismatchReason,
  OriginNotRequestedReason,
  ApprovedReason,
  DirectReason,
  NoUpstreamsReason,
  NotVerifiedReason,
  SoakingReason,
  VerifiedAndSoakedReason,
  InvalidSoakTimeReason,
  NotInUpstreamReason,
} from './explain.js';
export { compileLabelSelector, validateLabelSelector } from './label-selector.js';
export type { LabelSelectorLike } from './label-selector.js';
export { matchPromotionPolicy, compilePromotionPolicies } from './policies.js';
export type { PolicyMatch } from './policies.js';
export { comparePromotions, sortPromotions, isPromotionPhaseTerminal, generatePromotionName } from './promotion-order.js';
export type { PromotionPhaseName } from './promotion-order.js';
export { selectAutoPromotionCandidates, decideAutoPromotion, effectiveDiscoveredAt } from './auto-promotion.js';
export type { AutoPromotionAction, AutoPromotionSkipReason, AutoPromotionOriginInput } from './auto-promotion.js';
export { decideAutoPromotions } from './auto-promotion-plan.js';
export type { AutoPromotionPlan, AutoPromotionOriginDecision, PlannedPromotion, DecideAutoPromotionsInput } from './auto-promotion-plan.js';
export {
  computeEffectiveHolds,
  replayAutoPromotionHolds,
  classifyHoldIntent,
  holdIntentOf,
  AUTO_PROMOTION_HOLD_ANNOTATION,
  AUTO_PROMOTION_RESUME_ANNOTATION,
  CREATE_ACTOR_ANNOTATION,
} from './holds.js';
export type { AutoPromotionHoldEntry, AutoPromotionHolds, HoldIntent, ReplayHoldsInput, EffectiveHoldsInput, ClassifyHoldIntentInput } from './holds.js';
export {
  freightCollectionId,
  updateFreightCollection,
  freightCollectionReferences,
  recordFreightHistory,
  pushVerificationInfo,
  buildFreightSummary,
  buildTargetFreightCollection,
  MAX_HISTORY,
} from './freight-collection.js';
export type { FreightCollectionOf } from './freight-collection.js';
export type {
  TimeInput,
  DurationInput,
  NowOptions,
  ObjectMetaLike,
  FreightOriginLike,
  FreightLike,
  FreightStatusLike,
  FreightRequestLike,
  FreightSourcesLike,
  FreightReferenceLike,
  FreightCollectionLike,
  VerificationInfoLike,
  AutoPromotionHoldLike,
  StageLike,
  StageStatusLike,
  PromotionLike,
  ProjectConfigLike,
  PromotionPolicyLike,
  PromotionPolicySelectorLike,
  LabelSelectorRequirementLike,
} from './types.js';
export { syncStagePromotions, currentFreightAllowsPromotion, isVerificationPhaseTerminal } from './promotion-sync.js';
export type { PromotionSync, SyncPromotionsOptions, SchedulablePromotion, StageCondition } from './promotion-sync.js';
export { indexFreight, isFreightIndex } from './freight-index.js';
export type { FreightIndex } from './freight-index.js';
export { syncFreightCurrentIn, markCurrentFreightVerified, verifyControlFlowFreight } from './freight-sync.js';
export type { FreightChanges } from './freight-sync.js';
export { topologicalOrder, upstreamStages, findDownstreamStages, rootStages, stagesSubscribedTo, originsOf } from './graph-queries.js';
export type { StageOrder, GraphOriginInput } from './graph-queries.js';
export { toDot } from './dot.js';
export type { DotOptions } from './dot.js';
export { assessStageHealth, mergeHealthStates, healthStateOfArgoCD } from './stage-health.js';
export type { StageHealthState, HealthCheckOutcome, StageHealth, AssessHealthInput, HealthAssessment } from './stage-health.js';
export {
  decideVerification,
  parseVerificationAnnotation,
  abortedVerification,
  verifiedCondition,
  REVERIFY_ANNOTATION,
  ABORT_ANNOTATION,
} from './stage-verification.js';
export type { VerificationInfo, VerificationRequestAnnotation, VerificationDecision } from './stage-verification.js';
export { summarizeStageReady, setStageCondition, removeStageCondition, findStageCondition } from './stage-ready.js';
export type { StageConditionInput, StageReadyInput, StageReadySummary } from './stage-ready.js';
