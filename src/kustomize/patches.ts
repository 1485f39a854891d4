import jsonPatch from 'fast-json-patch';
import type { Operation } from 'fast-json-patch';
import type { Issue } from '../errors/index.js';
import type { PatchEntry } from './kustomization.js';
import { cloneJson, gvkOf, idOf, isObject, metadataOf, namespaceOf, nameOf, allIdsOf, effectiveNamespace } from './resource.js';
import { compileTarget } from './select.js';
import { MergeProblem, strategicMerge } from './strategic-merge.js';
import type { BuildResource, JsonObject } from './types.js';
import type { YamlSource } from './yaml-source.js';

/** A patch read from a kustomization, ready to apply. */
export interface LoadedPatch {
  readonly entry: PatchEntry;
  /** The parsed documents: one operation list (JSON6902) or strategic merge patches. */
  readonly ops?: Operation[];
  readonly merges?: JsonObject[];
  /** Where the patch came from, for messages. */
  readonly where: string;
}

/** Reads a patch's text into JSON6902 operations or strategic merge patches. */
export function interpretPatch(entry: PatchEntry, source: YamlSource, where: string, issueAt: (message: string) => Issue): { patch?: LoadedPatch; issues: Issue[] } {
  const docs = source.values.filter((v) => v !== null && v !== undefined);
  // kustomize skips an empty patch.
  if (docs.length === 0) return { issues: [] };
  if (docs.length === 1 && Array.isArray(docs[0])) {
    const ops = docs[0] as unknown[];
    for (const [i, op] of ops.entries()) {
      if (!isObject(op) || typeof op['op'] !== 'string' || typeof op['path'] !== 'string') return { issues: [issueAt(`operation ${i} of the JSON6902 patch needs op and path`)] };
    }
    return { patch: { entry, ops: ops as Operation[], where }, issues: [] };
  }
  if (entry.json6902Only === true) return { issues: [issueAt('a patchesJson6902 patch must be a list of operations')] };
  if (!docs.every(isObject)) return { issues: [issueAt('a patch must be a list of JSON6902 operations or strategic merge patch objects')] };
  return { patch: { entry, merges: docs as JsonObject[], where }, issues: [] };
}

/**
 * Applies a patch to the resources (in place; a `$patch: delete` removes the resource from the
 * returned list). Returns the new list and any issues.
 */
export function applyPatch(resources: BuildResource[], patch: LoadedPatch, issueAt: (message: string) => Issue): { resources: BuildResource[]; issues: Issue[] } {
  const issues: Issue[] = [];
  let selected: BuildResource[] | undefined;
  if (patch.entry.target !== undefined) {
    const matcher = compileTarget(patch.entry.target);
    if (typeof matcher !== 'function') return { resources, issues: [issueAt(matcher.problem)] };
    selected = resources.filter(matcher);
  }
  const removed = new Set<BuildResource>();
  if (patch.ops !== undefined) {
    if (selected === undefined) return { resources, issues: [issueAt('a JSON6902 patch needs a target')] };
    for (const res of selected) {
      try {
        const copy = cloneJson(res.obj);
        const result = jsonPatch.applyPatch(copy, cloneJson(patch.ops), true, true).newDocument;
        if (!isObject(result)) {
          issues.push(issueAt(`the JSON6902 patch turned ${nameOf(res.obj)} into something that is not an object`));
          continue;
        }
        replaceObject(res, result);
      } catch (e) {
        issues.push(issueAt(`applying the JSON6902 patch to ${gvkOf(res.obj).kind} ${nameOf(res.obj)}: ${describePatchError(e)}`));
      }
    }
  } else {
    for (const merge of patch.merges ?? []) {
      let targets: BuildResource[];
      if (selected !== undefined) targets = selected;
      else {
        const gvk = gvkOf(merge);
        const name = nameOf(merge);
        const ns = namespaceOf(merge);
        targets = resources.filter((r) =>
          allIdsOf(r).some((id) => id.kind === gvk.kind && (gvk.group === '' || id.group === gvk.group) && id.name === name && (ns === '' || effectiveNamespace(id) === effectiveNamespace({ ...id, namespace: ns }))),
        );
        if (targets.length === 0) {
          issues.push(issueAt(`no resource matches the strategic merge patch for ${gvk.kind} ${JSON.stringify(name)}`));
          continue;
        }
        if (targets.length > 1) {
          issues.push(issueAt(`the strategic merge patch for ${gvk.kind} ${JSON.stringify(name)} matches ${targets.length} resources; give it a namespace`));
          continue;
        }
      }
      for (const res of targets) {
        const p = cloneJson(merge);
        // The patch addresses the resource; its own name, namespace and kind never rename it.
        const cur = idOf(res.obj);
        const meta = metadataOf(p);
        const options = patch.entry.options;
        if (options?.allowNameChange !== true || typeof meta['name'] !== 'string' || meta['name'] === '') meta['name'] = cur.name;
        if (cur.namespace !== '') meta['namespace'] = cur.namespace;
        else delete meta['namespace'];
        if (options?.allowKindChange !== true || typeof p['kind'] !== 'string') {
          p['apiVersion'] = res.obj['apiVersion'];
          p['kind'] = res.obj['kind'];
        }
        try {
          const merged = strategicMerge(cloneJson(res.obj), p, { builtinKind: isBuiltinGroup(gvkOf(res.obj).group) });
          if (merged === undefined) removed.add(res);
          else replaceObject(res, merged);
        } catch (e) {
          issues.push(issueAt(e instanceof MergeProblem ? e.message : `merging the patch: ${String(e)}`));
        }
      }
    }
  }
  return { resources: removed.size === 0 ? resources : resources.filter((r) => !removed.has(r)), issues };
}

// The API groups of Kubernetes' own kinds, whose schema kustomize knows.
const BUILTIN_GROUPS: ReadonlySet<string> = new Set([
  '',
  'admissionregistration.k8s.io',
  'apiextensions.k8s.io',
  'apiregistration.k8s.io',
  'apps',
  'autoscaling',
  'batch',
  'certificates.k8s.io',
  'coordination.k8s.io',
  'discovery.k8s.io',
  'events.k8s.io',
  'extensions',
  'flowcontrol.apiserver.k8s.io',
  'networking.k8s.io',
  'node.k8s.io',
  'policy',
  'rbac.authorization.k8s.io',
  'resource.k8s.io',
  'scheduling.k8s.io',
  'storage.k8s.io',
]);

function isBuiltinGroup(group: string): boolean {
  return BUILTIN_GROUPS.has(group);
}

// A patch that renames an object (or changes its kind) leaves the old id behind, so references
// to the old name are updated at the end of the build, as kustomize does.
function replaceObject(res: BuildResource, obj: JsonObject): void {
  const before = idOf(res.obj);
  res.obj = obj;
  const after = idOf(obj);
  if (before.name !== after.name || before.namespace !== after.namespace || before.kind !== after.kind || before.group !== after.group || before.version !== after.version) res.prevIds.push(before);
}

function describePatchError(e: unknown): string {
  if (isObject(e) && typeof e['name'] === 'string' && typeof e['message'] === 'string') {
    const op = isObject(e['operation']) ? e['operation'] : undefined;
    const first = (e['message'] as string).split('\n')[0] ?? '';
    return op !== undefined ? `${first} (op ${String(op['op'])} ${String(op['path'])})` : first;
  }
  return e instanceof Error ? e.message : String(e);
}
