import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isKargoKind, type KargoResource } from '../model/index.js';

/** The format tag of the state file. */
export const STATE_FORMAT = 'waybill.state/v1';

/** What the state file holds: every resource as the controller last left it. */
export interface StateFile {
  readonly format: typeof STATE_FORMAT;
  readonly resources: readonly KargoResource[];
}

/** The outcome of {@link readStateFile}. */
export type StateRead = { readonly ok: true; readonly resources: readonly KargoResource[]; readonly exists: boolean } | { readonly ok: false; readonly message: string };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A stable key for a resource: `Kind/namespace/name`. */
export function resourceKey(r: { readonly kind: string; readonly metadata?: { readonly name?: unknown; readonly namespace?: unknown } | undefined }): string {
  const ns = typeof r.metadata?.namespace === 'string' ? r.metadata.namespace : '';
  return `${r.kind}/${ns}/${String(r.metadata?.name ?? '')}`;
}

/** Reads the state file; a file that does not exist is an empty state. */
export function readStateFile(path: string): StateRead {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return { ok: true, resources: [], exists: false };
    return { ok: false, message: `cannot read the state file ${path}: ${error instanceof Error ? error.message : String(error)}` };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `the state file ${path} is not JSON (${error instanceof Error ? error.message : String(error)}); remove it to start from the manifests again` };
  }
  if (!isRecord(parsed) || parsed['format'] !== STATE_FORMAT || !Array.isArray(parsed['resources'])) {
    return { ok: false, message: `the state file ${path} is not a ${STATE_FORMAT} document; remove it to start from the manifests again` };
  }
  const resources: KargoResource[] = [];
  for (const r of parsed['resources'] as unknown[]) {
    if (isRecord(r) && isKargoKind(r['kind']) && isRecord(r['metadata']) && typeof r['metadata']['name'] === 'string') resources.push(r as unknown as KargoResource);
  }
  return { ok: true, resources, exists: true };
}

/**
 * The manifests with the state laid over them. The manifests say what the user wants: a resource
 * they define keeps its spec from them and takes only what the controller records from the state
 * (status, labels, annotations, creation time). Resources only the state has (Freight and
 * Promotions the controller created) are taken whole, except kinds the user defines in manifests
 * (Projects, Warehouses, Stages, ...) that are no longer there: removing a manifest removes it.
 */
export function overlayState(manifests: readonly KargoResource[], state: readonly KargoResource[]): KargoResource[] {
  const fromState = new Map(state.map((r) => [resourceKey(r), r]));
  const out: KargoResource[] = manifests.map((m) => {
    const s = fromState.get(resourceKey(m));
    if (s === undefined) return m;
    const meta = { ...(m.metadata as Record<string, unknown>) };
    const sm = s.metadata as Record<string, unknown>;
    for (const field of ['labels', 'annotations', 'creationTimestamp', 'uid'] as const) {
      if (sm[field] !== undefined) meta[field] = field === 'labels' || field === 'annotations' ? { ...(meta[field] as object | undefined), ...(sm[field] as object) } : sm[field];
    }
    const merged: Record<string, unknown> = { ...(m as unknown as Record<string, unknown>), metadata: meta };
    const status = (s as unknown as Record<string, unknown>)['status'];
    if (status !== undefined) merged['status'] = status;
    return merged as unknown as KargoResource;
  });
  const defined = new Set(manifests.map(resourceKey));
  for (const s of state) {
    if (defined.has(resourceKey(s))) continue;
    if (s.kind === 'Freight' || s.kind === 'Promotion') out.push(s);
  }
  return out;
}

/**
 * Writes the state file atomically: to a temporary file next to it, then renamed over it, so an
 * interrupted write never leaves half a file. The directory is created when missing. Resources
 * are sorted by kind, namespace and name so that the file diffs well.
 */
export function writeStateFile(path: string, resources: readonly KargoResource[]): void {
  mkdirSync(dirname(path), { recursive: true });
  const sorted = [...resources].sort((a, b) => (resourceKey(a) < resourceKey(b) ? -1 : resourceKey(a) > resourceKey(b) ? 1 : 0));
  const doc: StateFile = { format: STATE_FORMAT, resources: sorted };
  const temp = join(dirname(path), `.${process.pid}.${Date.now()}.state.tmp`);
  writeFileSync(temp, `${JSON.stringify(doc, null, 2)}\n`);
  renameSync(temp, path);
}
