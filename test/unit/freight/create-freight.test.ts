import { describe, expect, it } from 'vitest';
import { ALIAS_LABEL, createFreight, freightId, type DiscoveredArtifacts } from '../../../src/freight/index.js';

const warehouse = { metadata: { name: 'wh', namespace: 'demo' } };
const discovered: DiscoveredArtifacts = {
  git: [
    {
      repoURL: 'https://github.com/o/r.git',
      subscriptionName: 'app-src',
      commits: [
        { id: 'c2', branch: 'main', subject: 'second', author: 'Ann', committer: 'Bob', creatorDate: '2024-01-02T00:00:00Z' },
        { id: 'c1', branch: 'main' },
      ],
    },
  ],
  images: [{ repoURL: 'nginx', references: [{ tag: '1.25.0', digest: 'sha256:aa', annotations: { a: 'b' } }, { tag: '1.24.0', digest: 'sha256:bb' }] }],
  charts: [{ repoURL: 'oci://ghcr.io/o/chart', versions: ['2.0.0', '1.0.0'] }],
  results: [{ name: 'custom', artifactReferences: [{ artifactType: 'thing', subscriptionName: 'custom', version: 'v9', metadata: { x: 1 } }] }],
};

describe('createFreight', () => {
  it('maps the newest artifact of each result to Kargo fields', () => {
    const r = createFreight(warehouse, discovered, { now: '2024-03-01T10:00:00.500Z', alias: 'my-alias' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const f = r.value;
    expect(f).toMatchObject({
      apiVersion: 'kargo.akuity.io/v1alpha1',
      kind: 'Freight',
      metadata: { namespace: 'demo', labels: { [ALIAS_LABEL]: 'my-alias' } },
      alias: 'my-alias',
      origin: { kind: 'Warehouse', name: 'wh' },
      discoveredAt: '2024-03-01T10:00:00Z',
      commits: [{ repoURL: 'https://github.com/o/r.git', id: 'c2', branch: 'main', message: 'second', author: 'Ann', committer: 'Bob', subscriptionName: 'app-src' }],
      images: [{ repoURL: 'nginx', tag: '1.25.0', digest: 'sha256:aa', annotations: { a: 'b' } }],
      charts: [{ repoURL: 'oci://ghcr.io/o/chart', version: '2.0.0' }],
      artifacts: [{ artifactType: 'thing', subscriptionName: 'custom', version: 'v9', metadata: { x: 1 } }],
    });
    expect(f.metadata.name).toBe(freightId(f));
  });
  it('gives the same name for the same artifacts, whatever else differs', () => {
    const a = createFreight(warehouse, discovered, { now: '2024-03-01T10:00:00Z' });
    const b = createFreight(warehouse, discovered, { now: new Date('2025-01-01T00:00:00Z'), alias: 'other' });
    expect(a.ok && b.ok && a.value.metadata.name === b.value.metadata.name).toBe(true);
  });
  it('picks a deterministic alias that is not taken', () => {
    const first = createFreight(warehouse, discovered, { now: '2024-03-01T10:00:00Z' });
    const alias = first.ok ? (first.value.alias ?? '') : '';
    expect(alias).toMatch(/^[a-z]+-[a-z]+$/);
    const second = createFreight(warehouse, discovered, { now: '2024-03-01T10:00:00Z', isAliasTaken: (a) => a === alias });
    expect(second.ok && second.value.alias).not.toBe(alias);
  });
  it('fails for each empty result, naming it', () => {
    const r = createFreight(warehouse, { git: [{ repoURL: 'https://g/x', commits: [] }], charts: [{ repoURL: 'https://c', name: 'n', versions: [] }] }, { now: '2024-01-01T00:00:00Z' });
    expect(!r.ok && r.issues.map((i) => [i.code, i.path])).toEqual([
      ['FREIGHT_NO_COMMITS', ['git', 0, 'commits']],
      ['FREIGHT_NO_CHART_VERSIONS', ['charts', 0, 'versions']],
    ]);
  });
  it('fails without any artifact, without a Warehouse name, or with a bad time', () => {
    expect(createFreight(warehouse, {}, { now: '2024-01-01T00:00:00Z' })).toMatchObject({ ok: false, issues: [{ code: 'FREIGHT_EMPTY' }] });
    expect(createFreight({ metadata: { name: '' } }, discovered, { now: 'yesterday' })).toMatchObject({
      ok: false,
      issues: [{ code: 'FREIGHT_INVALID_INPUT' }, { code: 'FREIGHT_INVALID_INPUT' }],
    });
  });
});
