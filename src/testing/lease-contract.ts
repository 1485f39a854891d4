import type { LeasePort, LeaseRecord, LeaseSpec, StoreFailureKind, StoreResult } from '../ports/index.js';
import { ContractViolation, expectThat, type ContractCheck, type Factory } from './contract.js';
import { aborted } from './registry-contract.js';

/** Where {@link leaseContract} keeps its Leases. */
export interface LeaseContractFixture {
  /** The namespace of the Leases the checks create (the port must start with none of them). */
  readonly namespace: string;
  /** A prefix for the names of the Leases the checks create. */
  readonly namePrefix: string;
}

/** The namespace and names {@link leaseContract} uses by default. */
export const leaseContractFixture: LeaseContractFixture = { namespace: 'waybill-system', namePrefix: 'contract-lease' };

const HELD: LeaseSpec = {
  holderIdentity: 'replica-a',
  leaseDurationSeconds: 15,
  acquireTime: '2026-01-02T03:04:05.123456Z',
  renewTime: '2026-01-02T03:04:05.123456Z',
  leaseTransitions: 0,
};

function succeeded<T>(result: StoreResult<T>, what: string): T {
  if (!result.ok) throw new ContractViolation(`${what} failed: ${result.failure.kind}: ${result.failure.message}`);
  return result.value;
}

function failedWith(result: StoreResult<unknown>, kind: StoreFailureKind, what: string): void {
  expectThat(!result.ok, `${what} succeeded; expected a ${kind} failure`);
  if (result.ok) return;
  expectThat(result.failure.kind === kind, `${what} failed with kind ${JSON.stringify(result.failure.kind)}, expected ${JSON.stringify(kind)}`);
  expectThat(typeof result.failure.message === 'string' && result.failure.message !== '', `${what}: the failure has no message`);
  expectThat(typeof result.failure.retryable === 'boolean', `${what}: the failure does not say whether it is retryable`);
}

/** Resolves to what the port answered, or to a `ContractViolation` when it threw or rejected. */
async function settled<T>(call: () => Promise<StoreResult<T>>, what: string): Promise<StoreResult<T>> {
  try {
    return await call();
  } catch (error) {
    throw new ContractViolation(`${what} threw instead of resolving to a result: ${error instanceof Error ? error.message : String(error)}`);
  }
}

const specText = (spec: LeaseSpec): string =>
  JSON.stringify({ holderIdentity: spec.holderIdentity, leaseDurationSeconds: spec.leaseDurationSeconds, acquireTime: spec.acquireTime, renewTime: spec.renewTime, leaseTransitions: spec.leaseTransitions });

function sameSpec(got: LeaseSpec, expected: LeaseSpec, what: string): void {
  expectThat(specText(got) === specText(expected), `${what}: the spec is ${specText(got)}, expected ${specText(expected)}`);
}

/**
 * The contract every {@link LeasePort} must keep, as checks that run under any test runner.
 * `factory` is called once per check and must give a port holding none of the fixture's Leases
 * (each check uses its own name, so one port may serve every check). Times are written in
 * Kubernetes' MicroTime form (UTC, six fractional digits) and must come back unchanged.
 */
export function leaseContract(factory: Factory<LeasePort>, fixture: LeaseContractFixture = leaseContractFixture): ContractCheck[] {
  const { namespace } = fixture;
  const ref = (suffix: string) => ({ namespace, name: `${fixture.namePrefix}-${suffix}` });
  return [
    {
      name: 'LeasePort.get() of a missing Lease is ok with undefined',
      async run() {
        const port = await factory();
        const got = succeeded(await settled(() => port.get(ref('missing')), 'get'), 'get of a missing Lease');
        expectThat(got === undefined, `get of a missing Lease gave ${JSON.stringify(got)}`);
      },
    },
    {
      name: 'LeasePort.create() stores the spec, which get() then reads back with the same resourceVersion',
      async run() {
        const port = await factory();
        const at = ref('create');
        const created = succeeded(await settled(() => port.create({ ...at, spec: HELD }), 'create'), 'create');
        expectThat(created.namespace === at.namespace && created.name === at.name, `create returned ${created.namespace}/${created.name}`);
        expectThat(typeof created.resourceVersion === 'string' && created.resourceVersion !== '', 'create returned no resourceVersion');
        sameSpec(created.spec, HELD, 'create');
        const read = succeeded(await port.get(at), 'get after create');
        expectThat(read !== undefined, 'get after create found nothing');
        sameSpec(read.spec, HELD, 'get after create');
        expectThat(read.resourceVersion === created.resourceVersion, `get gave resourceVersion ${read.resourceVersion}, create ${created.resourceVersion}`);
      },
    },
    {
      name: 'LeasePort.create() of an existing Lease fails with already-exists and changes nothing',
      async run() {
        const port = await factory();
        const at = ref('exists');
        const first = succeeded(await port.create({ ...at, spec: HELD }), 'first create');
        failedWith(await settled(() => port.create({ ...at, spec: { ...HELD, holderIdentity: 'replica-b' } }), 'create'), 'already-exists', 'a second create');
        const read = succeeded(await port.get(at), 'get');
        expectThat(read?.spec.holderIdentity === 'replica-a' && read.resourceVersion === first.resourceVersion, `a refused create changed the Lease to ${JSON.stringify(read)}`);
      },
    },
    {
      name: 'LeasePort.update() with the current resourceVersion writes the spec and returns a new resourceVersion',
      async run() {
        const port = await factory();
        const at = ref('update');
        const created = succeeded(await port.create({ ...at, spec: HELD }), 'create');
        const renewed: LeaseSpec = { ...HELD, renewTime: '2026-01-02T03:04:07.654321Z' };
        const first = succeeded(await settled(() => port.update({ ...at, spec: renewed, resourceVersion: created.resourceVersion }), 'update'), 'update');
        expectThat(first.resourceVersion !== created.resourceVersion, 'update returned the resourceVersion the Lease had before');
        sameSpec(first.spec, renewed, 'update');
        const taken: LeaseSpec = { holderIdentity: 'replica-b', leaseDurationSeconds: 15, acquireTime: '2026-01-02T03:05:00.000001Z', renewTime: '2026-01-02T03:05:00.000001Z', leaseTransitions: 1 };
        const second = succeeded(await port.update({ ...at, spec: taken, resourceVersion: first.resourceVersion }), 'second update');
        expectThat(second.resourceVersion !== first.resourceVersion && second.resourceVersion !== created.resourceVersion, 'a second update did not get a new resourceVersion');
        const read = succeeded(await port.get(at), 'get');
        expectThat(read !== undefined, 'get after update found nothing');
        sameSpec(read.spec, taken, 'get after update');
        expectThat(read.resourceVersion === second.resourceVersion, `get gave resourceVersion ${read.resourceVersion}, the update ${second.resourceVersion}`);
      },
    },
    {
      name: 'LeasePort.update() with a stale resourceVersion fails with conflict and changes nothing',
      async run() {
        const port = await factory();
        const at = ref('stale');
        const created = succeeded(await port.create({ ...at, spec: HELD }), 'create');
        const current = succeeded(await port.update({ ...at, spec: { ...HELD, renewTime: '2026-01-02T03:04:06.000000Z' }, resourceVersion: created.resourceVersion }), 'update');
        failedWith(await settled(() => port.update({ ...at, spec: { ...HELD, holderIdentity: 'replica-b' }, resourceVersion: created.resourceVersion }), 'update'), 'conflict', 'an update with a stale resourceVersion');
        const read = succeeded(await port.get(at), 'get');
        expectThat(read?.spec.holderIdentity === 'replica-a' && read.resourceVersion === current.resourceVersion, `a refused update changed the Lease to ${JSON.stringify(read)}`);
      },
    },
    {
      name: 'LeasePort.update() lets exactly one of two writers with the same resourceVersion win',
      async run() {
        const port = await factory();
        const at = ref('race');
        const created = succeeded(await port.create({ ...at, spec: HELD }), 'create');
        const [b, c] = await Promise.all([
          settled(() => port.update({ ...at, spec: { ...HELD, holderIdentity: 'replica-b', leaseTransitions: 1 }, resourceVersion: created.resourceVersion }), 'update'),
          settled(() => port.update({ ...at, spec: { ...HELD, holderIdentity: 'replica-c', leaseTransitions: 1 }, resourceVersion: created.resourceVersion }), 'update'),
        ]);
        expectThat(b.ok !== c.ok, `of two updates from the same resourceVersion, ${b.ok && c.ok ? 'both' : 'neither'} succeeded`);
        const loser = b.ok ? c : b;
        failedWith(loser, 'conflict', 'the losing update');
        const read = succeeded(await port.get(at), 'get');
        const winner = b.ok ? 'replica-b' : 'replica-c';
        expectThat(read?.spec.holderIdentity === winner, `the Lease is held by ${String(read?.spec.holderIdentity)}, the update that succeeded wrote ${winner}`);
      },
    },
    {
      name: 'LeasePort.update() that leaves fields out clears them (releasing a Lease clears its holder)',
      async run() {
        const port = await factory();
        const at = ref('release');
        const created = succeeded(await port.create({ ...at, spec: HELD }), 'create');
        const released: LeaseSpec = { leaseDurationSeconds: 1, acquireTime: '2026-01-02T03:04:09.000000Z', renewTime: '2026-01-02T03:04:09.000000Z', leaseTransitions: 0 };
        succeeded(await settled(() => port.update({ ...at, spec: released, resourceVersion: created.resourceVersion }), 'update'), 'release');
        const read = succeeded(await port.get(at), 'get');
        expectThat(read !== undefined, 'get after release found nothing');
        expectThat(read.spec.holderIdentity === undefined, `a released Lease still has holder ${JSON.stringify(read.spec.holderIdentity)}`);
        sameSpec(read.spec, released, 'get after release');
      },
    },
    {
      name: 'LeasePort.update() of a missing Lease fails with not-found',
      async run() {
        const port = await factory();
        failedWith(await settled(() => port.update({ ...ref('never-created'), spec: HELD, resourceVersion: '1' }), 'update'), 'not-found', 'an update of a missing Lease');
      },
    },
    {
      name: 'LeasePort returns copies: changing a result does not change the stored Lease',
      async run() {
        const port = await factory();
        const at = ref('copies');
        const created = succeeded(await port.create({ ...at, spec: HELD }), 'create');
        (created.spec as { holderIdentity?: string }).holderIdentity = 'changed-by-the-caller';
        const first = succeeded(await port.get(at), 'get');
        expectThat(first?.spec.holderIdentity === 'replica-a', 'changing the Lease create returned changed the stored one');
        (first.spec as { holderIdentity?: string }).holderIdentity = 'changed-again';
        const second: LeaseRecord | undefined = succeeded(await port.get(at), 'get');
        expectThat(second?.spec.holderIdentity === 'replica-a', 'changing the Lease get returned changed the stored one');
      },
    },
    {
      name: 'LeasePort methods with a fired AbortSignal resolve to a cancelled failure and write nothing',
      async run() {
        const port = await factory();
        const at = ref('cancelled');
        failedWith(await settled(() => port.get({ ...at, signal: aborted() }), 'get'), 'cancelled', 'get with a fired signal');
        failedWith(await settled(() => port.create({ ...at, spec: HELD, signal: aborted() }), 'create'), 'cancelled', 'create with a fired signal');
        const read = succeeded(await port.get(at), 'get');
        expectThat(read === undefined, 'a create with a fired signal stored the Lease');
        const created = succeeded(await port.create({ ...at, spec: HELD }), 'create');
        failedWith(await settled(() => port.update({ ...at, spec: { ...HELD, holderIdentity: 'replica-b' }, resourceVersion: created.resourceVersion, signal: aborted() }), 'update'), 'cancelled', 'update with a fired signal');
        const after = succeeded(await port.get(at), 'get');
        expectThat(after?.resourceVersion === created.resourceVersion, 'an update with a fired signal changed the Lease');
      },
    },
  ];
}
