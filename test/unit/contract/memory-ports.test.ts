import { describe, expect, it, test } from 'vitest';
import { createMemoryChartRepository, createMemoryGit, createMemoryRegistry, type MemoryChartRepository, type MemoryGit, type MemoryRegistry } from '../../../src/adapters/memory/index.js';
import type { RegistryPort } from '../../../src/ports/index.js';
import {
  chartRepositoryContract,
  chartRepositoryContractFixture,
  gitContract,
  gitContractFixture,
  registryContract,
  registryContractFixture,
  runContract,
} from '../../../src/testing/index.js';

function seededRegistry(): MemoryRegistry {
  const registry = createMemoryRegistry({ maxPageSize: 7 });
  for (const image of registryContractFixture.images) registry.push(registryContractFixture.repository, image);
  return registry;
}

function seededGit(): MemoryGit {
  const git = createMemoryGit();
  const ids = new Map<string, string>();
  for (const c of gitContractFixture.commits) {
    ids.set(c.subject, git.commit(gitContractFixture.repoURL, { branch: gitContractFixture.branch, subject: c.subject, date: c.date, author: c.author, paths: c.paths }));
  }
  for (const t of gitContractFixture.tags) git.tag(gitContractFixture.repoURL, { tag: t.tag, commit: ids.get(t.subject), annotation: t.annotation, tagger: t.tagger, date: t.date });
  return git;
}

function seededCharts(): MemoryChartRepository {
  const charts = createMemoryChartRepository();
  const { classic, oci } = chartRepositoryContractFixture;
  for (const [name, versions] of Object.entries(classic.charts)) for (const version of versions) charts.push(classic.repoURL, { name, version });
  for (const tag of oci.tags) charts.push(oci.repoURL, { version: tag });
  return charts;
}

describe('the memory registry keeps the RegistryPort contract', () => {
  for (const check of registryContract(seededRegistry)) test(check.name, check.run);
});

describe('the memory Git repository keeps the GitPort contract', () => {
  for (const check of gitContract(seededGit)) test(check.name, check.run);
});

describe('the memory chart repository keeps the ChartRepositoryPort contract', () => {
  for (const check of chartRepositoryContract(seededCharts)) test(check.name, check.run);
});

describe('the contract suites catch broken adapters', () => {
  it('fails a registry that lists a tag twice and rejects instead of reporting a missing repository', async () => {
    const good = seededRegistry();
    const broken: RegistryPort = {
      async listTags(request) {
        const page = await good.listTags(request);
        if (!page.ok) throw new Error('boom');
        return { ok: true, value: { ...page.value, items: [...page.value.items, ...page.value.items.slice(0, 1)] } };
      },
      getImage: (request) => good.getImage(request),
    };
    const outcomes = await runContract(registryContract(() => broken));
    const failed = outcomes.filter((o) => !o.passed).map((o) => o.name);
    expect(failed).toContain('RegistryPort.listTags() pages through every tag exactly once');
    expect(failed).toContain('RegistryPort.listTags() of a missing repository is a not-found failure that is not retryable');
    expect(failed).not.toContain('RegistryPort.getImage() reports the manifest annotations and creation time');
  });

  it('fails a Git port that lists tags oldest first', async () => {
    const good = seededGit();
    const outcomes = await runContract(
      gitContract(() => ({
        listCommits: (r) => good.listCommits(r),
        getChangedPaths: (r) => good.getChangedPaths(r),
        async listTags(r) {
          const page = await good.listTags({ ...r, pageSize: 100 });
          return page.ok ? { ok: true, value: { items: [...page.value.items].reverse() } } : page;
        },
      })),
    );
    expect(outcomes.filter((o) => !o.passed).map((o) => o.name)).toEqual(['GitPort.listTags() lists tags newest creator date first, pointing at commits']);
  });

  it('fails a chart repository that reports a chart missing from the index as a failure', async () => {
    const good = seededCharts();
    const outcomes = await runContract(
      chartRepositoryContract(() => ({
        async listVersions(r) {
          const page = await good.listVersions(r);
          return page.ok && page.value.items.length === 0 ? { ok: false, failure: { kind: 'not-found', message: 'no chart', retryable: false } } : page;
        },
      })),
    );
    expect(outcomes.filter((o) => !o.passed).map((o) => o.name)).toEqual(['ChartRepositoryPort.listVersions() of a chart a classic index does not list is empty, not a failure']);
  });
});
