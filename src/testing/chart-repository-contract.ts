import type { ChartRepositoryPort } from '../ports/index.js';
import { expectThat, type ContractCheck, type Factory } from './contract.js';
import { aborted, collectPages, expectFailure, expectSuccess, settle } from './registry-contract.js';

/** What chart repositories must hold for {@link chartRepositoryContract} to run against them. */
export interface ChartRepositoryContractFixture {
  /** A classic (`https://`) repository. */
  readonly classic: { readonly repoURL: string; readonly charts: Readonly<Record<string, readonly string[]>> };
  /** An OCI chart (`oci://…/chart`) and its tags, as stored (`_` for `+`). */
  readonly oci: { readonly repoURL: string; readonly tags: readonly string[] };
  /** Repositories that do not exist. */
  readonly missingClassicRepoURL: string;
  readonly missingOciRepoURL: string;
}

/** The charts {@link chartRepositoryContract} expects by default. */
export const chartRepositoryContractFixture: ChartRepositoryContractFixture = {
  classic: {
    repoURL: 'https://charts.example.com/waybill',
    charts: { demo: ['0.1.0', '0.2.0', '1.0.0-rc.1', '1.0.0', 'v1.1'], other: ['2.0.0'] },
  },
  oci: { repoURL: 'oci://registry.example.com/charts/demo', tags: ['0.1.0', '1.0.0', '1.0.0_build.1'] },
  missingClassicRepoURL: 'https://charts.example.com/missing',
  missingOciRepoURL: 'oci://registry.example.com/charts/missing',
};

const sameSet = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');

/**
 * The contract every {@link ChartRepositoryPort} must keep, as checks that run under any test
 * runner. `factory` is called once per check and must give a port that serves `fixture` (by
 * default {@link chartRepositoryContractFixture}).
 */
export function chartRepositoryContract(factory: Factory<ChartRepositoryPort>, fixture: ChartRepositoryContractFixture = chartRepositoryContractFixture): ContractCheck[] {
  const { classic, oci } = fixture;
  return [
    {
      name: 'ChartRepositoryPort.listVersions() lists every version of a chart in a classic repository, in pages',
      async run() {
        const port = await factory();
        for (const [name, versions] of Object.entries(classic.charts)) {
          const listed = expectSuccess(await collectPages((cursor) => port.listVersions({ repoURL: classic.repoURL, name, cursor, pageSize: 2 })), `listVersions ${name}`);
          expectThat(sameSet(listed.items, versions), `chart ${name} listed ${JSON.stringify(listed.items)}, expected ${JSON.stringify(versions)}`);
        }
      },
    },
    {
      name: 'ChartRepositoryPort.listVersions() lists the raw tags of an OCI chart',
      async run() {
        const listed = expectSuccess(await collectPages(async (cursor) => (await factory()).listVersions({ repoURL: oci.repoURL, cursor })), 'listVersions oci');
        expectThat(sameSet(listed.items, oci.tags), `listed ${JSON.stringify(listed.items)}, expected ${JSON.stringify(oci.tags)}`);
      },
    },
    {
      name: 'ChartRepositoryPort.listVersions() of a chart a classic index does not list is empty, not a failure',
      async run() {
        const listed = expectSuccess(await (await factory()).listVersions({ repoURL: classic.repoURL, name: 'no-such-chart' }), 'listVersions of a missing chart');
        expectThat(listed.items.length === 0 && listed.next === undefined, `a missing chart listed ${JSON.stringify(listed.items)}`);
      },
    },
    {
      name: 'ChartRepositoryPort.listVersions() of a missing repository is a not-found failure',
      async run() {
        const port = await factory();
        expectFailure(await settle(() => port.listVersions({ repoURL: fixture.missingClassicRepoURL, name: 'demo' }), 'listVersions'), 'not-found', 'a missing classic repository');
        expectFailure(await settle(() => port.listVersions({ repoURL: fixture.missingOciRepoURL }), 'listVersions'), 'not-found', 'a missing OCI repository');
      },
    },
    {
      name: 'ChartRepositoryPort.listVersions() with a fired AbortSignal resolves to a cancelled failure',
      async run() {
        const port = await factory();
        expectFailure(await settle(() => port.listVersions({ repoURL: oci.repoURL, signal: aborted() }), 'listVersions'), 'cancelled', 'listVersions with a fired signal');
      },
    },
  ];
}
