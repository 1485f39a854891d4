import { RE2JS } from 're2js';
import type { PatchTarget } from './kustomization.js';
import { effectiveNamespace, gvkOf, idOf, isObject, originalIdOf, stringMapAt } from './resource.js';
import type { BuildResource } from './types.js';

interface Requirement {
  key: string;
  op: 'in' | 'notin' | 'exists' | 'absent';
  values: string[];
}

/** Parses a Kubernetes label selector string (`a=b,c!=d,e in (x,y),f notin (z),g,!h`). */
export function parseLabelSelector(text: string): Requirement[] | string {
  const out: Requirement[] = [];
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const c of text) {
    if (c === '(') depth++;
    if (c === ')') depth--;
    if (c === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += c;
  }
  if (depth !== 0) return `unbalanced parentheses in ${JSON.stringify(text)}`;
  parts.push(current);
  for (const raw of parts) {
    const part = raw.trim();
    if (part === '') {
      if (text.trim() === '') continue;
      return `empty requirement in ${JSON.stringify(text)}`;
    }
    let m = /^([A-Za-z0-9_./-]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(part);
    if (m !== null) {
      out.push({ key: m[1] as string, op: m[2] === 'in' ? 'in' : 'notin', values: (m[3] as string).split(',').map((v) => v.trim()) });
      continue;
    }
    m = /^([A-Za-z0-9_./-]+)\s*(==|=|!=)\s*([A-Za-z0-9_.-]*)$/.exec(part);
    if (m !== null) {
      out.push({ key: m[1] as string, op: m[2] === '!=' ? 'notin' : 'in', values: [m[3] as string] });
      continue;
    }
    m = /^(!?)\s*([A-Za-z0-9_./-]+)$/.exec(part);
    if (m !== null) {
      out.push({ key: m[2] as string, op: m[1] === '!' ? 'absent' : 'exists', values: [] });
      continue;
    }
    return `invalid requirement ${JSON.stringify(part)}`;
  }
  return out;
}

function matchesRequirements(reqs: readonly Requirement[], labels: Readonly<Record<string, string>>): boolean {
  return reqs.every((r) => {
    const has = Object.hasOwn(labels, r.key);
    const v = labels[r.key];
    switch (r.op) {
      case 'in':
        return has && r.values.includes(v as string);
      case 'notin':
        return !has || !r.values.includes(v as string);
      case 'exists':
        return has;
      case 'absent':
        return !has;
    }
  });
}

/** A compiled patch target; `problem` explains why it could not be compiled. */
export type TargetMatcher = ((res: BuildResource) => boolean) | { problem: string };

/** Compiles a patch target: anchored Go regular expressions and label/annotation selectors. */
export function compileTarget(t: PatchTarget): TargetMatcher {
  const compile = (p: string | undefined): RE2JS | undefined | { problem: string } => {
    if (p === undefined || p === '') return undefined;
    try {
      return RE2JS.compile(`^(?:${p})$`);
    } catch (e) {
      return { problem: `invalid regular expression ${JSON.stringify(p)}: ${e instanceof Error ? e.message : String(e)}` };
    }
  };
  const res = { group: compile(t.group), version: compile(t.version), kind: compile(t.kind), name: compile(t.name), namespace: compile(t.namespace) };
  for (const r of Object.values(res)) if (r !== undefined && !(r instanceof RE2JS)) return r;
  const labels = t.labelSelector === undefined ? [] : parseLabelSelector(t.labelSelector);
  if (typeof labels === 'string') return { problem: `invalid labelSelector: ${labels}` };
  const annotations = t.annotationSelector === undefined ? [] : parseLabelSelector(t.annotationSelector);
  if (typeof annotations === 'string') return { problem: `invalid annotationSelector: ${annotations}` };
  const test = (re: RE2JS | undefined | { problem: string }, value: string) => re === undefined || (re instanceof RE2JS && re.matcher(value).matches());
  return (r: BuildResource) => {
    const cur = idOf(r.obj);
    const org = originalIdOf(r);
    if (!test(res.namespace, effectiveNamespace(org)) && !test(res.namespace, effectiveNamespace(cur))) return false;
    if (!test(res.name, org.name) && !test(res.name, cur.name)) return false;
    const gvk = gvkOf(r.obj);
    if (!test(res.group, gvk.group) || !test(res.version, gvk.version) || !test(res.kind, gvk.kind)) return false;
    const meta = isObject(r.obj['metadata']) ? r.obj['metadata'] : {};
    if (labels.length > 0 && !matchesRequirements(labels, stringMapAt(meta, 'labels') ?? {})) return false;
    if (annotations.length > 0 && !matchesRequirements(annotations, stringMapAt(meta, 'annotations') ?? {})) return false;
    return true;
  };
}
