/**
 * Promotions: templates and tasks inflated into a flat step list, the step engine (a pure state
 * machine over a Promotion's persisted status), the step registry and the builtin steps.
 * @packageDocumentation
 */
export { promotionPhase, finalPromotionPhase, stepStatusSeverity } from './phase.js';
export type { StepOutcome } from './phase.js';
export { STEP_STATUS_SEVERITY } from './types.js';
export type {
  StepStatus,
  PromotionRunPhase,
  NowSource,
  HealthCheckRequest,
  StepError,
  MetadataUpdate,
  StepResult,
  StepPorts,
  StepRunContext,
  PromotionRunStatus,
  StepReport,
  PromotionSnapshot,
} from './types.js';
export { defineStep, createStepRegistry } from './registry.js';
export type { StepDefinition, AnyStepDefinition, StepRegistry } from './registry.js';
export { stepSucceeded, stepFailed, stepErrored, stepRunning } from './step-results.js';
export type { SucceededExtras } from './step-results.js';
export { runPromotion, runPromotionToEnd, withPromotionStatus, readNow } from './engine.js';
export type { RunToEndOptions } from './engine.js';
export type { RunnablePromotion, RunnablePromotionStatus, PromotionRunContext, RunPromotionOptions } from './run-context.js';
export { stepAliasOf, taskStepAlias, isReservedAlias, RESERVED_ALIAS_PATTERN } from './aliases.js';
export { securePath, confinePath } from './secure-path.js';
export type { SecurePathOptions } from './secure-path.js';
export type { WorkTree, WorkTreeEntry, WorkTreeEntryType, WriteFileOptions } from './work-tree.js';
export { createMemoryWorkTree } from './memory-work-tree.js';
export type { MemoryWorkTree } from './memory-work-tree.js';
export { validateStepConfig } from './registry.js';
export { inflatePromotionSteps, promotionVarsOf } from './inflate.js';
export type { TemplateStageLike, PromotionTaskLike, VariableLike } from './inflate.js';
export { buildPromotion } from './build-promotion.js';
export type { BuildPromotionOptions } from './build-promotion.js';
export {
  builtinSteps,
  UNAVAILABLE_KARGO_STEPS,
  KUSTOMIZATION_FILE_NAMES,
  DEFAULT_FILE_WRITE_MODE,
  compileIgnoreRules,
  composeOutputStep,
  copyStep,
  deleteStep,
  failStep,
  fileWriteStep,
  helmUpdateChartStep,
  jsonUpdateStep,
  kustomizeSetImageStep,
  setMetadataStep,
  yamlUpdateStep,
} from './steps/index.js';
export {
  argocdUpdateStep,
  argocdWaitStep,
  httpStep,
  ARGOCD_STEP_TIMEOUT,
  ARGOCD_POLL_INTERVAL,
  ARGOCD_OPERATION_INITIATOR,
  PROMOTION_INFO_KEY,
  ARGOCD_WAIT_CONDITIONS,
  DEFAULT_ARGOCD_WAIT_FOR,
  DEFAULT_ARGOCD_NAMESPACE,
  AUTHORIZED_STAGE_ANNOTATION,
  parseAuthorizedStages,
  authorizationProblem,
  kustomizeImageText,
  syncOperation,
  matchesLabelSelector,
  HTTP_DEFAULT_TIMEOUT,
  HTTP_DEFAULT_POLL_INTERVAL,
  MAX_HTTP_BODY_BYTES,
  withQueryParams,
  canonicalHeaderName,
  buildHttpResponseValue,
} from './steps/index.js';
export type { ArgoCDWaitCondition } from './steps/index.js';
export {
  gitClearStep,
  gitCloneStep,
  gitCommitStep,
  gitMergePRStep,
  gitOpenPRStep,
  gitPushStep,
  gitTagStep,
  gitWaitForPRStep,
  DEFAULT_GIT_PUSH_ATTEMPTS,
  DEFAULT_PR_POLL_INTERVAL,
  generatedTargetBranch,
  commitURLOf,
} from './steps/index.js';
export {
  kustomizeBuildStep,
  tomlUpdateStep,
  tomlParseStep,
  jsonParseStep,
  yamlParseStep,
  yamlMergeStep,
  setFreightAliasStep,
  httpDownloadStep,
  FREIGHT_ALIAS_LABEL,
  HTTP_DOWNLOAD_DEFAULT_TIMEOUT,
  MAX_HTTP_DOWNLOAD_BYTES,
} from './steps/index.js';
export type { FreightAliasChange } from './steps/index.js';
export { planPromotion } from './plan.js';
export type { PlanPromotionOptions } from './plan.js';
export { formatPromotionPlan } from './plan-text.js';
export { createOverlayWorkTree } from './plan-work-tree.js';
export type { OverlayWorkTree } from './plan-work-tree.js';
export type { PlanCheckoutSource, PlanCheckoutContent } from './plan-git.js';
export type { PlanHttpSimulator } from './plan-cluster.js';
export type {
  PromotionPlan,
  PlannedFileChange,
  PlannedFileChangeKind,
  PlannedCheckout,
  PlannedCommit,
  PlannedPush,
  PlannedTag,
  PlannedPullRequest,
  PlannedArgoCDChange,
  PlannedHttpRequest,
  PlannedStep,
} from './plan-types.js';
