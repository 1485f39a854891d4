import type {
  ChartRepositoryPort,
  Clock,
  HelmChartDependency,
  HelmDependencyPort,
  HelmDependencyUpdate,
  HelmDependencyUpdateRequest,
  PortFailure,
  PortResult,
  WorkTree,
} from '../../ports/index.js';
import { parseDocument } from 'yaml';
import { parseConstraint, parseVersion, satisfiesParsed, compareParsedVersions, type Version } from '../../versions/index.js';

/** Options of {@link createMemoryHelmDependencies}. */
export interface MemoryHelmDependenciesOptions {
  /** Where chart versions are looked up (a memory chart repository, or any other). */
  readonly charts?: ChartRepositoryPort;
  /** Named repositories, as `helm repo add` knows them: name to URL (for `@name` and `alias:name`). */
  readonly repositories?: Readonly<Record<string, string>>;
  /** The time written as the lock's `generated` (default: the Unix epoch, so output is reproducible). */
  readonly clock?: Clock;
}

/** A {@link HelmDependencyPort} held in memory, which records the requests it served. */
export interface MemoryHelmDependencies extends HelmDependencyPort {
  /** The chart paths of every update, in order. */
  readonly requests: readonly string[];
}

/** One entry of a lock's `dependencies`: what a dependency was resolved to. */
export interface HelmLockedDependency {
  readonly name: string;
  readonly version?: string;
  readonly repository: string;
}

/**
 * Creates a Helm dependency updater that works on the work tree it is handed, as
 * `helm dependency update` works on a chart directory: each dependency of `Chart.yaml` is
 * resolved to one version (the highest one its constraint allows in `charts`; a `file://` chart's
 * own version; a chart already in `charts/<name>` as written), `Chart.lock` is written in Helm's
 * layout with Helm's digest (left alone when the digest has not changed, as Helm does), and
 * `charts/<name>-<version>.tgz` replaces older archives of the same chart. The archives it writes
 * are text placeholders naming the chart, since a work tree holds text; `requirements.lock` of
 * `apiVersion: v1` charts is not written. It never reads the real clock.
 */
export function createMemoryHelmDependencies(options: MemoryHelmDependenciesOptions = {}): MemoryHelmDependencies {
  const requests: string[] = [];
  return {
    get requests() {
      return requests;
    },
    async updateDependencies(request: HelmDependencyUpdateRequest): Promise<PortResult<HelmDependencyUpdate>> {
      requests.push(request.chartPath);
      if (request.signal?.aborted === true) return failure('cancelled', `update of ${request.chartPath || '.'} was cancelled`);
      try {
        return await update(request, options);
      } catch (e) {
        return failure('transport', `update of ${request.chartPath || '.'} failed: ${e instanceof Error ? e.message : String(e)}`);
      }
    },
  };
}

async function update(request: HelmDependencyUpdateRequest, options: MemoryHelmDependenciesOptions): Promise<PortResult<HelmDependencyUpdate>> {
  const { workTree: tree, chartPath } = request;
  const lockPath = join(chartPath, 'Chart.lock');
  const chartsDir = join(chartPath, 'charts');
  // Helm does nothing for a chart without dependencies.
  if (request.dependencies.length === 0) return { ok: true, value: { lock: (await tree.readFile(lockPath)) ?? '', archives: await archivesIn(tree, chartsDir) } };

  const requirements: HelmChartDependency[] = [];
  for (const dependency of request.dependencies) {
    const sanitized = sanitizeDependency(dependency);
    const repository = resolveNamedRepository(sanitized.repository, options.repositories ?? {});
    if (repository === undefined) return failure('not-found', `no repository definition for ${sanitized.repository}; add it to the repositories of the Helm dependency updater`);
    requirements.push({ ...sanitized, repository });
  }

  const locked: HelmLockedDependency[] = [];
  const archives: { name: string; path: string; text: string }[] = [];
  const missing: string[] = [];
  for (const d of requirements) {
    const constraint = parseConstraint(d.version ?? '');
    if (!constraint.ok) return failure('not-found', `dependency ${JSON.stringify(d.name)} has an invalid version constraint ${JSON.stringify(d.version ?? '')}`);
    if (d.repository === '') {
      // A chart already unpacked in charts/ is locked at the version Chart.yaml gives.
      if ((await tree.lstat(join(chartsDir, d.name))) !== 'directory') return failure('not-found', `directory ${join(chartsDir, d.name)} not found`);
      locked.push(lockedOf(d.name, d.version, ''));
      continue;
    }
    if (d.repository.startsWith('file://')) {
      const dir = join(chartPath, d.repository.slice('file://'.length));
      const local = readChartMetadata(await tree.readFile(join(dir, 'Chart.yaml')));
      if (local === undefined) return failure('not-found', `directory ${dir} holds no chart`);
      const version = parseVersion(local.version);
      if (version === undefined) continue;
      if (!satisfiesParsed(version, constraint.value)) {
        missing.push(d.name);
        continue;
      }
      locked.push(lockedOf(d.name, local.version, d.repository));
      archives.push({ name: local.name, path: join(chartsDir, `${local.name}-${local.version}.tgz`), text: placeholder(local.name, local.version, d.repository) });
      continue;
    }
    const listed = await listVersions(options.charts, d, request.signal);
    if (!listed.ok) return listed;
    let best: Version | undefined;
    for (const text of listed.value) {
      const version = parseVersion(text);
      if (version === undefined || !satisfiesParsed(version, constraint.value)) continue;
      if (best === undefined || compareParsedVersions(version, best) > 0) best = version;
    }
    if (best === undefined) {
      missing.push(d.name);
      continue;
    }
    locked.push(lockedOf(d.name, best.original, d.repository));
    archives.push({ name: d.name, path: join(chartsDir, `${d.name}-${best.original}.tgz`), text: placeholder(d.name, best.original, d.repository) });
  }
  if (missing.length > 0) return failure('not-found', `no version of ${missing.join(', ')} satisfies the constraint in Chart.yaml`);

  for (const archive of archives) {
    for (const old of await archivesIn(tree, chartsDir)) {
      if (old !== archive.path && isArchiveOf(old.slice(chartsDir.length + (chartsDir === '' ? 0 : 1)), archive.name)) await tree.remove(old);
    }
    await tree.writeFile(archive.path, archive.text);
  }

  const digest = await helmLockDigest(requirements, locked);
  const previous = await tree.readFile(lockPath);
  // Helm leaves a lock whose digest has not changed as it was, timestamp included.
  if (previous !== undefined && lockDigestOf(previous) === digest) return { ok: true, value: { lock: previous, archives: await archivesIn(tree, chartsDir) } };
  const generated = options.clock?.now() ?? new Date(0);
  const lock = renderHelmLock({ dependencies: locked, digest, generated });
  await tree.writeFile(lockPath, lock);
  return { ok: true, value: { lock, archives: await archivesIn(tree, chartsDir) } };
}

/**
 * Helm's digest of a chart's dependencies (`digest` in `Chart.lock`): `sha256:` and the hex
 * SHA-256 of the JSON, as Go encodes it, of the pair [dependencies of Chart.yaml, locked
 * dependencies]. Each dependency is an object with Helm's field order (`name`, `version`,
 * `repository`, `condition`, `tags`, `enabled`, `import-values`, `alias`), empty optional fields
 * left out; the requirements are taken as Helm holds them after loading (control characters
 * dropped, other white space made a plain space) and after named repositories became URLs.
 */
export async function helmLockDigest(requirements: readonly HelmChartDependency[], locked: readonly HelmLockedDependency[]): Promise<string> {
  const json = `[${goJsonList(requirements.map(sanitizeDependency))},${goJsonList(locked.map((l) => ({ name: l.name, ...(l.version === undefined ? {} : { version: l.version }), repository: l.repository })))}]`;
  const bytes = new TextEncoder().encode(json);
  const hash = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', bytes));
  return `sha256:${Array.from(hash, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * The text of a `Chart.lock` as Helm writes it: a YAML map with keys in alphabetical order
 * (`dependencies`, `digest`, `generated`), each dependency's keys likewise (`name`, `repository`,
 * `version`), sequences not indented, strings quoted only where YAML 1.1 would read them as
 * something else, and `generated` in RFC 3339 with the fraction of a second trimmed.
 */
export function renderHelmLock(lock: { readonly dependencies: readonly HelmLockedDependency[]; readonly digest: string; readonly generated: Date }): string {
  const lines: string[] = [];
  if (lock.dependencies.length === 0) lines.push('dependencies: []');
  else {
    lines.push('dependencies:');
    for (const d of lock.dependencies) {
      lines.push(`- name: ${yamlString(d.name)}`);
      lines.push(`  repository: ${yamlString(d.repository)}`);
      if (d.version !== undefined && d.version !== '') lines.push(`  version: ${yamlString(d.version)}`);
    }
  }
  lines.push(`digest: ${yamlString(lock.digest)}`);
  lines.push(`generated: ${yamlString(goTimeText(lock.generated))}`);
  return `${lines.join('\n')}\n`;
}

function lockedOf(name: string, version: string | undefined, repository: string): HelmLockedDependency {
  return version === undefined || version === '' ? { name, repository } : { name, version, repository };
}

function lockDigestOf(text: string): string | undefined {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) return undefined;
  const digest: unknown = doc.get('digest');
  return typeof digest === 'string' ? digest : undefined;
}

async function listVersions(charts: ChartRepositoryPort | undefined, d: HelmChartDependency, signal: AbortSignal | undefined): Promise<PortResult<string[]>> {
  if (charts === undefined) return failure('not-found', `no chart repository to look ${d.name} up in ${d.repository}`);
  const oci = d.repository.startsWith('oci://');
  const versions: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await charts.listVersions({
      repoURL: oci ? `${d.repository.replace(/\/+$/, '')}/${d.name}` : d.repository,
      ...(oci ? {} : { name: d.name }),
      ...(cursor === undefined ? {} : { cursor }),
      ...(signal === undefined ? {} : { signal }),
    });
    if (!page.ok) return page;
    // OCI tags cannot hold `+`; Helm stores it as `_`.
    for (const item of page.value.items) versions.push(oci ? item.replaceAll('_', '+') : item);
    cursor = page.value.next;
  } while (cursor !== undefined);
  return { ok: true, value: versions };
}

function resolveNamedRepository(repository: string, named: Readonly<Record<string, string>>): string | undefined {
  const name = repository.startsWith('@') ? repository.slice(1) : repository.startsWith('alias:') ? repository.slice('alias:'.length) : undefined;
  if (name === undefined) return repository;
  return Object.hasOwn(named, name) ? named[name] : undefined;
}

function readChartMetadata(text: string | undefined): { name: string; version: string } | undefined {
  if (text === undefined) return undefined;
  // Helm reads these fields as strings whatever they look like (`version: 1.0` is "1.0"), which
  // is what the failsafe schema gives.
  const doc = parseDocument(text, { schema: 'failsafe' });
  if (doc.errors.length > 0) return undefined;
  const name: unknown = doc.get('name');
  const version: unknown = doc.get('version');
  return typeof name === 'string' && typeof version === 'string' ? { name, version } : undefined;
}

async function archivesIn(tree: WorkTree, dir: string): Promise<string[]> {
  const entries = (await tree.list(dir)) ?? [];
  return entries.filter((e) => e.type === 'file' && e.name.endsWith('.tgz')).map((e) => join(dir, e.name));
}

// An archive `<name>-<version>.tgz` of the chart; Helm opens archives to check, which a text
// placeholder cannot support, so the version part must parse instead.
function isArchiveOf(file: string, name: string): boolean {
  if (!file.startsWith(`${name}-`) || !file.endsWith('.tgz')) return false;
  return parseVersion(file.slice(name.length + 1, -'.tgz'.length)) !== undefined;
}

function placeholder(name: string, version: string, repository: string): string {
  return `memory chart archive\nname: ${name}\nversion: ${version}\nrepository: ${repository}\n`;
}

function join(dir: string, name: string): string {
  if (dir === '' || dir === '.') return name.replace(/^\.\//, '');
  const parts: string[] = [];
  for (const part of `${dir}/${name}`.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}

function failure<T>(kind: PortFailure['kind'], message: string): PortResult<T> {
  return { ok: false, failure: { kind, message, retryable: false } };
}

// Helm cleans a dependency's strings when it loads a chart: white space becomes a plain space and
// characters that do not print are dropped (Go's unicode.IsSpace and unicode.IsPrint).
function sanitizeText(text: string): string {
  let out = '';
  for (const ch of text) {
    if (/[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/u.test(ch)) out += ' ';
    else if (!/[\p{C}\p{Z}]/u.test(ch)) out += ch;
  }
  return out;
}

function sanitizeDependency(d: HelmChartDependency): HelmChartDependency {
  return {
    name: sanitizeText(d.name),
    ...(d.version === undefined ? {} : { version: sanitizeText(d.version) }),
    repository: sanitizeText(d.repository),
    ...(d.condition === undefined ? {} : { condition: sanitizeText(d.condition) }),
    ...(d.tags === undefined ? {} : { tags: d.tags.map(sanitizeText) }),
    ...(d.enabled === undefined ? {} : { enabled: d.enabled }),
    ...(d.importValues === undefined ? {} : { importValues: d.importValues }),
    ...(d.alias === undefined ? {} : { alias: d.alias }),
  };
}

// Go's encoding/json of a chart.Dependency: struct field order, `omitempty` fields left out when
// empty (the name and repository are always written).
function goJsonList(list: readonly HelmChartDependency[]): string {
  const items = list.map((d) => {
    const fields: string[] = [`"name":${goJsonString(d.name)}`];
    if (d.version !== undefined && d.version !== '') fields.push(`"version":${goJsonString(d.version)}`);
    fields.push(`"repository":${goJsonString(d.repository)}`);
    if (d.condition !== undefined && d.condition !== '') fields.push(`"condition":${goJsonString(d.condition)}`);
    if (d.tags !== undefined && d.tags.length > 0) fields.push(`"tags":${goJson(d.tags)}`);
    if (d.enabled === true) fields.push('"enabled":true');
    if (d.importValues !== undefined && d.importValues.length > 0) fields.push(`"import-values":${goJson(d.importValues)}`);
    if (d.alias !== undefined && d.alias !== '') fields.push(`"alias":${goJsonString(d.alias)}`);
    return `{${fields.join(',')}}`;
  });
  return `[${items.join(',')}]`;
}

// Go's encoding/json of a decoded YAML value: map keys sorted, HTML characters escaped.
function goJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return goJsonString(value);
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (Array.isArray(value)) return `[${value.map(goJson).join(',')}]`;
  if (typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${goJsonString(k)}:${goJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return 'null';
}

function goJsonString(text: string): string {
  let out = '"';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || ch === '<' || ch === '>' || ch === '&' || code === 0x2028 || code === 0x2029) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else if (code >= 0xd800 && code <= 0xdfff) out += '\ufffd';
    else out += ch;
  }
  return `${out}"`;
}

// How Go prints a time.Time as JSON (RFC 3339 with nanoseconds, trailing zeros of the fraction
// trimmed); times are given in UTC here.
function goTimeText(date: Date): string {
  const ms = Number.isNaN(date.getTime()) ? 0 : date.getTime();
  const iso = new Date(ms).toISOString();
  const [whole, fraction = ''] = iso.slice(0, -1).split('.');
  const trimmed = fraction.replace(/0+$/, '');
  return `${whole}${trimmed === '' ? '' : `.${trimmed}`}Z`;
}

const YAML11_SPECIAL = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|~|null|Null|NULL|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const YAML11_NUMBER = /^(?:[-+]?(?:0b[01_]+|0x[0-9a-fA-F_]+|0o?[0-7_]+|[0-9][0-9_]*)|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?)$/;
const YAML11_TIMESTAMP = /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt ].*)?$/;

// A string as Go's YAML encoder writes it: double-quoted when, plain, it would read as another
// type; single-quoted when plain text cannot hold it; plain otherwise.
function yamlString(text: string): string {
  if (text === '' || YAML11_SPECIAL.test(text) || YAML11_NUMBER.test(text) || YAML11_TIMESTAMP.test(text)) return JSON.stringify(text);
  const plainUnsafe = /^[\s\-?:,[\]{}#&*!|>'"%@`]/.test(text) || /\s$/.test(text) || /: |:$| #|[\n\r\t]/.test(text);
  return plainUnsafe ? `'${text.replaceAll("'", "''")}'` : text;
}
