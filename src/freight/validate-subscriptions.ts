import { normalizeChartURL, normalizeGitURL, normalizeImageURL } from '../discovery/index.js';
import { createIssue, type Issue } from '../errors/index.js';
import type { FreightWarehouse } from './types.js';

type Entry = Readonly<Record<string, unknown>>;

const isObject = (v: unknown): v is Entry => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The key naming a subscription's type: its only key other than `name`, if it has exactly one. */
function typeKeyOf(sub: Entry): string | undefined {
  const keys = Object.keys(sub).filter((k) => k !== 'name');
  return keys.length === 1 ? keys[0] : undefined;
}

/**
 * The identity Kargo's admission uses to spot two subscriptions to the same thing, or undefined for
 * generic subscriptions (their names keep them apart): the normalized Git or image URL, or the
 * normalized chart URL plus `:name` for classic (`http(s)://`) chart repositories.
 */
export function subscriptionKey(type: string, body: Entry): string | undefined {
  const repoURL = typeof body['repoURL'] === 'string' ? body['repoURL'] : '';
  switch (type) {
    case 'git':
      return `git|${normalizeGitURL(repoURL)}`;
    case 'image':
      return `image|${normalizeImageURL(repoURL)}`;
    case 'chart': {
      const name = typeof body['name'] === 'string' ? body['name'] : '';
      const classic = repoURL.startsWith('http://') || repoURL.startsWith('https://');
      return `chart|${normalizeChartURL(repoURL)}${classic ? `:${name}` : ''}`;
    }
    default:
      return undefined;
  }
}

const DUPLICATE_MESSAGES: Readonly<Record<string, (body: Entry, at: number) => string>> = {
  git: (_, at) => `subscription for Git repository already exists at index ${at}`,
  image: (_, at) => `subscription for image repository already exists at index ${at}`,
  chart: (body, at) =>
    typeof body['name'] === 'string' && body['name'] !== ''
      ? `subscription for chart ${JSON.stringify(body['name'])} already exists at index ${at}`
      : `subscription for chart already exists at index ${at}`,
};

/**
 * Kargo's admission rule against duplicate subscriptions in a Warehouse: one subscription per
 * normalized Git URL, per normalized image URL (`nginx` = `docker.io/library/nginx`), and per chart
 * (normalized URL, plus the chart name for classic repositories); subscription names must be
 * unique too. Issues point at the later duplicate, e.g. `["spec","subscriptions",2,"image","repoURL"]`.
 */
export function validateWarehouseSubscriptions(warehouse: FreightWarehouse): Issue[] {
  const issues: Issue[] = [];
  const subs = warehouse?.spec?.subscriptions;
  if (!Array.isArray(subs)) return issues;
  const seenKeys = new Map<string, number>();
  const seenNames = new Map<string, number>();
  subs.forEach((sub: unknown, index: number) => {
    if (!isObject(sub)) return;
    const name = sub['name'];
    if (typeof name === 'string' && name !== '') {
      const first = seenNames.get(name);
      if (first !== undefined) {
        issues.push(
          createIssue('FREIGHT_DUPLICATE_SUBSCRIPTION_NAME', `subscription name ${JSON.stringify(name)} already used at index ${first}`, {
            path: ['spec', 'subscriptions', index, 'name'],
          }),
        );
      } else {
        seenNames.set(name, index);
      }
    }
    const type = typeKeyOf(sub);
    const body = type === undefined ? undefined : sub[type];
    if (type === undefined || !isObject(body)) return;
    const key = subscriptionKey(type, body);
    if (key === undefined) return;
    const first = seenKeys.get(key);
    if (first === undefined) {
      seenKeys.set(key, index);
      return;
    }
    issues.push(
      createIssue('FREIGHT_DUPLICATE_SUBSCRIPTION', DUPLICATE_MESSAGES[type]!(body, first), { path: ['spec', 'subscriptions', index, type, 'repoURL'] }),
    );
  });
  return issues;
}
