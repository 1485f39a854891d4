import { describe, expect, it } from 'vitest';
import { validateFreightArtifacts } from '../../../src/freight/index.js';

const warehouse = {
  metadata: { name: 'wh' },
  spec: {
    subscriptions: [
      { git: { repoURL: 'https://github.com/o/r.git' } },
      { image: { repoURL: 'nginx' } },
      { chart: { repoURL: 'https://charts.example.com', name: 'app' } },
      { name: 'c', custom: { x: 1 } },
    ],
  },
};
const complete = {
  commits: [{ repoURL: 'https://GitHub.com/o/r', id: 'abc' }],
  images: [{ repoURL: 'nginx', tag: '1.0.0' }],
  charts: [{ repoURL: 'https://charts.example.com/', name: 'app', version: '1.0.0' }],
};

describe('validateFreightArtifacts', () => {
  it('admits one artifact per subscription, pairing Git and chart URLs after normalization', () => {
    expect(validateFreightArtifacts(complete, warehouse)).toEqual([]);
  });
  it('pairs images by the URL exactly as written', () => {
    const issues = validateFreightArtifacts({ ...complete, images: [{ repoURL: 'docker.io/library/nginx', tag: '1' }] }, warehouse);
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ['FREIGHT_UNKNOWN_ARTIFACT', ['images', 0]],
      ['FREIGHT_MISSING_ARTIFACT', ['images']],
    ]);
  });
  it('rejects two artifacts for one subscription and empty Freight', () => {
    const issues = validateFreightArtifacts({ ...complete, commits: [...complete.commits, { repoURL: 'https://github.com/o/r', id: 'def' }] }, warehouse);
    expect(issues.map((i) => i.code)).toEqual(['FREIGHT_MULTIPLE_ARTIFACTS']);
    expect(validateFreightArtifacts({}, warehouse).map((i) => i.code)).toEqual(['FREIGHT_EMPTY']);
  });
});
