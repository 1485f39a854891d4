import { describe, expect, it } from 'vitest';
import { selectImages } from '../../../src/discovery/index.js';
import { createFreight, validateWarehouseSubscriptions } from '../../../src/freight/index.js';
import { parseManifests, type Warehouse } from '../../../src/model/index.js';

const manifest = `
apiVersion: kargo.akuity.io/v1alpha1
kind: Warehouse
metadata:
  name: app
  namespace: demo
spec:
  subscriptions:
    - image:
        repoURL: ghcr.io/org/app
        constraint: ^1.0.0
status:
  discoveredArtifacts:
    discoveredAt: "2024-05-01T10:00:00Z"
    images:
      - repoURL: ghcr.io/org/app
        references:
          - tag: 1.2.0
            digest: sha256:abc
`;

describe('model resources', () => {
  it('feed selection, admission and Freight assembly directly', () => {
    const parsed = parseManifests(manifest);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const warehouse = parsed.value[0] as Warehouse;
    const first = warehouse.spec.subscriptions[0] as { image: Parameters<typeof selectImages>[0] };
    const picked = selectImages(first.image, [{ tag: '1.2.0' }, { tag: '2.0.0' }, { tag: '1.0.0-rc.1' }]);
    expect(picked.ok && picked.value.map((c) => c.tag)).toEqual(['1.2.0']);
    expect(validateWarehouseSubscriptions(warehouse)).toEqual([]);
    // A second spelling of the same repository is refused at parse time already, as Kargo's admission does.
    const twice = manifest.replace('status:', '    - image:\n        repoURL: GHCR.io/org/app\nstatus:');
    const refused = parseManifests(twice);
    expect(refused.ok).toBe(false);
    expect(refused.issues.map((i) => [i.code, i.path])).toEqual([['MANIFEST_DUPLICATE_SUBSCRIPTION', ['spec', 'subscriptions', 1, 'image', 'repoURL']]]);
    expect(validateWarehouseSubscriptions({ metadata: { name: 'app' }, spec: { subscriptions: [first, { image: { repoURL: 'GHCR.io/org/app' } }] } }).map((i) => i.path)).toEqual([
      ['spec', 'subscriptions', 1, 'image', 'repoURL'],
    ]);
    const freight = createFreight(warehouse, warehouse.status?.discoveredArtifacts ?? {}, { now: '2024-05-01T10:00:00Z', alias: 'fixed-alias' });
    expect(freight.ok && freight.value.images).toEqual([{ repoURL: 'ghcr.io/org/app', tag: '1.2.0', digest: 'sha256:abc' }]);
  });
});
