import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { createStepRegistry, defineStep, runPromotion, runPromotionToEnd, withPromotionStatus, stepErrored } from '../../../src/promotion/index.js';
import { collect, promotionOf, registry, runOnce } from './helpers.js';

const last = <T>(xs: readonly T[]): T => xs[xs.length - 1] as T;

describe('runPromotion: skipping and conditions', () => {
  it('runs every step and succeeds, yielding one snapshot per step', async () => {
    const snaps = await runOnce(promotionOf([{ uses: 'scripted' }, { uses: 'scripted', as: 'two' }]));
    expect(snaps).toHaveLength(2);
    expect(snaps[0]?.done).toBe(false);
    expect(snaps[0]?.status).toMatchObject({ phase: 'Running', currentStep: 1 });
    expect(snaps[0]?.step).toMatchObject({ index: 0, alias: 'step-1', status: 'Succeeded' });
    const final = last(snaps);
    expect(final.done).toBe(true);
    expect(final.status.phase).toBe('Succeeded');
    expect(final.status.currentStep).toBe(1);
    expect(final.status.stepExecutionMetadata.map((m) => m.alias)).toEqual(['step-1', 'two']);
    expect(final.status.stepExecutionMetadata[0]).toMatchObject({ startedAt: '2026-01-01T00:00:00Z', finishedAt: '2026-01-01T00:00:00Z', errorCount: 0 });
  });

  it('skips steps without if after a failure but runs always() and failure() steps', async () => {
    const snaps = await runOnce(
      promotionOf([
        { uses: 'fail', config: { message: 'stop' } },
        { uses: 'scripted' },
        { uses: 'scripted', if: '${{ always() }}' },
        { uses: 'scripted', if: '${{ failure() }}' },
        { uses: 'scripted', if: '${{ success() }}' },
      ]),
    );
    const final = last(snaps).status;
    expect(final.stepExecutionMetadata.map((m) => m.status)).toEqual(['Errored', 'Skipped', 'Succeeded', 'Succeeded', 'Skipped']);
    expect(final.phase).toBe('Errored');
    expect(final.message).toBe('step "step-1" met error threshold of 1: error running step "step-1": failed: stop');
    expect(final.stepExecutionMetadata[1]).not.toHaveProperty('startedAt');
  });

  it('ignores continueOnError failures in failure() and in the final phase', async () => {
    const snaps = await runOnce(promotionOf([{ uses: 'fail', continueOnError: true }, { uses: 'scripted' }, { uses: 'scripted', if: '${{ failure() }}' }]));
    const final = last(snaps).status;
    expect(final.stepExecutionMetadata.map((m) => m.status)).toEqual(['Errored', 'Succeeded', 'Skipped']);
    expect(final.stepExecutionMetadata[0]?.continueOnError).toBe(true);
    expect(final.phase).toBe('Succeeded');
  });

  it('reads status() of earlier steps by alias', async () => {
    const snaps = await runOnce(
      promotionOf([
        { uses: 'fail', as: 'a', continueOnError: true },
        { uses: 'scripted', as: 'b', if: "${{ status('a') == 'Errored' }}" },
        { uses: 'scripted', as: 'c', if: "${{ status('nope') == '' }}" },
      ]),
    );
    expect(last(snaps).status.stepExecutionMetadata.map((m) => m.status)).toEqual(['Errored', 'Succeeded', 'Succeeded']);
  });

  it('errors on an if that is not a boolean, or does not evaluate', async () => {
    const snaps = await runOnce(promotionOf([{ uses: 'scripted', if: 'true' }, { uses: 'scripted', if: '${{ nope( }}' }]));
    const metas = last(snaps).status.stepExecutionMetadata;
    expect(metas[0]?.status).toBe('Errored');
    expect(metas[0]?.message).toBe('error checking if step "step-1" should be skipped: expression must evaluate to a boolean, got string');
    expect(metas[1]?.status).toBe('Errored');
    expect(metas[1]?.message).toMatch(/^error checking if step "step-2" should be skipped: /);
  });

  it('errors on an unregistered step kind', async () => {
    const snaps = await runOnce(promotionOf([{ uses: 'tar' }]));
    expect(last(snaps).status.stepExecutionMetadata[0]).toMatchObject({ status: 'Errored', message: expect.stringContaining('step kind "tar" is not registered') });
    expect(last(snaps).status.phase).toBe('Errored');
  });

  it('fails a step whose config does not match its schema, without retrying', async () => {
    const snaps = await runOnce(promotionOf([{ uses: 'fail', config: { message: 'x', extra: 1 } }]));
    const meta = last(snaps).status.stepExecutionMetadata[0];
    expect(meta?.status).toBe('Failed');
    expect(meta?.message).toMatch(/^step "step-1": invalid fail config: /);
  });

  it('errors when the config expressions fail', async () => {
    const snaps = await runOnce(promotionOf([{ uses: 'scripted', config: { message: '${{ vars.x.y.z }}' } }]));
    expect(last(snaps).status.stepExecutionMetadata[0]?.message).toMatch(/^failed to build step context: /);
  });

  it('records an invalid status as Errored', async () => {
    const snaps = await runOnce(promotionOf([{ uses: 'scripted', config: { status: 'Bogus' } }]));
    expect(last(snaps).status.stepExecutionMetadata[0]).toMatchObject({ status: 'Errored', message: 'step "step-1" returned an invalid status "Bogus"' });
  });

  it('turns a throwing runner into a terminal error', async () => {
    const boom = defineStep({ uses: 'boom', configSchema: z.object({}), run: () => { throw new Error('kaput'); } });
    const status = await runPromotionToEnd(promotionOf([{ uses: 'boom' }]), {}, { steps: createStepRegistry([boom]), now: '2026-01-01T00:00:00Z' });
    expect(status.stepExecutionMetadata[0]).toMatchObject({ status: 'Errored', message: 'an unrecoverable error occurred: error running step "step-1": step panicked: kaput' });
  });
});

describe('runPromotion: retries, timeouts and Running steps', () => {
  it('retries a retriable error below the threshold and stops at it', async () => {
    const promotion = promotionOf([{ uses: 'scripted', retry: { errorThreshold: 2 }, config: { status: 'Errored', error: 'flaky' } }]);
    const first = last(await runOnce(promotion)).status;
    expect(first).toMatchObject({ phase: 'Running', currentStep: 0 });
    expect(first.stepExecutionMetadata[0]).toMatchObject({ errorCount: 1, status: 'Errored', message: 'error running step "step-1": flaky; step will be retried' });
    const second = last(await runOnce(withPromotionStatus(promotion, first))).status;
    expect(second.phase).toBe('Errored');
    expect(second.stepExecutionMetadata[0]).toMatchObject({ errorCount: 2, message: 'step "step-1" met error threshold of 2: error running step "step-1": flaky' });
  });

  it('synthesizes an error for an Errored result without one', async () => {
    const status = last(await runOnce(promotionOf([{ uses: 'scripted', config: { status: 'Errored', message: 'hmm' } }]))).status;
    expect(status.stepExecutionMetadata[0]?.message).toBe('step "step-1" met error threshold of 1: step "step-1" errored: hmm');
  });

  it('times out a step that keeps running past retry.timeout, counted from its first start', async () => {
    const promotion = promotionOf([{ uses: 'scripted', retry: { timeout: '5m' }, config: { status: 'Running', retryAfter: 1000 } }]);
    const first = last(await runOnce(promotion, '2026-01-01T00:00:00Z'));
    expect(first.status.phase).toBe('Running');
    expect(first.retryAfter).toBe(1000);
    const second = last(await runOnce(withPromotionStatus(promotion, first.status), '2026-01-01T00:04:00Z')).status;
    expect(second.phase).toBe('Running');
    expect(second.stepExecutionMetadata[0]?.startedAt).toBe('2026-01-01T00:00:00Z');
    const third = last(await runOnce(withPromotionStatus(promotion, second), '2026-01-01T00:05:01Z')).status;
    expect(third.phase).toBe('Errored');
    expect(third.stepExecutionMetadata[0]).toMatchObject({ status: 'Errored', message: 'step "step-1" timed out after 5m0s', finishedAt: '2026-01-01T00:05:01Z' });
  });

  it('uses a step kind default timeout when the step sets none', async () => {
    const slow = defineStep({ uses: 'slow', configSchema: z.object({}), timeout: 60_000, run: () => ({ status: 'Running' }) });
    const steps = createStepRegistry([slow]);
    const promotion = promotionOf([{ uses: 'slow' }]);
    const first = await runPromotionToEnd(promotion, {}, { steps, now: '2026-01-01T00:00:00Z' });
    const second = await runPromotionToEnd(withPromotionStatus(promotion, first), {}, { steps, now: '2026-01-01T00:02:00Z' });
    expect(second.stepExecutionMetadata[0]?.message).toBe('step "step-1" timed out after 1m0s');
  });

  it('pauses on a Running step, does not re-check its if, and resumes it', async () => {
    const promotion = promotionOf([{ uses: 'scripted' }, { uses: 'scripted', as: 'wait', if: '${{ outputs.wait == nil }}', config: { pollsUntilDone: 3 } }, { uses: 'scripted' }]);
    let status = last(await runOnce(promotion)).status;
    expect(status).toMatchObject({ phase: 'Running', currentStep: 1 });
    expect(status.state['wait']).toEqual({ polls: 1 });
    status = last(await runOnce(withPromotionStatus(promotion, status))).status;
    expect(status.state['wait']).toEqual({ polls: 2 });
    status = last(await runOnce(withPromotionStatus(promotion, status))).status;
    expect(status.phase).toBe('Succeeded');
    expect(status.stepExecutionMetadata.map((m) => m.status)).toEqual(['Succeeded', 'Succeeded', 'Succeeded']);
  });

  it('runPromotionToEnd re-runs a waiting promotion up to maxRuns, waiting between runs', async () => {
    const waits: number[] = [];
    const status = await runPromotionToEnd(promotionOf([{ uses: 'scripted', config: { pollsUntilDone: 3, retryAfter: 250 } }]), {}, {
      steps: registry,
      now: '2026-01-01T00:00:00Z',
      maxRuns: 5,
      wait: async (ms) => void waits.push(ms),
    });
    expect(status.phase).toBe('Succeeded');
    expect(waits).toEqual([250, 250]);
  });

  it('a terminal status is returned unchanged', async () => {
    const promotion = promotionOf([{ uses: 'scripted' }]);
    const done = last(await runOnce(promotion)).status;
    const again = await runOnce(withPromotionStatus(promotion, done));
    expect(again).toHaveLength(1);
    expect(again[0]?.status).toEqual(done);
  });
});

describe('runPromotion: outputs, vars and health checks', () => {
  it('keeps step outputs in state, visible to later steps as outputs', async () => {
    const snaps = await runOnce(
      promotionOf([
        { uses: 'compose-output', as: 'meta', config: { tag: '${{ vars.tag }}', n: 3 } },
        { uses: 'scripted', as: 'use', config: { output: { seen: '${{ outputs.meta.tag }}-${{ outputs.meta.n }}' } } },
      ], { vars: [{ name: 'tag', value: 'v1.2.3' }] }),
    );
    expect(last(snaps).status.state).toEqual({ meta: { tag: 'v1.2.3', n: 3 }, use: { seen: 'v1.2.3-3' } });
  });

  it('merges compose-output outputs of a task step into the task outputs', async () => {
    const snaps = await runOnce(
      promotionOf([
        { uses: 'compose-output', as: 'deploy::info', config: { url: 'https://x' } },
        { uses: 'scripted', as: 'deploy::next', config: { output: { fromTask: '${{ task.outputs.info.url }}' } } },
        { uses: 'scripted', as: 'after', config: { output: { url: '${{ outputs.deploy.url }}' } } },
      ]),
    );
    const state = last(snaps).status.state;
    expect(state['deploy']).toEqual({ url: 'https://x' });
    expect(state['deploy::next']).toEqual({ fromTask: 'https://x' });
    expect(state['after']).toEqual({ url: 'https://x' });
  });

  it('step vars see earlier vars and override promotion vars', async () => {
    const snaps = await runOnce(
      promotionOf([{ uses: 'compose-output', config: { v: '${{ vars.env }}/${{ vars.full }}' }, vars: [{ name: 'env', value: 'prod' }, { name: 'full', value: '${{ vars.env }}-1' }] }], {
        vars: [{ name: 'env', value: 'dev' }],
      }),
    );
    expect(last(snaps).status.state['step-1']).toEqual({ v: 'prod/prod-1' });
  });

  it('collects health checks of succeeded steps only, and keeps them across runs', async () => {
    const promotion = promotionOf([
      { uses: 'scripted', as: 'a', config: { health: true } },
      { uses: 'scripted', as: 'b', config: { pollsUntilDone: 2 } },
      { uses: 'scripted', as: 'c', config: { health: true, status: 'Failed', error: 'no', terminal: true } },
    ]);
    const first = last(await runOnce(promotion)).status;
    expect(first.healthChecks).toEqual([{ uses: 'argocd', config: { app: 'a' } }]);
    const second = last(await runOnce(withPromotionStatus(promotion, first))).status;
    expect(second.healthChecks).toEqual([{ uses: 'argocd', config: { app: 'a' } }]);
    expect(second.phase).toBe('Failed');
  });

  it('exposes ctx to expressions', async () => {
    const snaps = await runOnce(promotionOf([{ uses: 'compose-output', as: 'x', config: { s: '${{ ctx.stage }}/${{ ctx.promotion }}/${{ ctx.project }}/${{ ctx.targetFreight.name }}/${{ ctx.meta.step.alias }}' } }]));
    expect(last(snaps).status.state['x']).toEqual({ s: 'test/test.01h.abc1234/demo/abc1234/x' });
  });

  it('reports metadata updates of set-metadata in the step report', async () => {
    const snaps = await runOnce(promotionOf([{ uses: 'set-metadata', config: { updates: [{ kind: 'Stage', name: 'test', values: { deployedBy: 'waybill' } }] } }]));
    expect(last(snaps).step?.metadataUpdates).toEqual([{ kind: 'Stage', name: 'test', values: { deployedBy: 'waybill' } }]);
  });
});

describe('runPromotion: aborting', () => {
  it('an aborted signal before the run aborts the promotion', async () => {
    const controller = new AbortController();
    controller.abort();
    const snaps = await runOnce(promotionOf([{ uses: 'scripted' }]), undefined, { signal: controller.signal });
    expect(last(snaps).status).toMatchObject({ phase: 'Aborted', message: 'Promotion terminated per user request', currentStep: 0 });
  });

  it('aborting during a step marks that step Aborted and stops', async () => {
    const controller = new AbortController();
    const stopper = defineStep({ uses: 'stopper', configSchema: z.object({}), run: () => { controller.abort('Promotion terminated by alice'); return { status: 'Running' }; } });
    const steps = createStepRegistry([stopper, ...[registry.get('scripted')].filter((d) => d !== undefined)]);
    const snaps = await collect(runPromotion(promotionOf([{ uses: 'scripted' }, { uses: 'stopper' }, { uses: 'scripted' }]), {}, { steps, now: '2026-01-01T00:00:00Z', signal: controller.signal }));
    const final = last(snaps).status;
    expect(final).toMatchObject({ phase: 'Aborted', message: 'Promotion terminated by alice', currentStep: 1 });
    expect(final.stepExecutionMetadata.map((m) => m.status)).toEqual(['Succeeded', 'Aborted']);
    expect(final.stepExecutionMetadata[1]?.finishedAt).toBe('2026-01-01T00:00:00Z');
  });

  it('a Running step left by an earlier run is Aborted when the next run starts aborted', async () => {
    const promotion = promotionOf([{ uses: 'scripted', config: { status: 'Running' } }]);
    const first = last(await runOnce(promotion)).status;
    const controller = new AbortController();
    controller.abort();
    const final = last(await runOnce(withPromotionStatus(promotion, first), '2026-01-01T00:01:00Z', { signal: controller.signal })).status;
    expect(final.phase).toBe('Aborted');
    expect(final.stepExecutionMetadata[0]).toMatchObject({ status: 'Aborted', finishedAt: '2026-01-01T00:01:00Z' });
    expect(stepErrored('x').status).toBe('Errored');
  });
});
