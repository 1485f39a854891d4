import { describe, expect, it } from 'vitest';
import { createMemoryRegistry, type MemoryRegistry } from '../../../src/adapters/memory/index.js';
import { discover, type DiscoveredArtifactsStatus } from '../../../src/discovery/index.js';
import type { Result } from '../../../src/result.js';

const repo = 'ghcr.io/acme/app';

function warehouse(...subscriptions: unknown[]) {
  return { metadata: { name: 'app' }, spec: { subscriptions } };
}

function value(result: Result<DiscoveredArtifactsStatus>): DiscoveredArtifactsStatus {
  if (!result.ok) throw new Error(`discovery failed: ${JSON.stringify(result.issues)}`);
  return result.value;
}

const tagsOf = (result: Result<DiscoveredArtifactsStatus>, i = 0): string[] => (value(result).images?.[i]?.references ?? []).map((r) => r.tag);
const reads = (registry: MemoryRegistry): string[] => registry.requests.filter((r) => r.startsWith('getImage')).map((r) => r.slice(r.indexOf(':') + 1));

function registryWith(tags: readonly string[]): MemoryRegistry {
  const registry = createMemoryRegistry();
  tags.forEach((tag, i) => registry.push(repo, { tag, createdAt: `2026-01-01T00:00:${String(i).padStart(2, '0')}Z` }));
  return registry;
}

describe('discover: image subscriptions', () => {
  it('SemVer reads image metadata in version order and stops at the limit', async () => {
    const registry = registryWith(['1.0.0', '1.2.0', 'latest', '1.10.0', 'v2.0.0-rc.1', '1.1', '0.9.0']);
    const result = await discover(warehouse({ image: { repoURL: repo, discoveryLimit: 3 } }), { registry });
    // Without a constraint a prerelease counts; `1.1` is not a whole version under strictSemvers.
    expect(tagsOf(result)).toEqual(['v2.0.0-rc.1', '1.10.0', '1.2.0']);
    expect(reads(registry)).toEqual(['v2.0.0-rc.1', '1.10.0', '1.2.0']);
    const [, second] = value(result).images?.[0]?.references ?? [];
    expect(second?.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(second?.createdAt).toBe('2026-01-01T00:00:03Z');
    expect(value(result).images?.[0]?.repoURL).toBe(repo);
  });

  it('SemVer applies the constraint and the tag regexes before reading anything', async () => {
    const registry = registryWith(['1.0.0', '1.5.0', '2.0.0', '1.6.0-rc.1', '1.4.0']);
    const result = await discover(warehouse({ image: { repoURL: repo, constraint: '^1.0.0', ignoreTagsRegexes: ['^1\\.5'] } }), { registry });
    expect(tagsOf(result)).toEqual(['1.4.0', '1.0.0']);
    expect(reads(registry)).toEqual(['1.4.0', '1.0.0']);
  });

  it('Lexical orders tags bytewise, highest first', async () => {
    const registry = registryWith(['v1.2.0', 'v1.10.0', 'v1.9.0']);
    const result = await discover(warehouse({ image: { repoURL: repo, imageSelectionStrategy: 'Lexical' } }), { registry });
    expect(tagsOf(result)).toEqual(['v1.9.0', 'v1.2.0', 'v1.10.0']);
  });

  it('NewestBuild reads every eligible tag and orders by creation time', async () => {
    const registry = createMemoryRegistry();
    registry.push(repo, { tag: 'main-aaa', createdAt: '2026-03-01T00:00:00Z' });
    registry.push(repo, { tag: 'main-bbb', createdAt: '2026-03-03T00:00:00Z' });
    registry.push(repo, { tag: 'main-ccc', createdAt: '2026-03-02T00:00:00Z' });
    registry.push(repo, { tag: 'pr-1', createdAt: '2026-04-01T00:00:00Z' });
    registry.push(repo, { tag: 'main-ddd', createdAt: '2026-03-02T00:00:00Z' });
    const result = await discover(warehouse({ image: { repoURL: repo, imageSelectionStrategy: 'NewestBuild', allowTagsRegexes: ['^main-'], discoveryLimit: 3 } }), { registry });
    // Equal times go to the tag, descending.
    expect(tagsOf(result)).toEqual(['main-bbb', 'main-ddd', 'main-ccc']);
    expect([...reads(registry)].sort()).toEqual(['main-aaa', 'main-bbb', 'main-ccc', 'main-ddd']);
  });

  it('Digest follows one mutable tag; a moved tag gives a new digest', async () => {
    const registry = registryWith(['1.0.0', 'latest']);
    const sub = warehouse({ image: { repoURL: repo, imageSelectionStrategy: 'Digest', constraint: 'latest' } });
    const before = value(await discover(sub, { registry })).images?.[0]?.references ?? [];
    expect(before.map((r) => r.tag)).toEqual(['latest']);
    registry.push(repo, { tag: 'latest', createdAt: '2026-05-01T00:00:00Z' });
    const after = value(await discover(sub, { registry })).images?.[0]?.references ?? [];
    expect(after[0]?.digest).not.toBe(before[0]?.digest);
    expect(registry.requests.filter((r) => r.startsWith('listTags'))).toEqual([]);
  });

  it('Digest of a tag that does not exist is an empty result, not an error', async () => {
    const registry = registryWith(['1.0.0']);
    const result = await discover(warehouse({ image: { repoURL: repo, imageSelectionStrategy: 'Digest', constraint: 'stable' } }), { registry });
    expect(value(result).images).toEqual([{ repoURL: repo, references: [] }]);
  });

  it('a platform constraint skips images without it, and misses do not use up the limit', async () => {
    const registry = createMemoryRegistry();
    registry.push(repo, {
      tag: '1.0.0',
      annotations: { 'org.opencontainers.image.source': 'https://example.com/app' },
      platforms: [
        { os: 'linux', arch: 'amd64', createdAt: '2026-01-01T00:00:00Z' },
        { os: 'linux', arch: 'arm64', createdAt: '2026-01-02T00:00:00Z', annotations: { arch: 'arm64' } },
      ],
    });
    registry.push(repo, { tag: '1.1.0', platforms: [{ os: 'linux', arch: 'amd64' }] });
    registry.push(repo, { tag: '1.2.0', createdAt: '2026-02-01T00:00:00Z' });
    registry.push(repo, { tag: '0.9.0', platforms: [{ os: 'linux', arch: 'arm64', variant: 'v8' }] });
    const result = await discover(warehouse({ image: { repoURL: repo, platform: 'linux/arm64', discoveryLimit: 1 } }), { registry });
    const images = value(result).images ?? [];
    expect(images[0]?.platform).toBe('linux/arm64');
    expect(images[0]?.references.map((r) => r.tag)).toEqual(['1.0.0']);
    // The single-platform 1.2.0 and the amd64-only 1.1.0 were read and skipped; 0.9.0 was never needed.
    expect(reads(registry)).toEqual(['1.2.0', '1.1.0', '1.0.0']);
    const image = await registry.getImage({ repository: repo, tag: '1.0.0' });
    const ref = images[0]?.references[0];
    expect(ref?.digest).toBe(image.ok ? image.value.digest : 'unreadable');
    expect(ref?.annotations).toEqual({ 'org.opencontainers.image.source': 'https://example.com/app', arch: 'arm64' });
    expect(ref?.createdAt).toBe('2026-01-02T00:00:00Z');
  });

  it('a platform with a variant only matches that variant', async () => {
    const registry = createMemoryRegistry();
    registry.push(repo, { tag: '1.0.0', platforms: [{ os: 'linux', arch: 'arm64', variant: 'v8' }] });
    registry.push(repo, { tag: '1.1.0', platforms: [{ os: 'linux', arch: 'arm64' }] });
    const result = await discover(warehouse({ image: { repoURL: repo, platform: 'linux/arm64/v8' } }), { registry });
    expect(tagsOf(result)).toEqual(['1.0.0']);
  });

  it('keeps each kind in subscription order and records names and the discovery time', async () => {
    const registry = registryWith(['1.0.0', '2.0.0']);
    registry.push('docker.io/library/nginx', { tag: '1.27.0' });
    const result = await discover(
      warehouse({ name: 'app', image: { repoURL: repo } }, { image: { repoURL: 'nginx' } }),
      { registry },
      { now: new Date('2026-06-01T10:20:30.456Z') },
    );
    const status = value(result);
    expect(status.discoveredAt).toBe('2026-06-01T10:20:30Z');
    expect(status.images?.map((i) => [i.repoURL, i.subscriptionName, i.references[0]?.tag])).toEqual([
      [repo, 'app', '2.0.0'],
      ['nginx', undefined, '1.27.0'],
    ]);
    expect(status.git).toBeUndefined();
    expect(status.charts).toBeUndefined();
  });

  it('applies Kargo\'s default limit of 20 when the subscription sets none', async () => {
    const registry = createMemoryRegistry();
    registry.pushTags(repo, Array.from({ length: 30 }, (_, i) => `1.0.${i}`));
    const result = await discover(warehouse({ image: { repoURL: repo } }), { registry });
    expect(tagsOf(result)).toHaveLength(20);
    expect(tagsOf(result)[0]).toBe('1.0.29');
  });

  it('works through a million tags in pages', async () => {
    const registry = createMemoryRegistry();
    registry.pushTags(repo, Array.from({ length: 1_000_000 }, (_, i) => `1.${i % 1000}.${Math.floor(i / 1000)}`));
    const started = performance.now();
    const result = await discover(warehouse({ image: { repoURL: repo, discoveryLimit: 3 } }), { registry });
    expect(tagsOf(result)).toEqual(['1.999.999', '1.999.998', '1.999.997']);
    expect(registry.requests.filter((r) => r.startsWith('listTags'))).toHaveLength(1000);
    expect(reads(registry)).toEqual(['1.999.999', '1.999.998', '1.999.997']);
    expect(performance.now() - started).toBeLessThan(5000);
  }, 20_000);
});
