import { isObject } from './resource.js';
import type { JsonObject } from './types.js';

// kustomize merges lists by the patch merge keys of the Kubernetes OpenAPI schema, so only in
// built-in kinds; a list in a custom resource (no schema) is replaced whole. waybill knows the
// merge keys of the lists real patches touch; any other list is replaced, as kustomize does for
// lists without a merge key.
const MERGE_KEYS: Readonly<Record<string, string>> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  env: 'name',
  volumes: 'name',
  volumeMounts: 'mountPath',
  volumeDevices: 'devicePath',
  imagePullSecrets: 'name',
  hostAliases: 'ip',
  topologySpreadConstraints: 'topologyKey',
  conditions: 'type',
};

/** A problem found while merging, reported by the caller as an issue. */
export class MergeProblem extends Error {}

/**
 * Merges a strategic merge patch into an object (the target is changed in place and returned):
 * maps merge key by key, `null` deletes a key, `$patch: delete` deletes a map or a list item,
 * `$patch: replace` replaces a map or a list, lists of keyed maps merge item by item.
 * Returns `undefined` when the patch deletes the whole object.
 */
export function strategicMerge(target: JsonObject, patch: JsonObject, options: { readonly builtinKind: boolean }): JsonObject | undefined {
  return mergeMaps(target, patch, [], options.builtinKind);
}

function directiveOf(map: JsonObject): unknown {
  return map['$patch'];
}

function mergeMaps(target: JsonObject, patch: JsonObject, path: readonly string[], builtin: boolean): JsonObject | undefined {
  const directive = directiveOf(patch);
  if (directive === 'delete') return undefined;
  if (directive === 'replace') return stripDirectives(patch);
  if (directive !== undefined && directive !== 'merge') throw new MergeProblem(`unknown $patch directive ${JSON.stringify(directive)} at ${path.join('.') || 'the top'}`);
  for (const [key, value] of Object.entries(patch)) {
    if (key === '$patch') continue;
    if (key.startsWith('$')) throw new MergeProblem(`the ${key.split('/')[0]} directive is not supported (at ${[...path, key].join('.')})`);
    if (value === null) {
      delete target[key];
      continue;
    }
    const current = target[key];
    if (isObject(value)) {
      if (isObject(current)) {
        const merged = mergeMaps(current, value, [...path, key], builtin);
        if (merged === undefined) delete target[key];
        else target[key] = merged;
      } else {
        if (directiveOf(value) === 'delete') {
          delete target[key];
          continue;
        }
        target[key] = stripDirectives(value);
      }
      continue;
    }
    if (Array.isArray(value)) {
      target[key] = mergeLists(key, Array.isArray(current) ? current : [], value, [...path, key], builtin);
      continue;
    }
    target[key] = value;
  }
  return target;
}

function mergeKeysFor(field: string, current: readonly unknown[], patch: readonly unknown[], builtin: boolean): string[] | undefined {
  if (!builtin) return undefined;
  const items = [...current, ...patch].filter(isObject);
  if (field === 'ports') {
    // Container ports are keyed by containerPort and protocol; Service ports by port and protocol.
    if (items.length > 0 && items.every((i) => i['containerPort'] !== undefined)) return ['containerPort', 'protocol'];
    if (items.length > 0 && items.every((i) => i['port'] !== undefined)) return ['port', 'protocol'];
    return undefined;
  }
  const known = MERGE_KEYS[field];
  return known === undefined ? undefined : [known];
}

function mergeLists(field: string, current: unknown[], patch: unknown[], path: readonly string[], builtin: boolean): unknown[] {
  const keys = mergeKeysFor(field, current, patch, builtin);
  // A list without merge keys is replaced by the patch's list as it is written (kustomize keeps
  // even directive-looking items there).
  if (keys === undefined || !patch.every(isObject)) return structuredClone(patch);
  const replace = patch.find((i) => isObject(i) && i['$patch'] === 'replace' && Object.keys(i).length === 1);
  if (replace !== undefined) return patch.filter((i) => i !== replace).map((i) => (isObject(i) ? stripDirectives(i) : i));
  const [primary, secondary] = keys as [string, string | undefined];
  // Items named in the patch come first, in the patch's order (merged with their originals),
  // then the original items the patch does not name, as kustomize orders them.
  const remaining = [...current];
  const result: unknown[] = [];
  // When the protocol takes part in matching ports, kustomize puts the new items first and keeps
  // the original items in their own order (merged in place); waybill does the same.
  const byProtocol = secondary !== undefined && [...current, ...patch].some((i) => isObject(i) && i[secondary] !== undefined);
  const added: unknown[] = [];
  const merged = new Map<unknown, unknown>();
  for (const item of patch as JsonObject[]) {
    const keyValue = item[primary];
    if (secondary !== undefined) {
      // kustomize drops a patch item whose protocol is written on one side only (an item with the
      // same port and a protocol on the other side); waybill gives the same answer.
      const half = remaining.some((r) => isObject(r) && r[primary] === keyValue && (r[secondary] === undefined) !== (item[secondary] === undefined));
      if (half) continue;
    }
    const index = remaining.findIndex((r) => isObject(r) && keyValue !== undefined && r[primary] === keyValue && (secondary === undefined || r[secondary] === item[secondary]));
    const original = index >= 0 ? (remaining.splice(index, 1)[0] as JsonObject) : undefined;
    if (item['$patch'] === 'delete') continue;
    if (item['$patch'] !== undefined && item['$patch'] !== 'merge') {
      throw new MergeProblem(`${[...path].join('.')}: $patch: ${String(item['$patch'])} on a single list item is not supported; replace the whole list or patch the item's fields`);
    }
    if (original !== undefined) {
      const mergedItem = mergeMaps(original, item, [...path, String(keyValue)], builtin);
      if (mergedItem !== undefined) {
        result.push(mergedItem);
        merged.set(original, mergedItem);
      }
    } else {
      const fresh = stripDirectives(item);
      result.push(fresh);
      added.push(fresh);
    }
  }
  if (byProtocol) return [...added, ...current.filter((c) => merged.has(c) || remaining.includes(c)).map((c) => (merged.has(c) ? merged.get(c) : c))];
  return [...result, ...remaining];
}

function stripDirectives(map: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(map)) {
    if (k === '$patch') continue;
    if (v === null) continue;
    out[k] = isObject(v) ? stripDirectives(v) : Array.isArray(v) ? v.map((i) => (isObject(i) ? stripDirectives(i) : i)) : v;
  }
  return out;
}
