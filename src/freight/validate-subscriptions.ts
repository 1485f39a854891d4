import { createIssue, type Issue } from '../errors/index.js';
import { findDuplicateSubscriptions } from '../model/index.js';
import type { FreightWarehouse } from './types.js';

type Entry = Readonly<Record<string, unknown>>;

const isObject = (v: unknown): v is Entry => typeof v === 'object' && v !== null && !Array.isArray(v);

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
  });
  for (const dup of findDuplicateSubscriptions(subs)) {
    issues.push(createIssue('FREIGHT_DUPLICATE_SUBSCRIPTION', dup.message, { path: ['spec', 'subscriptions', dup.index, dup.type, 'repoURL'] }));
  }
  return issues;
}
