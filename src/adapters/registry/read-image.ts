import type { ImageMetadata, ImagePlatformMetadata, PortFailure, PortResult } from '../../ports/index.js';
import type { RepositoryAddress } from './address.js';
import type { RegistryClient } from './client.js';
import { isDigest, matchesDigest, sha256Digest } from './digest.js';
import { isAttestationEntry, parseObject, readDescriptor, readImageConfig, readStringMap, type Descriptor } from './documents.js';
import { failure, failureForStatus } from './failures.js';
import { formatTime, parseRfc3339, timeFromKeys } from './image-times.js';
import { isIndexType, isManifestType, MANIFEST_ACCEPT } from './media-types.js';

/** What every read of one image shares. */
export interface ReadContext {
  readonly client: RegistryClient;
  readonly address: RepositoryAddress;
  readonly repository: string;
  readonly signal?: AbortSignal | undefined;
  readonly insecure?: boolean | undefined;
}

interface FetchedManifest {
  readonly mediaType: string;
  readonly digest: string;
  readonly document: Record<string, unknown>;
}

/** A single image's build time and annotations. */
interface SingleImage {
  readonly createdAt?: number;
  readonly annotations?: Record<string, string>;
}

type Step<T> = { ok: true; value: T } | { ok: false; failure: PortFailure };
const fail = (f: PortFailure): { ok: false; failure: PortFailure } => ({ ok: false, failure: f });

/** Reads a manifest by tag or digest and checks that its bytes are what the registry says they are. */
async function fetchManifest(ctx: ReadContext, reference: string, subject: string): Promise<Step<FetchedManifest>> {
  const outcome = await ctx.client.send({
    address: ctx.address,
    target: `/v2/${ctx.address.name}/manifests/${encodeURIComponent(reference)}`,
    accept: MANIFEST_ACCEPT,
    signal: ctx.signal,
    insecure: ctx.insecure,
    subject,
  });
  if (!outcome.ok) return outcome;
  const { reply } = outcome;
  if (reply.status !== 200) return fail(failureForStatus(reply.status, reply.body, subject));
  const announced = reply.headers.get('docker-content-digest')?.trim();
  if (announced !== undefined && announced !== '' && !matchesDigest(reply.body, announced)) {
    return fail(failure('invalid-response', `${subject}: the manifest does not match its Docker-Content-Digest ${announced}`, false, reply.status));
  }
  if (reference.includes(':') && !matchesDigest(reply.body, reference)) {
    return fail(failure('invalid-response', `${subject}: the manifest does not match the digest it was asked by`, false, reply.status));
  }
  const document = parseObject(reply.body);
  if (document === undefined) return fail(failure('invalid-response', `${subject}: the manifest is not a JSON object`, false, reply.status));
  const header = reply.headers.get('content-type')?.split(';')[0]?.trim() ?? '';
  const declared = typeof document.mediaType === 'string' ? document.mediaType : '';
  // The body's own mediaType wins over a generic Content-Type some registries send.
  const mediaType = declared !== '' ? declared : header;
  const digest = reference.includes(':') ? reference : announced !== undefined && announced !== '' ? announced : sha256Digest(reply.body);
  return { ok: true, value: { mediaType, digest, document } };
}

/** Reads an image config blob, checked against its digest. */
async function fetchConfig(ctx: ReadContext, config: Descriptor, subject: string): Promise<Step<Record<string, unknown>>> {
  if (!isDigest(config.digest)) return fail(failure('invalid-response', `${subject}: the config digest ${JSON.stringify(config.digest)} is malformed`, false));
  const outcome = await ctx.client.send({ address: ctx.address, target: `/v2/${ctx.address.name}/blobs/${config.digest}`, signal: ctx.signal, insecure: ctx.insecure, subject: `${subject} config` });
  if (!outcome.ok) return outcome;
  const { reply } = outcome;
  if (reply.status !== 200) return fail(failureForStatus(reply.status, reply.body, `${subject} config ${config.digest}`));
  if (!matchesDigest(reply.body, config.digest)) return fail(failure('invalid-response', `${subject}: the config blob does not match its digest ${config.digest}`, false, reply.status));
  const parsed = parseObject(reply.body);
  return parsed === undefined ? fail(failure('invalid-response', `${subject}: the config blob is not a JSON object`, false, reply.status)) : { ok: true, value: parsed };
}

/**
 * A single manifest's time and annotations: the time from its annotations, else the later of the
 * config's `created` and its build-date label.
 */
async function describeManifest(ctx: ReadContext, manifest: FetchedManifest, subject: string): Promise<Step<SingleImage>> {
  const annotations = readStringMap(manifest.document.annotations);
  const annotated = timeFromKeys(annotations);
  const base = annotations !== undefined && Object.keys(annotations).length > 0 ? { annotations } : {};
  if (annotated !== undefined) return { ok: true, value: { ...base, createdAt: annotated } };
  const config = readDescriptor(manifest.document.config);
  if (config === undefined) return fail(failure('invalid-response', `${subject}: the manifest has no config descriptor`, false));
  const blob = await fetchConfig(ctx, config, subject);
  if (!blob.ok) return blob;
  const { created, labels } = readImageConfig(blob.value);
  const times = [parseRfc3339(created), timeFromKeys(labels)].filter((t): t is number => t !== undefined);
  return { ok: true, value: times.length === 0 ? base : { ...base, createdAt: Math.max(...times) } };
}

/** One platform of an index: its own manifest is read for its time and annotations. */
async function describePlatform(ctx: ReadContext, entry: Descriptor, subject: string): Promise<Step<{ platform: ImagePlatformMetadata; createdAt?: number }>> {
  const p = entry.platform ?? { os: '', architecture: '' };
  const where = `${subject} (${p.os}/${p.architecture}${p.variant ? `/${p.variant}` : ''})`;
  if (!isDigest(entry.digest)) return fail(failure('invalid-response', `${where}: the entry digest ${JSON.stringify(entry.digest)} is malformed`, false));
  const child = await fetchManifest(ctx, entry.digest, where);
  if (!child.ok) return child;
  if (!isManifestType(child.value.mediaType)) return fail(failure('invalid-response', `${where}: unknown artifact type: ${child.value.mediaType || '(none)'}`, false));
  const image = await describeManifest(ctx, child.value, where);
  if (!image.ok) return image;
  // The entry's own annotations lie underneath the platform manifest's.
  const annotations = { ...entry.annotations, ...image.value.annotations };
  const createdAt = timeFromKeys(entry.annotations) ?? image.value.createdAt;
  const platform: ImagePlatformMetadata = {
    os: p.os,
    arch: p.architecture,
    ...(p.variant !== undefined ? { variant: p.variant } : {}),
    digest: entry.digest,
    ...(createdAt !== undefined ? { createdAt: formatTime(createdAt) } : {}),
    ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
  };
  return { ok: true, value: createdAt === undefined ? { platform } : { platform, createdAt } };
}

/**
 * Reads the image behind a tag the way Kargo does: the manifest digest (the index digest for a
 * multi-platform image), the build time, the annotations and, for an index, every runnable
 * platform (attestations left out).
 */
export async function readImage(ctx: ReadContext, tag: string): Promise<PortResult<ImageMetadata>> {
  const subject = `image ${ctx.repository}:${tag}`;
  const top = await fetchManifest(ctx, tag, subject);
  if (!top.ok) return top;
  const { mediaType, digest, document } = top.value;
  if (isManifestType(mediaType)) {
    const image = await describeManifest(ctx, top.value, subject);
    if (!image.ok) return image;
    return {
      ok: true,
      value: {
        tag,
        digest,
        ...(image.value.createdAt !== undefined ? { createdAt: formatTime(image.value.createdAt) } : {}),
        ...(image.value.annotations !== undefined ? { annotations: image.value.annotations } : {}),
      },
    };
  }
  if (!isIndexType(mediaType)) return fail(failure('invalid-response', `${subject}: unknown artifact type: ${mediaType || '(none)'}`, false));
  const entries = (Array.isArray(document.manifests) ? document.manifests : []).map(readDescriptor);
  if (entries.some((e) => e === undefined)) return fail(failure('invalid-response', `${subject}: an index entry has no digest`, false));
  const runnable = (entries as Descriptor[]).filter((e) => !isAttestationEntry(e));
  if (runnable.length === 0) return fail(failure('invalid-response', `${subject}: empty V2 manifest list or OCI index is not supported`, false));
  const described = await Promise.all(runnable.map((e) => describePlatform(ctx, e, subject)));
  const platforms: ImagePlatformMetadata[] = [];
  let newest: number | undefined;
  for (const d of described) {
    if (!d.ok) return d;
    platforms.push(d.value.platform);
    if (d.value.createdAt !== undefined && (newest === undefined || d.value.createdAt > newest)) newest = d.value.createdAt;
  }
  const annotations = readStringMap(document.annotations);
  const createdAt = timeFromKeys(annotations) ?? newest;
  return {
    ok: true,
    value: {
      tag,
      digest,
      ...(createdAt !== undefined ? { createdAt: formatTime(createdAt) } : {}),
      ...(annotations !== undefined && Object.keys(annotations).length > 0 ? { annotations } : {}),
      platforms,
    },
  };
}
