import type { BuildResource, Gvk, JsonObject, ResId } from './types.js';

// Kinds Kubernetes keeps outside namespaces; kustomize learns this from its built-in OpenAPI
// schema, waybill from this list of the built-in cluster-scoped kinds.
const CLUSTER_SCOPED_KINDS: ReadonlySet<string> = new Set([
  'APIService',
  'CSIDriver',
  'CSINode',
  'CertificateSigningRequest',
  'ClusterRole',
  'ClusterRoleBinding',
  'ComponentStatus',
  'CustomResourceDefinition',
  'FlowSchema',
  'IngressClass',
  'MutatingWebhookConfiguration',
  'Namespace',
  'Node',
  'PersistentVolume',
  'PodSecurityPolicy',
  'PriorityClass',
  'PriorityLevelConfiguration',
  'RuntimeClass',
  'SelfSubjectAccessReview',
  'SelfSubjectRulesReview',
  'StorageClass',
  'SubjectAccessReview',
  'TokenReview',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'ValidatingWebhookConfiguration',
  'VolumeAttachment',
]);

const CORE_CLUSTER_SCOPED_KINDS: ReadonlySet<string> = new Set(['Namespace', 'Node', 'PersistentVolume', 'ComponentStatus']);

/** Whether a value is a plain JSON object (not an array, not null). */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Splits `apiVersion` into group and version (`apps/v1` → apps, v1; `v1` → '', v1). */
export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.lastIndexOf('/');
  return slash < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/** The group, version and kind of an object. */
export function gvkOf(obj: JsonObject): Gvk {
  const apiVersion = typeof obj['apiVersion'] === 'string' ? obj['apiVersion'] : '';
  const kind = typeof obj['kind'] === 'string' ? obj['kind'] : '';
  return { ...splitApiVersion(apiVersion), kind };
}

/** The metadata map of an object, created when missing. */
export function metadataOf(obj: JsonObject): JsonObject {
  const meta = obj['metadata'];
  if (isObject(meta)) return meta;
  const created: JsonObject = {};
  obj['metadata'] = created;
  return created;
}

/** The name of an object (`''` when it has none). */
export function nameOf(obj: JsonObject): string {
  const meta = obj['metadata'];
  return isObject(meta) && typeof meta['name'] === 'string' ? meta['name'] : '';
}

/** The namespace of an object (`''` when it has none). */
export function namespaceOf(obj: JsonObject): string {
  const meta = obj['metadata'];
  return isObject(meta) && typeof meta['namespace'] === 'string' ? meta['namespace'] : '';
}

/** The current id of an object. */
export function idOf(obj: JsonObject): ResId {
  return { ...gvkOf(obj), name: nameOf(obj), namespace: namespaceOf(obj) };
}

/** Whether a kind lives outside namespaces. */
export function isClusterScoped(gvk: Gvk): boolean {
  // Core kinds are only core when they are in the core group (a CRD may be called Namespace).
  if (CORE_CLUSTER_SCOPED_KINDS.has(gvk.kind)) return gvk.group === '';
  return CLUSTER_SCOPED_KINDS.has(gvk.kind);
}

/** The namespace kustomize compares ids by: `default` for a namespaced object without one. */
export function effectiveNamespace(id: ResId): string {
  if (isClusterScoped(id)) return '';
  return id.namespace === '' ? 'default' : id.namespace;
}

/** Whether two ids name the same object (empty and `default` namespaces are the same). */
export function sameId(a: ResId, b: ResId): boolean {
  return a.group === b.group && a.version === b.version && a.kind === b.kind && a.name === b.name && effectiveNamespace(a) === effectiveNamespace(b);
}

/** The id a resource had when it entered the build (its first id). */
export function originalIdOf(res: BuildResource): ResId {
  return res.prevIds[0] ?? idOf(res.obj);
}

/** Every id a resource has had, oldest first, ending with its current one. */
export function allIdsOf(res: BuildResource): ResId[] {
  return [...res.prevIds, idOf(res.obj)];
}

/** Renames a resource (name and namespace), remembering the id it had. */
export function renameResource(res: BuildResource, change: { name?: string; namespace?: string }): void {
  const before = idOf(res.obj);
  const meta = metadataOf(res.obj);
  if (change.name !== undefined) meta['name'] = change.name;
  if (change.namespace !== undefined) meta['namespace'] = change.namespace;
  const after = idOf(res.obj);
  if (before.name !== after.name || before.namespace !== after.namespace) res.prevIds.push(before);
}

/** An id as kustomize prints it in messages: `Kind.version.group/name.namespace`. */
export function formatId(id: ResId): string {
  return `${id.kind || '[noKind]'}.${id.version || '[noVer]'}.${id.group || '[noGrp]'}/${id.name || '[noName]'}.${id.namespace || '[noNs]'}`;
}

/** A string-to-string map field (labels, annotations, selector), or undefined when absent or not a map. */
export function stringMapAt(obj: JsonObject, key: string): Record<string, string> | undefined {
  const value = obj[key];
  if (!isObject(value)) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) out[k] = typeof v === 'string' ? v : JSON.stringify(v);
  return out;
}

/** A deep copy of a JSON value. */
export function cloneJson<T>(value: T): T {
  return structuredClone(value);
}
