import * as z from 'zod';

/** The API group and version of every Kargo kind. */
export const KARGO_API_VERSION = 'kargo.akuity.io/v1alpha1';
/** The API group of Kargo kinds (without version). */
export const KARGO_API_GROUP = 'kargo.akuity.io';

/** Kargo's duration syntax for intervals and soak times: only `s`, `m`, `h` units (`5m0s`, `1h30m`). */
export const KARGO_DURATION_PATTERN = /^([0-9]+(\.[0-9]+)?(s|m|h))+$/;
/** Go's `time.ParseDuration` syntax (what fields without a CRD pattern accept, such as `retry.timeout`). */
export const GO_DURATION_PATTERN = /^[-+]?((\d+(\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h))+$|^[-+]?0$/;
/** A DNS-1123 subdomain: what Kubernetes accepts as most object names. */
export const DNS1123_SUBDOMAIN_PATTERN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** A DNS-1123 label: namespaces and subscription names. */
export const DNS1123_LABEL_PATTERN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** An expression variable name. */
export const VARIABLE_NAME_PATTERN = /^[a-zA-Z_]\w*$/;
/** RFC 3339 time as Kubernetes writes it (`2024-05-01T10:00:00Z`, fractional seconds and offsets allowed). */
export const RFC3339_PATTERN = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** A DNS-1123 subdomain name (at most 253 characters). */
export const dnsSubdomainSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(253, 'must be at most 253 characters')
  .regex(DNS1123_SUBDOMAIN_PATTERN, 'must be a lowercase DNS-1123 subdomain (letters, digits, "-" and ".", starting and ending alphanumeric)');

/** A DNS-1123 label (at most 63 characters). */
export const dnsLabelSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(63, 'must be at most 63 characters')
  .regex(DNS1123_LABEL_PATTERN, 'must be a lowercase DNS-1123 label (letters, digits and "-", starting and ending alphanumeric)');

/** A Kargo duration (`5m0s`, `1h30m`; units s, m and h only). */
export const kargoDurationSchema = z
  .string()
  .regex(KARGO_DURATION_PATTERN, 'must be a duration of hours, minutes and seconds such as "30m", "1h30m" or "5m0s" (units s, m, h)');

/** A Go duration (`300ms`, `1h2m3s`). */
export const goDurationSchema = z.string().regex(GO_DURATION_PATTERN, 'must be a Go duration such as "30s", "5m" or "1h30m"');

/** An RFC 3339 time string. */
export const timeSchema = z.string().regex(RFC3339_PATTERN, 'must be an RFC 3339 time such as "2024-05-01T10:00:00Z"');

const stringMap = z.record(z.string(), z.string());

/** Kubernetes object metadata: the fields waybill reads are typed, the rest are kept. */
export const objectMetaSchema = z.looseObject({
  name: dnsSubdomainSchema.optional(),
  generateName: z.string().optional(),
  namespace: dnsLabelSchema.optional(),
  labels: stringMap.optional(),
  annotations: stringMap.optional(),
  uid: z.string().optional(),
  resourceVersion: z.string().optional(),
  generation: z.number().int().optional(),
  creationTimestamp: z.union([timeSchema, z.null()]).optional(),
  deletionTimestamp: timeSchema.optional(),
  finalizers: z.array(z.string()).optional(),
  ownerReferences: z.array(z.looseObject({})).optional(),
});
/** Kubernetes object metadata. */
export type ObjectMeta = z.output<typeof objectMetaSchema>;

/** Metadata of a kind whose objects need a name (or a `generateName`). */
export const namedObjectMetaSchema = objectMetaSchema.superRefine((meta, ctx) => {
  if (meta.name === undefined && meta.generateName === undefined) {
    ctx.addIssue({ code: 'custom', message: 'a name (or generateName) is required', path: ['name'] });
  }
});

/** One requirement of a Kubernetes label selector. */
export const labelSelectorRequirementSchema = z.looseObject({
  key: z.string(),
  operator: z.enum(['In', 'NotIn', 'Exists', 'DoesNotExist']),
  values: z.array(z.string()).optional(),
});
/** One requirement of a Kubernetes label selector. */
export type LabelSelectorRequirement = z.output<typeof labelSelectorRequirementSchema>;

/** A Kubernetes label selector (`matchLabels` AND `matchExpressions`; empty selects everything). */
export const labelSelectorSchema = z.looseObject({
  matchLabels: stringMap.optional(),
  matchExpressions: z.array(labelSelectorRequirementSchema).optional(),
});
/** A Kubernetes label selector. */
export type LabelSelector = z.output<typeof labelSelectorSchema>;

/** A variable for expressions: `{name, value}`; the value may itself hold `${{ }}` templates. */
export const expressionVariableSchema = z.looseObject({
  name: z.string().min(1, 'must not be empty').regex(VARIABLE_NAME_PATTERN, 'must start with a letter or "_" and hold only letters, digits and "_"'),
  value: z.string().optional(),
});
/** A variable for expressions. */
export type ExpressionVariable = z.output<typeof expressionVariableSchema>;

/** Where Freight comes from: only Warehouses exist as origins. */
export const freightOriginSchema = z.looseObject({
  kind: z.literal('Warehouse', { error: 'must be "Warehouse" (the only kind of Freight origin)' }),
  name: z.string().min(1, 'must not be empty'),
});
/** Where Freight comes from: `{kind: "Warehouse", name}`. Its string form is `Warehouse/<name>`. */
export type FreightOrigin = z.output<typeof freightOriginSchema>;

/** A Kubernetes condition as Kargo writes it into `status.conditions`. */
export const conditionSchema = z.looseObject({
  type: z.string(),
  status: z.string(),
  reason: z.string().optional(),
  message: z.string().optional(),
  lastTransitionTime: z.string().optional(),
  observedGeneration: z.number().int().optional(),
});
/** A status condition. */
export type Condition = z.output<typeof conditionSchema>;

/** Any JSON value. */
export const jsonValueSchema = z.unknown();

/** Builds the `apiVersion`/`kind` header of a Kargo kind. */
export function kargoHeader<K extends string>(kind: K) {
  return {
    apiVersion: z.literal(KARGO_API_VERSION, { error: `must be "${KARGO_API_VERSION}"` }),
    kind: z.literal(kind),
  };
}
