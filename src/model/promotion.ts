import * as z from 'zod';
import { dnsSubdomainSchema, expressionVariableSchema, freightOriginSchema, kargoHeader, namedObjectMetaSchema, timeSchema } from './common.js';
import { freightCollectionSchema, freightReferenceSchema } from './freight.js';
import { CODE_PARAM } from './rule.js';
import { promotionStepsSchema } from './steps.js';

/** The phases of a Promotion (`""` is a Promotion not yet picked up). */
export const PROMOTION_PHASES = ['Pending', 'Running', 'Succeeded', 'Failed', 'Errored', 'Aborted'] as const;
/** The phase of a Promotion. */
export type PromotionPhase = (typeof PROMOTION_PHASES)[number];

/** The statuses of one promotion step. */
export const STEP_STATUSES = ['Running', 'Succeeded', 'Failed', 'Errored', 'Aborted', 'Skipped'] as const;

/** A Promotion `spec`: the Stage, the Freight (or an origin to resolve), and the flat step list. */
export const promotionSpecSchema = z
  .looseObject({
    stage: dnsSubdomainSchema,
    freight: dnsSubdomainSchema.optional(),
    origin: freightOriginSchema.optional(),
    target: z.string().max(253).optional(),
    vars: z.array(expressionVariableSchema).optional(),
    steps: promotionStepsSchema,
  })
  .superRefine((spec, ctx) => {
    if ((spec.freight === undefined) === (spec.origin === undefined)) {
      ctx.addIssue({ code: 'custom', message: 'exactly one of freight or origin must be set', path: [spec.freight === undefined ? 'freight' : 'origin'], params: { [CODE_PARAM]: 'MANIFEST_INVALID' } });
    }
  });
/** A Promotion `spec`. */
export type PromotionSpec = z.output<typeof promotionSpecSchema>;

/** What a Promotion records about one step it ran. */
export const stepExecutionMetadataSchema = z.looseObject({
  alias: z.string().optional(),
  startedAt: timeSchema.optional(),
  finishedAt: timeSchema.optional(),
  errorCount: z.number().int().optional(),
  status: z.enum(STEP_STATUSES).optional(),
  message: z.string().optional(),
  continueOnError: z.boolean().optional(),
});
/** What a Promotion records about one step it ran. */
export type StepExecutionMetadata = z.output<typeof stepExecutionMetadataSchema>;

/** A Promotion `status` (all optional; written by the controller). */
export const promotionStatusSchema = z.looseObject({
  phase: z.union([z.enum(PROMOTION_PHASES), z.literal('')]).optional(),
  message: z.string().optional(),
  freight: freightReferenceSchema.optional(),
  freightCollection: freightCollectionSchema.optional(),
  healthChecks: z.array(z.looseObject({ uses: z.string().optional(), config: z.unknown().optional() })).optional(),
  startedAt: timeSchema.optional(),
  finishedAt: timeSchema.optional(),
  currentStep: z.number().int().optional(),
  stepExecutionMetadata: z.array(stepExecutionMetadataSchema).optional(),
  state: z.record(z.string(), z.unknown()).optional(),
  lastHandledRefresh: z.string().optional(),
});
/** A Promotion `status`. */
export type PromotionStatus = z.output<typeof promotionStatusSchema>;

/** A Promotion: moves one Freight into one Stage by running steps. */
export const promotionSchema = z.looseObject({
  ...kargoHeader('Promotion'),
  metadata: namedObjectMetaSchema,
  spec: promotionSpecSchema,
  status: promotionStatusSchema.optional(),
});
/** A Promotion. */
export type Promotion = z.output<typeof promotionSchema>;
/** A Promotion as written. */
export type PromotionInput = z.input<typeof promotionSchema>;
