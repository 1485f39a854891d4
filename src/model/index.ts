export {
  KARGO_API_VERSION,
  KARGO_API_GROUP,
  KARGO_DURATION_PATTERN,
  GO_DURATION_PATTERN,
  DNS1123_SUBDOMAIN_PATTERN,
  DNS1123_LABEL_PATTERN,
  objectMetaSchema,
  labelSelectorSchema,
  expressionVariableSchema,
  freightOriginSchema,
} from './common.js';
export type { ObjectMeta, LabelSelector, LabelSelectorRequirement, ExpressionVariable, FreightOrigin, Condition } from './common.js';
export {
  imageSubscriptionSchema,
  gitSubscriptionSchema,
  chartSubscriptionSchema,
  genericSubscriptionSchema,
  warehouseSubscriptionSchema,
  warehouseSchema,
  subscriptionTypeOf,
  isImageSubscriptionEntry,
  isGitSubscriptionEntry,
  isChartSubscriptionEntry,
  IMAGE_SELECTION_STRATEGIES,
  COMMIT_SELECTION_STRATEGIES,
} from './warehouse.js';
export type {
  ImageSubscription,
  ImageSubscriptionInput,
  GitSubscription,
  GitSubscriptionInput,
  ChartSubscription,
  ChartSubscriptionInput,
  GenericSubscription,
  ImageSubscriptionEntry,
  GitSubscriptionEntry,
  ChartSubscriptionEntry,
  GenericSubscriptionEntry,
  WarehouseSubscription,
  WarehouseSpec,
  WarehouseStatus,
  Warehouse,
  WarehouseInput,
  DiscoveredCommitStatus,
} from './warehouse.js';
export { freightSchema, freightReferenceSchema, freightCollectionSchema } from './freight.js';
export type { Freight, FreightInput, FreightStatus, FreightReference, FreightCollection, GitCommit, FreightImage, FreightChart, ArtifactReference } from './freight.js';
export { stageSchema, freightRequestSchema, originKey, checkRequestedFreight, AUTO_PROMOTION_SELECTION_POLICIES } from './stage.js';
export type { Stage, StageInput, StageSpec, StageStatus, FreightRequest, FreightSources, PromotionTemplate, Verification, AutoPromotionHold } from './stage.js';
export { promotionSchema, PROMOTION_PHASES, STEP_STATUSES } from './promotion.js';
export type { Promotion, PromotionInput, PromotionSpec, PromotionStatus, PromotionPhase, StepExecutionMetadata } from './promotion.js';
export { promotionTaskSchema, clusterPromotionTaskSchema } from './promotion-task.js';
export type { PromotionTask, ClusterPromotionTask, PromotionTaskSpec } from './promotion-task.js';
export { promotionStepSchema, promotionStepShapeSchema, checkPromotionSteps, PROMOTION_TASK_KINDS } from './steps.js';
export type { PromotionStep, PromotionTaskReference, PromotionStepRetry, StepContext } from './steps.js';
export { projectSchema, projectConfigSchema, clusterConfigSchema, promotionPolicySchema, checkPromotionPolicies } from './project.js';
export type { Project, ProjectConfig, ProjectConfigInput, ProjectConfigSpec, ClusterConfig, PromotionPolicy, PromotionPolicySelector } from './project.js';
export { kargoSchemas, KARGO_KINDS, isKargoKind, isKargoApiVersion, isKargoResource, resourcesOfKind, validateResource } from './resource.js';
export type { KargoResource, KargoKind, ForeignResource, ManifestResource } from './resource.js';
export { parseManifests, parseManifest } from './parse.js';
export type { ParseManifestsOptions } from './parse.js';
export { projectConfigOf } from './legacy.js';
export { validateStage, validateProjectConfig, validatePromotionSteps, validatePromotionStepShape } from './validate.js';
export { jsonSchemaFor, kargoJsonSchemas } from './json-schema.js';
export type { JsonSchema } from './json-schema.js';
export type { RuleViolation } from './rule.js';
export { subscriptionKey, findDuplicateSubscriptions } from './subscription-duplicates.js';
export type { DuplicateSubscription } from './subscription-duplicates.js';
