import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMemoryGit, createMemoryRegistry } from '../../../src/adapters/memory/index.js';
import { discover, selectGitRefs, selectImages, type CommitCandidate, type ImageCandidate } from '../../../src/discovery/index.js';
import type { ImageMetadata } from '../../../src/ports/index.js';

const repo = 'ghcr.io/acme/app';
const tagPool = ['1.0.0', '1.2.0', '1.10.0', 'v1.3.0', '2.0.0-rc.1', '0.1.0', 'latest', 'main-abc', 'v2.0.0', '1.2', '3.0.0'];
const platformPool = [
  { os: 'linux', arch: 'amd64' },
  { os: 'linux', arch: 'arm64' },
  { os: 'linux', arch: 'arm64', variant: 'v8' },
];

const imageArb = fc.record({
  tags: fc.uniqueArray(fc.constantFrom(...tagPool), { minLength: 0, maxLength: tagPool.length }),
  platforms: fc.array(fc.option(fc.subarray(platformPool, { minLength: 1 }), { nil: undefined }), { minLength: tagPool.length, maxLength: tagPool.length }),
  minutes: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: tagPool.length, maxLength: tagPool.length }),
  strategy: fc.constantFrom('SemVer', 'Lexical', 'NewestBuild'),
  platform: fc.option(fc.constantFrom('linux/amd64', 'linux/arm64', 'linux/arm64/v8'), { nil: undefined }),
  limit: fc.integer({ min: 1, max: 5 }),
});

describe('discover: laws', () => {
  it('image discovery picks what selection over every image would pick, and reads no further than needed', async () => {
    await fc.assert(
      fc.asyncProperty(imageArb, async ({ tags, platforms, minutes, strategy, platform, limit }) => {
        const registry = createMemoryRegistry({ maxPageSize: 3 });
        registry.pushTags('ghcr.io/acme/other', ['x']);
        tags.forEach((tag, i) => registry.push(repo, { tag, createdAt: `2026-01-01T00:0${minutes[i] ?? 0}:00Z`, platforms: platforms[i] }));
        const sub = { repoURL: repo, imageSelectionStrategy: strategy, platform, discoveryLimit: limit };
        const result = await discover({ spec: { subscriptions: [{ image: sub }] } }, { registry });
        const everything: ImageMetadata[] = [];
        for (const tag of tags) {
          const image = await registry.getImage({ repository: repo, tag });
          if (image.ok) everything.push(image.value);
        }
        const expected = selectImages(sub, everything as ImageCandidate[]);
        if (tags.length === 0) {
          // Nothing was ever pushed, so the repository does not exist.
          expect(result.issues.map((i) => i.code)).toEqual(['DISCOVERY_REPOSITORY_NOT_FOUND']);
          return;
        }
        expect(result.ok).toBe(true);
        expect(expected.ok).toBe(true);
        if (!result.ok || !expected.ok) return;
        expect(result.value.images?.[0]?.references.map((r) => r.tag)).toEqual(expected.value.map((c) => c.tag));
        if (strategy !== 'NewestBuild') {
          // Reads follow the order of selection without the platform and stop once enough qualify.
          const order = selectImages({ ...sub, platform: undefined, discoveryLimit: 0 }, everything as ImageCandidate[]);
          const read = registry.requests.filter((r) => r.startsWith(`getImage ${repo}:`)).slice(0, -tags.length).map((r) => r.slice(`getImage ${repo}:`.length));
          expect(order.ok && order.value.slice(0, read.length).map((c) => c.tag)).toEqual(read);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('branch discovery with path filters picks what selection over the whole history would pick', async () => {
    const pathPool = ['apps/web/values.yaml', 'apps/web/README.md', 'apps/api/values.yaml', 'docs/guide.md', 'ci.yaml'];
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.subarray(pathPool), { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 1, max: 6 }),
        fc.constantFrom(['apps/web'], ['glob:apps/*/values.yaml'], [] as string[]),
        fc.constantFrom(['glob:**/*.md'], ['docs'], [] as string[]),
        async (commits, limit, includePaths, excludePaths) => {
          const git = createMemoryGit();
          const url = 'https://github.com/acme/config';
          const ids = commits.map((paths, i) => git.commit(url, { subject: `c${i}`, paths }));
          const sub = { repoURL: url, discoveryLimit: limit, includePaths, excludePaths };
          const result = await discover({ spec: { subscriptions: [{ git: sub }] } }, { git });
          const history: CommitCandidate[] = [];
          const listed = await git.listCommits({ repoURL: url, skip: 0, maxCount: 1000 });
          for (const c of listed.ok ? listed.value : []) history.push({ ...c, changedPaths: commits[ids.indexOf(c.id)] ?? [] });
          const expected = selectGitRefs(sub, { commits: history });
          expect(result.ok && expected.ok).toBe(true);
          if (result.ok && expected.ok) expect(result.value.git?.[0]?.commits).toEqual(expected.value);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('never rejects, whatever the Warehouse holds: broken input is an issue', async () => {
    const registry = createMemoryRegistry();
    registry.pushTags(repo, ['1.0.0', 'v2', 'latest']);
    const git = createMemoryGit();
    git.commit('https://github.com/acme/config', { subject: 'x', paths: ['a'] });
    const field = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 3 }), fc.dictionary(fc.string(), fc.string(), { maxKeys: 2 }));
    const body = fc.record(
      {
        repoURL: fc.oneof(fc.constant(repo), fc.constant('https://github.com/acme/config'), field),
        imageSelectionStrategy: fc.oneof(fc.constantFrom('SemVer', 'Lexical', 'NewestBuild', 'Digest', 'Bogus'), field),
        commitSelectionStrategy: fc.oneof(fc.constantFrom('NewestFromBranch', 'SemVer', 'NewestTag'), field),
        constraint: field,
        platform: field,
        discoveryLimit: fc.oneof(fc.integer({ min: -2, max: 5 }), field),
        includePaths: field,
        allowTagsRegexes: field,
      },
      { requiredKeys: [] },
    );
    const entry = fc.oneof(fc.record({ image: body }), fc.record({ git: body }), fc.record({ chart: body }), field, fc.dictionary(fc.string(), body, { maxKeys: 2 }));
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.array(entry, { maxLength: 3 }), field), async (subscriptions) => {
        const result = await discover({ spec: { subscriptions } } as never, { registry, git });
        expect(typeof result.ok).toBe('boolean');
        if (!result.ok) expect(result.issues.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });
});
