import type * as z from 'zod';
import { createIssue, type Issue, type PathSegment } from '../errors/issue.js';
import type { IssueCode } from '../errors/codes/index.js';
import { describeIssueCode } from '../errors/codes/index.js';
import { err, ok, type Result } from '../result.js';
import { KARGO_API_GROUP } from './common.js';
import { freightSchema, type Freight } from './freight.js';
import { clusterConfigSchema, projectConfigSchema, projectSchema, type ClusterConfig, type Project, type ProjectConfig } from './project.js';
import { promotionSchema, type Promotion } from './promotion.js';
import { clusterPromotionTaskSchema, promotionTaskSchema, type ClusterPromotionTask, type PromotionTask } from './promotion-task.js';
import { CODE_PARAM } from './rule.js';
import { stageSchema, type Stage } from './stage.js';
import { warehouseSchema, type Warehouse } from './warehouse.js';

/** Every Kargo resource waybill knows, with defaults applied. */
export type KargoResource = Project | ProjectConfig | ClusterConfig | Warehouse | Freight | Stage | Promotion | PromotionTask | ClusterPromotionTask;

/** The kinds of {@link KargoResource}. */
export type KargoKind = KargoResource['kind'];

/** A resource of another API group or an unknown kind, kept as the plain object it was. */
export interface ForeignResource {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata?: { readonly name?: string; readonly namespace?: string; readonly [key: string]: unknown };
  readonly [key: string]: unknown;
}

/** What `parseManifests` returns per document: a Kargo resource, or a foreign one passed through. */
export type ManifestResource = KargoResource | ForeignResource;

/** The schema of each Kargo kind, built once. */
export const kargoSchemas = {
  Project: projectSchema,
  ProjectConfig: projectConfigSchema,
  ClusterConfig: clusterConfigSchema,
  Warehouse: warehouseSchema,
  Freight: freightSchema,
  Stage: stageSchema,
  Promotion: promotionSchema,
  PromotionTask: promotionTaskSchema,
  ClusterPromotionTask: clusterPromotionTaskSchema,
} as const satisfies Record<KargoKind, z.ZodType>;

/** The Kargo kinds, in a stable order. */
export const KARGO_KINDS = Object.keys(kargoSchemas) as KargoKind[];

/** True when `kind` is one of the Kargo kinds waybill knows. */
export function isKargoKind(kind: unknown): kind is KargoKind {
  return typeof kind === 'string' && Object.hasOwn(kargoSchemas, kind);
}

/** True when the API version belongs to Kargo's API group (`kargo.akuity.io/<version>`). */
export function isKargoApiVersion(apiVersion: unknown): boolean {
  return typeof apiVersion === 'string' && apiVersion.startsWith(`${KARGO_API_GROUP}/`);
}

/** True when the resource is one of the Kargo kinds (as opposed to a foreign resource). */
export function isKargoResource(resource: ManifestResource): resource is KargoResource {
  return isKargoApiVersion(resource.apiVersion) && isKargoKind(resource.kind);
}

/** Narrows a list of resources to one kind. */
export function resourcesOfKind<K extends KargoKind>(resources: readonly ManifestResource[], kind: K): Extract<KargoResource, { kind: K }>[] {
  return resources.filter((r): r is Extract<KargoResource, { kind: K }> => isKargoResource(r) && r.kind === kind);
}

/** Converts zod issues into waybill issues (no positions yet), keeping rule codes carried in params. */
export function issuesFromZod(zodIssues: readonly z.core.$ZodIssue[], prefix: readonly PathSegment[] = []): Issue[] {
  return zodIssues.map((zi) => {
    const params = (zi as { params?: Record<string, unknown> }).params;
    const carried = params?.[CODE_PARAM];
    const code = (typeof carried === 'string' && describeIssueCode(carried) !== undefined ? carried : 'MANIFEST_INVALID') as IssueCode;
    const path = [...prefix, ...zi.path.map((p) => (typeof p === 'number' ? p : String(p)))];
    return createIssue(code, messageOf(zi, path), { path });
  });
}

function messageOf(zi: z.core.$ZodIssue, path: readonly PathSegment[]): string {
  if (zi.code === 'invalid_type' && / received undefined$/.test(zi.message)) {
    const field = path[path.length - 1];
    return field === undefined ? 'a value is required' : `required field ${JSON.stringify(field)} is missing`;
  }
  return zi.message;
}

/**
 * Kubernetes drops `null` values of typed fields before validation (a `spec:` whose body is only
 * a comment is `null` in YAML). waybill does the same for the top-level sections and their direct
 * fields, whose schemas it knows; deeper nulls (step configs, free-form maps) are kept as data.
 */
function pruneNulls(record: Record<string, unknown>): Record<string, unknown> {
  let out = record;
  const copy = () => (out === record ? (out = { ...record }) : out);
  for (const key of ['metadata', 'spec', 'status']) {
    const section = record[key];
    if (section === null) {
      delete copy()[key];
      continue;
    }
    if (typeof section !== 'object' || Array.isArray(section)) continue;
    const entries = Object.entries(section as Record<string, unknown>);
    if (!entries.some(([, v]) => v === null)) continue;
    copy()[key] = Object.fromEntries(entries.filter(([, v]) => v !== null));
  }
  return out;
}

/**
 * Validates one already-parsed object as a Kargo resource: the schema of its kind with every
 * admission rule, defaults applied. Objects of other API groups or unknown kinds come back
 * unchanged with a warning; objects without `apiVersion`/`kind` are errors. Never throws.
 */
export function validateResource(object: unknown): Result<ManifestResource> {
  if (typeof object !== 'object' || object === null || Array.isArray(object)) {
    return err(createIssue('MANIFEST_NOT_OBJECT', 'a resource must be a mapping with apiVersion, kind, metadata and spec'));
  }
  const record = object as Record<string, unknown>;
  const { apiVersion, kind } = record;
  if (typeof apiVersion !== 'string' || apiVersion === '' || typeof kind !== 'string' || kind === '') {
    const missing = typeof apiVersion !== 'string' || apiVersion === '' ? 'apiVersion' : 'kind';
    return err(createIssue('MANIFEST_MISSING_KIND', `the document has no ${missing}, so it is not a Kubernetes resource`, { path: [missing] }));
  }
  if (!isKargoApiVersion(apiVersion)) {
    return ok(record as ForeignResource, [
      createIssue('MANIFEST_FOREIGN', `${kind} (${apiVersion}) is not a Kargo resource; it is passed through unchanged`, { severity: 'warning' }),
    ]);
  }
  if (!isKargoKind(kind)) {
    return ok(record as ForeignResource, [
      createIssue('MANIFEST_UNKNOWN_KIND', `${JSON.stringify(kind)} is not a Kargo kind waybill knows; it is passed through unchanged`, { severity: 'warning', path: ['kind'] }),
    ]);
  }
  let parsed: z.ZodSafeParseResult<unknown>;
  try {
    parsed = (kargoSchemas[kind] as z.ZodType).safeParse(pruneNulls(record));
  } catch (e) {
    // Only a pathological input (a stack-exhausting depth) gets here; report it, never throw.
    return err(createIssue('YAML_TOO_DEEP', `the ${kind} could not be validated: ${e instanceof Error ? e.message : String(e)}`));
  }
  if (!parsed.success) return err(issuesFromZod(parsed.error.issues));
  const resource = parsed.data as KargoResource;
  return ok(resource, deprecationWarnings(resource));
}

/** Warnings for deprecated fields of a valid resource. */
export function deprecationWarnings(resource: KargoResource): Issue[] {
  const out: Issue[] = [];
  const warn = (message: string, path: PathSegment[]) => out.push(createIssue('MANIFEST_DEPRECATED', message, { severity: 'warning', path }));
  if (resource.kind === 'Project' && resource.spec?.promotionPolicies !== undefined) {
    warn('Project.spec.promotionPolicies is deprecated: move the policies to a ProjectConfig named like the Project', ['spec', 'promotionPolicies']);
  }
  const policies = resource.kind === 'Project' ? resource.spec?.promotionPolicies : resource.kind === 'ProjectConfig' ? resource.spec?.promotionPolicies : undefined;
  policies?.forEach((policy, i) => {
    if (policy.stage !== undefined) warn('the "stage" field of a promotion policy is deprecated: use stageSelector.name', ['spec', 'promotionPolicies', i, 'stage']);
  });
  if (resource.kind === 'Warehouse') {
    resource.spec.subscriptions.forEach((entry, i) => {
      for (const type of ['image', 'git'] as const) {
        const sub = (entry as Record<string, unknown>)[type] as { allowTags?: string; ignoreTags?: string[] } | undefined;
        if (sub === undefined) continue;
        if (sub.allowTags) warn('allowTags is unsupported since Kargo v1.11 and makes discovery fail: use allowTagsRegexes', ['spec', 'subscriptions', i, type, 'allowTags']);
        if (sub.ignoreTags && sub.ignoreTags.length > 0) warn('ignoreTags is unsupported since Kargo v1.11 and makes discovery fail: use ignoreTagsRegexes', ['spec', 'subscriptions', i, type, 'ignoreTags']);
      }
    });
  }
  return out;
}
