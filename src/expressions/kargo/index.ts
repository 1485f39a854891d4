/**
 * Kargo's expression functions and the env of a promotion step.
 * @packageDocumentation
 */
export { kargoFunctions } from './kargo-functions.js';
export type { KargoFunctionOptions } from './kargo-functions.js';
export { buildPromotionEnv, buildPromotionContext, taskOutputsOf, evaluateStepVars } from './env.js';
export type { PromotionContextInput, PromotionEnvInput, VariableDefinition, StepVarsInput } from './env.js';
export { hasStepFailures, splitStepAlias, STEP_ALIAS_SEPARATOR } from './status-functions.js';
export { SemverValue, compareSemver } from './semver-functions.js';
export { KargoStruct, makeFreightOrigin, readFreightOrigin } from './structs.js';
export { CREDENTIAL_TYPE_LABEL, GENERIC_CREDENTIAL_TYPE } from './data-functions.js';
export type {
  KargoExpressionContext,
  KargoLookups,
  FreightOriginLike,
  FreightReferenceLike,
  FreightRequestLike,
  WarehouseLike,
  GitCommitLike,
  ImageLike,
  ChartLike,
  ArtifactReferenceLike,
  StepExecutionMetadataLike,
  SecretLike,
  ResourceWithStatusLike,
} from './types.js';
