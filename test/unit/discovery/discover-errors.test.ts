import { describe, expect, it } from 'vitest';
import { createMemoryChartRepository, createMemoryGit, createMemoryRegistry } from '../../../src/adapters/memory/index.js';
import { discover } from '../../../src/discovery/index.js';
import type { RegistryPort } from '../../../src/ports/index.js';

const repo = 'ghcr.io/acme/app';

function warehouse(...subscriptions: unknown[]) {
  return { metadata: { name: 'app' }, spec: { subscriptions } };
}

function filledRegistry() {
  const registry = createMemoryRegistry();
  for (const tag of ['1.0.0', '1.1.0', '1.2.0']) registry.push(repo, { tag });
  return registry;
}

describe('discover: failures', () => {
  it('a transport failure stops discovery with an issue naming the subscription and the repository', async () => {
    const registry = filledRegistry();
    registry.push('ghcr.io/acme/broken', { tag: '1.0.0' });
    registry.fail('ghcr.io/acme/broken', { kind: 'transport', message: 'connection reset', retryable: true });
    const charts = createMemoryChartRepository();
    charts.push('https://charts.example.com', { name: 'app', version: '1.0.0' });
    const result = await discover(
      warehouse({ image: { repoURL: repo } }, { image: { repoURL: 'ghcr.io/acme/broken' } }, { chart: { repoURL: 'https://charts.example.com', name: 'app' } }),
      { registry, charts },
    );
    expect(result.ok).toBe(false);
    expect(result.issues).toHaveLength(1);
    const [issue] = result.issues;
    expect(issue?.code).toBe('DISCOVERY_TRANSPORT_FAILED');
    expect(issue?.path).toEqual(['spec', 'subscriptions', 1, 'image']);
    expect(issue?.message).toContain('"ghcr.io/acme/broken"');
    expect(issue?.message).toContain('(retryable)');
    expect(issue?.message).toContain('connection reset');
    // Like Kargo, the first failure aborts the pass: the chart is never asked for.
    expect(charts.requests).toEqual([]);
  });

  it('a missing repository, branch or chart repository is DISCOVERY_REPOSITORY_NOT_FOUND', async () => {
    const missingImage = await discover(warehouse({ image: { repoURL: 'ghcr.io/acme/nothing' } }), { registry: createMemoryRegistry() });
    expect(missingImage.issues.map((i) => [i.code, i.path])).toEqual([['DISCOVERY_REPOSITORY_NOT_FOUND', ['spec', 'subscriptions', 0, 'image']]]);
    expect(missingImage.issues[0]?.message).toContain('ghcr.io/acme/nothing');

    const git = createMemoryGit();
    git.commit('https://github.com/acme/config', { subject: 'init' });
    const missingBranch = await discover(warehouse({ git: { repoURL: 'https://github.com/acme/config', branch: 'release' } }), { git });
    expect(missingBranch.issues.map((i) => i.code)).toEqual(['DISCOVERY_REPOSITORY_NOT_FOUND']);
    expect(missingBranch.issues[0]?.message).toContain('"https://github.com/acme/config"');

    const missingCharts = await discover(warehouse({ chart: { repoURL: 'oci://ghcr.io/acme/charts/app' } }), { charts: createMemoryChartRepository() });
    expect(missingCharts.issues.map((i) => [i.code, i.path])).toEqual([['DISCOVERY_REPOSITORY_NOT_FOUND', ['spec', 'subscriptions', 0, 'chart']]]);
  });

  it('refused credentials are DISCOVERY_ACCESS_DENIED', async () => {
    const registry = filledRegistry();
    registry.fail(repo, { kind: 'unauthorized', message: 'denied', retryable: false, status: 401 });
    const result = await discover(warehouse({ image: { repoURL: repo } }), { registry });
    expect(result.issues.map((i) => i.code)).toEqual(['DISCOVERY_ACCESS_DENIED']);
  });

  it('an adapter that throws instead of resolving to a failure becomes an issue, not a rejection', async () => {
    const registry: RegistryPort = {
      listTags: () => Promise.reject(new TypeError('socket hang up')),
      getImage: () => Promise.reject(new TypeError('unreachable')),
    };
    const result = await discover(warehouse({ image: { repoURL: repo } }), { registry });
    expect(result.issues.map((i) => i.code)).toEqual(['DISCOVERY_TRANSPORT_FAILED']);
    expect(result.issues[0]?.message).toContain('socket hang up');
  });

  it('an adapter whose pages never end is stopped', async () => {
    const registry: RegistryPort = {
      listTags: async () => ({ ok: true, value: { items: ['1.0.0'], next: 'same' } }),
      getImage: async (r) => ({ ok: true, value: { tag: r.tag, digest: 'sha256:00' } }),
    };
    const result = await discover(warehouse({ image: { repoURL: repo } }), { registry });
    expect(result.issues.map((i) => i.code)).toEqual(['DISCOVERY_TRANSPORT_FAILED']);
    expect(result.issues[0]?.message).toContain('cursor');
  });

  it('bad settings are reported under the subscription path before any port is called', async () => {
    const registry = filledRegistry();
    const result = await discover(warehouse({ image: { repoURL: repo, constraint: '>= 1 &&' } }), { registry });
    expect(result.issues.map((i) => [i.code, i.path])).toEqual([['DISCOVERY_INVALID_CONSTRAINT', ['spec', 'subscriptions', 0, 'image', 'constraint']]]);
    expect(registry.requests).toEqual([]);
  });

  it('a missing port, an unknown subscription type and a malformed entry are issues', async () => {
    const noPort = await discover(warehouse({ git: { repoURL: 'https://github.com/acme/config' } }), { registry: createMemoryRegistry() });
    expect(noPort.issues.map((i) => [i.code, i.path])).toEqual([['DISCOVERY_PORT_MISSING', ['spec', 'subscriptions', 0, 'git']]]);
    const generic = await discover(warehouse({ name: 'pkg', npm: { config: {} } }), {});
    expect(generic.issues.map((i) => i.code)).toEqual(['DISCOVERY_UNSUPPORTED_SUBSCRIPTION']);
    const malformed = await discover(warehouse({ image: { repoURL: repo }, git: { repoURL: 'x' } }), {});
    expect(malformed.issues.map((i) => [i.code, i.path])).toEqual([['DISCOVERY_INVALID_INPUT', ['spec', 'subscriptions', 0]]]);
    const noRepo = await discover(warehouse({ image: {} }), { registry: createMemoryRegistry() });
    expect(noRepo.issues.map((i) => [i.code, i.path])).toEqual([['DISCOVERY_INVALID_INPUT', ['spec', 'subscriptions', 0, 'image', 'repoURL']]]);
    for (const junk of [null, 42, {}, { spec: {} }, { spec: { subscriptions: [] } }]) {
      const result = await discover(junk as never, {});
      expect(result.issues.map((i) => i.code)).toEqual(['DISCOVERY_INVALID_INPUT']);
    }
    expect((await discover(warehouse({ image: { repoURL: repo } }), { registry: filledRegistry() }, { now: 'yesterday' })).issues[0]?.path).toEqual(['now']);
  });
});

describe('discover: cancellation', () => {
  it('a signal that already fired stops discovery before any port call', async () => {
    const registry = filledRegistry();
    const controller = new AbortController();
    controller.abort();
    const result = await discover(warehouse({ image: { repoURL: repo } }), { registry }, { signal: controller.signal });
    expect(result.ok).toBe(false);
    expect(result.issues.map((i) => i.code)).toEqual(['DISCOVERY_CANCELLED']);
    expect(registry.requests).toEqual([]);
  });

  it('a signal that fires midway stops before the next call', async () => {
    const inner = filledRegistry();
    const controller = new AbortController();
    const calls: string[] = [];
    const registry: RegistryPort = {
      listTags: (r) => inner.listTags(r),
      async getImage(r) {
        calls.push(r.tag);
        controller.abort();
        return inner.getImage({ ...r, signal: undefined });
      },
    };
    const result = await discover(warehouse({ image: { repoURL: repo, discoveryLimit: 3 } }), { registry }, { signal: controller.signal });
    expect(result.issues.map((i) => [i.code, i.path])).toEqual([['DISCOVERY_CANCELLED', ['spec', 'subscriptions', 0, 'image']]]);
    expect(calls).toEqual(['1.2.0']);
  });

  it('an adapter that answers a fired signal with a cancelled failure gives DISCOVERY_CANCELLED', async () => {
    const git = createMemoryGit();
    git.commit('https://github.com/acme/config', { subject: 'init' });
    const controller = new AbortController();
    const wrapped = {
      ...git,
      listCommits: (r: Parameters<typeof git.listCommits>[0]) => {
        controller.abort();
        return git.listCommits(r);
      },
    };
    const result = await discover(warehouse({ git: { repoURL: 'https://github.com/acme/config' } }), { git: wrapped }, { signal: controller.signal });
    expect(result.issues.map((i) => i.code)).toEqual(['DISCOVERY_CANCELLED']);
  });
});

describe('discover: NewestBuild failures', () => {
  it('one failed read stops the pass, starts no new reads, and later failures do not change the result', async () => {
    const started: string[] = [];
    const registry: RegistryPort = {
      listTags: async () => ({ ok: true, value: { items: Array.from({ length: 40 }, (_, i) => `t${i}`) } }),
      async getImage(r) {
        started.push(r.tag);
        await new Promise((resolve) => setTimeout(resolve, r.tag === 't9' ? 0 : 5));
        return { ok: false, failure: { kind: 'transport', message: `boom ${r.tag}`, retryable: true } };
      },
    };
    const result = await discover(warehouse({ image: { repoURL: repo, imageSelectionStrategy: 'NewestBuild' } }), { registry }, { concurrency: 4 });
    const seen = result.issues.length;
    expect(result.issues[0]?.message).toContain('boom t9');
    expect(started.length).toBeLessThanOrEqual(4);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(result.issues).toHaveLength(seen);
  });
});
