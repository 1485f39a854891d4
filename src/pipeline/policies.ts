import { nameOf } from './origin.js';
import { prefixIssuePath, type Issue } from '../errors/index.js';
import { compilePattern } from '../patterns/index.js';
import { compileLabelSelector } from './label-selector.js';
import type { ProjectConfigLike, PromotionPolicyLike, StageLike } from './types.js';

/** Which promotion policy applies to a Stage, and what it says about auto-promotion. */
export interface PolicyMatch {
  /** The index in `spec.promotionPolicies` of the first policy that selects the Stage, or `null`. */
  readonly index: number | null;
  /** True only when a policy selects the Stage and enables auto-promotion. */
  readonly autoPromotionEnabled: boolean;
  /** The matching policy itself, when there is one. */
  readonly policy?: PromotionPolicyLike;
  /**
   * Problems that stopped the decision: a policy reached before any match whose name pattern or
   * label selector is invalid. Kargo fails the Stage's reconcile then; waybill reports the issue and
   * answers "no policy, disabled".
   */
  readonly issues: readonly Issue[];
}

/** The name a policy selects by: `stageSelector.name`, else the deprecated `stage`. */
function policyName(policy: PromotionPolicyLike): string {
  return policy.stageSelector ? policy.stageSelector.name ?? '' : policy.stage ?? '';
}

/**
 * A policy compiled once: `selects(stage)` says whether it applies, or carries the issues that
 * make it unusable.
 */
type CompiledPolicy =
  | { readonly ok: true; readonly selects: (stage: StageLike) => boolean }
  | { readonly ok: false; readonly issues: readonly Issue[] };

function compilePolicy(policy: PromotionPolicyLike, index: number): CompiledPolicy {
  const path = ['spec', 'promotionPolicies', index];
  const name = policyName(policy);
  const namePath = [...path, ...(policy.stageSelector ? ['stageSelector', 'name'] : ['stage'])];
  let nameMatches: ((value: string) => boolean) | undefined;
  if (name !== '') {
    // At run time Kargo compares a name with an unknown prefix literally (it then matches no
    // Stage); only the admission webhook rejects it (`validateProjectConfig` reports it).
    const compiled = compilePattern(name, { unknownPrefix: 'literal' });
    if (!compiled.ok) return { ok: false, issues: compiled.issues.map((i) => prefixIssuePath(i, namePath)) };
    nameMatches = compiled.value.matches;
  }
  const labels = compileLabelSelector(policy.stageSelector ?? {});
  if (!labels.ok) return { ok: false, issues: labels.issues.map((i) => prefixIssuePath(i, [...path, 'stageSelector'])) };
  const labelMatches = labels.value;
  return {
    ok: true,
    selects: (stage) => (nameMatches === undefined || nameMatches(nameOf(stage))) && labelMatches(stage?.metadata?.labels),
  };
}

/**
 * Compiles a ProjectConfig's promotion policies once, for deciding many Stages: the returned
 * function is {@link matchPromotionPolicy} with the patterns already parsed.
 */
export function compilePromotionPolicies(config: ProjectConfigLike | null | undefined): (stage: StageLike) => PolicyMatch {
  const policies = config?.spec?.promotionPolicies;
  const list = Array.isArray(policies) ? policies : [];
  const compiled: (CompiledPolicy | undefined)[] = list.map(() => undefined);
  return (stage) => {
    for (let index = 0; index < list.length; index++) {
      const policy = list[index] ?? {};
      // Compiled lazily: like Kargo, a bad policy after the first match never matters.
      const c = (compiled[index] ??= compilePolicy(policy, index));
      if (!c.ok) return { index: null, autoPromotionEnabled: false, issues: c.issues };
      if (c.selects(stage)) return { index, autoPromotionEnabled: policy.autoPromotionEnabled === true, policy, issues: [] };
    }
    return { index: null, autoPromotionEnabled: false, issues: [] };
  };
}

/**
 * Finds the promotion policy that applies to a Stage: the first one, in order, whose selector
 * matches (first match wins, even when it disables auto-promotion). A selector matches when its
 * name (`stageSelector.name`, or the deprecated `stage`) is empty, equals the Stage name, or
 * matches as `glob:` (doublestar) or `regex:`/`regexp:` (unanchored RE2), and its `matchLabels`
 * and `matchExpressions` select the Stage's labels. An empty selector matches every Stage. Without
 * a ProjectConfig, or with no match, auto-promotion is disabled.
 */
export function matchPromotionPolicy(config: ProjectConfigLike | null | undefined, stage: StageLike): PolicyMatch {
  return compilePromotionPolicies(config)(stage);
}
