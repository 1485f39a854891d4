import { describe, expect, it } from 'vitest';
import { evaluateFreightCreationCriteria, type DiscoveredArtifacts } from '../../../src/freight/index.js';

const discovered: DiscoveredArtifacts = {
  git: [{ repoURL: 'https://github.com/o/r.git', commits: [{ id: 'c2', tag: 'v1.2.0', creatorDate: '2024-01-02T00:00:00Z' }, { id: 'c1' }] }],
  images: [{ repoURL: 'docker.io/library/nginx', references: [{ tag: '1.25.0', digest: 'sha256:aa', annotations: { team: 'web' } }] }],
  charts: [
    { repoURL: 'https://charts.example.com', name: 'other', versions: ['9.0.0'] },
    { repoURL: 'https://charts.example.com', name: 'app', versions: ['2.0.0', '1.0.0'] },
  ],
  results: [
    { name: 'custom', artifactReferences: [{ artifactType: 't', subscriptionName: 'custom', version: 'first' }] },
    { name: 'custom', artifactReferences: [{ artifactType: 't', subscriptionName: 'custom', version: 'last' }] },
  ],
};
const decide = (expression: string, d: DiscoveredArtifacts = discovered) => evaluateFreightCreationCriteria({ expression }, d);

describe('evaluateFreightCreationCriteria', () => {
  it('is satisfied without criteria or with a blank expression', () => {
    expect(evaluateFreightCreationCriteria(undefined, discovered)).toMatchObject({ ok: true, value: true });
    expect(decide('  ')).toMatchObject({ ok: true, value: true });
  });
  it('finds artifacts by normalized URL, with Go field names', () => {
    expect(decide('commitFrom("https://GitHub.com/o/r").Tag == "v1.2.0" && commitFrom("https://github.com/o/r").ID == "c2"')).toMatchObject({ ok: true, value: true });
    expect(decide('imageFrom("nginx").Tag == "1.25.0" && imageFrom("nginx").Annotations.team == "web"')).toMatchObject({ ok: true, value: true });
    expect(decide('chartFrom("https://charts.example.com", "app").Version == "2.0.0"')).toMatchObject({ ok: true, value: true });
    expect(decide('chartFrom("https://charts.example.com").Name == "other"')).toMatchObject({ ok: true, value: true });
    expect(decide('artifactFrom("custom").Version == "last"')).toMatchObject({ ok: true, value: true });
    expect(decide('commitFrom("https://github.com/o/missing") == nil')).toMatchObject({ ok: true, value: true });
  });
  it('can say no', () => {
    expect(decide('imageFrom("nginx").Tag startsWith "2."')).toMatchObject({ ok: true, value: false });
  });
  it('skips the expression when only generic results exist', () => {
    expect(decide('this does not even compile', { results: discovered.results })).toMatchObject({ ok: true, value: true });
  });
  it('fails on expressions that do not compile, fail, or give no boolean', () => {
    for (const expression of ['imageFrom(', 'imageFrom("nginx").Tag.Foo.Bar()', '"maybe"']) {
      const r = decide(expression);
      expect(!r.ok && r.issues[0]).toMatchObject({ code: 'FREIGHT_CRITERIA_FAILED', path: ['spec', 'freightCreationCriteria', 'expression'] });
    }
  });
  it('reads boolean-like text as Go does', () => {
    expect(decide('"true"')).toMatchObject({ ok: true, value: true });
  });
});
