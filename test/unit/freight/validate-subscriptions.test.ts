import { describe, expect, it } from 'vitest';
import { validateWarehouseSubscriptions } from '../../../src/freight/index.js';

const wh = (subscriptions: unknown[]) => ({ metadata: { name: 'wh' }, spec: { subscriptions } });

describe('validateWarehouseSubscriptions', () => {
  it('accepts distinct subscriptions', () => {
    expect(
      validateWarehouseSubscriptions(
        wh([{ git: { repoURL: 'https://github.com/o/a' } }, { image: { repoURL: 'nginx' } }, { chart: { repoURL: 'https://c.io', name: 'x' } }, { chart: { repoURL: 'https://c.io', name: 'y' } }]),
      ),
    ).toEqual([]);
  });
  it('spots Git and image duplicates through normalization', () => {
    const issues = validateWarehouseSubscriptions(
      wh([{ git: { repoURL: 'https://github.com/o/a.git' } }, { git: { repoURL: 'https://GitHub.com/o/a' } }, { image: { repoURL: 'nginx' } }, { image: { repoURL: 'docker.io/library/nginx' } }]),
    );
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ['FREIGHT_DUPLICATE_SUBSCRIPTION', ['spec', 'subscriptions', 1, 'git', 'repoURL']],
      ['FREIGHT_DUPLICATE_SUBSCRIPTION', ['spec', 'subscriptions', 3, 'image', 'repoURL']],
    ]);
  });
  it('keys classic charts by URL and name, OCI charts by URL', () => {
    const issues = validateWarehouseSubscriptions(
      wh([{ chart: { repoURL: 'https://c.io', name: 'x' } }, { chart: { repoURL: 'https://C.io', name: 'x' } }, { chart: { repoURL: 'oci://ghcr.io/o/c' } }, { chart: { repoURL: 'OCI://ghcr.io/o/c' } }]),
    );
    expect(issues.map((i) => i.path[2])).toEqual([1, 3]);
  });
  it('requires unique subscription names and ignores generic subscriptions otherwise', () => {
    const issues = validateWarehouseSubscriptions(wh([{ name: 'a', custom: { x: 1 } }, { name: 'a', other: { x: 1 } }, { name: 'b', custom: { x: 1 } }]));
    expect(issues.map((i) => [i.code, i.path])).toEqual([['FREIGHT_DUPLICATE_SUBSCRIPTION_NAME', ['spec', 'subscriptions', 1, 'name']]]);
  });
  it('tolerates malformed input', () => {
    expect(validateWarehouseSubscriptions({ metadata: { name: 'x' } })).toEqual([]);
    expect(validateWarehouseSubscriptions(wh([null, 3, { git: 'x' }, {}]))).toEqual([]);
  });
});
