import { describe, expect, it } from 'vitest';
import { selectChartVersions } from '../../../src/discovery/index.js';

describe('selectChartVersions', () => {
  it('accepts loose versions from a classic repository and reports them as written', () => {
    const r = selectChartVersions({ repoURL: 'https://charts.example.com', name: 'app' }, ['v1.2', '1', 'x', '1.1.0']);
    expect(r.ok && r.value).toEqual(['v1.2', '1.1.0', '1']);
  });
  it('reads OCI tags strictly, with _ standing for +', () => {
    const r = selectChartVersions({ repoURL: 'oci://ghcr.io/org/app' }, ['v2.0.0', '1.0.0_b.1', '1.0.0_b_1', '01.0.0', '0.1']);
    expect(r.ok && r.value).toEqual(['1.0.0+b.1']);
  });
  it('cuts to the limit after sorting', () => {
    const r = selectChartVersions({ repoURL: 'https://c.example.com', name: 'a', discoveryLimit: 2 }, ['1.0.0', '3.0.0', '2.0.0']);
    expect(r.ok && r.value).toEqual(['3.0.0', '2.0.0']);
  });
  it('rejects a repository URL with another scheme, case-sensitively', () => {
    for (const repoURL of ['HTTPS://c.example.com', 'ftp://x', 'c.example.com']) {
      const r = selectChartVersions({ repoURL, name: 'a' }, ['1.0.0']);
      expect(!r.ok && r.issues[0]).toMatchObject({ code: 'DISCOVERY_INVALID_CHART_REPO_URL', path: ['repoURL'] });
    }
  });
  it('reports a bad constraint at semverConstraint', () => {
    const r = selectChartVersions({ repoURL: 'oci://x.io/a', semverConstraint: '>=1 ||' }, ['1.0.0']);
    expect(!r.ok && r.issues[0]).toMatchObject({ code: 'DISCOVERY_INVALID_CONSTRAINT', path: ['semverConstraint'] });
  });
  it('skips entries that are not text', () => {
    const r = selectChartVersions({ repoURL: 'oci://x.io/a' }, ['1.0.0', 7 as never, null as never]);
    expect(r.ok && r.value).toEqual(['1.0.0']);
  });
});
