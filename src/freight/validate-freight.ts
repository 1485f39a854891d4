import { joinPath, normalizeChartURL, normalizeGitURL } from '../discovery/index.js';
import { createIssue, type Issue } from '../errors/index.js';
import type { FreightIdentity, FreightWarehouse } from './types.js';

type Entry = Readonly<Record<string, unknown>>;
type Kind = 'commits' | 'images' | 'charts';

const isObject = (v: unknown): v is Entry => typeof v === 'object' && v !== null && !Array.isArray(v);
const textOf = (v: unknown): string => (typeof v === 'string' ? v : '');

// How Kargo's admission pairs an artifact with a subscription: commits by normalized Git URL,
// images by the URL exactly as written, charts by `path.Join(normalized URL, name)`.
const commitKey = (repoURL: string): string => normalizeGitURL(repoURL);
const imageKey = (repoURL: string): string => repoURL;
const chartKey = (repoURL: string, name: string): string => joinPath(normalizeChartURL(repoURL), name);

const KIND_OF_TYPE: Readonly<Record<string, Kind>> = { git: 'commits', image: 'images', chart: 'charts' };
const LABEL: Readonly<Record<Kind, string>> = { commits: 'Git repository', images: 'image repository', charts: 'chart' };

/**
 * Kargo's admission check of Freight against its origin Warehouse, for Freight created by hand or
 * by a tool: the Freight must hold at least one artifact, and each Git, image and chart
 * subscription of the Warehouse must be matched by exactly one commit, image or chart of the
 * Freight (generic artifacts are not checked). Returns the problems found; none means admitted.
 */
export function validateFreightArtifacts(freight: FreightIdentity, warehouse: FreightWarehouse): Issue[] {
  const issues: Issue[] = [];
  const lists: Record<Kind, readonly unknown[]> = {
    commits: Array.isArray(freight?.commits) ? freight.commits : [],
    images: Array.isArray(freight?.images) ? freight.images : [],
    charts: Array.isArray(freight?.charts) ? freight.charts : [],
  };
  const artifacts = Array.isArray(freight?.artifacts) ? freight.artifacts : [];
  if (lists.commits.length + lists.images.length + lists.charts.length + artifacts.length === 0) {
    return [createIssue('FREIGHT_EMPTY', 'freight must contain at least one commit, image, or chart')];
  }
  const warehouseName = textOf(warehouse?.metadata?.name);
  const subscriptions = new Map<string, { kind: Kind; index: number; count: number; label: string }>();
  const subs: unknown = warehouse?.spec?.subscriptions;
  (Array.isArray(subs) ? subs : []).forEach((sub: unknown, index: number) => {
    if (!isObject(sub)) return;
    const types = Object.keys(sub).filter((k) => k !== 'name');
    const type = types.length === 1 ? types[0]! : '';
    const kind = KIND_OF_TYPE[type];
    const body = sub[type];
    if (kind === undefined || !isObject(body)) return;
    const repoURL = textOf(body['repoURL']);
    const key = kind === 'commits' ? commitKey(repoURL) : kind === 'images' ? imageKey(repoURL) : chartKey(repoURL, textOf(body['name']));
    subscriptions.set(`${kind}|${key}`, { kind, index, count: 0, label: kind === 'charts' ? key : repoURL });
  });
  for (const kind of ['commits', 'images', 'charts'] as const) {
    lists[kind].forEach((item, i) => {
      const a = isObject(item) ? item : {};
      const repoURL = textOf(a['repoURL']);
      const key = kind === 'commits' ? commitKey(repoURL) : kind === 'images' ? imageKey(repoURL) : chartKey(repoURL, textOf(a['name']));
      const sub = subscriptions.get(`${kind}|${key}`);
      if (sub === undefined) {
        issues.push(createIssue('FREIGHT_UNKNOWN_ARTIFACT', `no subscription found for ${LABEL[kind]} ${JSON.stringify(kind === 'charts' ? key : repoURL)} in Warehouse ${JSON.stringify(warehouseName)}`, { path: [kind, i] }));
        return;
      }
      sub.count++;
      if (sub.count === 2) {
        issues.push(createIssue('FREIGHT_MULTIPLE_ARTIFACTS', `multiple artifacts found for subscription ${sub.index} (${LABEL[kind]} ${JSON.stringify(sub.label)})`, { path: [kind, i] }));
      }
    });
  }
  for (const sub of subscriptions.values()) {
    if (sub.count === 0) {
      issues.push(
        createIssue('FREIGHT_MISSING_ARTIFACT', `no artifact found for subscription ${sub.index} (${LABEL[sub.kind]} ${JSON.stringify(sub.label)}) of Warehouse ${JSON.stringify(warehouseName)}`, { path: [sub.kind] }),
      );
    }
  }
  return issues;
}
