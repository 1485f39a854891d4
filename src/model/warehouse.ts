import * as z from 'zod';
import {
  conditionSchema,
  dnsLabelSchema,
  kargoDurationSchema,
  kargoHeader,
  namedObjectMetaSchema,
  timeSchema,
} from './common.js';
import { CODE_PARAM } from './rule.js';
import { findDuplicateSubscriptions } from './subscription-duplicates.js';

const discoveryLimitSchema = z.number().int().min(1, 'must be >= 1').max(100, 'must be <= 100').default(20);

/** Kargo's CRD pattern for image repositories: no scheme, no tag, no digest. */
export const IMAGE_REPO_URL_PATTERN = /^(\w+([.-]\w+)*(:[\d]+)?\/)?(\w+([.-]\w+)*)(\/\w+([.-]\w+)*)*$/;
/** Kargo's CRD pattern for Git repositories: http(s)/ssh URLs and (deprecated) scp-like addresses. */
export const GIT_REPO_URL_PATTERN =
  /(?:^(ssh|https?):\/\/(?:([\w-]+)(:(.+))?@)?([\w-]+(?:\.[\w-]+)*)(?::(\d{1,5}))?(\/.*)$)|(?:^([\w-]+)@([\w+]+(?:\.[\w-]+)*):(\/?.*))/;
/** Kargo's CRD pattern for chart repositories: http(s) or oci URLs. */
export const CHART_REPO_URL_PATTERN = /^(((https?)|(oci)):\/\/)([\w\d.-]+)(:[\d]+)?(\/.*)*$/;
/** Kargo's CRD pattern for Git branch names. */
export const GIT_BRANCH_PATTERN = /^[a-zA-Z0-9]([a-zA-Z0-9._/-]*[a-zA-Z0-9_-])?$/;

/** The image selection strategies. */
export const IMAGE_SELECTION_STRATEGIES = ['Digest', 'Lexical', 'NewestBuild', 'SemVer'] as const;
/** The Git commit selection strategies. */
export const COMMIT_SELECTION_STRATEGIES = ['NewestFromBranch', 'SemVer', 'Lexical', 'NewestTag'] as const;

/** An image subscription (`image:` of a Warehouse subscription), defaults applied. */
export const imageSubscriptionSchema = z
  .looseObject({
    repoURL: z.string().min(1, 'must not be empty').regex(IMAGE_REPO_URL_PATTERN, 'must be an image repository without scheme, tag or digest (e.g. "ghcr.io/org/app")'),
    // An empty strategy means SemVer to Kargo's selectors; the webhook fills in SemVer.
    imageSelectionStrategy: z.union([z.enum(IMAGE_SELECTION_STRATEGIES), z.literal('')]).default('SemVer'),
    constraint: z.string().optional(),
    strictSemvers: z.boolean().default(true),
    allowTagsRegexes: z.array(z.string()).optional(),
    ignoreTagsRegexes: z.array(z.string()).optional(),
    /** Deprecated and unsupported since Kargo v1.11: discovery fails when it is set. */
    allowTags: z.string().optional(),
    /** Deprecated and unsupported since Kargo v1.11: discovery fails when it is set. */
    ignoreTags: z.array(z.string()).optional(),
    platform: z.string().optional(),
    discoveryLimit: discoveryLimitSchema,
    cacheByTag: z.boolean().optional(),
    insecureSkipTLSVerify: z.boolean().optional(),
  })
  .superRefine((sub, ctx) => {
    if (sub.imageSelectionStrategy === 'Digest' && !sub.constraint) {
      ctx.addIssue({ code: 'custom', message: 'must be set when imageSelectionStrategy is Digest', path: ['constraint'] });
    }
    if (sub.platform) {
      const parts = sub.platform.split('/');
      if (parts.length < 2 || parts.length > 3 || parts.some((p) => p === '')) {
        ctx.addIssue({ code: 'custom', message: 'must be in format <os>/<arch> (optionally /<variant>)', path: ['platform'] });
      }
    }
  });
/** An image subscription, defaults applied. */
export type ImageSubscription = z.output<typeof imageSubscriptionSchema>;
/** An image subscription as written (defaults not yet applied). */
export type ImageSubscriptionInput = z.input<typeof imageSubscriptionSchema>;

/** A Git subscription (`git:` of a Warehouse subscription), defaults applied. */
export const gitSubscriptionSchema = z.looseObject({
  repoURL: z.string().min(1, 'must not be empty').regex(GIT_REPO_URL_PATTERN, 'must be an http(s) or ssh Git URL (or a scp-like user@host:path)'),
  commitSelectionStrategy: z.union([z.enum(COMMIT_SELECTION_STRATEGIES), z.literal('')]).default('NewestFromBranch'),
  branch: z.string().min(1, 'must not be empty').max(255, 'must be at most 255 characters').regex(GIT_BRANCH_PATTERN, 'must be a valid branch name').optional(),
  strictSemvers: z.boolean().default(true),
  semverConstraint: z.string().optional(),
  allowTagsRegexes: z.array(z.string()).optional(),
  ignoreTagsRegexes: z.array(z.string()).optional(),
  /** Deprecated and unsupported since Kargo v1.11. */
  allowTags: z.string().optional(),
  /** Deprecated and unsupported since Kargo v1.11. */
  ignoreTags: z.array(z.string()).optional(),
  expressionFilter: z.string().optional(),
  includePaths: z.array(z.string()).optional(),
  excludePaths: z.array(z.string()).optional(),
  discoveryLimit: discoveryLimitSchema,
  since: timeSchema.optional(),
  blobless: z.boolean().optional(),
  insecureSkipTLSVerify: z.boolean().optional(),
});
/** A Git subscription, defaults applied. */
export type GitSubscription = z.output<typeof gitSubscriptionSchema>;
/** A Git subscription as written. */
export type GitSubscriptionInput = z.input<typeof gitSubscriptionSchema>;

/** A Helm chart subscription (`chart:` of a Warehouse subscription), defaults applied. */
export const chartSubscriptionSchema = z
  .looseObject({
    repoURL: z.string().min(1, 'must not be empty').regex(CHART_REPO_URL_PATTERN, 'must be an http(s):// or oci:// chart repository URL'),
    name: z.string().optional(),
    semverConstraint: z.string().optional(),
    discoveryLimit: discoveryLimitSchema,
    insecureSkipTLSVerify: z.boolean().optional(),
  })
  .superRefine((sub, ctx) => {
    // Kargo tests the raw prefixes, case-sensitively.
    const http = sub.repoURL.startsWith('http://') || sub.repoURL.startsWith('https://');
    if (http && !sub.name) {
      ctx.addIssue({ code: 'custom', message: 'must be non-empty if repoURL starts with http:// or https://', path: ['name'] });
    }
    if (sub.repoURL.startsWith('oci://') && sub.name) {
      ctx.addIssue({ code: 'custom', message: 'must be empty if repoURL starts with oci:// (the chart is named by the URL)', path: ['name'] });
    }
  });
/** A chart subscription, defaults applied. */
export type ChartSubscription = z.output<typeof chartSubscriptionSchema>;
/** A chart subscription as written. */
export type ChartSubscriptionInput = z.input<typeof chartSubscriptionSchema>;

/** A generic subscription (any other type key), served by a subscriber registered for its type. */
export const genericSubscriptionSchema = z.looseObject({
  config: z.record(z.string(), z.unknown()).optional(),
  discoveryLimit: discoveryLimitSchema,
});
/** A generic subscription, defaults applied. */
export type GenericSubscription = z.output<typeof genericSubscriptionSchema>;

/** An image entry of `spec.subscriptions`. */
export interface ImageSubscriptionEntry {
  readonly name?: string;
  readonly image: ImageSubscription;
}
/** A Git entry of `spec.subscriptions`. */
export interface GitSubscriptionEntry {
  readonly name?: string;
  readonly git: GitSubscription;
}
/** A chart entry of `spec.subscriptions`. */
export interface ChartSubscriptionEntry {
  readonly name?: string;
  readonly chart: ChartSubscription;
}
/** A generic entry of `spec.subscriptions`: `{name, <type>: GenericSubscription}`. */
export interface GenericSubscriptionEntry {
  readonly name?: string;
  readonly [type: string]: GenericSubscription | string | undefined;
}
/** One entry of a Warehouse's `spec.subscriptions`: exactly one type key plus an optional `name`. */
export type WarehouseSubscription = ImageSubscriptionEntry | GitSubscriptionEntry | ChartSubscriptionEntry | GenericSubscriptionEntry;

/** The type of a subscription entry (`image`, `git`, `chart`, or the generic type key), if it has exactly one. */
export function subscriptionTypeOf(entry: object): string | undefined {
  const keys = Object.keys(entry).filter((k) => k !== 'name');
  return keys.length === 1 ? keys[0] : undefined;
}
/** True for an image subscription entry. */
export function isImageSubscriptionEntry(entry: WarehouseSubscription): entry is ImageSubscriptionEntry {
  return subscriptionTypeOf(entry) === 'image';
}
/** True for a Git subscription entry. */
export function isGitSubscriptionEntry(entry: WarehouseSubscription): entry is GitSubscriptionEntry {
  return subscriptionTypeOf(entry) === 'git';
}
/** True for a chart subscription entry. */
export function isChartSubscriptionEntry(entry: WarehouseSubscription): entry is ChartSubscriptionEntry {
  return subscriptionTypeOf(entry) === 'chart';
}

const typedSubscriptionSchemas: Readonly<Record<string, z.ZodType>> = {
  image: imageSubscriptionSchema,
  git: gitSubscriptionSchema,
  chart: chartSubscriptionSchema,
};

/** Re-raises issues of a nested parse under a key of the current value. */
function forwardIssues(into: z.core.$ZodRawIssue[], issues: readonly z.core.$ZodIssue[], key: string, input: unknown): void {
  for (const issue of issues) into.push({ ...issue, path: [key, ...issue.path], input } as z.core.$ZodRawIssue);
}

function codeParams(code: string) {
  return { [CODE_PARAM]: code };
}

/**
 * One subscription entry. Kargo decodes these from raw JSON by their single type key, so the
 * schema dispatches by hand: count the keys, check `name`, then validate the body with the schema
 * of its type (issues keep their path under the type key).
 */
export const warehouseSubscriptionSchema = z.unknown().transform((raw, ctx): WarehouseSubscription => {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    ctx.issues.push({ code: 'custom', message: 'a subscription must be an object with one key naming its type (image, git, chart, ...)', input: raw, params: codeParams('MANIFEST_SUBSCRIPTION_INVALID') });
    return z.NEVER;
  }
  const entry = raw as Record<string, unknown>;
  const types = Object.keys(entry).filter((k) => k !== 'name');
  let failed = false;
  if (types.length !== 1) {
    ctx.issues.push({
      code: 'custom',
      message: `a subscription needs exactly one key naming its type besides an optional "name", but has ${types.length}${types.length > 0 ? ` (${types.join(', ')})` : ''}`,
      input: raw,
      params: codeParams('MANIFEST_SUBSCRIPTION_INVALID'),
    });
    return z.NEVER;
  }
  const type = types[0] as string;
  const generic = !Object.hasOwn(typedSubscriptionSchemas, type);
  if (entry['name'] !== undefined) {
    const name = dnsLabelSchema.safeParse(entry['name']);
    if (!name.success) {
      failed = true;
      forwardIssues(ctx.issues, name.error.issues, 'name', entry['name']);
    }
  } else if (generic) {
    failed = true;
    ctx.issues.push({ code: 'custom', message: `a name is required for subscriptions of type "${type}"`, path: ['name'], input: raw, params: codeParams('MANIFEST_SUBSCRIPTION_INVALID') });
  }
  const schema = generic ? genericSubscriptionSchema : (typedSubscriptionSchemas[type] as z.ZodType);
  const body = schema.safeParse(entry[type]);
  if (!body.success) {
    forwardIssues(ctx.issues, body.error.issues, type, entry[type]);
    return z.NEVER;
  }
  if (failed) return z.NEVER;
  return { ...entry, [type]: body.data } as WarehouseSubscription;
});

/** Schemas used to describe subscription entries in JSON Schema (the parser dispatches by hand). */
export const subscriptionEntryJsonShapes = [
  z.looseObject({ name: dnsLabelSchema.optional(), image: imageSubscriptionSchema }),
  z.looseObject({ name: dnsLabelSchema.optional(), git: gitSubscriptionSchema }),
  z.looseObject({ name: dnsLabelSchema.optional(), chart: chartSubscriptionSchema }),
] as const;

/** `spec.freightCreationCriteria`: an expression that new Freight must satisfy. */
export const freightCreationCriteriaSchema = z.looseObject({ expression: z.string().optional() });

/** A Warehouse `spec`, defaults applied. */
export const warehouseSpecSchema = z
  .looseObject({
    shard: z.string().optional(),
    interval: kargoDurationSchema.default('5m0s'),
    freightCreationPolicy: z.union([z.enum(['Automatic', 'Manual']), z.literal('')]).default('Automatic'),
    freightCreationCriteria: freightCreationCriteriaSchema.optional(),
    subscriptions: z.array(warehouseSubscriptionSchema).min(1, 'at least one subscription is required'),
  })
  .superRefine((spec, ctx) => {
    const seen = new Map<string, number>();
    spec.subscriptions.forEach((sub, i) => {
      const name = sub.name;
      if (typeof name !== 'string' || name === '') return;
      const first = seen.get(name);
      if (first !== undefined) {
        ctx.addIssue({ code: 'custom', message: `subscription name ${JSON.stringify(name)} is already used by spec.subscriptions[${first}]`, path: ['subscriptions', i, 'name'], params: codeParams('MANIFEST_SUBSCRIPTION_INVALID') });
      } else {
        seen.set(name, i);
      }
    });
    for (const dup of findDuplicateSubscriptions(spec.subscriptions)) {
      ctx.addIssue({ code: 'custom', message: dup.message, path: ['subscriptions', dup.index, dup.type, 'repoURL'], params: codeParams('MANIFEST_DUPLICATE_SUBSCRIPTION') });
    }
  });
/** A Warehouse `spec`, defaults applied. */
export type WarehouseSpec = z.output<typeof warehouseSpecSchema>;

const discoveredCommitSchema = z.looseObject({
  id: z.string().optional(),
  branch: z.string().optional(),
  tag: z.string().optional(),
  subject: z.string().optional(),
  author: z.string().optional(),
  committer: z.string().optional(),
  creatorDate: timeSchema.optional(),
});
/** A commit as discovery reports it in `status.discoveredArtifacts.git[].commits`. */
export type DiscoveredCommitStatus = z.output<typeof discoveredCommitSchema>;

/** A Warehouse `status` (all optional; written by the controller). */
export const warehouseStatusSchema = z.looseObject({
  conditions: z.array(conditionSchema).optional(),
  lastHandledRefresh: z.string().optional(),
  observedGeneration: z.number().int().optional(),
  lastFreightID: z.string().optional(),
  discoveredArtifacts: z
    .looseObject({
      discoveredAt: timeSchema.optional(),
      git: z.array(z.looseObject({ repoURL: z.string(), commits: z.array(discoveredCommitSchema).nullable().optional(), subscriptionName: z.string().optional(), observedRefs: z.looseObject({}).optional() })).optional(),
      images: z
        .array(
          z.looseObject({
            repoURL: z.string(),
            platform: z.string().optional(),
            references: z.array(z.looseObject({ tag: z.string(), digest: z.string().optional(), annotations: z.record(z.string(), z.string()).optional(), createdAt: timeSchema.optional() })).nullable().optional(),
            subscriptionName: z.string().optional(),
          }),
        )
        .optional(),
      charts: z.array(z.looseObject({ repoURL: z.string(), name: z.string().optional(), semverConstraint: z.string().optional(), versions: z.array(z.string()).nullable().optional(), subscriptionName: z.string().optional() })).optional(),
      results: z.array(z.looseObject({ name: z.string(), artifactReferences: z.array(z.looseObject({})).nullable().optional() })).optional(),
    })
    .optional(),
});
/** A Warehouse `status`. */
export type WarehouseStatus = z.output<typeof warehouseStatusSchema>;

/** A Warehouse: subscribes to artifact repositories and produces Freight. */
export const warehouseSchema = z.looseObject({
  ...kargoHeader('Warehouse'),
  metadata: namedObjectMetaSchema,
  spec: warehouseSpecSchema,
  status: warehouseStatusSchema.optional(),
});
/** A Warehouse, defaults applied. */
export type Warehouse = z.output<typeof warehouseSchema>;
/** A Warehouse as written. */
export type WarehouseInput = z.input<typeof warehouseSchema>;
