import { normalizeChartURL, normalizeGitURL, normalizeImageURL } from '../urls/index.js';

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
      // Kargo tests the raw URL's prefix, case-sensitively, to tell classic repositories apart.
      const classic = repoURL.startsWith('http://') || repoURL.startsWith('https://');
      return `chart|${normalizeChartURL(repoURL)}${classic ? `:${name}` : ''}`;
    }
    default:
      return undefined;
  }
}

/** A subscription that watches the same repository as an earlier one. */
export interface DuplicateSubscription {
  /** Index of the later subscription in `spec.subscriptions`. */
  readonly index: number;
  /** Index of the first subscription with the same identity. */
  readonly first: number;
  /** The subscription's type key (`git`, `image` or `chart`). */
  readonly type: string;
  /** What Kargo's admission says about it. */
  readonly message: string;
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
 * (normalized URL, plus the chart name for classic repositories). Malformed entries are skipped:
 * other rules report them.
 */
export function findDuplicateSubscriptions(subscriptions: readonly unknown[]): DuplicateSubscription[] {
  const duplicates: DuplicateSubscription[] = [];
  const seen = new Map<string, number>();
  subscriptions.forEach((sub, index) => {
    if (!isObject(sub)) return;
    const type = typeKeyOf(sub);
    const body = type === undefined ? undefined : sub[type];
    if (type === undefined || !isObject(body)) return;
    const key = subscriptionKey(type, body);
    if (key === undefined) return;
    const first = seen.get(key);
    if (first === undefined) seen.set(key, index);
    else duplicates.push({ index, first, type, message: DUPLICATE_MESSAGES[type]!(body, first) });
  });
  return duplicates;
}
