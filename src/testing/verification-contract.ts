import type { StartVerificationRequest, VerificationPhase, VerificationPort } from '../ports/index.js';
import { expectThat, type ContractCheck, type Factory } from './contract.js';
import { aborted, expectFailure, expectSuccess, settle } from './registry-contract.js';

/** What {@link verificationContract} starts. */
export interface VerificationContractFixture {
  readonly project: string;
  /** A verification the port keeps running until it is aborted (say, a long analysis). */
  readonly request: StartVerificationRequest;
  /** An id no run has. */
  readonly missingId: string;
}

/** The verification {@link verificationContract} starts by default. */
export const verificationContractFixture: VerificationContractFixture = {
  project: 'contract',
  missingId: 'contract-missing-run',
  request: {
    project: 'contract',
    stage: 'test',
    freightCollectionId: 'c0ffee',
    freight: ['f1'],
    verification: { analysisTemplates: [{ name: 'contract-long-running' }] },
  },
};

const FINAL: ReadonlySet<VerificationPhase> = new Set(['Successful', 'Failed', 'Error', 'Aborted', 'Inconclusive']);
const PHASES: ReadonlySet<string> = new Set(['Pending', 'Running', 'Successful', 'Failed', 'Error', 'Aborted', 'Inconclusive']);

/**
 * The contract every {@link VerificationPort} must keep, as checks that run under any test runner.
 * `factory` is called once per check and must give a port that keeps runs started with
 * `fixture.request` running until they are aborted.
 */
export function verificationContract(factory: Factory<VerificationPort>, fixture: VerificationContractFixture = verificationContractFixture): ContractCheck[] {
  const { project, request } = fixture;
  return [
    {
      name: 'VerificationPort.start() returns a run with an id and a phase; get() reports the same run',
      async run() {
        const port = await factory();
        const run = expectSuccess(await settle(() => port.start(request), 'start'), 'start');
        expectThat(typeof run.id === 'string' && run.id !== '', 'start() returned a run without an id');
        expectThat(PHASES.has(run.phase), `start() returned the phase ${JSON.stringify(run.phase)}`);
        expectThat(!FINAL.has(run.phase), `a run the fixture keeps running started as ${run.phase}`);
        const read = expectSuccess(await settle(() => port.get({ project, id: run.id }), 'get'), 'get');
        expectThat(read.id === run.id && read.phase === run.phase, `get() reported ${read.id} ${read.phase} for ${run.id} ${run.phase}`);
      },
    },
    {
      name: 'VerificationPort gives each run its own id',
      async run() {
        const port = await factory();
        const a = expectSuccess(await port.start(request), 'start');
        const b = expectSuccess(await port.start({ ...request, reverify: true }), 'start again');
        expectThat(a.id !== b.id, `two runs share the id ${a.id}`);
      },
    },
    {
      name: 'VerificationPort.abort() makes a running run final, and a final run never changes',
      async run() {
        const port = await factory();
        const run = expectSuccess(await port.start(request), 'start');
        const stopped = expectSuccess(await settle(() => port.abort({ project, id: run.id }), 'abort'), 'abort');
        expectThat(FINAL.has(stopped.phase), `abort() left the run ${stopped.phase}`);
        expectThat(typeof stopped.finishedAt === 'string' && !Number.isNaN(Date.parse(stopped.finishedAt)), 'an aborted run has no valid finishedAt');
        for (let i = 0; i < 3; i++) {
          const read = expectSuccess(await port.get({ project, id: run.id }), 'get');
          expectThat(read.phase === stopped.phase, `a final run changed from ${stopped.phase} to ${read.phase}`);
        }
        const again = expectSuccess(await port.abort({ project, id: run.id }), 'abort again');
        expectThat(again.phase === stopped.phase, `aborting a final run changed it to ${again.phase}`);
      },
    },
    {
      name: 'VerificationPort.get() and abort() of an unknown id fail with not-found',
      async run() {
        const port = await factory();
        expectFailure(await settle(() => port.get({ project, id: fixture.missingId }), 'get'), 'not-found', 'get of an unknown run');
        expectFailure(await settle(() => port.abort({ project, id: fixture.missingId }), 'abort'), 'not-found', 'abort of an unknown run');
      },
    },
    {
      name: 'VerificationPort answers a fired signal with a cancelled failure',
      async run() {
        const port = await factory();
        expectFailure(await settle(() => port.start({ ...request, signal: aborted() }), 'start'), 'cancelled', 'start with a fired signal');
      },
    },
  ];
}
