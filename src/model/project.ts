import * as z from 'zod';
import { compilePattern } from '../patterns/index.js';
import { conditionSchema, dnsSubdomainSchema, DNS1123_SUBDOMAIN_PATTERN, kargoHeader, labelSelectorSchema, namedObjectMetaSchema } from './common.js';
import { CODE_PARAM, reportViolations, type RuleViolation } from './rule.js';

/** Which Stages a promotion policy covers: a name pattern and/or a label selector (both must match). */
export const promotionPolicySelectorSchema = labelSelectorSchema.extend({
  name: z.string().optional(),
});
/** Which Stages a promotion policy covers. */
export type PromotionPolicySelector = z.output<typeof promotionPolicySelectorSchema>;

/** A promotion policy: whether the Stages it selects auto-promote. */
export const promotionPolicySchema = z
  .looseObject({
    /** Deprecated: an exact Stage name; use `stageSelector.name`. */
    stage: z.string().regex(DNS1123_SUBDOMAIN_PATTERN, 'must be an exact Stage name (patterns go in stageSelector.name)').optional(),
    stageSelector: promotionPolicySelectorSchema.optional(),
    autoPromotionEnabled: z.boolean().default(false),
    autoRollback: z
      .looseObject({
        onPromotion: z.array(z.enum(['Failed', 'Errored'])).max(2).optional(),
        onVerification: z.array(z.enum(['Failed', 'Error'])).max(2).optional(),
      })
      .optional(),
  })
  .superRefine((policy, ctx) => {
    if ((policy.stage === undefined) === (policy.stageSelector === undefined)) {
      ctx.addIssue({ code: 'custom', message: 'a promotion policy must set exactly one of stage and stageSelector', path: [], params: { [CODE_PARAM]: 'MANIFEST_POLICY_INVALID' } });
    }
  });
/** A promotion policy. */
export type PromotionPolicy = z.output<typeof promotionPolicySchema>;

/**
 * Kargo's admission rules for `spec.promotionPolicies`: a selector name with a `:` must be a valid
 * `glob:`, `regex:` or `regexp:` pattern; exact names must be unique (every later repeat is
 * reported, pointing at the first); pattern names and label-only selectors may repeat.
 */
export function checkPromotionPolicies(policies: readonly PromotionPolicy[]): RuleViolation[] {
  const out: RuleViolation[] = [];
  const firstByName = new Map<string, number>();
  policies.forEach((policy, i) => {
    const name = policy.stageSelector !== undefined ? (policy.stageSelector.name ?? '') : (policy.stage ?? '');
    if (name === '') return;
    if (name.includes(':')) {
      const compiled = compilePattern(name);
      if (!compiled.ok) {
        for (const issue of compiled.issues) out.push({ code: issue.code, message: issue.message, path: [i, 'stageSelector', 'name'] });
      }
      return;
    }
    const first = firstByName.get(name);
    if (first === undefined) firstByName.set(name, i);
    else out.push({ code: 'MANIFEST_POLICY_DUPLICATE', message: `stage name already defined at spec.promotionPolicies[${first}]`, path: [i] });
  });
  return out;
}

const promotionPoliciesSchema = z
  .array(promotionPolicySchema)
  .superRefine((policies, ctx) => reportViolations(ctx, checkPromotionPolicies(policies)));

const deepLinkSchema = z.looseObject({
  title: z.string().min(1, 'must not be empty'),
  url: z.string().min(1, 'must not be empty'),
  description: z.string().optional(),
  if: z.string().optional(),
});

const webhookReceiverSchema = z.looseObject({ name: dnsSubdomainSchema });

const promotionWindowSchema = z.looseObject({
  name: dnsSubdomainSchema,
  kind: z.enum(['Allow', 'Deny']),
});

/** A ProjectConfig `spec`. */
export const projectConfigSpecSchema = z.looseObject({
  promotionPolicies: promotionPoliciesSchema.optional(),
  webhookReceivers: z.array(webhookReceiverSchema).optional(),
  freightLinks: z.array(deepLinkSchema).optional(),
  stageLinks: z.array(deepLinkSchema).optional(),
  promotionWindows: z.array(promotionWindowSchema).optional(),
});
/** A ProjectConfig `spec`. */
export type ProjectConfigSpec = z.output<typeof projectConfigSpecSchema>;

/** The status of a Project-level or cluster-level configuration. */
export const configStatusSchema = z.looseObject({
  conditions: z.array(conditionSchema).optional(),
  observedGeneration: z.number().int().optional(),
  lastHandledRefresh: z.string().optional(),
  webhookReceivers: z.array(z.looseObject({})).optional(),
});

/** A ProjectConfig: the one configuration object of a Project, named like it. */
export const projectConfigSchema = z
  .looseObject({
    ...kargoHeader('ProjectConfig'),
    metadata: namedObjectMetaSchema,
    spec: projectConfigSpecSchema.optional(),
    status: configStatusSchema.optional(),
  })
  .superRefine((config, ctx) => {
    const { name, namespace } = config.metadata;
    if (name !== undefined && namespace !== undefined && name !== namespace) {
      ctx.addIssue({ code: 'custom', message: `name ${JSON.stringify(name)} must match project name ${JSON.stringify(namespace)}`, path: ['metadata', 'name'], params: { [CODE_PARAM]: 'MANIFEST_NAME_MISMATCH' } });
    }
  });
/** A ProjectConfig. */
export type ProjectConfig = z.output<typeof projectConfigSchema>;
/** A ProjectConfig as written. */
export type ProjectConfigInput = z.input<typeof projectConfigSchema>;

/** A Project `status`. */
export const projectStatusSchema = z.looseObject({
  conditions: z.array(conditionSchema).optional(),
  stats: z.looseObject({}).optional(),
});

/**
 * A Project: a namespace managed by Kargo. It has no `spec` today; the `spec.promotionPolicies`
 * of older Kargo versions is still read (with a deprecation warning) and exposed as the
 * Project's ProjectConfig by `projectConfigOf`.
 */
export const projectSchema = z.looseObject({
  ...kargoHeader('Project'),
  metadata: namedObjectMetaSchema,
  spec: z.looseObject({ promotionPolicies: promotionPoliciesSchema.optional() }).optional(),
  status: projectStatusSchema.optional(),
});
/** A Project. */
export type Project = z.output<typeof projectSchema>;

/** A ClusterConfig: cluster-wide settings (webhook receivers, Git identity, links). */
export const clusterConfigSchema = z.looseObject({
  ...kargoHeader('ClusterConfig'),
  metadata: namedObjectMetaSchema,
  spec: z
    .looseObject({
      webhookReceivers: z.array(webhookReceiverSchema).optional(),
      gitClient: z.looseObject({ name: z.string().min(1, 'must not be empty'), email: z.string().min(1, 'must not be empty') }).optional(),
      freightLinks: z.array(deepLinkSchema).optional(),
      stageLinks: z.array(deepLinkSchema).optional(),
      promotionWindows: z.array(promotionWindowSchema).optional(),
    })
    .optional(),
  status: configStatusSchema.optional(),
});
/** A ClusterConfig. */
export type ClusterConfig = z.output<typeof clusterConfigSchema>;
