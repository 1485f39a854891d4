import * as z from 'zod';
import { expressionVariableSchema, kargoHeader, namedObjectMetaSchema } from './common.js';
import { taskStepsSchema } from './steps.js';

/** The `spec` of a (Cluster)PromotionTask: variables (with defaults) and steps. */
export const promotionTaskSpecSchema = z.looseObject({
  vars: z.array(expressionVariableSchema).optional(),
  steps: taskStepsSchema,
});
/** The `spec` of a (Cluster)PromotionTask. */
export type PromotionTaskSpec = z.output<typeof promotionTaskSpecSchema>;

/** A PromotionTask: a reusable, namespaced list of steps that Stage templates reference. */
export const promotionTaskSchema = z.looseObject({
  ...kargoHeader('PromotionTask'),
  metadata: namedObjectMetaSchema,
  spec: promotionTaskSpecSchema,
});
/** A PromotionTask. */
export type PromotionTask = z.output<typeof promotionTaskSchema>;

/** A ClusterPromotionTask: a PromotionTask shared by every Project. */
export const clusterPromotionTaskSchema = z.looseObject({
  ...kargoHeader('ClusterPromotionTask'),
  metadata: namedObjectMetaSchema,
  spec: promotionTaskSpecSchema,
});
/** A ClusterPromotionTask. */
export type ClusterPromotionTask = z.output<typeof clusterPromotionTaskSchema>;
