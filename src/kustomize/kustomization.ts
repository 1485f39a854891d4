import type { Issue, PathSegment } from '../errors/index.js';
import { isObject } from './resource.js';
import type { YamlSource } from './yaml-source.js';

/** A patch target: regular expressions over group, version, kind, name, namespace, and selectors. */
export interface PatchTarget {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  labelSelector?: string;
  annotationSelector?: string;
}

/** One `patches` entry (also used for the legacy fields). */
export interface PatchEntry {
  path?: string;
  patch?: string;
  target?: PatchTarget;
  options?: { allowNameChange?: boolean; allowKindChange?: boolean };
  /** Where the entry is, for issues. */
  at: PathSegment[];
  /** Only a JSON6902 patch is allowed (`patchesJson6902`). */
  json6902Only?: boolean;
}

/** A configMapGenerator or secretGenerator entry. */
export interface GeneratorEntry {
  name: string;
  namespace?: string;
  behavior?: string;
  type?: string;
  literals: string[];
  files: string[];
  envs: string[];
  options?: GeneratorOptions;
  at: PathSegment[];
}

/** generatorOptions, global or per generator. */
export interface GeneratorOptions {
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  disableNameSuffixHash?: boolean;
  immutable?: boolean;
}

/** An `images` entry. */
export interface ImageEntry {
  name: string;
  newName?: string;
  newTag?: string;
  digest?: string;
}

/** A `labels` entry. */
export interface LabelsEntry {
  pairs: Record<string, string>;
  includeSelectors: boolean;
  includeTemplates: boolean;
  includeVolumeClaimTemplates: boolean;
  fields: { path: string; group?: string; version?: string; kind?: string; create?: boolean }[];
}

/** A kustomization file, checked and in the shape the build uses. */
export interface Kustomization {
  kind: 'Kustomization' | 'Component';
  resources: { path: string; at: PathSegment[] }[];
  components: { path: string; at: PathSegment[] }[];
  namespace: string;
  namePrefix: string;
  nameSuffix: string;
  commonLabels: Record<string, string>;
  labels: LabelsEntry[];
  commonAnnotations: Record<string, string>;
  patchesStrategicMerge: { path?: string; patch?: string; at: PathSegment[] }[];
  patches: PatchEntry[];
  images: ImageEntry[];
  replicas: { name: string; count: number }[];
  configMapGenerator: GeneratorEntry[];
  secretGenerator: GeneratorEntry[];
  generatorOptions?: GeneratorOptions;
  /** The kustomization's sortOptions.order, when it sets one. */
  sortOrder?: 'legacy' | 'fifo';
  legacyOrder?: { orderFirst: string[]; orderLast: string[] };
}

const SUPPORTED = new Set([
  'apiVersion',
  'kind',
  'metadata',
  'resources',
  'bases',
  'components',
  'namespace',
  'namePrefix',
  'nameSuffix',
  'commonLabels',
  'labels',
  'commonAnnotations',
  'patchesStrategicMerge',
  'patchesJson6902',
  'patches',
  'images',
  'replicas',
  'configMapGenerator',
  'secretGenerator',
  'generatorOptions',
  'sortOptions',
  'buildMetadata',
]);

const UNSUPPORTED = new Set([
  'openapi',
  'replacements',
  'vars',
  'crds',
  'helmGlobals',
  'helmCharts',
  'helmChartInflationGenerator',
  'configurations',
  'generators',
  'transformers',
  'validators',
  'imageTags',
]);

/** Reads and checks a kustomization document. Unknown and unsupported fields are issues. */
export function readKustomization(source: YamlSource): { kustomization?: Kustomization; issues: Issue[] } {
  const issues: Issue[] = [];
  const docs = source.values.filter((v) => v !== null && v !== undefined);
  const raw = docs[0] ?? {};
  if (docs.length > 1) issues.push(source.issueAt('KUSTOMIZE_INVALID_FIELD', 'a kustomization file must hold a single document', []));
  if (!isObject(raw)) {
    issues.push(source.issueAt('KUSTOMIZE_INVALID_FIELD', 'a kustomization must be a mapping', []));
    return { issues };
  }
  // kustomize reads the file through JSON decoding, which matches field names regardless of case.
  const known = [...SUPPORTED, ...UNSUPPORTED];
  const normalized: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    const canonical = SUPPORTED.has(key) || UNSUPPORTED.has(key) ? key : (known.find((k) => k.toLowerCase() === key.toLowerCase()) ?? key);
    if (!Object.hasOwn(normalized, canonical) || canonical === key) normalized[canonical] = value;
  }
  return readNormalized(source, normalized, issues);
}

function readNormalized(source: YamlSource, raw: Record<string, unknown>, issues: Issue[]): { kustomization?: Kustomization; issues: Issue[] } {
  const bad = (path: PathSegment[], message: string) => issues.push(source.issueAt('KUSTOMIZE_INVALID_FIELD', message, path));
  for (const key of Object.keys(raw)) {
    if (UNSUPPORTED.has(key)) issues.push(source.issueAt('KUSTOMIZE_UNSUPPORTED', `the ${key} field is not supported by waybill's kustomize build`, [key]));
    else if (!SUPPORTED.has(key)) issues.push(source.issueAt('KUSTOMIZE_UNKNOWN_FIELD', `unknown field ${JSON.stringify(key)} in the kustomization`, [key]));
  }
  const str = (key: string): string => {
    const v = raw[key];
    if (v === undefined || v === null) return '';
    if (typeof v !== 'string') {
      bad([key], `${key} must be a string`);
      return '';
    }
    return v;
  };
  const strList = (key: string): { path: string; at: PathSegment[] }[] => {
    const v = raw[key];
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) {
      bad([key], `${key} must be a list of strings`);
      return [];
    }
    const out: { path: string; at: PathSegment[] }[] = [];
    v.forEach((item, i) => {
      if (typeof item === 'string') out.push({ path: item, at: [key, i] });
      else bad([key, i], `${key}[${i}] must be a string`);
    });
    return out;
  };
  const strMap = (value: unknown, path: PathSegment[]): Record<string, string> => {
    if (value === undefined || value === null) return {};
    if (!isObject(value)) {
      bad(path, `${String(path[path.length - 1])} must be a map of strings`);
      return {};
    }
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(value)) {
      // kustomize reads these maps as strings; YAML numbers and booleans are taken as their text.
      if (typeof v === 'string') out[k] = v;
      else if (typeof v === 'number' || typeof v === 'boolean') out[k] = String(v);
      else if (v === null) out[k] = '';
      else bad([...path, k], `${k} must be a string`);
    }
    return out;
  };
  const list = (key: string): unknown[] => {
    const v = raw[key];
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) {
      bad([key], `${key} must be a list`);
      return [];
    }
    return v;
  };

  const kindText = str('kind');
  if (kindText !== '' && kindText !== 'Kustomization' && kindText !== 'Component') bad(['kind'], `kind must be Kustomization or Component, not ${JSON.stringify(kindText)}`);
  const buildMetadata = raw['buildMetadata'];
  if (Array.isArray(buildMetadata) && buildMetadata.length > 0) issues.push(source.issueAt('KUSTOMIZE_UNSUPPORTED', 'buildMetadata is not supported by waybill\'s kustomize build', ['buildMetadata']));

  const k: Kustomization = {
    kind: kindText === 'Component' ? 'Component' : 'Kustomization',
    resources: [...strList('resources'), ...strList('bases')],
    components: strList('components'),
    namespace: str('namespace'),
    namePrefix: str('namePrefix'),
    nameSuffix: str('nameSuffix'),
    commonLabels: strMap(raw['commonLabels'], ['commonLabels']),
    labels: [],
    commonAnnotations: strMap(raw['commonAnnotations'], ['commonAnnotations']),
    patchesStrategicMerge: [],
    patches: [],
    images: [],
    replicas: [],
    configMapGenerator: [],
    secretGenerator: [],
  };

  list('labels').forEach((item, i) => {
    if (!isObject(item)) return bad(['labels', i], 'a labels entry must be a mapping');
    const fields: LabelsEntry['fields'] = [];
    const fieldsRaw = item['fields'];
    if (Array.isArray(fieldsRaw)) {
      fieldsRaw.forEach((f, j) => {
        if (!isObject(f) || typeof f['path'] !== 'string') return bad(['labels', i, 'fields', j], 'a labels field needs a path');
        fields.push({
          path: f['path'],
          ...(typeof f['group'] === 'string' ? { group: f['group'] } : {}),
          ...(typeof f['version'] === 'string' ? { version: f['version'] } : {}),
          ...(typeof f['kind'] === 'string' ? { kind: f['kind'] } : {}),
          create: f['create'] === true,
        });
      });
    }
    k.labels.push({ pairs: strMap(item['pairs'], ['labels', i, 'pairs']), includeSelectors: item['includeSelectors'] === true, includeTemplates: item['includeTemplates'] === true, includeVolumeClaimTemplates: item['includeVolumeClaimTemplates'] === true, fields });
  });

  list('patchesStrategicMerge').forEach((item, i) => {
    if (typeof item !== 'string') return bad(['patchesStrategicMerge', i], 'a patchesStrategicMerge entry must be a string');
    // An entry is a file path, or (when it holds a line break or looks like YAML) an inline patch.
    if (item.includes('\n') || /^\s*(apiVersion|kind)\s*:/.test(item)) k.patchesStrategicMerge.push({ patch: item, at: ['patchesStrategicMerge', i] });
    else k.patchesStrategicMerge.push({ path: item, at: ['patchesStrategicMerge', i] });
  });

  const readTarget = (value: unknown, at: PathSegment[]): PatchTarget | undefined => {
    if (value === undefined || value === null) return undefined;
    if (!isObject(value)) {
      bad(at, 'a patch target must be a mapping');
      return undefined;
    }
    const t: PatchTarget = {};
    for (const key of ['group', 'version', 'kind', 'name', 'namespace', 'labelSelector', 'annotationSelector'] as const) {
      const v = value[key];
      if (typeof v === 'string') t[key] = v;
      else if (v !== undefined && v !== null) bad([...at, key], `target.${key} must be a string`);
    }
    return t;
  };
  const readPatch = (item: unknown, at: PathSegment[], json6902Only: boolean): void => {
    if (!isObject(item)) return void bad(at, 'a patch entry must be a mapping');
    const entry: PatchEntry = { at, ...(json6902Only ? { json6902Only } : {}) };
    if (typeof item['path'] === 'string') entry.path = item['path'];
    if (typeof item['patch'] === 'string') entry.patch = item['patch'];
    const target = readTarget(item['target'], [...at, 'target']);
    if (target !== undefined) entry.target = target;
    if (isObject(item['options'])) entry.options = { allowNameChange: item['options']['allowNameChange'] === true, allowKindChange: item['options']['allowKindChange'] === true };
    if ((entry.path === undefined) === (entry.patch === undefined)) return void bad(at, 'a patch needs exactly one of path and patch');
    if (json6902Only && entry.target === undefined) return void bad(at, 'a patchesJson6902 entry needs a target');
    k.patches.push(entry);
  };
  list('patches').forEach((item, i) => readPatch(item, ['patches', i], false));
  const json6902 = list('patchesJson6902');
  json6902.forEach((item, i) => readPatch(item, ['patchesJson6902', i], true));

  list('images').forEach((item, i) => {
    if (!isObject(item) || typeof item['name'] !== 'string' || item['name'] === '') return bad(['images', i], 'an images entry needs a name');
    const im: ImageEntry = { name: item['name'] };
    for (const key of ['newName', 'newTag', 'digest'] as const) {
      const v = item[key];
      if (typeof v === 'string') im[key] = v;
      else if (typeof v === 'number') im[key] = String(v);
      else if (v !== undefined && v !== null) bad(['images', i, key], `${key} must be a string`);
    }
    k.images.push(im);
  });

  list('replicas').forEach((item, i) => {
    if (!isObject(item) || typeof item['name'] !== 'string') return bad(['replicas', i], 'a replicas entry needs a name');
    const count = item['count'];
    if (typeof count !== 'number' || !Number.isInteger(count)) return bad(['replicas', i, 'count'], 'count must be an integer');
    k.replicas.push({ name: item['name'], count });
  });

  const readOptions = (value: unknown, at: PathSegment[]): GeneratorOptions | undefined => {
    if (value === undefined || value === null) return undefined;
    if (!isObject(value)) {
      bad(at, 'generator options must be a mapping');
      return undefined;
    }
    const o: GeneratorOptions = {};
    if (value['labels'] !== undefined) o.labels = strMap(value['labels'], [...at, 'labels']);
    if (value['annotations'] !== undefined) o.annotations = strMap(value['annotations'], [...at, 'annotations']);
    if (typeof value['disableNameSuffixHash'] === 'boolean') o.disableNameSuffixHash = value['disableNameSuffixHash'];
    if (typeof value['immutable'] === 'boolean') o.immutable = value['immutable'];
    return o;
  };
  const readGenerator = (key: 'configMapGenerator' | 'secretGenerator') =>
    list(key).forEach((item, i) => {
      const at: PathSegment[] = [key, i];
      if (!isObject(item)) return bad(at, 'a generator entry must be a mapping');
      const strings = (field: string): string[] => {
        const v = item[field];
        if (v === undefined || v === null) return [];
        if (!Array.isArray(v)) {
          bad([...at, field], `${field} must be a list of strings`);
          return [];
        }
        return v.map((x) => (typeof x === 'string' ? x : String(x)));
      };
      const envs = strings('envs');
      if (typeof item['env'] === 'string') envs.unshift(item['env']);
      const entry: GeneratorEntry = { name: typeof item['name'] === 'string' ? item['name'] : '', literals: strings('literals'), files: strings('files'), envs, at };
      if (typeof item['namespace'] === 'string') entry.namespace = item['namespace'];
      if (typeof item['behavior'] === 'string') entry.behavior = item['behavior'];
      if (typeof item['type'] === 'string') entry.type = item['type'];
      const options = readOptions(item['options'], [...at, 'options']);
      if (options !== undefined) entry.options = options;
      k[key].push(entry);
    });
  readGenerator('configMapGenerator');
  readGenerator('secretGenerator');
  const globalOptions = readOptions(raw['generatorOptions'], ['generatorOptions']);
  if (globalOptions !== undefined) k.generatorOptions = globalOptions;

  const sortOptions = raw['sortOptions'];
  if (isObject(sortOptions)) {
    if (sortOptions['order'] === 'fifo' || sortOptions['order'] === 'legacy') k.sortOrder = sortOptions['order'];
    else bad(['sortOptions', 'order'], 'sortOptions.order must be legacy or fifo');
    const legacy = sortOptions['legacySortOptions'];
    if (isObject(legacy)) {
      const names = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
      k.legacyOrder = { orderFirst: names(legacy['orderFirst']), orderLast: names(legacy['orderLast']) };
    }
  }
  return { kustomization: k, issues };
}

/** Whether a resource or component reference names something remote (a URL or a repository). */
export function isRemoteReference(path: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(path) || path.startsWith('git@') || /^(github\.com|gitlab\.com|bitbucket\.org)\//.test(path) || /[?&](ref|version|timeout|submodules)=/.test(path) || path.includes('.git//');
}

/** The options for a generator: the global ones merged under its own (its own win). */
export function mergeGeneratorOptions(local: GeneratorOptions | undefined, global: GeneratorOptions | undefined): GeneratorOptions {
  if (global === undefined) return local ?? {};
  if (local === undefined) return global;
  const out: GeneratorOptions = {
    labels: { ...(global.labels ?? {}), ...(local.labels ?? {}) },
    annotations: { ...(global.annotations ?? {}), ...(local.annotations ?? {}) },
  };
  const hash = local.disableNameSuffixHash ?? global.disableNameSuffixHash;
  if (hash !== undefined) out.disableNameSuffixHash = hash;
  const immutable = local.immutable ?? global.immutable;
  if (immutable !== undefined) out.immutable = immutable;
  return out;
}

