/** The parts of a manifest, index or image config the adapter reads; everything else is ignored. */

/** A content descriptor (an index entry or a manifest's config). */
export interface Descriptor {
  readonly mediaType?: string;
  readonly digest: string;
  readonly platform?: { readonly os: string; readonly architecture: string; readonly variant?: string };
  readonly annotations?: Readonly<Record<string, string>>;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A string map, keeping only string values; undefined when absent or not an object. */
export function readStringMap(value: unknown): Record<string, string> | undefined {
  if (!isRecord(value)) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) if (typeof v === 'string') out[k] = v;
  return out;
}

/** Parses JSON text into an object; undefined for anything else. */
export function parseObject(body: Uint8Array): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
    return isRecord(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** Reads a descriptor; undefined when it has no string digest. */
export function readDescriptor(value: unknown): Descriptor | undefined {
  if (!isRecord(value) || typeof value.digest !== 'string') return undefined;
  const platform = isRecord(value.platform) ? value.platform : undefined;
  const annotations = readStringMap(value.annotations);
  return {
    digest: value.digest,
    ...(typeof value.mediaType === 'string' ? { mediaType: value.mediaType } : {}),
    ...(platform !== undefined
      ? {
          platform: {
            os: typeof platform.os === 'string' ? platform.os : '',
            architecture: typeof platform.architecture === 'string' ? platform.architecture : '',
            ...(typeof platform.variant === 'string' && platform.variant !== '' ? { variant: platform.variant } : {}),
          },
        }
      : {}),
    ...(annotations !== undefined ? { annotations } : {}),
  };
}

/** The `created` time and labels of an image config blob. */
export function readImageConfig(config: Record<string, unknown>): { created?: unknown; labels?: Record<string, string> } {
  const inner = isRecord(config.config) ? config.config : undefined;
  const labels = readStringMap(inner?.Labels);
  return { created: config.created, ...(labels !== undefined ? { labels } : {}) };
}

/**
 * True for an index entry that is not a runnable platform: no platform, an empty or `unknown` os
 * or architecture, or a BuildKit attestation (`vnd.docker.reference.type: attestation-manifest`).
 */
export function isAttestationEntry(entry: Descriptor): boolean {
  const p = entry.platform;
  if (p === undefined || p.os === '' || p.architecture === '' || p.os === 'unknown' || p.architecture === 'unknown') return true;
  return entry.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest';
}
