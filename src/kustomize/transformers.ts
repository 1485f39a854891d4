import { RE2JS } from 're2js';
import { COMMON_ANNOTATION_FIELD_SPECS, COMMON_LABEL_FIELD_SPECS, METADATA_LABEL_FIELD_SPECS, REPLICA_FIELD_SPECS, VOLUME_CLAIM_TEMPLATE_LABEL_FIELD_SPECS } from './default-field-specs.js';
import { fieldSpecSelects, visitFieldPath, type FieldSpec } from './field-spec.js';
import type { ImageEntry, Kustomization } from './kustomization.js';
import { allIdsOf, gvkOf, isClusterScoped, isObject, nameOf, renameResource } from './resource.js';
import type { BuildResource, JsonObject } from './types.js';

/** Sets `namespace` on every namespaced resource (and renames a Namespace object to it), as kustomize does. */
export function applyNamespace(resources: readonly BuildResource[], namespace: string): void {
  for (const res of resources) {
    const gvk = gvkOf(res.obj);
    if (gvk.kind === 'Namespace' && gvk.group === '') {
      renameResource(res, { name: namespace });
      continue;
    }
    if (isClusterScoped(gvk)) {
      if (gvk.kind === 'ClusterRoleBinding') setDefaultSubjectsNamespace(res.obj, namespace);
      if (gvk.kind === 'APIService' && gvk.group === 'apiregistration.k8s.io') setAt(res.obj, ['spec', 'service'], 'namespace', namespace, false);
      if (gvk.kind === 'CustomResourceDefinition') setAt(res.obj, ['spec', 'conversion', 'webhook', 'clientConfig', 'service'], 'namespace', namespace, false);
      continue;
    }
    renameResource(res, { namespace });
    if (gvk.kind === 'RoleBinding') setDefaultSubjectsNamespace(res.obj, namespace);
  }
}

function setDefaultSubjectsNamespace(obj: JsonObject, namespace: string): void {
  const subjects = obj['subjects'];
  if (!Array.isArray(subjects)) return;
  for (const s of subjects) if (isObject(s) && s['name'] === 'default') s['namespace'] = namespace;
}

function setAt(obj: JsonObject, path: readonly string[], key: string, value: unknown, create: boolean): void {
  let node: unknown = obj;
  for (const part of path) {
    if (!isObject(node)) return;
    if (node[part] === undefined && create) node[part] = {};
    node = node[part];
  }
  if (isObject(node)) node[key] = value;
}

// Kinds whose names kustomize never prefixes or suffixes.
function skipsAffixes(res: BuildResource): boolean {
  const gvk = gvkOf(res.obj);
  return gvk.kind === 'CustomResourceDefinition' || gvk.kind === 'Namespace' || (gvk.kind === 'APIService' && gvk.group === 'apiregistration.k8s.io');
}

/** Adds a name prefix and/or suffix to every resource that takes one. */
export function applyNameAffixes(resources: readonly BuildResource[], prefix: string, suffix: string): void {
  for (const res of resources) {
    if (skipsAffixes(res)) continue;
    if (prefix !== '') {
      res.prefixes.push(prefix);
      renameResource(res, { name: `${prefix}${nameOf(res.obj)}` });
    }
    if (suffix !== '') {
      res.suffixes.push(suffix);
      renameResource(res, { name: `${nameOf(res.obj)}${suffix}` });
    }
  }
}

/** Writes string pairs into a map field at every place the field specs reach. */
export function applyStringMap(resources: readonly BuildResource[], pairs: Readonly<Record<string, string>>, specs: readonly FieldSpec[]): void {
  if (Object.keys(pairs).length === 0) return;
  for (const res of resources) {
    const gvk = gvkOf(res.obj);
    for (const fs of specs) {
      if (!fieldSpecSelects(fs, gvk)) continue;
      visitFieldPath(res.obj, fs, (parent, key) => {
        let target = parent[key];
        if (target === undefined || target === null) {
          target = {};
          parent[key] = target;
        }
        if (isObject(target)) Object.assign(target, pairs);
      });
    }
  }
}

/** Applies `labels` entries, then `commonLabels`, with the field specs kustomize uses for each. */
export function applyLabels(resources: readonly BuildResource[], k: Kustomization): void {
  for (const entry of k.labels) {
    const custom: FieldSpec[] = entry.fields.map((f) => ({ ...f }));
    let specs: FieldSpec[];
    if (entry.includeSelectors) specs = [...custom, ...COMMON_LABEL_FIELD_SPECS];
    else {
      specs = [...custom];
      if (entry.includeTemplates) specs.push(...METADATA_LABEL_FIELD_SPECS);
      if (entry.includeVolumeClaimTemplates) specs.push(...VOLUME_CLAIM_TEMPLATE_LABEL_FIELD_SPECS);
      specs.push({ path: 'metadata/labels', create: true });
    }
    applyStringMap(resources, entry.pairs, dedupeSpecs(specs));
  }
  applyStringMap(resources, k.commonLabels, COMMON_LABEL_FIELD_SPECS);
}

function dedupeSpecs(specs: readonly FieldSpec[]): FieldSpec[] {
  const seen = new Set<string>();
  return specs.filter((s) => {
    const key = `${s.path}|${s.group ?? ''}|${s.version ?? ''}|${s.kind ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Applies `commonAnnotations`. */
export function applyAnnotations(resources: readonly BuildResource[], annotations: Readonly<Record<string, string>>): void {
  applyStringMap(resources, annotations, COMMON_ANNOTATION_FIELD_SPECS);
}

/** Splits an image reference into name, tag and digest, the way kustomize does. */
export function splitImage(image: string): { name: string; tag: string; digest: string } {
  const slash = image.indexOf('/');
  const offset = slash > 0 ? slash : 0;
  const search = image.slice(offset);
  let at = search.indexOf('@');
  let colon = search.indexOf(':');
  if (colon < 0 && at < 0) return { name: image, tag: '', digest: '' };
  if (at >= 0 && (at < colon || colon < 0)) {
    at += offset;
    return { name: image.slice(0, at), tag: '', digest: image.slice(at + 1) };
  }
  if (at >= 0 && colon >= 0) {
    at += offset;
    colon += offset;
    return { name: image.slice(0, colon), tag: image.slice(colon + 1, at), digest: image.slice(at + 1) };
  }
  colon += offset;
  return { name: image.slice(0, colon), tag: image.slice(colon + 1), digest: '' };
}

/** Whether an image reference is the image `name` (with any tag or digest), by kustomize's rule. */
export function imageMatches(image: string, name: string): boolean {
  try {
    // kustomize builds this expression from the name unescaped; waybill keeps that (Go RE2) rule.
    return RE2JS.compile(`^${name}(@sha256)?(:[a-zA-Z0-9_.{}-]*)?$`).matcher(image).find();
  } catch {
    return false;
  }
}

/** The image reference after an `images` entry applies to it. */
export function updateImage(image: string, entry: ImageEntry): string {
  let { name, tag, digest } = splitImage(image);
  if (entry.newName !== undefined && entry.newName !== '') name = entry.newName;
  const newTag = entry.newTag ?? '';
  const newDigest = entry.digest ?? '';
  if (newTag !== '' && newDigest !== '') {
    tag = newTag;
    digest = newDigest;
  } else if (newTag !== '') {
    tag = newTag;
    digest = '';
  } else if (newDigest !== '') {
    digest = newDigest;
    tag = '';
  }
  return `${name}${tag !== '' ? `:${tag}` : ''}${digest !== '' ? `@${digest}` : ''}`;
}

/** Applies `images` to every container and init container, wherever in an object they are. */
export function applyImages(resources: readonly BuildResource[], images: readonly ImageEntry[]): void {
  if (images.length === 0) return;
  for (const res of resources) visitContainers(res.obj, (container) => {
    const image = container['image'];
    if (typeof image !== 'string') return;
    for (const entry of images) {
      if (imageMatches(image, entry.name)) {
        container['image'] = updateImage(image, entry);
        return;
      }
    }
  });
}

function visitContainers(node: unknown, visit: (container: JsonObject) => void): void {
  if (Array.isArray(node)) {
    for (const item of node) visitContainers(item, visit);
    return;
  }
  if (!isObject(node)) return;
  for (const [key, value] of Object.entries(node)) {
    if ((key === 'containers' || key === 'initContainers') && Array.isArray(value)) {
      for (const c of value) if (isObject(c)) visit(c);
    }
    visitContainers(value, visit);
  }
}

/** Applies `replicas`; returns the names that matched no resource. */
export function applyReplicas(resources: readonly BuildResource[], replicas: readonly { name: string; count: number }[]): string[] {
  const unmatched: string[] = [];
  for (const { name, count } of replicas) {
    let found = false;
    for (const res of resources) {
      if (!allIdsOf(res).some((id) => id.name === name)) continue;
      const gvk = gvkOf(res.obj);
      for (const fs of REPLICA_FIELD_SPECS) {
        if (!fieldSpecSelects(fs, gvk)) continue;
        found = true;
        visitFieldPath(res.obj, fs, (parent, key) => {
          parent[key] = count;
        });
      }
    }
    if (!found) unmatched.push(name);
  }
  return unmatched;
}
