import { describe, expect, it } from 'vitest';
import { createController } from '../../../src/controller/index.js';
import { all, get, PROJECT, quickstartResources, stage, world } from './fixture.js';

const ANALYSIS = { analysisTemplates: [{ name: 'smoke' }] };

function verifiedStages(): ReturnType<typeof quickstartResources> {
  return quickstartResources({ stages: [stage('dev', { verification: ANALYSIS }), stage('staging', { upstream: 'dev' })] });
}

function cond(s: Record<string, any>, type: string): Record<string, any> | undefined {
  return s.status.conditions.find((c: { type: string }) => c.type === type);
}

describe('Stage verification', () => {
  it('runs a verification to success, waking exactly when the run ends, and marks the Freight verified', async () => {
    const w = world({ resources: verifiedStages(), decide: () => ({ phase: 'Successful', afterMs: 90_000 }) });
    const pass = await w.controller.settle();
    const dev = get(w, 'Stage', 'dev');
    const info = dev.status.freightHistory[0].verificationHistory[0];
    expect(info).toMatchObject({ phase: 'Running', startTime: '2026-03-01T10:00:00Z', analysisRun: { namespace: PROJECT, name: 'run-000001', phase: 'Running' } });
    expect(cond(dev, 'Verified')).toMatchObject({ status: 'Unknown', reason: 'VerificationRunning' });
    expect(cond(dev, 'Ready')).toMatchObject({ status: 'False', reason: 'VerificationRunning' });
    expect(pass.nextWakeAt).toBe(Date.parse('2026-03-01T10:01:30Z'));
    const f = all(w, 'Freight')[0]!;
    expect(f.status.verifiedIn).toBeUndefined();
    expect(w.verification.runs()[0]!.request).toMatchObject({ project: PROJECT, stage: 'dev', verification: ANALYSIS, freight: [f.metadata.name] });

    w.clock.set(pass.nextWakeAt as number);
    await w.controller.settle();
    const after = get(w, 'Stage', 'dev');
    expect(after.status.freightHistory[0].verificationHistory[0]).toMatchObject({ phase: 'Successful', finishTime: '2026-03-01T10:01:30Z' });
    expect(cond(after, 'Ready')).toMatchObject({ status: 'True', reason: 'Verified' });
    expect(get(w, 'Freight', f.metadata.name).status.verifiedIn).toEqual({ dev: { verifiedAt: '2026-03-01T10:01:30Z' } });
    expect(w.events.filter((e) => e.reason === 'FreightVerified').map((e) => e.details?.['stage'])).toEqual(['dev']);
  });

  it('records a failed verification, keeps the Freight unverified and unavailable downstream', async () => {
    const w = world({ resources: verifiedStages(), decide: () => ({ phase: 'Failed', message: 'error rate too high' }) });
    await w.controller.settle();
    const dev = get(w, 'Stage', 'dev');
    expect(dev.status.freightHistory[0].verificationHistory[0]).toMatchObject({ phase: 'Failed', message: 'error rate too high' });
    expect(cond(dev, 'Verified')).toMatchObject({ status: 'False', reason: 'VerificationFailed' });
    expect(cond(dev, 'Ready')).toMatchObject({ status: 'False', reason: 'VerificationFailed' });
    const f = all(w, 'Freight')[0]!;
    expect(f.status.verifiedIn).toBeUndefined();
    const promoted = await w.controller.promote({ project: PROJECT, stage: 'staging', freight: f.metadata.name });
    expect(promoted.ok ? [] : promoted.issues.map((i) => [i.code, i.message])).toEqual([
      ['CONTROLLER_FREIGHT_NOT_AVAILABLE', `Freight "${f.metadata.name}" is not available to Stage "staging"`],
    ]);
  });

  it('aborts a running verification (recorded as Failed) and re-verifies on request', async () => {
    let outcome: 'Running' | 'Successful' = 'Running';
    const w = world({ resources: verifiedStages(), decide: () => ({ phase: outcome }) });
    await w.controller.settle();
    expect((await w.controller.abortVerification({ project: PROJECT, stage: 'dev', actor: 'bob' })).ok).toBe(true);
    await w.controller.settle();
    let dev = get(w, 'Stage', 'dev');
    expect(dev.status.freightHistory[0].verificationHistory).toHaveLength(1);
    expect(dev.status.freightHistory[0].verificationHistory[0]).toMatchObject({ phase: 'Failed', message: 'Verification aborted by user', finishTime: '2026-03-01T10:00:00Z' });
    expect(w.verification.runs()[0]!.phase).toBe('Aborted');
    // A finished verification cannot be aborted again: nothing happens.
    expect((await w.controller.abortVerification({ project: PROJECT, stage: 'dev' })).ok).toBe(true);

    outcome = 'Successful';
    w.clock.advance(60_000);
    expect((await w.controller.reverify({ project: PROJECT, stage: 'dev', actor: 'bob' })).ok).toBe(true);
    await w.controller.settle();
    dev = get(w, 'Stage', 'dev');
    const history = dev.status.freightHistory[0].verificationHistory;
    expect(history.map((v: { phase: string }) => v.phase)).toEqual(['Successful', 'Failed']);
    expect(history[0]).toMatchObject({ actor: 'bob', startTime: '2026-03-01T10:01:00Z' });
    expect(w.verification.runs()[1]!.request).toMatchObject({ reverify: true, actor: 'bob' });
    expect(cond(dev, 'Verified')).toMatchObject({ status: 'True' });
    // Settling again does not start a third verification: the reverify request names an old record.
    await w.controller.settle();
    expect(get(w, 'Stage', 'dev').status.freightHistory[0].verificationHistory).toHaveLength(2);
  });

  it('refuses reverify and abort without current Freight, with Kargo\'s messages', async () => {
    const w = world();
    const reverify = await w.controller.reverify({ project: PROJECT, stage: 'staging' });
    expect(reverify.ok ? '' : reverify.issues[0]!.message).toBe('stage has no current freight');
    const abort = await w.controller.abortVerification({ project: PROJECT, stage: 'nope' });
    expect(abort.ok ? '' : abort.issues[0]!.code).toBe('CONTROLLER_NOT_FOUND');
  });

  it('records Error when a Stage asks for verification and no verification port is configured', async () => {
    const w = world({ resources: verifiedStages() });
    const noPort = createController({ ports: { store: w.store, registry: w.registry, git: w.git, steps: w.stepPorts }, clock: w.clock, ids: w.ids });
    await noPort.settle();
    const info = get(w, 'Stage', 'dev').status.freightHistory[0].verificationHistory[0];
    expect(info).toMatchObject({ phase: 'Error', message: 'Rollouts integration is disabled on this controller: cannot start verification' });
  });

  it('re-promoting the Freight a Stage already has verifies it again', async () => {
    const w = world({ resources: verifiedStages() });
    await w.controller.settle();
    const f = all(w, 'Freight')[0]!;
    w.clock.advance(60_000);
    expect((await w.controller.promote({ project: PROJECT, stage: 'dev', freight: f.metadata.name, actor: 'carol' })).ok).toBe(true);
    await w.controller.settle();
    const dev = get(w, 'Stage', 'dev');
    expect(dev.status.lastPromotion.name).toMatch(/^dev\.000\d+\./);
    expect(dev.status.freightHistory[0].verificationHistory[0]).toMatchObject({ phase: 'Successful', startTime: '2026-03-01T10:01:00Z' });
    expect(w.verification.runs()).toHaveLength(2);
    // As Kargo does, the finished Promotion asked the Stage to verify its current Freight again.
    const firstId = dev.status.freightHistory[1].verificationHistory[0].id;
    expect(JSON.parse(dev.metadata.annotations['kargo.akuity.io/reverify'])).toEqual({ id: firstId });
  });
});
