import { describe, expect, it } from 'vitest';
import { buildPromotionEnv, evaluateStepVars, taskOutputsOf } from '../../../../src/expressions/kargo/index.js';
import { ExprObject } from '../../../../src/expressions/values.js';

const base = {
  project: 'demo',
  promotion: 'test.01abc',
  stage: 'test',
  targetFreight: { name: 'f1', alias: 'happy-fox', origin: { name: 'wh' } },
  actor: 'admin',
  stepAlias: 'deploy::push',
};

describe('buildPromotionEnv', () => {
  it('lays out ctx as Kargo does', () => {
    const env = buildPromotionEnv({ ...base, uiBaseUrl: 'https://kargo.example.com', vars: { a: 1 } });
    expect(env).toEqual({
      ctx: {
        uiBaseUrl: 'https://kargo.example.com',
        project: 'demo',
        promotion: 'test.01abc',
        stage: 'test',
        targetFreight: { name: 'f1', alias: 'happy-fox', origin: { name: 'wh' } },
        meta: { promotion: { actor: 'admin', rollback: false }, step: { alias: 'deploy::push' } },
      },
      vars: { a: 1 },
    });
  });

  it('adds outputs, stepMetas and task outputs only when outputs are given', () => {
    const outputs = { 'deploy::clone': { commit: 'abc' }, 'deploy::push': null, build: { tag: 'v1' }, deploy: { pr: 1 } };
    const env = buildPromotionEnv({ ...base, outputs, stepMetas: [{ alias: 'deploy::clone', status: 'Succeeded', errorCount: 2 }] });
    expect(env['outputs']).toBe(outputs);
    expect(env['task']).toEqual({ outputs: { clone: { commit: 'abc' }, push: null } });
    const meta = (env['stepMetas'] as Record<string, ExprObject>)['deploy::clone'];
    expect(meta?.getField('Status')).toBe('Succeeded');
    expect(meta?.getField('ErrorCount')).toBe(2n);
    expect(meta?.toJS()).toEqual({ alias: 'deploy::clone', status: 'Succeeded', errorCount: 2 });
  });

  it('adds target only for promotions to a target', () => {
    expect(buildPromotionEnv(base)).not.toHaveProperty('target');
    expect(buildPromotionEnv({ ...base, target: { params: { region: 'eu' } } })['target']).toEqual({ params: { region: 'eu' }, labels: null });
  });
});

describe('taskOutputsOf', () => {
  it('is undefined for a top-level step', () => {
    expect(taskOutputsOf('step-1', { 'x::y': 1 })).toBeUndefined();
  });
});

describe('evaluateStepVars', () => {
  it('evaluates promotion vars, then step vars, in order, later ones replacing earlier ones', () => {
    const r = evaluateStepVars({
      project: 'demo',
      promotion: 'p1',
      stage: 'test',
      stepAlias: 'step-2',
      outputs: { 'step-1': { commit: 'abc' } },
      promotionVars: [
        { name: 'repo', value: 'https://github.com/acme/${{ ctx.project }}' },
        { name: 'branch', value: 'env/${{ ctx.stage }}' },
        { name: 'seesOutputs', value: '${{ outputs == nil }}' },
      ],
      stepVars: [
        { name: 'branch', value: '${{ vars.branch }}-next' },
        { name: 'commit', value: "${{ outputs['step-1'].commit }}" },
      ],
    });
    expect(r).toEqual({
      ok: true,
      issues: [],
      value: { repo: 'https://github.com/acme/demo', branch: 'env/test-next', seesOutputs: true, commit: 'abc' },
    });
  });

  it('names the variable that failed', () => {
    const r = evaluateStepVars({ project: 'p', promotion: 'x', stage: 's', promotionVars: [{ name: 'bad', value: '${{ vars.a.b }}' }] });
    expect(r.ok).toBe(false);
    expect(r.ok ? undefined : r.issues[0]).toMatchObject({ code: 'EXPR_RUNTIME', path: ['promotionVars', 0, 'value'] });
    expect(r.ok ? '' : r.issues[0]?.message).toMatch(/^error pre-processing promotion variable "bad": /);
  });
});
