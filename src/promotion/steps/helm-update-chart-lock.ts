import { parseDocument } from 'yaml';
import type { HelmChartDependency } from '../../ports/index.js';

/**
 * The dependencies of a `Chart.yaml` with Helm's fields, as a {@link HelmDependencyPort} needs
 * them. Text fields are read as Helm reads them, as strings whatever they look like
 * (`version: 1.0` is "1.0"); entries that are not maps, or have no name, are left out.
 */
export function readHelmChartDependencies(text: string): HelmChartDependency[] {
  const strings = parseDocument(text, { schema: 'failsafe' });
  const typed = parseDocument(text);
  if (strings.errors.length > 0 || typed.errors.length > 0) return [];
  let raw: unknown;
  let values: unknown;
  try {
    raw = strings.toJS({ maxAliasCount: 100 });
    values = typed.toJS({ maxAliasCount: 100 });
  } catch {
    return [];
  }
  const list = fieldOf(raw, 'dependencies');
  const typedList = fieldOf(values, 'dependencies');
  if (!Array.isArray(list)) return [];
  const out: HelmChartDependency[] = [];
  list.forEach((entry: unknown, i) => {
    const typedEntry: unknown = Array.isArray(typedList) ? typedList[i] : undefined;
    const name = fieldOf(entry, 'name');
    if (typeof name !== 'string') return;
    const text = (key: string): string | undefined => {
      const v = fieldOf(entry, key);
      return typeof v === 'string' ? v : undefined;
    };
    const tags = fieldOf(entry, 'tags');
    const importValues = fieldOf(typedEntry, 'import-values');
    const version = text('version');
    const condition = text('condition');
    const alias = text('alias');
    out.push({
      name,
      ...(version === undefined ? {} : { version }),
      repository: text('repository') ?? '',
      ...(condition === undefined ? {} : { condition }),
      ...(Array.isArray(tags) ? { tags: tags.filter((t): t is string => typeof t === 'string') } : {}),
      ...(fieldOf(typedEntry, 'enabled') === true ? { enabled: true } : {}),
      ...(Array.isArray(importValues) ? { importValues } : {}),
      ...(alias === undefined ? {} : { alias }),
    });
  });
  return out;
}

/** The name and version of each entry of a `Chart.lock`, in order; none for a missing or broken lock. */
export function readLockVersions(text: string | undefined): { name: string; version: string }[] {
  if (text === undefined || text === '') return [];
  const doc = parseDocument(text, { schema: 'failsafe' });
  if (doc.errors.length > 0) return [];
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch {
    return [];
  }
  const list = fieldOf(data, 'dependencies');
  if (!Array.isArray(list)) return [];
  return list.flatMap((entry: unknown) => {
    const name = fieldOf(entry, 'name');
    const version = fieldOf(entry, 'version');
    return typeof name === 'string' ? [{ name, version: typeof version === 'string' ? version : '' }] : [];
  });
}

/**
 * How the locked versions changed, as Kargo reports them: `old -> new` for a changed version,
 * the version for an added dependency, `""` for a removed one. Kargo keeps them in a Go map (in
 * no particular order); waybill lists changed and added ones in lock order, then removed ones.
 */
export function compareLockVersions(before: readonly { name: string; version: string }[], after: readonly { name: string; version: string }[]): [string, string][] {
  const previous = new Map<string, string>();
  for (const d of before) previous.set(d.name, d.version);
  const changes = new Map<string, string>();
  for (const d of after) {
    const old = previous.get(d.name);
    if (old === undefined) changes.set(d.name, d.version);
    else {
      if (old !== d.version) changes.set(d.name, `${old} -> ${d.version}`);
      previous.delete(d.name);
    }
  }
  for (const name of previous.keys()) changes.set(name, '');
  return [...changes];
}

function fieldOf(value: unknown, key: string): unknown {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined;
}
