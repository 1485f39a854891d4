import { describe, expect, it } from 'vitest';
import { finalPromotionPhase, promotionPhase, stepStatusSeverity, STEP_STATUS_SEVERITY } from '../../../src/promotion/index.js';
import { runOnce, promotionOf } from './helpers.js';

describe('promotion phase', () => {
  it('orders statuses by severity', () => {
    expect(STEP_STATUS_SEVERITY.map(stepStatusSeverity)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(stepStatusSeverity('Bogus')).toBe(0);
  });

  it('gives Errored for a step left Running and Succeeded for no steps', () => {
    expect(promotionPhase([{ status: 'Running' }])).toBe('Errored');
    expect(promotionPhase([])).toBe('Succeeded');
    expect(promotionPhase([{ status: 'Aborted' }, { status: 'Failed', continueOnError: true }])).toBe('Aborted');
  });

  it('takes the message of the first worst step', () => {
    expect(
      finalPromotionPhase([
        { status: 'Failed', message: 'first failure' },
        { status: 'Errored', message: 'ignored', continueOnError: true },
        { status: 'Failed', message: 'second failure' },
      ]),
    ).toEqual({ phase: 'Failed', message: 'first failure' });
    expect(finalPromotionPhase([{ status: 'Succeeded', message: 'fine' }])).toEqual({ phase: 'Succeeded' });
  });
});

describe('engine details', () => {
  it('keeps the output of a step that failed', async () => {
    const snaps = await runOnce(promotionOf([{ uses: 'scripted', as: 'a', config: { status: 'Failed', error: 'no', terminal: true, output: { partial: true } } }]));
    expect(snaps.at(-1)?.status.state).toEqual({ a: { partial: true } });
  });

  it('scopes status() to the step\'s own task', async () => {
    const snaps = await runOnce(
      promotionOf([
        { uses: 'scripted', as: 'x' },
        { uses: 'scripted', as: 't::x', config: { status: 'Failed', error: 'inner', terminal: true }, continueOnError: true },
        { uses: 'compose-output', as: 't::check', if: '${{ always() }}', config: { inner: "${{ status('x') }}" } },
        { uses: 'compose-output', as: 'check', config: { outer: "${{ status('x') }}" } },
      ]),
    );
    const state = snaps.at(-1)?.status.state ?? {};
    expect(state['t::check']).toEqual({ inner: 'Failed' });
    expect(state['check']).toEqual({ outer: 'Succeeded' });
    expect(state['t']).toEqual({ inner: 'Failed' });
  });

  it('a promotion without steps ends Errored', async () => {
    const snaps = await runOnce(promotionOf([]));
    expect(snaps.map((s) => s.status.phase)).toEqual(['Errored']);
  });
});
