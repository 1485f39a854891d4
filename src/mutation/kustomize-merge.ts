/** An image update for a kustomization: which image (`image`, or `name` when given) and what to pin. */
export interface KustomizeImage {
  /** The image as the manifests name it; also the entry's `name` unless `name` is given. */
  readonly image: string;
  /** The kustomize entry name to set, when it differs from `image`. */
  readonly name?: string;
  /** A replacement repository; `*` keeps the entry's current `newName`. */
  readonly newName?: string;
  /** The new tag; `*` keeps the current one. */
  readonly tag?: string;
  /** The new digest; `*` keeps the current one. */
  readonly digest?: string;
}

/** One entry of a kustomization's `images` list. */
export interface KustomizeImageEntry {
  readonly name: string;
  readonly newName?: string;
  readonly newTag?: string;
  readonly digest?: string;
}

const FIELDS = ['newName', 'newTag', 'digest'] as const;

/** Builds the target entries from image updates, keyed by entry name (a later update for the same name wins). */
export function buildImageTargets(images: readonly KustomizeImage[]): Map<string, KustomizeImageEntry> {
  const targets = new Map<string, KustomizeImageEntry>();
  for (const im of images) {
    const name = im.name !== undefined && im.name !== '' ? im.name : im.image;
    targets.set(name, compact({ name, newName: im.newName, newTag: im.tag, digest: im.digest }));
  }
  return targets;
}

/**
 * Kargo's merge: a targeted entry is replaced by its target, except fields whose target value is
 * `*`, which keep the current value; untargeted entries stay; targets without an entry are added,
 * their `*` fields dropped. The result is sorted by name.
 */
export function mergeImages(current: readonly KustomizeImageEntry[], targets: ReadonlyMap<string, KustomizeImageEntry>): KustomizeImageEntry[] {
  const used = new Set<string>();
  const out: KustomizeImageEntry[] = current.map((entry) => {
    const target = targets.get(entry.name);
    if (!target) return entry;
    used.add(entry.name);
    const merged: Record<string, string | undefined> = { name: entry.name };
    for (const f of FIELDS) merged[f] = target[f] === '*' ? entry[f] : target[f];
    return compact(merged as unknown as KustomizeImageEntry);
  });
  for (const [name, target] of targets) {
    if (used.has(name)) continue;
    const fresh: Record<string, string | undefined> = { name };
    for (const f of FIELDS) fresh[f] = target[f] === '*' ? undefined : target[f];
    out.push(compact(fresh as unknown as KustomizeImageEntry));
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Drops empty and missing fields (kustomize omits them), keeping kustomize's field order. */
function compact(entry: { name: string; newName?: string | undefined; newTag?: string | undefined; digest?: string | undefined }): KustomizeImageEntry {
  const out: { name: string; newName?: string; newTag?: string; digest?: string } = { name: entry.name };
  for (const f of FIELDS) {
    const v = entry[f];
    if (v !== undefined && v !== '') out[f] = v;
  }
  return out;
}

/** True when two entries have the same fields. */
export function sameEntry(a: KustomizeImageEntry, b: KustomizeImageEntry): boolean {
  return a.name === b.name && FIELDS.every((f) => a[f] === b[f]);
}

/** An image a piece of Freight carries (the fields of Kargo's `Freight.images[]` this step uses). */
export interface FreightImageRef {
  readonly repoURL: string;
  readonly tag?: string;
  readonly digest?: string;
}
