import { createIssue, type Issue, type PathSegment } from '../errors/index.js';
import { hasErrors, type Result, err, ok } from '../result.js';
import { generateObject } from './generators.js';
import { kustomizeHash } from './hash.js';
import { isRemoteReference, readKustomization, type Kustomization } from './kustomization.js';
import { fixNameReferences } from './name-reference.js';
import { applyPatch, interpretPatch, type LoadedPatch } from './patches.js';
import { joinTreePath } from './paths.js';
import { cloneJson, formatId, gvkOf, idOf, isClusterScoped, isObject, metadataOf, nameOf, namespaceOf, renameResource, sameId, allIdsOf } from './resource.js';
import { LEGACY_ORDER_FIRST, LEGACY_ORDER_LAST, sortLegacy } from './sort.js';
import { applyAnnotations, applyImages, applyLabels, applyNameAffixes, applyNamespace, applyReplicas } from './transformers.js';
import type { BuildKustomizationOptions, BuildResource, JsonObject, KustomizeBuild, KustomizeReader } from './types.js';
import { parseYamlSource, type YamlSource } from './yaml-source.js';

/** The file names kustomize recognizes as a kustomization, in the order it looks for them. */
export const KUSTOMIZATION_FILES: readonly string[] = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

const DEFAULT_MAX_DEPTH = 64;

interface BuildContext {
  readonly reader: KustomizeReader;
  readonly issues: Issue[];
  readonly maxDepth: number;
  /** The top kustomization's sort options. */
  top?: Kustomization;
}

/**
 * Builds the kustomization in `dir` (a path in the reader's tree) as `kustomize build` does
 * (with Kargo's settings: no plugins, files anywhere in the tree), for the features real
 * repositories use. Anything it cannot build the way kustomize would is an issue, never a
 * different answer.
 */
export async function buildKustomization(reader: KustomizeReader, dir: string, options: BuildKustomizationOptions = {}): Promise<Result<KustomizeBuild>> {
  // Listing a file may reject (a disk work tree does); to the build that path is simply no directory.
  const safeReader: KustomizeReader = {
    readFile: (path) => reader.readFile(path),
    list: async (path) => {
      try {
        return await reader.list(path);
      } catch {
        return undefined;
      }
    },
  };
  const ctx: BuildContext = { reader: safeReader, issues: [], maxDepth: options.maxDepth ?? DEFAULT_MAX_DEPTH };
  const root = joinTreePath('', dir);
  let resources: BuildResource[];
  try {
    resources = await accumulate(ctx, root, 'resource', [], [root], true);
  } catch (e) {
    // Readers are the embedder's code; a failing one ends the build with an issue.
    return err(createIssue('KUSTOMIZE_RESOURCE_NOT_FOUND', `reading the kustomization tree failed: ${e instanceof Error ? e.message : String(e)}`));
  }
  if (hasErrors(ctx.issues)) return err(ctx.issues);
  for (const res of resources) {
    if (!res.needsHash) continue;
    const hash = kustomizeHash(res.obj);
    renameResource(res, { name: `${nameOf(res.obj)}-${hash}` });
  }
  ctx.issues.push(...fixNameReferences(resources));
  if (hasErrors(ctx.issues)) return err(ctx.issues);
  const kept = resources.filter((r) => {
    const meta = r.obj['metadata'];
    const annotations = isObject(meta) && isObject(meta['annotations']) ? meta['annotations'] : {};
    return annotations['config.kubernetes.io/local-config'] !== 'true';
  });
  const top = ctx.top;
  const order = top?.sortOrder ?? options.order ?? 'legacy';
  const ordered = order === 'fifo' ? kept : sortLegacy(kept, top?.legacyOrder?.orderFirst ?? LEGACY_ORDER_FIRST, top?.legacyOrder?.orderLast ?? LEGACY_ORDER_LAST);
  return ok(
    {
      resources: ordered.map((r) => ({
        apiVersion: typeof r.obj['apiVersion'] === 'string' ? r.obj['apiVersion'] : '',
        kind: gvkOf(r.obj).kind,
        name: nameOf(r.obj),
        namespace: namespaceOf(r.obj),
        clusterScoped: isClusterScoped(gvkOf(r.obj)),
        object: r.obj,
      })),
    },
    ctx.issues,
  );
}

async function findKustomizationFile(ctx: BuildContext, dir: string): Promise<string | Issue> {
  const entries = await ctx.reader.list(dir);
  if (entries === undefined) return createIssue('KUSTOMIZE_NOT_FOUND', `${dir || '.'} is not a directory`, { file: dir });
  const found = KUSTOMIZATION_FILES.filter((name) => entries.some((e) => e.name === name && e.type !== 'directory'));
  if (found.length === 0) return createIssue('KUSTOMIZE_NOT_FOUND', `unable to find one of ${KUSTOMIZATION_FILES.map((f) => `'${f}'`).join(', ')} in directory '${dir || '.'}'`, { file: dir });
  if (found.length > 1) return createIssue('KUSTOMIZE_AMBIGUOUS', `found multiple kustomization files under: ${dir || '.'} (${found.join(', ')})`, { file: dir });
  return joinTreePath(dir, found[0] as string);
}

/** Builds one kustomization (or component) directory into `into` and returns the list. */
async function accumulate(ctx: BuildContext, dir: string, as: 'resource' | 'component', into: BuildResource[], stack: readonly string[], isTop = false): Promise<BuildResource[]> {
  const file = await findKustomizationFile(ctx, dir);
  if (typeof file !== 'string') {
    ctx.issues.push(file);
    return into;
  }
  const text = (await ctx.reader.readFile(file)) ?? '';
  const parsed = parseYamlSource(text, file);
  ctx.issues.push(...parsed.issues);
  if (parsed.issues.length > 0) return into;
  const source = parsed.source;
  const read = readKustomization(source);
  ctx.issues.push(...read.issues);
  const k = read.kustomization;
  if (k === undefined || hasErrors(read.issues)) return into;
  if (isTop) ctx.top = k;
  if (as === 'component' && k.kind !== 'Component') {
    ctx.issues.push(source.issueAt('KUSTOMIZE_COMPONENT_KIND', `expected kind 'Component' for path '${dir}' but got '${k.kind}'`, ['kind']));
    return into;
  }
  if (as === 'resource' && k.kind === 'Component') {
    ctx.issues.push(source.issueAt('KUSTOMIZE_COMPONENT_KIND', `expected kind != 'Component' for path '${dir}'`, ['kind']));
    return into;
  }
  let list = into;
  const before = ctx.issues.length;

  for (const ref of k.resources) {
    if (isRemoteReference(ref.path)) {
      ctx.issues.push(source.issueAt('KUSTOMIZE_REMOTE_RESOURCE', `remote resource ${JSON.stringify(ref.path)} is not supported; clone it into the work tree and refer to it by path`, ref.at));
      continue;
    }
    const path = joinTreePath(dir, ref.path);
    const fileText = await ctx.reader.readFile(path);
    if (fileText !== undefined) {
      for (const res of readResources(ctx, fileText, path)) addResource(ctx, list, res, source, ref.at);
      continue;
    }
    if ((await ctx.reader.list(path)) === undefined) {
      ctx.issues.push(source.issueAt('KUSTOMIZE_RESOURCE_NOT_FOUND', `resource ${JSON.stringify(ref.path)} not found (no file or directory at ${path || '.'})`, ref.at));
      continue;
    }
    if (!enter(ctx, source, stack, path, ref.at)) continue;
    const child = await accumulate(ctx, path, 'resource', [], [...stack, path]);
    for (const res of child) addResource(ctx, list, res, source, ref.at);
  }

  for (const [key, kind] of [['configMapGenerator', 'ConfigMap'], ['secretGenerator', 'Secret']] as const) {
    for (const entry of k[key]) {
      const generated = await generateObject(kind, ctx.reader, dir, file, entry, k.generatorOptions, (e, message) => source.issueAt('KUSTOMIZE_GENERATOR', message, e.at));
      ctx.issues.push(...generated.issues);
      if (generated.resource !== undefined) absorbGenerated(ctx, list, generated.resource, source, entry.at);
    }
  }

  for (const ref of k.components) {
    if (isRemoteReference(ref.path)) {
      ctx.issues.push(source.issueAt('KUSTOMIZE_REMOTE_RESOURCE', `remote component ${JSON.stringify(ref.path)} is not supported; clone it into the work tree and refer to it by path`, ref.at));
      continue;
    }
    const path = joinTreePath(dir, ref.path);
    if ((await ctx.reader.list(path)) === undefined) {
      ctx.issues.push(source.issueAt('KUSTOMIZE_RESOURCE_NOT_FOUND', `component ${JSON.stringify(ref.path)} is not a directory (${path || '.'})`, ref.at));
      continue;
    }
    if (!enter(ctx, source, stack, path, ref.at)) continue;
    list = await accumulate(ctx, path, 'component', list, [...stack, path]);
  }

  if (ctx.issues.slice(before).some((i) => i.severity === 'error')) return list;
  return transform(ctx, k, dir, source, list);
}

function enter(ctx: BuildContext, source: YamlSource, stack: readonly string[], path: string, at: PathSegment[]): boolean {
  if (stack.includes(path)) {
    ctx.issues.push(source.issueAt('KUSTOMIZE_CYCLE', `cycle detected: ${[...stack, path].map((p) => p || '.').join(' -> ')}`, at));
    return false;
  }
  if (stack.length >= ctx.maxDepth) {
    ctx.issues.push(source.issueAt('KUSTOMIZE_CYCLE', `kustomizations nest more than ${ctx.maxDepth} levels deep at ${path}`, at));
    return false;
  }
  return true;
}

async function transform(ctx: BuildContext, k: Kustomization, dir: string, source: YamlSource, input: BuildResource[]): Promise<BuildResource[]> {
  let list = input;
  const load = async (entry: { path?: string; patch?: string; at: PathSegment[] }, json6902Only: boolean, target?: LoadedPatch['entry']['target']): Promise<LoadedPatch | undefined> => {
    let text = entry.patch;
    let where = source.file;
    if (entry.path !== undefined) {
      where = joinTreePath(dir, entry.path);
      text = await ctx.reader.readFile(where);
      if (text === undefined) {
        ctx.issues.push(source.issueAt('KUSTOMIZE_RESOURCE_NOT_FOUND', `patch file ${JSON.stringify(entry.path)} not found`, entry.at));
        return undefined;
      }
    }
    const parsed = parseYamlSource(text ?? '', where);
    if (parsed.issues.length > 0) {
      ctx.issues.push(...parsed.issues);
      return undefined;
    }
    const full = { ...entry, ...(json6902Only ? { json6902Only } : {}), ...(target === undefined ? {} : { target }) };
    const result = interpretPatch(full, parsed.source, where, (m) => source.issueAt('KUSTOMIZE_PATCH', m, entry.at));
    ctx.issues.push(...result.issues);
    return result.patch;
  };
  const run = (patch: LoadedPatch | undefined) => {
    if (patch === undefined) return;
    const applied = applyPatch(list, patch, (m) => source.issueAt(m.startsWith('no resource matches') ? 'KUSTOMIZE_PATCH_NO_MATCH' : 'KUSTOMIZE_PATCH', m, patch.entry.at));
    ctx.issues.push(...applied.issues);
    list = applied.resources;
  };
  for (const entry of k.patchesStrategicMerge) run(await load(entry, false));
  for (const entry of k.patches.filter((p) => p.json6902Only !== true)) run(await load(entry, false, entry.target));
  if (k.namespace !== '') applyNamespace(list, k.namespace);
  applyNameAffixes(list, k.namePrefix, k.nameSuffix);
  applyLabels(list, k);
  applyAnnotations(list, k.commonAnnotations);
  for (const entry of k.patches.filter((p) => p.json6902Only === true)) run(await load(entry, true, entry.target));
  const unmatched = applyReplicas(list, k.replicas);
  for (const name of unmatched) {
    const i = k.replicas.findIndex((r) => r.name === name);
    ctx.issues.push(source.issueAt('KUSTOMIZE_INVALID_FIELD', `replicas: no Deployment, ReplicationController, ReplicaSet or StatefulSet is named ${JSON.stringify(name)}`, ['replicas', i]));
  }
  applyImages(list, k.images);
  return list;
}

function readResources(ctx: BuildContext, text: string, file: string): BuildResource[] {
  const parsed = parseYamlSource(text, file);
  ctx.issues.push(...parsed.issues);
  if (parsed.issues.length > 0) return [];
  const out: BuildResource[] = [];
  parsed.source.values.forEach((value, doc) => {
    if (value === null || value === undefined) return;
    if (!isObject(value)) {
      ctx.issues.push(parsed.source.issueAt('KUSTOMIZE_INVALID_RESOURCE', `document ${doc + 1} is not a mapping`, [], doc));
      return;
    }
    const items = typeof value['kind'] === 'string' && value['kind'].endsWith('List') && Array.isArray(value['items']) ? value['items'] : [value];
    items.forEach((item, i) => {
      const path: PathSegment[] = items.length === 1 && item === value ? [] : ['items', i];
      if (!isObject(item)) {
        ctx.issues.push(parsed.source.issueAt('KUSTOMIZE_INVALID_RESOURCE', 'a list item is not a mapping', path, doc));
        return;
      }
      const missing = ['kind'].filter((f) => typeof item[f] !== 'string' || item[f] === '');
      if (missing.length > 0) {
        ctx.issues.push(parsed.source.issueAt('KUSTOMIZE_INVALID_RESOURCE', `missing kind in document ${doc + 1}`, path, doc));
        return;
      }
      const meta = item['metadata'];
      if (!isObject(meta) || typeof meta['name'] !== 'string' || meta['name'] === '') {
        ctx.issues.push(parsed.source.issueAt('KUSTOMIZE_INVALID_RESOURCE', `missing metadata.name in ${String(item['kind'])} (document ${doc + 1})`, [...path, 'metadata'], doc));
        return;
      }
      const obj = cloneJson(item);
      stringifyMetadataMaps(obj);
      out.push({ obj, file, prevIds: [], prefixes: [], suffixes: [], needsHash: false });
    });
  });
  return out;
}

// kustomize reads labels and annotations as string maps, so `port: 8080` becomes "8080".
function stringifyMetadataMaps(obj: JsonObject): void {
  const meta = obj['metadata'];
  if (!isObject(meta)) return;
  for (const key of ['labels', 'annotations']) {
    const map = meta[key];
    if (!isObject(map)) continue;
    for (const [k, v] of Object.entries(map)) {
      if (typeof v === 'number' || typeof v === 'boolean') map[k] = String(v);
      else if (v === null) map[k] = '';
    }
  }
}

function addResource(ctx: BuildContext, list: BuildResource[], res: BuildResource, source: YamlSource, at: PathSegment[]): void {
  const id = idOf(res.obj);
  if (list.some((r) => sameId(idOf(r.obj), id))) {
    ctx.issues.push(source.issueAt('KUSTOMIZE_DUPLICATE_RESOURCE', `may not add resource with an already registered id: ${formatId(id)} (from ${res.file})`, at));
    return;
  }
  list.push(res);
}

function absorbGenerated(ctx: BuildContext, list: BuildResource[], res: BuildResource, source: YamlSource, at: PathSegment[]): void {
  const id = idOf(res.obj);
  const matches = list.filter((r) => allIdsOf(r).some((rid) => sameId(rid, id)));
  if (matches.length === 0) {
    if (res.behavior === 'merge' || res.behavior === 'replace') {
      ctx.issues.push(source.issueAt('KUSTOMIZE_GENERATOR', `${formatId(id)} does not exist; cannot ${res.behavior} it`, at));
      return;
    }
    list.push(res);
    return;
  }
  if (matches.length > 1) {
    ctx.issues.push(source.issueAt('KUSTOMIZE_GENERATOR', `found multiple objects that could accept a merge of ${formatId(id)}`, at));
    return;
  }
  const old = matches[0] as BuildResource;
  if (res.behavior !== 'merge' && res.behavior !== 'replace') {
    ctx.issues.push(source.issueAt('KUSTOMIZE_GENERATOR', `${formatId(id)} already exists; behavior must be merge or replace`, at));
    return;
  }
  const oldMeta = metadataOf(old.obj);
  const newMeta = metadataOf(res.obj);
  const mergeMap = (key: string) => {
    const merged = { ...(isObject(oldMeta[key]) ? oldMeta[key] : {}), ...(isObject(newMeta[key]) ? newMeta[key] : {}) };
    if (Object.keys(merged).length > 0) newMeta[key] = merged;
  };
  mergeMap('labels');
  mergeMap('annotations');
  newMeta['name'] = oldMeta['name'];
  if (oldMeta['namespace'] !== undefined) newMeta['namespace'] = oldMeta['namespace'];
  else delete newMeta['namespace'];
  if (res.behavior === 'merge') {
    for (const key of ['data', 'binaryData']) {
      const merged: JsonObject = { ...(isObject(old.obj[key]) ? old.obj[key] : {}), ...(isObject(res.obj[key]) ? res.obj[key] : {}) };
      if (Object.keys(merged).length > 0) res.obj[key] = merged;
    }
  }
  const index = list.indexOf(old);
  list[index] = { ...res, prevIds: [...old.prevIds], prefixes: [...old.prefixes], suffixes: [...old.suffixes], needsHash: old.needsHash && res.needsHash };
}
