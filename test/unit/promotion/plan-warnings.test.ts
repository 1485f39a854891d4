import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { createMemoryHttp } from '../../../src/adapters/memory/index.js';
import { builtinSteps, createStepRegistry, defineStep, formatPromotionPlan, planPromotion } from '../../../src/promotion/index.js';
import { promotionCodes } from '../../../src/errors/codes/promotion.js';
import type { PromotionStep } from '../../../src/model/index.js';
import { NOW, REPO, promotionOf, steps, world } from './git-fixture.js';

const PLAN_CODES = ['PROMOTION_PLAN_HTTP_SIMULATED', 'PROMOTION_PLAN_MERGE_PREDICTED', 'PROMOTION_PLAN_INCOMPLETE'] as const;

describe('planPromotion warnings', () => {
  it('each have their own documented code', () => {
    for (const code of PLAN_CODES) {
      const doc = promotionCodes[code];
      expect(doc.summary.length).toBeGreaterThan(10);
      expect(doc.cause.length).toBeGreaterThan(10);
      expect(doc.fix.length).toBeGreaterThan(10);
    }
  });

  it('leave assumed Argo CD Applications to the plan, which marks them', async () => {
    const list: PromotionStep[] = [{ uses: 'argocd-update', as: 'sync', config: { apps: [{ name: 'web-dev', sources: [{ repoURL: REPO, desiredRevision: 'abc123', updateTargetRevision: true }] }] } }];
    const plan = await planPromotion(promotionOf(list), {}, { steps, now: NOW });
    expect(plan.argocd[0]?.assumed).toBe(true);
    expect(plan.issues).toEqual([]);
  });

  it('name every request that was not sent, and none that was', async () => {
    const http = createMemoryHttp(() => ({ status: 204, headers: {}, body: '' }));
    const list: PromotionStep[] = [
      { uses: 'http', as: 'check', config: { method: 'GET', url: 'https://ci.example.com/status' } },
      { uses: 'http', as: 'notify', config: { method: 'POST', url: 'https://chat.example.com/hook', body: '{}' } },
    ];
    const withPort = await planPromotion(promotionOf(list), {}, { steps, ports: { http }, now: NOW });
    expect(withPort.issues).toEqual([
      expect.objectContaining({ code: 'PROMOTION_PLAN_HTTP_SIMULATED', severity: 'warning', path: ['spec', 'steps', 1], message: 'POST https://chat.example.com/hook was not sent; step "notify" got a simulated 200 answer' }),
    ]);
    const without = await planPromotion(promotionOf(list), {}, { steps, now: NOW, simulateHttp: () => ({ status: 202, headers: {}, body: '' }) });
    expect(formatPromotionPlan(without)).toContain('warning PROMOTION_PLAN_HTTP_SIMULATED: GET https://ci.example.com/status was not sent');
    expect(without.issues.map((i) => [i.code, i.path, i.message])).toEqual([
      ['PROMOTION_PLAN_HTTP_SIMULATED', ['spec', 'steps', 0], 'GET https://ci.example.com/status was not sent; step "check" got a simulated 202 answer'],
      ['PROMOTION_PLAN_HTTP_SIMULATED', ['spec', 'steps', 1], 'POST https://chat.example.com/hook was not sent; step "notify" got a simulated 202 answer'],
    ]);
  });

  it('say when the merge of a pull request the plan did not open is predicted', async () => {
    const w = world();
    w.git.commit(REPO, { branch: 'feature', subject: 'feature', files: { 'README.md': '# changed\n' } });
    await w.prs.open({ repoURL: REPO, sourceBranch: 'feature', targetBranch: 'main', title: 'feature' });
    const plan = await planPromotion(promotionOf([{ uses: 'git-wait-for-pr', as: 'wait', config: { repoURL: REPO, prNumber: 1 } }]), {}, { steps, ports: { pullRequests: w.prs }, now: NOW });
    expect(plan.issues).toEqual([expect.objectContaining({ code: 'PROMOTION_PLAN_MERGE_PREDICTED', severity: 'warning', path: ['spec', 'steps', 0], message: expect.stringContaining('pull request 1 of') })]);
  });

  it('say when the plan gave up on a promotion that was still running', async () => {
    const flaky = defineStep({ uses: 'flaky', configSchema: z.object({}), run: () => ({ status: 'Errored', error: { message: 'try again' } }) });
    const registry = createStepRegistry([...builtinSteps, flaky]);
    const promotion = promotionOf([{ uses: 'compose-output', as: 'a', config: { x: 1 } }, { uses: 'flaky', as: 'b', retry: { errorThreshold: 50 } }, { uses: 'compose-output', as: 'c', config: {} }]);
    const plan = await planPromotion(promotion, {}, { steps: registry, now: NOW, maxRuns: 3 });
    expect(plan.phase).toBe('Running');
    expect(plan.issues).toEqual([
      expect.objectContaining({
        code: 'PROMOTION_PLAN_INCOMPLETE',
        severity: 'warning',
        path: ['spec', 'steps', 1],
        message: 'the plan stopped after 3 runs with step "b" still running: error running step "b": try again; step will be retried; the steps after it were not planned',
      }),
    ]);
  });

  it('are absent when the plan needed no assumption', async () => {
    const plan = await planPromotion(promotionOf([{ uses: 'compose-output', as: 'a', config: { x: 1 } }]), {}, { steps, now: NOW });
    expect(plan.issues).toEqual([]);
  });
});
