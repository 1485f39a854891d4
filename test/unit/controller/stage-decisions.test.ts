import { describe, expect, it } from 'vitest';
import {
  abortedVerification,
  assessStageHealth,
  decideVerification,
  healthStateOfArgoCD,
  mergeHealthStates,
  parseVerificationAnnotation,
  setStageCondition,
  summarizeStageReady,
  verifiedCondition,
} from '../../../src/pipeline/index.js';

const NOW = '2026-03-01T10:00:00Z';

describe('assessStageHealth (Kargo §5.7)', () => {
  it('is Unknown while a Promotion runs and after one that did not succeed, nil without any', () => {
    expect(assessStageHealth({ currentPromotion: { name: 'p' }, lastPromotion: { name: 'o', status: { phase: 'Succeeded' } }, checks: [] })).toEqual({
      health: { status: 'Unknown', issues: ['Cannot assess health because a Promotion is currently in progress'] },
      condition: { type: 'Healthy', status: 'Unknown', reason: 'ActivePromotion', message: 'Cannot assess health because a Promotion is currently in progress' },
    });
    expect(assessStageHealth({ checks: [] })).toMatchObject({ health: null, condition: { status: 'Unknown', reason: 'NoFreight' } });
    expect(assessStageHealth({ lastPromotion: { name: 'o', status: { phase: 'Failed' } }, checks: [] })).toMatchObject({
      health: { status: 'Unknown', issues: ['Cannot assess health because last Promotion did not succeed'] },
      condition: { reason: 'LastPromotionFailed' },
    });
  });

  it('merges check outcomes to the most severe state', () => {
    const last = { name: 'o', status: { phase: 'Succeeded' } };
    expect(assessStageHealth({ lastPromotion: last, checks: [] })).toMatchObject({ health: { status: 'Healthy' }, condition: { status: 'True', reason: 'Healthy' } });
    const mixed = assessStageHealth({ lastPromotion: last, checks: [{ status: 'Healthy' }, { status: 'Progressing', issues: ['x'] }, { status: 'NotApplicable' }] });
    expect(mixed).toMatchObject({ health: { status: 'Progressing', issues: ['x'] }, condition: { status: 'Unknown', reason: 'Progressing' } });
    expect(assessStageHealth({ lastPromotion: last, checks: [{ status: 'Unhealthy' }, { status: 'Unknown' }] }).condition).toMatchObject({ status: 'False', reason: 'Unhealthy' });
    expect(mergeHealthStates('Unknown', 'Progressing')).toBe('Unknown');
    expect(mergeHealthStates('Healthy', 'NotApplicable')).toBe('NotApplicable');
    expect(['Healthy', 'Suspended', 'Progressing', 'Degraded', 'Missing', 'Weird', undefined].map(healthStateOfArgoCD)).toEqual(['Healthy', 'Healthy', 'Progressing', 'Unhealthy', 'Unhealthy', 'Unknown', 'Unknown']);
  });
});

describe('verification decisions (Kargo §5.8)', () => {
  const stageWith = (history: unknown[] | undefined, extra: Record<string, unknown> = {}, annotations: Record<string, string> = {}): Parameters<typeof decideVerification>[0] =>
    ({
      metadata: { name: 's', annotations },
      status: { health: { status: 'Healthy' }, freightHistory: [{ id: 'c', items: {}, ...(history ? { verificationHistory: history } : {}) }], ...extra },
    }) as Parameters<typeof decideVerification>[0];

  it('reads annotations as JSON or a bare id', () => {
    expect(parseVerificationAnnotation('{"id":"v1","actor":"me","controlPlane":true}')).toEqual({ id: 'v1', actor: 'me', controlPlane: true });
    expect(parseVerificationAnnotation(' v2 ')).toEqual({ id: 'v2' });
    expect(parseVerificationAnnotation('{"actor":"me"}')).toBeUndefined();
    expect(parseVerificationAnnotation('{broken')).toBeUndefined();
    expect(parseVerificationAnnotation('')).toBeUndefined();
  });

  it('follows Kargo\'s order of checks', () => {
    expect(decideVerification({ metadata: { name: 's' }, status: {} })).toEqual({ action: 'none', reason: 'noFreight' });
    expect(decideVerification(stageWith(undefined, { currentPromotion: { name: 'p' } }))).toEqual({ action: 'none', reason: 'promoting' });
    const running = { id: 'v1', phase: 'Running' };
    expect(decideVerification(stageWith([running]))).toEqual({ action: 'poll', info: running });
    expect(decideVerification(stageWith([running], {}, { 'kargo.akuity.io/abort': 'v1' }))).toEqual({ action: 'abort', info: running });
    expect(decideVerification(stageWith([running], {}, { 'kargo.akuity.io/abort': 'v0' }))).toEqual({ action: 'poll', info: running });
    const done = { id: 'v1', phase: 'Failed' };
    expect(decideVerification(stageWith([done]))).toEqual({ action: 'none', reason: 'verified' });
    expect(decideVerification(stageWith([done], {}, { 'kargo.akuity.io/reverify': '{"id":"v1","actor":"bob"}' }))).toEqual({ action: 'start', reverify: { actor: 'bob' } });
    expect(decideVerification(stageWith(undefined))).toEqual({ action: 'start' });
    expect(decideVerification(stageWith(undefined, { health: { status: 'Progressing' } }))).toEqual({ action: 'none', reason: 'notHealthy' });
    expect(decideVerification(stageWith(undefined, { health: null }))).toEqual({ action: 'none', reason: 'notHealthy' });
  });

  it('records an abort as Failed', () => {
    expect(abortedVerification({ id: 'v', phase: 'Running', analysisRun: { namespace: 'p', name: 'r', phase: 'Running' } }, NOW)).toEqual({
      id: 'v',
      phase: 'Failed',
      message: 'Verification aborted by user',
      finishTime: NOW,
      analysisRun: { namespace: 'p', name: 'r', phase: 'Failed' },
    });
  });

  it('derives the Verified condition: any success wins, else the newest phase', () => {
    expect(verifiedCondition([{ phase: 'Failed' }, { phase: 'Successful' }])).toMatchObject({ status: 'True', reason: 'Verified' });
    const table: [string, string, string][] = [
      ['Pending', 'Unknown', 'VerificationPending'],
      ['Running', 'Unknown', 'VerificationRunning'],
      ['Failed', 'False', 'VerificationFailed'],
      ['Error', 'False', 'VerificationError'],
      ['Aborted', 'False', 'VerificationAborted'],
      ['Inconclusive', 'Unknown', 'VerificationInconclusive'],
      ['Odd', 'Unknown', 'UnknownVerificationPhase'],
    ];
    for (const [phase, status, reason] of table) expect(verifiedCondition([{ phase }])).toMatchObject({ type: 'Verified', status, reason });
    expect(verifiedCondition([{ phase: 'Failed', message: 'why' }])?.message).toBe('why');
    expect(verifiedCondition([])).toBeUndefined();
  });
});

describe('summarizeStageReady (Kargo §5.10)', () => {
  const healthy = { type: 'Healthy', status: 'True' as const, reason: 'Healthy' };
  const verified = { type: 'Verified', status: 'True' as const, reason: 'Verified', message: 'ok' };

  it('takes the first rule that applies', () => {
    const error = summarizeStageReady({ conditions: [healthy, verified], reconcileError: 'boom', now: NOW });
    expect(error.conditions.map((c) => [c.type, c.status, c.reason])).toEqual([
      ['Healthy', 'True', 'Healthy'],
      ['Verified', 'True', 'Verified'],
      ['Reconciling', 'True', 'RetryAfterError'],
      ['Ready', 'False', 'ReconcileError'],
    ]);
    const promoting = summarizeStageReady({ conditions: [{ type: 'Promoting', status: 'True', reason: 'ActivePromotion', message: 'm' }, healthy, verified], now: NOW });
    expect(promoting.conditions.at(-1)).toMatchObject({ type: 'Ready', status: 'False', reason: 'ActivePromotion', message: 'm' });
    const failed = summarizeStageReady({ conditions: [healthy, verified], lastPromotion: { status: { phase: 'Errored', message: 'oops' } }, now: NOW });
    expect(failed.conditions.at(-1)).toMatchObject({ reason: 'LastPromotionErrored', message: 'oops' });
    expect(summarizeStageReady({ conditions: [verified], now: NOW }).conditions.at(-1)).toMatchObject({ reason: 'Unhealthy', message: 'Stage is not healthy' });
    expect(summarizeStageReady({ conditions: [healthy], now: NOW }).conditions.at(-1)).toMatchObject({ reason: 'PendingVerification', message: 'Stage is not verified' });
    const ready = summarizeStageReady({ conditions: [healthy, verified, { type: 'Reconciling', status: 'True', reason: 'x' }], generation: 3, now: NOW });
    expect(ready).toMatchObject({ ready: true, observedGeneration: 3 });
    expect(ready.conditions.map((c) => c.type)).toEqual(['Healthy', 'Verified', 'Ready']);
    expect(ready.conditions.at(-1)).toMatchObject({ status: 'True', reason: 'Verified', message: 'ok' });
  });

  it('keeps a condition\'s transition time while its status does not change', () => {
    const first = setStageCondition([], { type: 'Ready', status: 'False', reason: 'A' }, NOW);
    const same = setStageCondition(first, { type: 'Ready', status: 'False', reason: 'B', message: 'm' }, '2026-03-01T11:00:00Z');
    expect(same).toEqual([{ type: 'Ready', status: 'False', reason: 'B', message: 'm', lastTransitionTime: NOW }]);
    const flipped = setStageCondition(same, { type: 'Ready', status: 'True', reason: 'C' }, '2026-03-01T12:00:00Z');
    expect(flipped[0]?.lastTransitionTime).toBe('2026-03-01T12:00:00Z');
  });
});
