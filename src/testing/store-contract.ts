import type { KargoKind, KargoResource } from '../model/index.js';
import type { StoreChange, StoreFailureKind, StorePort, StoreResult } from '../ports/index.js';
import { ContractViolation, expectThat, type ContractCheck, type Factory } from './contract.js';
import { aborted, settle } from './registry-contract.js';

/** The namespaces and names {@link storeContract} writes. */
export interface StoreContractFixture {
  /** A namespace the store may write to (it should hold nothing of the kinds used). */
  readonly namespace: string;
  /** A second, empty namespace. */
  readonly otherNamespace: string;
}

/** The namespaces {@link storeContract} uses by default. */
export const storeContractFixture: StoreContractFixture = { namespace: 'contract-a', otherNamespace: 'contract-b' };

function expectStoreFailure<T>(result: StoreResult<T>, kind: StoreFailureKind, what: string): void {
  expectThat(!result.ok, `${what} succeeded; expected a ${kind} failure`);
  if (result.ok) return;
  expectThat(result.failure.kind === kind, `${what} failed with kind ${JSON.stringify(result.failure.kind)}, expected ${JSON.stringify(kind)}`);
  expectThat(typeof result.failure.message === 'string' && result.failure.message !== '', `${what}: the failure has no message`);
}

function expectStoreSuccess<T>(result: StoreResult<T>, what: string): T {
  if (!result.ok) throw new ContractViolation(`${what} failed: ${result.failure.kind}: ${result.failure.message}`);
  return result.value;
}

function warehouse(namespace: string, name: string): KargoResource {
  return {
    apiVersion: 'kargo.akuity.io/v1alpha1',
    kind: 'Warehouse',
    metadata: { name, namespace },
    spec: { interval: '5m0s', freightCreationPolicy: 'Automatic', subscriptions: [{ image: { repoURL: 'ghcr.io/example/app' } }] },
  } as unknown as KargoResource;
}

function project(name: string): KargoResource {
  return { apiVersion: 'kargo.akuity.io/v1alpha1', kind: 'Project', metadata: { name } } as unknown as KargoResource;
}

const versionOf = (r: KargoResource | undefined): string | undefined => (r?.metadata as { resourceVersion?: string } | undefined)?.resourceVersion;
const statusOf = (r: KargoResource | undefined): unknown => (r as { status?: unknown } | undefined)?.status;

/**
 * The contract every {@link StorePort} must keep, as checks that run under any test runner.
 * `factory` is called once per check and must give a store with no Warehouses in the fixture's
 * namespaces and no Project named `contract-project`.
 */
export function storeContract(factory: Factory<StorePort>, fixture: StoreContractFixture = storeContractFixture): ContractCheck[] {
  const { namespace, otherNamespace } = fixture;
  const W: KargoKind = 'Warehouse';
  return [
    {
      name: 'StorePort.create() stores a resource with a resourceVersion and a creationTimestamp; get() reads it back',
      async run() {
        const store = await factory();
        const created = expectStoreSuccess(await settle(() => store.create(warehouse(namespace, 'one')), 'create'), 'create');
        const meta = created.metadata as { resourceVersion?: string; creationTimestamp?: string };
        expectThat(typeof meta.resourceVersion === 'string' && meta.resourceVersion !== '', 'a created resource has no metadata.resourceVersion');
        expectThat(typeof meta.creationTimestamp === 'string' && !Number.isNaN(Date.parse(meta.creationTimestamp)), 'a created resource has no valid metadata.creationTimestamp');
        const read = expectStoreSuccess(await settle(() => store.get(W, { namespace, name: 'one' }), 'get'), 'get');
        expectThat(read !== undefined && read.metadata.name === 'one' && read.metadata.namespace === namespace, 'get() does not return the created Warehouse');
        expectThat(versionOf(read) === meta.resourceVersion, 'get() returns another resourceVersion than create() did');
        expectThat(JSON.stringify((read as { spec?: unknown }).spec) === JSON.stringify((created as { spec?: unknown }).spec), 'get() returns another spec than was created');
      },
    },
    {
      name: 'StorePort.get() of a missing resource is ok with undefined',
      async run() {
        const store = await factory();
        const read = expectStoreSuccess(await settle(() => store.get(W, { namespace, name: 'missing' }), 'get'), 'get of a missing resource');
        expectThat(read === undefined, 'get() of a missing resource returned something');
      },
    },
    {
      name: 'StorePort.create() of an existing resource fails with already-exists and changes nothing',
      async run() {
        const store = await factory();
        const first = expectStoreSuccess(await settle(() => store.create(warehouse(namespace, 'dup')), 'create'), 'create');
        expectStoreFailure(await settle(() => store.create(warehouse(namespace, 'dup')), 'create again'), 'already-exists', 'create of an existing resource');
        const read = expectStoreSuccess(await store.get(W, { namespace, name: 'dup' }), 'get');
        expectThat(versionOf(read) === versionOf(first), 'a refused create changed the stored resource');
      },
    },
    {
      name: 'StorePort.list() returns resources sorted by namespace then name, and filters by namespace',
      async run() {
        const store = await factory();
        for (const [ns, name] of [[otherNamespace, 'a'], [namespace, 'c'], [namespace, 'a'], [namespace, 'b']] as const) {
          expectStoreSuccess(await store.create(warehouse(ns, name)), `create ${ns}/${name}`);
        }
        const mine = expectStoreSuccess(await settle(() => store.list(W, { namespace }), 'list'), 'list in a namespace');
        expectThat(mine.map((r) => r.metadata.name).join(',') === 'a,b,c', `list in ${namespace} gave ${mine.map((r) => r.metadata.name).join(',')}`);
        const every = expectStoreSuccess(await settle(() => store.list(W), 'list'), 'list everywhere');
        const ours = every.filter((r) => r.metadata.namespace === namespace || r.metadata.namespace === otherNamespace).map((r) => `${r.metadata.namespace}/${r.metadata.name}`);
        const sorted = [...ours].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
        expectThat(ours.length === 4 && ours.join(',') === sorted.join(','), `list without a namespace gave ${ours.join(',')}`);
      },
    },
    {
      name: 'StorePort keeps cluster-scoped kinds (Project) without a namespace',
      async run() {
        const store = await factory();
        expectStoreSuccess(await settle(() => store.create(project('contract-project')), 'create'), 'create a Project');
        const read = expectStoreSuccess(await store.get('Project', { namespace: 'ignored', name: 'contract-project' }), 'get a Project');
        expectThat(read !== undefined, 'a Project is not found when a namespace is given (it should be ignored)');
        const listed = expectStoreSuccess(await store.list('Project', { namespace: 'ignored' }), 'list Projects');
        expectThat(listed.some((p) => p.metadata.name === 'contract-project'), 'listing Projects with a namespace leaves the Project out');
      },
    },
    {
      name: 'StorePort.updateStatus() replaces the status and moves the resourceVersion; a stale version is a conflict that changes nothing',
      async run() {
        const store = await factory();
        const created = expectStoreSuccess(await store.create(warehouse(namespace, 'st')), 'create');
        const v0 = versionOf(created) as string;
        const first = expectStoreSuccess(await settle(() => store.updateStatus(W, { namespace, name: 'st', status: { lastFreightID: 'abc' }, resourceVersion: v0 }), 'updateStatus'), 'updateStatus');
        expectThat(versionOf(first) !== v0, 'updateStatus() kept the same resourceVersion');
        expectThat(JSON.stringify(statusOf(first)) === JSON.stringify({ lastFreightID: 'abc' }), `updateStatus() stored ${JSON.stringify(statusOf(first))}`);
        expectStoreFailure(await settle(() => store.updateStatus(W, { namespace, name: 'st', status: { lastFreightID: 'stale' }, resourceVersion: v0 }), 'updateStatus'), 'conflict', 'updateStatus with a stale resourceVersion');
        const read = expectStoreSuccess(await store.get(W, { namespace, name: 'st' }), 'get');
        expectThat(JSON.stringify(statusOf(read)) === JSON.stringify({ lastFreightID: 'abc' }) && versionOf(read) === versionOf(first), 'a conflicting status write changed the resource');
        const second = expectStoreSuccess(await store.updateStatus(W, { namespace, name: 'st', status: { observedGeneration: 1 } }), 'updateStatus without a version');
        expectThat(JSON.stringify(statusOf(second)) === JSON.stringify({ observedGeneration: 1 }), 'updateStatus() merged instead of replacing the status');
      },
    },
    {
      name: 'StorePort.updateMetadata() sets and removes annotations and labels; a stale version is a conflict',
      async run() {
        const store = await factory();
        const created = expectStoreSuccess(await store.create(warehouse(namespace, 'md')), 'create');
        const set = expectStoreSuccess(
          await settle(() => store.updateMetadata(W, { namespace, name: 'md', annotations: { 'kargo.akuity.io/refresh': 'now', keep: 'yes' }, labels: { team: 'a' } }), 'updateMetadata'),
          'updateMetadata',
        );
        const meta = set.metadata as { annotations?: Record<string, string>; labels?: Record<string, string> };
        expectThat(meta.annotations?.['kargo.akuity.io/refresh'] === 'now' && meta.labels?.['team'] === 'a', 'updateMetadata() did not set the annotation and label');
        expectThat(versionOf(set) !== versionOf(created), 'updateMetadata() kept the same resourceVersion');
        const removed = expectStoreSuccess(await store.updateMetadata(W, { namespace, name: 'md', annotations: { 'kargo.akuity.io/refresh': null } }), 'remove an annotation');
        const after = removed.metadata as { annotations?: Record<string, string> };
        expectThat(after.annotations?.['kargo.akuity.io/refresh'] === undefined && after.annotations?.['keep'] === 'yes', 'a null annotation value did not remove just that key');
        expectStoreFailure(await store.updateMetadata(W, { namespace, name: 'md', annotations: { x: 'y' }, resourceVersion: versionOf(created) }), 'conflict', 'updateMetadata with a stale resourceVersion');
      },
    },
    {
      name: 'StorePort writes and deletes of a missing resource fail with not-found',
      async run() {
        const store = await factory();
        expectStoreFailure(await settle(() => store.updateStatus(W, { namespace, name: 'ghost', status: {} }), 'updateStatus'), 'not-found', 'updateStatus of a missing resource');
        expectStoreFailure(await settle(() => store.updateMetadata(W, { namespace, name: 'ghost', annotations: { a: 'b' } }), 'updateMetadata'), 'not-found', 'updateMetadata of a missing resource');
        expectStoreFailure(await settle(() => store.delete(W, { namespace, name: 'ghost' }), 'delete'), 'not-found', 'delete of a missing resource');
      },
    },
    {
      name: 'StorePort.delete() removes a resource',
      async run() {
        const store = await factory();
        expectStoreSuccess(await store.create(warehouse(namespace, 'gone')), 'create');
        expectStoreSuccess(await settle(() => store.delete(W, { namespace, name: 'gone' }), 'delete'), 'delete');
        const read = expectStoreSuccess(await store.get(W, { namespace, name: 'gone' }), 'get');
        expectThat(read === undefined, 'a deleted resource is still there');
      },
    },
    {
      name: 'StorePort hands out copies: changing a returned object changes nothing stored',
      async run() {
        const store = await factory();
        const created = expectStoreSuccess(await store.create(warehouse(namespace, 'copy')), 'create') as unknown as { spec: { interval: string } };
        created.spec.interval = '1h';
        const read = expectStoreSuccess(await store.get(W, { namespace, name: 'copy' }), 'get') as unknown as { spec: { interval: string } };
        expectThat(read.spec.interval === '5m0s', 'changing what create() returned changed the stored resource');
        read.spec.interval = '2h';
        const again = expectStoreSuccess(await store.get(W, { namespace, name: 'copy' }), 'get') as unknown as { spec: { interval: string } };
        expectThat(again.spec.interval === '5m0s', 'changing what get() returned changed the stored resource');
      },
    },
    {
      name: 'StorePort answers a fired signal with a cancelled failure',
      async run() {
        const store = await factory();
        expectStoreFailure(await settle(() => store.get(W, { namespace, name: 'x', signal: aborted() }), 'get'), 'cancelled', 'get with a fired signal');
        expectStoreFailure(await settle(() => store.list(W, { namespace, signal: aborted() }), 'list'), 'cancelled', 'list with a fired signal');
      },
    },
    {
      name: 'StorePort.subscribe(), when offered, reports creates, updates and deletes until unsubscribed',
      async run() {
        const store = await factory();
        if (store.subscribe === undefined) return;
        const seen: StoreChange[] = [];
        const stop = store.subscribe((c) => seen.push(c));
        const created = expectStoreSuccess(await store.create(warehouse(namespace, 'sub')), 'create');
        expectStoreSuccess(await store.updateStatus(W, { namespace, name: 'sub', status: { a: 1 }, resourceVersion: versionOf(created) }), 'updateStatus');
        expectStoreSuccess(await store.delete(W, { namespace, name: 'sub' }), 'delete');
        // Changes may be announced asynchronously: give them a moment.
        for (let i = 0; i < 50 && seen.filter((c) => c.name === 'sub').length < 3; i++) await new Promise((r) => setTimeout(r, 10));
        stop();
        const types = seen.filter((c) => c.name === 'sub' && c.kind === 'Warehouse').map((c) => c.type);
        expectThat(types.join(',') === 'created,updated,deleted', `subscribe() reported ${types.join(',')}`);
        expectStoreSuccess(await store.create(warehouse(namespace, 'after')), 'create');
        await new Promise((r) => setTimeout(r, 20));
        expectThat(!seen.some((c) => c.name === 'after'), 'a listener was called after it unsubscribed');
      },
    },
  ];
}
