import { createIssue } from '../errors/index.js';
import { normalizeChartURL, normalizeGitURL, normalizeImageURL, readGoBool } from '../discovery/index.js';
import { compileExpression, createMap, defineFunction, runExpression, type ExprValue, type FunctionTable } from '../expressions/index.js';
import { err, ok, type Result } from '../result.js';
import type { DiscoveredArtifacts } from './types.js';

const text = (value: ExprValue | undefined): string => (typeof value === 'string' ? value : '');

function record(fields: Record<string, unknown>): ExprValue {
  const map = createMap();
  for (const [key, value] of Object.entries(fields)) map[key] = (value === undefined ? null : value) as ExprValue;
  return map;
}

/**
 * The functions a `freightCreationCriteria` expression can call, over one discovery pass. Values
 * carry Kargo's Go field names (`ID`, `Tag`, `Version`, ...), as expressions written for Kargo use.
 */
export function criteriaFunctions(discovered: DiscoveredArtifacts): FunctionTable {
  const commitFrom = defineFunction(
    'commitFrom',
    (args) => {
      const wanted = normalizeGitURL(text(args[0]));
      const result = (discovered.git ?? []).find((r) => normalizeGitURL(r.repoURL) === wanted);
      const c = result?.commits?.[0];
      if (c === undefined) return null;
      const date = c.creatorDate === undefined ? undefined : c.creatorDate instanceof Date ? c.creatorDate : new Date(Date.parse(c.creatorDate));
      return record({ ID: c.id ?? '', Branch: c.branch ?? '', Tag: c.tag ?? '', Subject: c.subject ?? '', Author: c.author ?? '', Committer: c.committer ?? '', CreatorDate: date });
    },
    { min: 1, max: 1 },
  );
  const imageFrom = defineFunction(
    'imageFrom',
    (args) => {
      const wanted = normalizeImageURL(text(args[0]));
      const result = (discovered.images ?? []).find((r) => normalizeImageURL(r.repoURL) === wanted);
      const ref = result?.references?.[0];
      if (ref === undefined) return null;
      const created = ref.createdAt === undefined ? undefined : ref.createdAt instanceof Date ? ref.createdAt : new Date(Date.parse(ref.createdAt));
      return record({ Tag: ref.tag ?? '', Digest: ref.digest ?? '', Annotations: record({ ...(ref.annotations ?? {}) }), CreatedAt: created });
    },
    { min: 1, max: 1 },
  );
  const chartFrom = defineFunction(
    'chartFrom',
    (args) => {
      const wanted = normalizeChartURL(text(args[0]));
      const name = args.length > 1 ? text(args[1]) : undefined;
      const result = (discovered.charts ?? []).find((r) => normalizeChartURL(r.repoURL) === wanted && (name === undefined || (r.name ?? '') === name));
      const version = result?.versions?.[0];
      if (result === undefined || version === undefined) return null;
      return record({ RepoURL: wanted, Name: result.name ?? '', Version: version });
    },
    { min: 1, max: 2 },
  );
  const artifactFrom = defineFunction(
    'artifactFrom',
    (args) => {
      const wanted = text(args[0]);
      // Kargo keeps the last result with that subscription name.
      const results = (discovered.results ?? []).filter((r) => r.name === wanted);
      const ref = results[results.length - 1]?.artifactReferences?.[0];
      if (ref === undefined) return null;
      return record({ ArtifactType: ref.artifactType ?? '', SubscriptionName: ref.subscriptionName ?? '', Version: ref.version ?? '', Metadata: ref.metadata ?? null });
    },
    { min: 1, max: 1 },
  );
  return { commitFrom, imageFrom, chartFrom, artifactFrom };
}

/**
 * Decides a Warehouse's `freightCreationCriteria` for one discovery pass, as Kargo does: no
 * criteria or a blank expression is satisfied; so is any pass without Git, image or chart results
 * (generic-only Warehouses skip the criteria). Otherwise the expression runs with `commitFrom`,
 * `imageFrom`, `chartFrom` and `artifactFrom`; a boolean result is the answer, other results are
 * read as Go reads booleans from text, and anything else is a `FREIGHT_CRITERIA_FAILED` issue.
 */
export function evaluateFreightCreationCriteria(
  criteria: { readonly expression?: string | undefined } | undefined,
  discovered: DiscoveredArtifacts,
): Result<boolean> {
  const source = criteria?.expression ?? '';
  if (source.trim() === '') return ok(true);
  const typed = (discovered.git?.length ?? 0) + (discovered.images?.length ?? 0) + (discovered.charts?.length ?? 0);
  if (typed === 0) return ok(true);
  const path = ['spec', 'freightCreationCriteria', 'expression'];
  const compiled = compileExpression(source);
  if (!compiled.ok) {
    return err(compiled.issues.map((i) => createIssue('FREIGHT_CRITERIA_FAILED', `error compiling freight creation criteria: ${i.message}`, { path })));
  }
  const result = runExpression(compiled.value, {}, { functions: criteriaFunctions(discovered) });
  if (!result.ok) {
    return err(result.issues.map((i) => createIssue('FREIGHT_CRITERIA_FAILED', `error evaluating freight creation criteria: ${i.message}`, { path })));
  }
  const value = readGoBool(result.value);
  if (value === undefined) return err(createIssue('FREIGHT_CRITERIA_FAILED', 'freight creation criteria did not give a boolean', { path }));
  return ok(value);
}
