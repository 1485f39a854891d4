import { describe, expect, it } from 'vitest';
import { createMemoryChartRepository, createMemoryGit, createMemoryRegistry } from '../../../src/adapters/memory/index.js';
import { isWaybillError } from '../../../src/errors/index.js';

function thrown(attempt: () => unknown): unknown {
  try {
    attempt();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('createMemoryRegistry', () => {
  it('addresses repositories as Kargo normalizes them', async () => {
    const registry = createMemoryRegistry();
    registry.push('docker.io/library/nginx', { tag: '1.27.0' });
    const listed = await registry.listTags({ repository: 'nginx' });
    expect(listed.ok && listed.value.items).toEqual(['1.27.0']);
  });

  it('derives digests from the content: the same pushes give the same digests, different images different ones', async () => {
    const digestOf = async (createdAt: string): Promise<string> => {
      const registry = createMemoryRegistry();
      registry.push('ghcr.io/a/b', { tag: '1.0.0', createdAt });
      const image = await registry.getImage({ repository: 'ghcr.io/a/b', tag: '1.0.0' });
      return image.ok ? image.value.digest : '';
    };
    expect(await digestOf('2026-01-01T00:00:00Z')).toBe(await digestOf('2026-01-01T00:00:00Z'));
    expect(await digestOf('2026-01-01T00:00:00Z')).not.toBe(await digestOf('2026-01-02T00:00:00Z'));
  });

  it('gives an index the newest platform time when it has none of its own', async () => {
    const registry = createMemoryRegistry();
    registry.push('r', { tag: 't', platforms: [{ os: 'linux', arch: 'amd64', createdAt: '2026-01-02T00:00:00Z' }, { os: 'linux', arch: 'arm64', createdAt: '2026-01-03T00:00:00Z' }] });
    const image = await registry.getImage({ repository: 'r', tag: 't' });
    expect(image.ok && image.value.createdAt).toBe('2026-01-03T00:00:00Z');
  });

  it('removes tags, keeps the listing order, and injects and clears failures', async () => {
    const registry = createMemoryRegistry();
    registry.pushTags('r', ['a', 'b', 'c', 'b']);
    expect(registry.remove('r', 'b')).toBe(true);
    expect(registry.remove('r', 'b')).toBe(false);
    const listed = await registry.listTags({ repository: 'r' });
    expect(listed.ok && listed.value.items).toEqual(['a', 'c']);
    registry.fail('r', { kind: 'transport', status: 503 });
    const failed = await registry.listTags({ repository: 'r' });
    expect(failed).toEqual({ ok: false, failure: { kind: 'transport', message: 'listTags r: simulated transport failure', retryable: true, status: 503 } });
    registry.heal('r');
    expect((await registry.listTags({ repository: 'r' })).ok).toBe(true);
    expect((await registry.listTags({ repository: 'r', cursor: 'nope' })).ok).toBe(false);
  });

  it('refuses mistakes in test setup with a WaybillError', () => {
    const registry = createMemoryRegistry();
    expect(isWaybillError(thrown(() => registry.push('r', { tag: '' })))).toBe(true);
    expect(isWaybillError(thrown(() => registry.push('r', { tag: 'x', createdAt: 'soon' })))).toBe(true);
  });
});

describe('createMemoryGit', () => {
  it('gives deterministic ids and dates a minute apart when none are given', () => {
    const make = () => {
      const git = createMemoryGit();
      return [git.commit('https://github.com/a/b', { subject: 'one' }), git.commit('https://github.com/a/b', { subject: 'two' })];
    };
    expect(make()).toEqual(make());
    expect(make()[0]).toMatch(/^[0-9a-f]{40}$/);
  });

  it('treats URLs Kargo normalizes alike as one repository, and keeps branches apart', async () => {
    const git = createMemoryGit();
    git.createRepository('https://github.com/a/b.git', { defaultBranch: 'trunk' });
    git.commit('https://GitHub.com/a/b', { subject: 'on trunk' });
    git.commit('https://github.com/a/b', { subject: 'on feature', branch: 'feature' });
    const trunk = await git.listCommits({ repoURL: 'https://github.com/a/b.git', skip: 0, maxCount: 10 });
    expect(trunk.ok && trunk.value.map((c) => c.subject)).toEqual(['on trunk']);
    const feature = await git.listCommits({ repoURL: 'https://github.com/a/b', branch: 'feature', skip: 0, maxCount: 10 });
    expect(feature.ok && feature.value.map((c) => c.subject)).toEqual(['on feature']);
  });

  it('moves a tag that is tagged again, and refuses to tag what does not exist', async () => {
    const git = createMemoryGit();
    const first = git.commit('u', { subject: 'one' });
    const second = git.commit('u', { subject: 'two' });
    git.tag('u', { tag: 'v1', commit: first });
    git.tag('u', { tag: 'v1' });
    const tags = await git.listTags({ repoURL: 'u' });
    expect(tags.ok && tags.value.items.map((t) => [t.tag, t.id])).toEqual([['v1', second]]);
    expect(isWaybillError(thrown(() => git.tag('u', { tag: 'v2', commit: 'abc123' })))).toBe(true);
    expect(isWaybillError(thrown(() => git.tag('empty', { tag: 'v2' })))).toBe(true);
  });
});

describe('createMemoryChartRepository', () => {
  it('refuses a classic chart without a name and an OCI chart with one', () => {
    const charts = createMemoryChartRepository();
    expect(isWaybillError(thrown(() => charts.push('https://charts.example.com', { version: '1.0.0' })))).toBe(true);
    expect(isWaybillError(thrown(() => charts.push('oci://r/c', { name: 'c', version: '1.0.0' })))).toBe(true);
  });

  it('stores + as _ in OCI tags and ignores a trailing slash on classic URLs', async () => {
    const charts = createMemoryChartRepository();
    charts.push('oci://r/c', { version: '1.0.0+b.1' });
    charts.push('https://charts.example.com/', { name: 'app', version: '1.0.0' });
    const oci = await charts.listVersions({ repoURL: 'oci://r/c' });
    expect(oci.ok && oci.value.items).toEqual(['1.0.0_b.1']);
    const classic = await charts.listVersions({ repoURL: 'https://charts.example.com', name: 'app' });
    expect(classic.ok && classic.value.items).toEqual(['1.0.0']);
  });
});
