import type { ArgoCDApplication, ArgoCDOperation, ClusterPort } from '../ports/index.js';
import { expectThat, type ContractCheck, type Factory } from './contract.js';
import { aborted, expectFailure, expectSuccess, settle } from './registry-contract.js';

/** What a cluster must hold for {@link clusterContract} to run against it. */
export interface ClusterContractFixture {
  /** The namespace the Applications live in. */
  readonly namespace: string;
  /** A namespace with no Applications. */
  readonly emptyNamespace: string;
  /** The Applications the cluster serves, exactly as given (spec and metadata). */
  readonly applications: readonly ArgoCDApplication[];
  /** The name of an Application that does not exist. */
  readonly missingName: string;
}

const GIT_URL = 'https://github.com/example/gitops.git';

/** The Applications {@link clusterContract} expects by default. */
export const clusterContractFixture: ClusterContractFixture = {
  namespace: 'argocd',
  emptyNamespace: 'contract-empty',
  missingName: 'contract-missing',
  applications: [
    {
      metadata: { name: 'contract-single', namespace: 'argocd', labels: { team: 'platform', env: 'test' }, annotations: { 'kargo.akuity.io/authorized-stage': 'demo:test' } },
      spec: { source: { repoURL: GIT_URL, path: 'env/test', targetRevision: 'main' } },
    },
    {
      metadata: { name: 'contract-multi', namespace: 'argocd', labels: { team: 'platform', env: 'prod' } },
      spec: {
        sources: [
          { repoURL: 'https://charts.example.com', chart: 'demo', targetRevision: '1.0.0', helm: { parameters: [{ name: 'image.tag', value: '1.0.0' }] } },
          { repoURL: GIT_URL, path: 'env/prod', targetRevision: 'main' },
        ],
      },
    },
    {
      metadata: { name: 'contract-other', namespace: 'argocd', labels: { team: 'apps' } },
      spec: { source: { repoURL: GIT_URL, path: 'apps', targetRevision: 'main' } },
    },
  ],
};

const namesOf = (apps: readonly ArgoCDApplication[]): string => apps.map((a) => a.metadata.name).sort().join(',');

const CONTRACT_OPERATION: ArgoCDOperation = {
  initiatedBy: { username: 'kargo-controller', automated: true },
  info: [{ name: 'kargo.akuity.io/promotion', value: 'contract.promotion' }],
  sync: { revisions: [] },
};

/**
 * The contract every {@link ClusterPort} must keep, as checks that run under any test runner.
 * `factory` is called once per check and must give a port serving `fixture` (by default
 * {@link clusterContractFixture}); checks that patch expect a fresh cluster.
 */
export function clusterContract(factory: Factory<ClusterPort>, fixture: ClusterContractFixture = clusterContractFixture): ContractCheck[] {
  const { namespace } = fixture;
  const find = (name: string): ArgoCDApplication => {
    const app = fixture.applications.find((a) => a.metadata.name === name);
    expectThat(app !== undefined, `the fixture has no Application ${name}`);
    return app;
  };
  const single = fixture.applications.find((a) => a.spec.source !== undefined);
  const multi = fixture.applications.find((a) => (a.spec.sources ?? []).length > 1);
  return [
    {
      name: 'ClusterPort.getApplication() reads an Application with its labels, annotations and sources',
      async run() {
        const port = await factory();
        for (const expected of fixture.applications) {
          const app = expectSuccess(await settle(() => port.getApplication({ namespace, name: expected.metadata.name }), 'getApplication'), `getApplication ${expected.metadata.name}`);
          expectThat(app.metadata.name === expected.metadata.name && app.metadata.namespace === namespace, `getApplication ${expected.metadata.name} returned ${app.metadata.namespace}/${app.metadata.name}`);
          expectThat(JSON.stringify(app.metadata.labels ?? {}) === JSON.stringify(expected.metadata.labels ?? {}), `labels of ${expected.metadata.name} are ${JSON.stringify(app.metadata.labels)}`);
          for (const [key, value] of Object.entries(expected.metadata.annotations ?? {})) {
            expectThat(app.metadata.annotations?.[key] === value, `annotation ${key} of ${expected.metadata.name} is ${JSON.stringify(app.metadata.annotations?.[key])}`);
          }
          expectThat(JSON.stringify(app.spec.source ?? null) === JSON.stringify(expected.spec.source ?? null), `spec.source of ${expected.metadata.name} is ${JSON.stringify(app.spec.source)}`);
          expectThat(JSON.stringify(app.spec.sources ?? []) === JSON.stringify(expected.spec.sources ?? []), `spec.sources of ${expected.metadata.name} are ${JSON.stringify(app.spec.sources)}`);
        }
      },
    },
    {
      name: 'ClusterPort.getApplication() of a missing Application is a not-found failure that is not retryable',
      async run() {
        const port = await factory();
        const result = await settle(() => port.getApplication({ namespace, name: fixture.missingName }), 'getApplication');
        expectFailure(result, 'not-found', 'getApplication of a missing Application');
        expectThat(!result.ok && !result.failure.retryable, 'a missing Application is reported as retryable');
      },
    },
    {
      name: 'ClusterPort.listApplications() selects by labels and requirements within one namespace',
      async run() {
        const port = await factory();
        const list = async (selector: Parameters<ClusterPort['listApplications']>[0]['selector'], ns = namespace): Promise<string> =>
          namesOf(expectSuccess(await settle(() => port.listApplications({ namespace: ns, selector }), 'listApplications'), `listApplications ${JSON.stringify(selector)}`));
        const expect = (selector: Parameters<ClusterPort['listApplications']>[0]['selector'], names: string[]): Promise<void> =>
          list(selector).then((got) => expectThat(got === [...names].sort().join(','), `selector ${JSON.stringify(selector)} listed [${got}], expected [${[...names].sort().join(',')}]`));
        const labelled = (key: string, value?: string): string[] =>
          fixture.applications.filter((a) => (value === undefined ? Object.hasOwn(a.metadata.labels ?? {}, key) : a.metadata.labels?.[key] === value)).map((a) => a.metadata.name);
        await expect({ matchLabels: { team: 'platform' } }, labelled('team', 'platform'));
        await expect({ matchExpressions: [{ key: 'env', operator: 'In', values: ['prod'] }] }, labelled('env', 'prod'));
        await expect({ matchLabels: { team: 'platform' }, matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['prod'] }] }, labelled('team', 'platform').filter((n) => !labelled('env', 'prod').includes(n)));
        await expect({ matchExpressions: [{ key: 'env', operator: 'DoesNotExist' }] }, fixture.applications.map((a) => a.metadata.name).filter((n) => !labelled('env').includes(n)));
        await expect({ matchExpressions: [{ key: 'env', operator: 'Exists' }] }, labelled('env'));
        const empty = await list({ matchLabels: { team: 'platform' } }, fixture.emptyNamespace);
        expectThat(empty === '', `an empty namespace listed [${empty}]`);
      },
    },
    {
      name: 'ClusterPort.patchApplication() replaces the sources of single- and multi-source Applications',
      async run() {
        const port = await factory();
        if (single?.spec.source !== undefined) {
          const source = { ...single.spec.source, targetRevision: 'abc123' };
          expectSuccess(await settle(() => port.patchApplication({ namespace, name: single.metadata.name, sources: [source] }), 'patchApplication'), 'patch a single source');
          const app = expectSuccess(await port.getApplication({ namespace, name: single.metadata.name }), 'read back');
          expectThat(app.spec.source?.targetRevision === 'abc123' && app.spec.source.path === single.spec.source.path, `spec.source after the patch is ${JSON.stringify(app.spec.source)}`);
          expectThat((app.spec.sources ?? []).length === 0, 'a single-source Application got spec.sources');
        }
        if (multi?.spec.sources !== undefined) {
          const sources = multi.spec.sources.map((s, i) => (i === 0 ? { ...s, helm: { parameters: [{ name: 'image.tag', value: '2.0.0' }] } } : s));
          expectSuccess(await settle(() => port.patchApplication({ namespace, name: multi.metadata.name, sources }), 'patchApplication'), 'patch many sources');
          const app = expectSuccess(await port.getApplication({ namespace, name: multi.metadata.name }), 'read back');
          expectThat(app.spec.sources?.[0]?.helm?.parameters?.[0]?.value === '2.0.0', `spec.sources after the patch are ${JSON.stringify(app.spec.sources)}`);
          expectThat(app.spec.sources?.length === multi.spec.sources.length, 'the patch changed the number of sources');
        }
      },
    },
    {
      name: 'ClusterPort.patchApplication() with an operation starts a sync that names its Promotion',
      async run() {
        const port = await factory();
        const target = single ?? find(fixture.applications[0]?.metadata.name ?? '');
        expectSuccess(await settle(() => port.patchApplication({ namespace, name: target.metadata.name, operation: CONTRACT_OPERATION, refresh: 'hard' }), 'patchApplication'), 'start a sync');
        const app = expectSuccess(await port.getApplication({ namespace, name: target.metadata.name }), 'read back');
        const operation = app.operation ?? app.status?.operationState?.operation;
        expectThat(operation !== undefined, 'after a sync was started the Application shows no operation');
        const info = (operation.info ?? []).find((i) => i.name === 'kargo.akuity.io/promotion');
        expectThat(info?.value === 'contract.promotion', `the operation's info is ${JSON.stringify(operation.info)}`);
      },
    },
    {
      name: 'ClusterPort.patchApplication() of a missing Application is a not-found failure',
      async run() {
        const port = await factory();
        expectFailure(await settle(() => port.patchApplication({ namespace, name: fixture.missingName, refresh: 'hard' }), 'patchApplication'), 'not-found', 'patchApplication of a missing Application');
      },
    },
    {
      name: 'ClusterPort methods return copies: changing a result does not change the cluster',
      async run() {
        const port = await factory();
        const name = fixture.applications[0]?.metadata.name ?? '';
        const first = expectSuccess(await port.getApplication({ namespace, name }), 'getApplication');
        (first.metadata as { name: string }).name = 'changed-by-the-caller';
        const second = expectSuccess(await port.getApplication({ namespace, name }), 'getApplication');
        expectThat(second.metadata.name === name, 'changing a returned Application changed the stored one');
      },
    },
    {
      name: 'ClusterPort methods with a fired AbortSignal resolve to a cancelled failure',
      async run() {
        const port = await factory();
        const name = fixture.applications[0]?.metadata.name ?? '';
        expectFailure(await settle(() => port.getApplication({ namespace, name, signal: aborted() }), 'getApplication'), 'cancelled', 'getApplication with a fired signal');
        expectFailure(await settle(() => port.listApplications({ namespace, selector: { matchLabels: { team: 'platform' } }, signal: aborted() }), 'listApplications'), 'cancelled', 'listApplications with a fired signal');
        expectFailure(await settle(() => port.patchApplication({ namespace, name, refresh: 'hard', signal: aborted() }), 'patchApplication'), 'cancelled', 'patchApplication with a fired signal');
      },
    },
  ];
}
