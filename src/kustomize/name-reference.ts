import type { Issue } from '../errors/index.js';
import { createIssue } from '../errors/index.js';
import { NAME_REFERENCE_RULES } from './default-field-specs.js';
import { fieldSpecSelects, visitFieldPath } from './field-spec.js';
import { effectiveNamespace, formatId, gvkOf, idOf, isClusterScoped, isObject, nameOf, namespaceOf } from './resource.js';
import type { BuildResource, JsonObject } from './types.js';

function sameEnding(a: readonly string[], b: readonly string[]): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.length === 0) return long.length === 0;
  return short.every((x, i) => long[long.length - short.length + i] === x);
}

function affixesEqual(a: BuildResource, b: BuildResource, allowEmpty: boolean): boolean {
  if (allowEmpty) {
    return (a.prefixes.length === 0 || b.prefixes.length === 0 || sameEnding(a.prefixes, b.prefixes)) && (a.suffixes.length === 0 || b.suffixes.length === 0 || sameEnding(a.suffixes, b.suffixes));
  }
  return sameEnding(a.prefixes, b.prefixes) && sameEnding(a.suffixes, b.suffixes);
}

/**
 * Rewrites references to renamed objects (ConfigMaps, Secrets, Services, ServiceAccounts, Roles,
 * ...) in the fields kustomize knows hold such names, picking the renamed object as kustomize
 * does: same previous name and kind, same namespace as the referrer, then same name affixes.
 */
export function fixNameReferences(resources: readonly BuildResource[]): Issue[] {
  const issues: Issue[] = [];
  for (const rule of NAME_REFERENCE_RULES) {
    const candidates = resources.filter((r) => r.prevIds.some((id) => id.kind === rule.kind && (rule.group === undefined || id.group === rule.group)));
    if (candidates.length === 0) continue;
    for (const referrer of resources) {
      const gvk = gvkOf(referrer.obj);
      for (const fs of rule.referrers) {
        if (!fieldSpecSelects(fs, gvk)) continue;
        const select = (oldName: string, pool: readonly BuildResource[], identical: (rs: BuildResource[]) => boolean): BuildResource | undefined => {
          let c = pool.filter((r) => r.prevIds.some((id) => id.name === oldName && id.kind === rule.kind && (rule.group === undefined || id.group === rule.group)));
          if (fs.path.endsWith('roleRef/name')) {
            const roleRef = referrer.obj['roleRef'];
            const kind = isObject(roleRef) ? roleRef['kind'] : undefined;
            if (typeof kind === 'string') c = c.filter((r) => r.prevIds.some((id) => id.kind === kind));
          }
          const referrerId = idOf(referrer.obj);
          if (!isClusterScoped(referrerId)) {
            c = c.filter((r) => isClusterScoped(idOf(r.obj)) || gvkOf(r.obj).kind === 'ServiceAccount' || effectiveNamespace(idOf(r.obj)) === effectiveNamespace(referrerId));
          }
          if (c.length === 1) return c[0];
          c = c.filter((r) => affixesEqual(referrer, r, true));
          if (c.length > 1) c = c.filter((r) => affixesEqual(referrer, r, false));
          if (c.length === 1) return c[0];
          if (c.length === 0) return undefined;
          if (identical(c)) return c[0];
          issues.push(
            createIssue('KUSTOMIZE_NAME_REFERENCE', `found multiple possible referrals for ${JSON.stringify(oldName)} in ${formatId(referrerId)}: ${c.map((r) => formatId(idOf(r.obj))).join(', ')}`, {
              file: referrer.file,
            }),
          );
          return undefined;
        };
        const sameNames = (rs: BuildResource[]) => rs.every((r) => nameOf(r.obj) === nameOf((rs[0] as BuildResource).obj));
        const sameNamesAndNs = (rs: BuildResource[]) => rs.every((r) => nameOf(r.obj) === nameOf((rs[0] as BuildResource).obj) && namespaceOf(r.obj) === namespaceOf((rs[0] as BuildResource).obj));
        const setScalar = (value: string): string => {
          const referral = select(value, candidates, sameNames);
          return referral === undefined ? value : nameOf(referral.obj);
        };
        const setMap = (map: JsonObject) => {
          if (typeof map['name'] !== 'string') return;
          if (map['kind'] !== undefined && map['kind'] !== rule.kind) return;
          let pool = candidates;
          if (typeof map['namespace'] === 'string') {
            const ns = map['namespace'];
            // Compared as kustomize groups them: an object without a namespace is in `default`.
            const byOriginal = candidates.filter((r) => effectiveNamespace(r.prevIds[0] ?? idOf(r.obj)) === effectiveNamespace({ ...idOf(r.obj), namespace: ns }));
            pool = byOriginal.length > 0 ? byOriginal : candidates.filter((r) => effectiveNamespace(idOf(r.obj)) === effectiveNamespace({ ...idOf(r.obj), namespace: ns }));
          }
          const referral = select(map['name'], pool, sameNamesAndNs);
          if (referral === undefined) return;
          map['name'] = nameOf(referral.obj);
          const ns = namespaceOf(referral.obj);
          if (ns !== '') map['namespace'] = ns;
        };
        visitFieldPath(referrer.obj, fs, (parent, key) => {
          const value = parent[key];
          if (typeof value === 'string') parent[key] = setScalar(value);
          else if (isObject(value)) setMap(value);
          else if (Array.isArray(value)) {
            parent[key] = value.map((item) => {
              if (typeof item === 'string') return setScalar(item);
              if (isObject(item)) setMap(item);
              return item;
            });
          }
        });
      }
    }
  }
  return issues;
}
