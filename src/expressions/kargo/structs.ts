import { createMap, ExprObject, fromJS, getOwnData, ownDataKeys, toJS, type ExprMap, type ExprValue } from '../values.js';

/** One field of a Go struct: its Go name (what expressions use) and how it is written as JSON. */
export interface StructField {
  readonly goName: string;
  /** The JSON key, or the Go name when the struct has no JSON tags. */
  readonly jsonName: string;
  readonly omitEmpty: boolean;
  readonly value: ExprValue;
}

/**
 * A Kargo API struct handed to expressions (FreightOrigin, Image, GitCommit, Chart, ...). As in
 * Kargo, expressions read its fields by their Go names (`imageFrom(url).Tag`), while its JSON form
 * (what a template writes) uses the JSON names and leaves out empty `omitempty` fields.
 */
export class KargoStruct extends ExprObject {
  readonly typeName: string;
  readonly #goType: string;
  readonly #fields: readonly StructField[];

  constructor(typeName: string, fields: readonly StructField[], pointer = false) {
    super();
    this.typeName = typeName;
    this.#goType = pointer ? `*${typeName}` : typeName;
    this.#fields = fields;
  }

  override get goTypeName(): string {
    return this.#goType;
  }

  override getField(name: string): ExprValue | undefined {
    return this.#fields.find((f) => f.goName === name)?.value;
  }

  /**
   * The fields as yaml.v3 writes a struct without YAML tags: every field, keyed by its Go name in
   * lower case, in declaration order.
   */
  yamlEntries(): Array<[string, ExprValue]> {
    return this.#fields.map((f) => [f.goName.toLowerCase(), f.value]);
  }

  toJS(): unknown {
    const out: Record<string, unknown> = {};
    for (const field of this.#fields) {
      if (field.omitEmpty && isEmptyValue(field.value)) continue;
      out[field.jsonName] = toJS(field.value);
    }
    return out;
  }

  override toString(): string {
    // Go's %v of a struct: values in field order between braces.
    return `{${this.#fields.map((f) => formatPlain(f.value)).join(' ')}}`;
  }

  override equals(other: ExprValue): boolean {
    if (!(other instanceof KargoStruct) || other.typeName !== this.typeName) return false;
    return JSON.stringify(toJS(this)) === JSON.stringify(toJS(other));
  }
}

function formatPlain(value: ExprValue): string {
  if (value === null) return '<nil>';
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && !(value instanceof ExprObject) && !Array.isArray(value)) {
    const map = value as ExprMap;
    return `map[${ownDataKeys(map)
      .sort()
      .map((k) => `${k}:${formatPlain(fromJS(getOwnData(map, k)))}`)
      .join(' ')}]`;
  }
  return String(value);
}

function isEmptyValue(value: ExprValue): boolean {
  if (value === null || value === '' || value === false || value === 0 || value === 0n) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object' && !(value instanceof ExprObject)) return ownDataKeys(value).length === 0;
  return false;
}

function field(goName: string, jsonName: string, value: ExprValue, omitEmpty = true): StructField {
  return { goName, jsonName, omitEmpty, value };
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function stringMap(value: unknown): ExprMap {
  const out = createMap();
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const key of ownDataKeys(value)) {
      const v = getOwnData(value, key);
      if (typeof v === 'string') out[key] = v;
    }
  }
  return out;
}

/** `kargoapi.FreightOrigin`: what `warehouse(name)` returns. */
export function makeFreightOrigin(kind: string, name: string): KargoStruct {
  return new KargoStruct('v1alpha1.FreightOrigin', [field('Kind', 'kind', kind, false), field('Name', 'name', name, false)]);
}

/** Reads the kind and name of a value made by {@link makeFreightOrigin}; `undefined` for anything else. */
export function readFreightOrigin(value: ExprValue): { kind: string; name: string } | undefined {
  if (!(value instanceof KargoStruct) || value.typeName !== 'v1alpha1.FreightOrigin') return undefined;
  return { kind: text(value.getField('Kind')), name: text(value.getField('Name')) };
}

/** `*kargoapi.GitCommit`: what `commitFrom()` returns. */
export function makeGitCommit(c: Readonly<Record<string, unknown>>): KargoStruct {
  return new KargoStruct(
    'v1alpha1.GitCommit',
    [
      field('RepoURL', 'repoURL', text(c['repoURL'])),
      field('ID', 'id', text(c['id'])),
      field('Branch', 'branch', text(c['branch'])),
      field('Tag', 'tag', text(c['tag'])),
      field('Message', 'message', text(c['message'])),
      field('Author', 'author', text(c['author'])),
      field('Committer', 'committer', text(c['committer'])),
      field('SubscriptionName', 'subscriptionName', text(c['subscriptionName'])),
    ],
    true,
  );
}

/** `*kargoapi.Image`: what `imageFrom()` returns. */
export function makeImage(i: Readonly<Record<string, unknown>>): KargoStruct {
  return new KargoStruct(
    'v1alpha1.Image',
    [
      field('RepoURL', 'repoURL', text(i['repoURL'])),
      field('Tag', 'tag', text(i['tag'])),
      field('Digest', 'digest', text(i['digest'])),
      field('Annotations', 'annotations', stringMap(i['annotations'])),
      field('SubscriptionName', 'subscriptionName', text(i['subscriptionName'])),
    ],
    true,
  );
}

/** `*kargoapi.Chart`: what `chartFrom()` returns. */
export function makeChart(c: Readonly<Record<string, unknown>>): KargoStruct {
  return new KargoStruct(
    'v1alpha1.Chart',
    [
      field('RepoURL', 'repoURL', text(c['repoURL'])),
      field('Name', 'name', text(c['name'])),
      field('Version', 'version', text(c['version'])),
      field('SubscriptionName', 'subscriptionName', text(c['subscriptionName'])),
    ],
    true,
  );
}

/** What `artifactFrom()` returns: type, subscription, version and the decoded metadata map. */
export function makeArtifact(artifactType: string, subscriptionName: string, version: string, metadata: ExprValue): KargoStruct {
  // This struct has no JSON tags in Kargo, so its JSON keys are the Go names and nothing is omitted.
  return new KargoStruct('function.expressionFriendlyArtifactReference', [
    field('ArtifactType', 'ArtifactType', artifactType, false),
    field('SubscriptionName', 'SubscriptionName', subscriptionName, false),
    field('Version', 'Version', version, false),
    field('Metadata', 'Metadata', metadata, false),
  ]);
}

/** `kargoapi.StepExecutionMetadata`, as the `stepMetas` env exposes it (Go field names). */
export function makeStepExecutionMetadata(m: Readonly<Record<string, unknown>>): KargoStruct {
  const time = (v: unknown): ExprValue => (typeof v === 'string' || v instanceof Date ? fromJS(v instanceof Date ? v.toISOString() : v) : null);
  const count = typeof m['errorCount'] === 'number' && Number.isInteger(m['errorCount']) ? BigInt(m['errorCount']) : 0n;
  return new KargoStruct('v1alpha1.StepExecutionMetadata', [
    field('Alias', 'alias', text(m['alias'])),
    field('StartedAt', 'startedAt', time(m['startedAt'])),
    field('FinishedAt', 'finishedAt', time(m['finishedAt'])),
    field('ErrorCount', 'errorCount', count),
    field('Status', 'status', text(m['status'])),
    field('Message', 'message', text(m['message'])),
    field('ContinueOnError', 'continueOnError', m['continueOnError'] === true),
  ]);
}
