import * as z from 'zod';
import {
  conditionSchema,
  expressionVariableSchema,
  freightOriginSchema,
  kargoDurationSchema,
  kargoHeader,
  labelSelectorSchema,
  namedObjectMetaSchema,
  timeSchema,
} from './common.js';
import { freightCollectionSchema, freightReferenceSchema } from './freight.js';
import { reportViolations, type RuleViolation } from './rule.js';
import { templateStepsSchema } from './steps.js';

/** How a Stage picks the Freight to auto-promote for an origin. */
export const AUTO_PROMOTION_SELECTION_POLICIES = ['NewestFreight', 'MatchUpstream'] as const;

/** Where a Stage takes Freight of one origin from, and how. */
export const freightSourcesSchema = z.looseObject({
  direct: z.boolean().optional(),
  stages: z.array(z.string()).optional(),
  requiredSoakTime: kargoDurationSchema.optional(),
  availabilityStrategy: z.enum(['All', 'OneOf', '']).optional(),
  autoPromotionOptions: z.looseObject({ selectionPolicy: z.enum(AUTO_PROMOTION_SELECTION_POLICIES).optional() }).optional(),
});
/** Where a Stage takes Freight of one origin from. */
export type FreightSources = z.output<typeof freightSourcesSchema>;

/** One origin a Stage requests Freight from, and its sources. */
export const freightRequestSchema = z.looseObject({
  origin: freightOriginSchema,
  sources: freightSourcesSchema,
});
/** One origin a Stage requests Freight from, and its sources. */
export type FreightRequest = z.output<typeof freightRequestSchema>;

/** The string form of an origin: `Warehouse/<name>`. */
export function originKey(origin: { readonly kind: string; readonly name: string }): string {
  return `${origin.kind}/${origin.name}`;
}

/**
 * Kargo's admission rules for `spec.requestedFreight`: each origin requested once (one violation
 * for the whole list per repeated origin), and `MatchUpstream` neither with `direct` nor with other
 * than exactly one upstream Stage. Cycles, unknown upstreams and sources with neither `direct` nor
 * `stages` are allowed, as in Kargo.
 */
export function checkRequestedFreight(requests: readonly FreightRequest[]): RuleViolation[] {
  const out: RuleViolation[] = [];
  const seen = new Set<string>();
  const reported = new Set<string>();
  requests.forEach((request, i) => {
    const key = originKey(request.origin);
    if (seen.has(key) && !reported.has(key)) {
      reported.add(key);
      out.push({ code: 'MANIFEST_DUPLICATE_ORIGIN', message: `freight with origin ${key} requested multiple times in spec.requestedFreight`, path: [] });
    }
    seen.add(key);
    const sources = request.sources;
    if (sources.autoPromotionOptions?.selectionPolicy === 'MatchUpstream') {
      const at = [i, 'sources', 'autoPromotionOptions', 'selectionPolicy'];
      if (sources.direct === true) {
        out.push({ code: 'MANIFEST_MATCH_UPSTREAM', message: "selection policy 'MatchUpstream' cannot be used when accepting Freight directly from its origin", path: at });
      }
      if ((sources.stages?.length ?? 0) !== 1) {
        out.push({ code: 'MANIFEST_MATCH_UPSTREAM', message: "selection policy 'MatchUpstream' requires exactly one upstream Stage to be specified", path: at });
      }
    }
  });
  return out;
}

/** The promotion recipe of a Stage: variables and steps (steps may reference tasks). */
export const promotionTemplateSchema = z.looseObject({
  spec: z.looseObject({
    vars: z.array(expressionVariableSchema).optional(),
    steps: templateStepsSchema,
  }),
});
/** The promotion recipe of a Stage. */
export type PromotionTemplate = z.output<typeof promotionTemplateSchema>;

/** How a Stage verifies Freight after promotion (Argo Rollouts analysis). */
export const verificationSchema = z.looseObject({
  analysisTemplates: z.array(z.looseObject({ name: z.string(), kind: z.enum(['AnalysisTemplate', 'ClusterAnalysisTemplate']).optional() })).optional(),
  analysisRunMetadata: z.looseObject({ labels: z.record(z.string(), z.string()).optional(), annotations: z.record(z.string(), z.string()).optional() }).optional(),
  args: z.array(z.looseObject({ name: z.string(), value: z.string() })).optional(),
});
/** How a Stage verifies Freight. */
export type Verification = z.output<typeof verificationSchema>;

/** A Stage `spec`. */
export const stageSpecSchema = z
  .looseObject({
    shard: z.string().optional(),
    vars: z.array(expressionVariableSchema).optional(),
    requestedFreight: z.array(freightRequestSchema).min(1, 'at least one Freight request is required'),
    promotionTemplate: promotionTemplateSchema.optional(),
    verification: verificationSchema.optional(),
    targets: z.looseObject({ selectors: z.array(labelSelectorSchema) }).optional(),
  })
  .superRefine((spec, ctx) => reportViolations(ctx, checkRequestedFreight(spec.requestedFreight), ['requestedFreight']));
/** A Stage `spec`. */
export type StageSpec = z.output<typeof stageSpecSchema>;

const promotionRefSchema = z.looseObject({
  name: z.string(),
  freight: freightReferenceSchema.optional(),
  status: z.looseObject({}).optional(),
  finishedAt: timeSchema.optional(),
});

/** A hold that stops auto-promotion of one origin. */
export const autoPromotionHoldSchema = z.looseObject({
  freightName: z.string().optional(),
  origin: freightOriginSchema.optional(),
  promotionName: z.string().optional(),
  actor: z.string().optional(),
  createdAt: timeSchema.optional(),
});
/** A hold that stops auto-promotion of one origin. */
export type AutoPromotionHold = z.output<typeof autoPromotionHoldSchema>;

/** A Stage `status` (all optional; written by the controller). */
export const stageStatusSchema = z.looseObject({
  conditions: z.array(conditionSchema).optional(),
  lastHandledRefresh: z.string().optional(),
  freightHistory: z.array(freightCollectionSchema).optional(),
  freightSummary: z.string().optional(),
  health: z.looseObject({ status: z.string().optional(), issues: z.array(z.string()).optional() }).optional(),
  observedGeneration: z.number().int().optional(),
  currentPromotion: promotionRefSchema.optional(),
  lastPromotion: promotionRefSchema.optional(),
  autoPromotionEnabled: z.boolean().optional(),
  autoPromotionHolds: z.record(z.string(), autoPromotionHoldSchema).optional(),
  effectiveAutoPromotionHolds: z.record(z.string(), autoPromotionHoldSchema).optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
});
/** A Stage `status`. */
export type StageStatus = z.output<typeof stageStatusSchema>;

/** A Stage: an environment that requests Freight and promotes it with its template. */
export const stageSchema = z.looseObject({
  ...kargoHeader('Stage'),
  metadata: namedObjectMetaSchema,
  spec: stageSpecSchema,
  status: stageStatusSchema.optional(),
});
/** A Stage. */
export type Stage = z.output<typeof stageSchema>;
/** A Stage as written. */
export type StageInput = z.input<typeof stageSchema>;
