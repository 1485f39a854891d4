import * as z from 'zod';
import { freightOriginSchema, kargoHeader, objectMetaSchema, timeSchema } from './common.js';

/** A Git commit carried by Freight. */
export const gitCommitSchema = z.looseObject({
  repoURL: z.string().optional(),
  id: z.string().optional(),
  branch: z.string().optional(),
  tag: z.string().optional(),
  message: z.string().optional(),
  author: z.string().optional(),
  committer: z.string().optional(),
  subscriptionName: z.string().optional(),
});
/** A Git commit carried by Freight. */
export type GitCommit = z.output<typeof gitCommitSchema>;

/** A container image carried by Freight. */
export const freightImageSchema = z.looseObject({
  repoURL: z.string().optional(),
  tag: z.string().optional(),
  digest: z.string().optional(),
  annotations: z.record(z.string(), z.string()).optional(),
  subscriptionName: z.string().optional(),
});
/** A container image carried by Freight. */
export type FreightImage = z.output<typeof freightImageSchema>;

/** A Helm chart carried by Freight. */
export const freightChartSchema = z.looseObject({
  repoURL: z.string().optional(),
  name: z.string().optional(),
  version: z.string().optional(),
  subscriptionName: z.string().optional(),
});
/** A Helm chart carried by Freight. */
export type FreightChart = z.output<typeof freightChartSchema>;

/** An artifact of a generic subscription carried by Freight. */
export const artifactReferenceSchema = z.looseObject({
  artifactType: z.string().min(1).optional(),
  subscriptionName: z.string().min(1, 'must not be empty'),
  version: z.string().min(1, 'must not be empty'),
  metadata: z.unknown().optional(),
});
/** An artifact of a generic subscription carried by Freight. */
export type ArtifactReference = z.output<typeof artifactReferenceSchema>;

/** Freight `status`: where the Freight is, where it was verified, what it is approved for. */
export const freightStatusSchema = z.looseObject({
  currentlyIn: z.record(z.string(), z.looseObject({ since: timeSchema.optional() })).optional(),
  verifiedIn: z.record(z.string(), z.looseObject({ verifiedAt: timeSchema.optional(), longestSoak: z.string().optional() })).optional(),
  approvedFor: z.record(z.string(), z.looseObject({ approvedAt: timeSchema.optional() })).optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
});
/** Freight `status`. */
export type FreightStatus = z.output<typeof freightStatusSchema>;

/**
 * Freight: an immutable set of artifact versions from one Warehouse. Its fields sit at the top
 * level (there is no `spec`); its name is its content id, filled in when it is missing.
 */
export const freightSchema = z.looseObject({
  ...kargoHeader('Freight'),
  metadata: objectMetaSchema,
  alias: z.string().optional(),
  discoveredAt: timeSchema.optional(),
  origin: freightOriginSchema,
  commits: z.array(gitCommitSchema).optional(),
  images: z.array(freightImageSchema).optional(),
  charts: z.array(freightChartSchema).optional(),
  artifacts: z.array(artifactReferenceSchema).optional(),
  status: freightStatusSchema.optional(),
}).superRefine((freight, ctx) => {
  const count = (freight.commits?.length ?? 0) + (freight.images?.length ?? 0) + (freight.charts?.length ?? 0) + (freight.artifacts?.length ?? 0);
  if (count === 0) {
    ctx.addIssue({ code: 'custom', message: 'Freight must contain at least one commit, image, chart or artifact', path: [] });
  }
});
/** Freight. */
export type Freight = z.output<typeof freightSchema>;
/** Freight as written. */
export type FreightInput = z.input<typeof freightSchema>;

/** A reference to Freight with its content, as Stages and Promotions record it. */
export const freightReferenceSchema = z.looseObject({
  name: z.string().optional(),
  origin: freightOriginSchema.optional(),
  commits: z.array(gitCommitSchema).optional(),
  images: z.array(freightImageSchema).optional(),
  charts: z.array(freightChartSchema).optional(),
  artifacts: z.array(artifactReferenceSchema).optional(),
});
/** A reference to Freight with its content. */
export type FreightReference = z.output<typeof freightReferenceSchema>;

/** What a Stage holds: at most one Freight per origin, keyed `Warehouse/<name>`. */
export const freightCollectionSchema = z.looseObject({
  id: z.string().optional(),
  items: z.record(z.string(), freightReferenceSchema).optional(),
  verificationHistory: z.array(z.looseObject({})).optional(),
});
/** What a Stage holds: at most one Freight per origin. */
export type FreightCollection = z.output<typeof freightCollectionSchema>;
