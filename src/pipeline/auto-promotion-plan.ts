import type { Issue } from '../errors/index.js';
import { decideAutoPromotion, selectAutoPromotionCandidates, type AutoPromotionAction } from './auto-promotion.js';
import { listAvailableFreight } from './availability.js';
import { isFreightIndex, type FreightIndex } from './freight-index.js';
import { computeEffectiveHolds } from './holds.js';
import { originKey, requestedFreightOf, nameOf, objectsIn } from './origin.js';
import { matchPromotionPolicy } from './policies.js';
import { generatePromotionName } from './promotion-order.js';
import type { AutoPromotionHoldLike, FreightLike, NowOptions, ProjectConfigLike, PromotionLike, StageLike } from './types.js';

/** A Promotion (or PromotionRequest) auto-promotion asks to create: minimal, as Kargo creates it. */
export interface PlannedPromotion {
  readonly apiVersion: 'kargo.akuity.io/v1alpha1';
  readonly kind: 'Promotion' | 'PromotionRequest';
  readonly metadata: { readonly name: string; readonly namespace?: string };
  readonly spec: { readonly stage: string; readonly freight: string };
}

/** The decision for one requested origin. */
export interface AutoPromotionOriginDecision {
  readonly origin: string;
  /** The Freight auto-promotion would pick for this origin, if any. */
  readonly candidate?: string;
  readonly decision: AutoPromotionAction;
  /** For people and event logs. */
  readonly message: string;
}

/** Everything auto-promotion decided for a Stage in one pass. */
export interface AutoPromotionPlan {
  /** Whether a promotion policy enables auto-promotion for the Stage (mirror it to `status.autoPromotionEnabled`). */
  readonly enabled: boolean;
  /** The index of the matching promotion policy, or `null`. */
  readonly policyIndex: number | null;
  /** The holds in force this pass, by origin key. */
  readonly effectiveHolds: Readonly<Record<string, AutoPromotionHoldLike>>;
  /** The candidate Freight by origin key. */
  readonly candidates: Readonly<Record<string, string>>;
  /** One decision per requested origin, in request order. */
  readonly decisions: readonly AutoPromotionOriginDecision[];
  /** The Promotions and PromotionRequests to create, in request order. */
  readonly create: readonly PlannedPromotion[];
  /** Problems that kept auto-promotion off (an unusable promotion policy). */
  readonly issues: readonly Issue[];
}

/** Input of {@link decideAutoPromotions}. */
export interface DecideAutoPromotionsInput extends NowOptions {
  /**
   * All Freight of the Project (or at least of the origins the Stage requests), or a
   * {@link FreightIndex} of it when deciding for many Stages.
   */
  readonly freight: readonly FreightLike[] | FreightIndex;
  /** The Stage's Promotions, any phase. */
  readonly promotions: readonly PromotionLike[];
  readonly projectConfig: ProjectConfigLike | null | undefined;
  /** Returns a new ULID on each call, monotonic, so names sort in creation order. */
  readonly ids: () => string;
  /** For a target-aware Stage: how many PromotionRequests exist per candidate Freight name. */
  readonly promotionRequestsByFreight?: Readonly<Record<string, number>>;
}

function isControlFlow(stage: StageLike): boolean {
  const steps = stage?.spec?.promotionTemplate?.spec?.steps;
  return !Array.isArray(steps) || steps.length === 0;
}

function messageFor(stageName: string, origin: string, candidate: string | undefined, d: AutoPromotionAction): string {
  switch (d.action) {
    case 'createPromotion':
      return `Automatically promoted Freight from origin "${origin}" for Stage "${stageName}"`;
    case 'createPromotionRequest':
      return `Automatically requested promotion of Freight from origin "${origin}" for Stage "${stageName}"`;
    default: {
      const what = candidate ? `Freight "${candidate}"` : 'no Freight';
      const why: Record<typeof d.reason, string> = {
        disabled: 'auto-promotion is not enabled for the Stage',
        held: 'auto-promotion of the origin is on hold',
        noCandidate: 'no Freight of the origin is available',
        alreadyCurrent: `${what} is already current`,
        alreadyPromoting: `${what} is being promoted now`,
        unprocessedPromotion: `a Promotion of ${what} is queued, running or not yet recorded`,
        lastAttemptNotSucceeded: `the last Promotion of ${what} did not succeed, and is not retried automatically`,
        promotionRequestExists: `a PromotionRequest for ${what} already exists`,
        controlFlow: 'the Stage has no promotion steps',
      };
      return `Not auto-promoting origin "${origin}" to Stage "${stageName}": ${why[d.reason]}`;
    }
  }
}

/**
 * Runs a Stage's whole auto-promotion pass, as Kargo's Stage reconciler does, and returns what to
 * create instead of creating it: the promotion policy decides whether it is enabled; the effective
 * holds, the available Freight and the candidates are computed; then each requested origin is
 * decided in order ({@link decideAutoPromotion}). Each Promotion to create is named like Kargo's
 * (`<stage>.<ulid>.<freight[0:7]>`, the ULID from `ids`) and carries no create-actor, so it has no
 * hold intent. Control-flow Stages are never auto-promoted.
 */
export function decideAutoPromotions(stage: StageLike, input: DecideAutoPromotionsInput): AutoPromotionPlan {
  const promotions = objectsIn(input.promotions);
  const freight = !Array.isArray(input.freight) && input.freight && isFreightIndex(input.freight) ? input.freight : objectsIn(input.freight as readonly FreightLike[]);
  const stageName = nameOf(stage);
  const namespace = stage?.metadata?.namespace;
  const origins = [...new Set(requestedFreightOf(stage).map((r) => originKey(r?.origin)))];
  const policy = matchPromotionPolicy(input.projectConfig, stage);
  const controlFlow = isControlFlow(stage);
  const enabled = policy.autoPromotionEnabled && !controlFlow;
  const status = stage?.status ?? {};
  const lastPromotionName = status.lastPromotion?.name;
  const effectiveHolds = computeEffectiveHolds({
    autoPromotionEnabled: enabled,
    requestedOrigins: origins,
    holds: status.autoPromotionHolds,
    lastPromotionName,
    promotions,
  });
  const candidates = enabled ? selectAutoPromotionCandidates(stage, listAvailableFreight(stage, freight, { now: input.now })) : {};
  const current = status.freightHistory?.[0]?.items ?? {};
  const decisions: AutoPromotionOriginDecision[] = [];
  const create: PlannedPromotion[] = [];
  for (const origin of origins) {
    const candidate = candidates[origin];
    const decision: AutoPromotionAction = controlFlow
      ? { action: 'none', reason: 'controlFlow' }
      : decideAutoPromotion({
          autoPromotionEnabled: enabled,
          origin,
          candidate,
          effectiveHolds: Object.keys(effectiveHolds),
          currentFreightForOrigin: current[origin]?.name,
          currentPromotionFreight: status.currentPromotion?.freight,
          lastPromotionName,
          promotionsForCandidate: promotions.filter((p) => p.spec?.stage === stageName && p.spec?.freight === candidate),
          targetAware: stage?.spec?.targets !== undefined && stage?.spec?.targets !== null,
          promotionRequestsForCandidate: candidate ? input.promotionRequestsByFreight?.[candidate] ?? 0 : 0,
        });
    decisions.push({
      origin,
      ...(candidate !== undefined ? { candidate } : {}),
      decision,
      message: messageFor(stageName, origin, candidate, decision),
    });
    if (decision.action !== 'none') {
      create.push({
        apiVersion: 'kargo.akuity.io/v1alpha1',
        kind: decision.action === 'createPromotion' ? 'Promotion' : 'PromotionRequest',
        metadata: { name: generatePromotionName(stageName, decision.freight, input.ids()), ...(namespace !== undefined ? { namespace } : {}) },
        spec: { stage: stageName, freight: decision.freight },
      });
    }
  }
  return { enabled, policyIndex: policy.index, effectiveHolds, candidates, decisions, create, issues: policy.issues };
}
