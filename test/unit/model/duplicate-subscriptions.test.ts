import { describe, expect, it } from 'vitest';
import { findDuplicateSubscriptions, parseManifests } from '../../../src/model/index.js';

const warehouse = (subscriptions: string) => `apiVersion: kargo.akuity.io/v1alpha1
kind: Warehouse
metadata:
  name: wh
  namespace: demo
spec:
  subscriptions:
${subscriptions}`;

describe('duplicate Warehouse subscriptions', () => {
  it('are reported by parseManifests at the later repoURL, with its position', () => {
    const text = warehouse(`  - image:
      repoURL: nginx
  - image:
      repoURL: docker.io/library/nginx
`);
    const r = parseManifests(text, { file: 'wh.yaml' });
    expect(r.ok).toBe(false);
    const issue = r.issues.find((i) => i.code === 'MANIFEST_DUPLICATE_SUBSCRIPTION');
    expect(issue).toMatchObject({
      path: ['spec', 'subscriptions', 1, 'image', 'repoURL'],
      message: 'subscription for image repository already exists at index 0',
      file: 'wh.yaml',
      line: 11,
    });
  });

  it('treat spellings of one Git repository as the same, and charts by URL and name', () => {
    const dups = findDuplicateSubscriptions([
      { git: { repoURL: 'https://github.com/acme/app.git' } },
      { git: { repoURL: 'https://GitHub.com/acme/app' } },
      { chart: { repoURL: 'https://charts.example.com', name: 'a' } },
      { chart: { repoURL: 'https://charts.example.com', name: 'b' } },
      { chart: { repoURL: 'https://Charts.Example.com', name: 'a' } },
      { name: 'custom', custom: { repoURL: 'x' } },
      { name: 'other', custom: { repoURL: 'x' } },
    ]);
    expect(dups.map((d) => [d.index, d.first, d.type])).toEqual([
      [1, 0, 'git'],
      [4, 2, 'chart'],
    ]);
    expect(dups[1]?.message).toBe('subscription for chart "a" already exists at index 2');
  });

  it('leave distinct repositories alone', () => {
    const r = parseManifests(
      warehouse(`  - image:
      repoURL: ghcr.io/acme/app
  - image:
      repoURL: ghcr.io/acme/api
`),
    );
    expect(r.ok).toBe(true);
  });
});
