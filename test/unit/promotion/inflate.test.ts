import { describe, expect, it } from 'vitest';
import { buildPromotion, inflatePromotionSteps } from '../../../src/promotion/index.js';
import type { PromotionTaskLike, TemplateStageLike } from '../../../src/promotion/index.js';
import { promotionSchema } from '../../../src/model/index.js';

const stage = (steps: unknown[], extra: { vars?: { name: string; value?: string }[]; templateVars?: { name: string; value?: string }[] } = {}): TemplateStageLike =>
  ({
    metadata: { name: 'prod', namespace: 'demo', uid: 'uid-1' },
    spec: { ...(extra.vars ? { vars: extra.vars } : {}), promotionTemplate: { spec: { ...(extra.templateVars ? { vars: extra.templateVars } : {}), steps } } },
  }) as TemplateStageLike;

const task: PromotionTaskLike = {
  kind: 'PromotionTask',
  metadata: { name: 'deploy', namespace: 'demo' },
  spec: {
    vars: [{ name: 'repo' }, { name: 'branch', value: 'main' }, { name: 'env' }],
    steps: [
      { uses: 'git-clone', config: { repoURL: '${{ vars.repo }}' } },
      { uses: 'yaml-update', as: 'update', if: '${{ success() }}', retry: { errorThreshold: 2 }, vars: [{ name: 'inner', value: '1' }], config: { path: 'a.yaml' } },
    ],
  },
};
const clusterTask: PromotionTaskLike = { kind: 'ClusterPromotionTask', metadata: { name: 'notify' }, spec: { steps: [{ uses: 'compose-output', as: 'out' }] } };

describe('inflatePromotionSteps', () => {
  it('replaces a task reference by its steps with namespaced aliases and merged vars', () => {
    const r = inflatePromotionSteps(
      stage([{ uses: 'compose-output' }, { task: { name: 'deploy' }, vars: [{ name: 'repo', value: 'https://git/x' }] }, { task: { name: 'notify', kind: 'ClusterPromotionTask' }, as: 'tell' }, { uses: 'fail' }], {
        vars: [{ name: 'env', value: 'prod' }],
      }),
      [task, clusterTask],
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toEqual([
      { uses: 'compose-output' },
      { as: 'task-2::step-1', uses: 'git-clone', config: { repoURL: '${{ vars.repo }}' }, vars: [{ name: 'branch', value: 'main' }, { name: 'repo', value: 'https://git/x' }] },
      {
        as: 'task-2::update',
        uses: 'yaml-update',
        if: '${{ success() }}',
        retry: { errorThreshold: 2 },
        config: { path: 'a.yaml' },
        vars: [{ name: 'branch', value: 'main' }, { name: 'repo', value: 'https://git/x' }, { name: 'inner', value: '1' }],
      },
      { as: 'tell::out', uses: 'compose-output' },
      { uses: 'fail' },
    ]);
  });

  it('reports a task variable with no value anywhere', () => {
    const r = inflatePromotionSteps(stage([{ uses: 'fail' }, { task: { name: 'deploy' }, vars: [{ name: 'repo', value: 'r' }] }]), [task]);
    expect(r.ok).toBe(false);
    expect(r.issues).toEqual([
      expect.objectContaining({ code: 'PROMOTION_TASK_VARIABLE_MISSING', message: 'PromotionTask "deploy": missing value for variable "env"', path: ['spec', 'promotionTemplate', 'spec', 'steps', 1, 'vars'] }),
    ]);
  });

  it('an empty value in the referencing step does not count', () => {
    const r = inflatePromotionSteps(stage([{ task: { name: 'deploy' }, vars: [{ name: 'repo', value: '' }, { name: 'env', value: 'x' }] }]), [task]);
    expect(r.issues.map((i) => i.message)).toEqual(['PromotionTask "deploy": missing value for variable "repo"']);
  });

  it('template vars satisfy task vars', () => {
    const r = inflatePromotionSteps(stage([{ task: { name: 'deploy' } }], { templateVars: [{ name: 'repo', value: 'r' }, { name: 'env', value: 'e' }] }), [task]);
    expect(r.ok).toBe(true);
  });

  it('drops if, continueOnError, retry and config of the referencing step with warnings', () => {
    const r = inflatePromotionSteps(stage([{ task: { name: 'notify', kind: 'ClusterPromotionTask' }, if: '${{ false }}', continueOnError: true, retry: { errorThreshold: 3 }, config: { a: 1 } }]), [clusterTask]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toEqual([{ as: 'task-1::out', uses: 'compose-output' }]);
    expect(r.issues.map((i) => [i.code, i.severity, i.path.at(-1)])).toEqual([
      ['PROMOTION_TASK_FIELD_DROPPED', 'warning', 'if'],
      ['PROMOTION_TASK_FIELD_DROPPED', 'warning', 'continueOnError'],
      ['PROMOTION_TASK_FIELD_DROPPED', 'warning', 'retry'],
      ['PROMOTION_TASK_FIELD_DROPPED', 'warning', 'config'],
    ]);
  });

  it('reports missing tasks, a wrong kind, or a task of another namespace', () => {
    const elsewhere: PromotionTaskLike = { ...task, metadata: { name: 'deploy', namespace: 'other' } };
    const r = inflatePromotionSteps(stage([{ task: { name: 'deploy', kind: 'ClusterPromotionTask' } }, { task: { name: 'deploy' } }]), [elsewhere]);
    expect(r.issues.map((i) => [i.code, i.path])).toEqual([
      ['PROMOTION_TASK_NOT_FOUND', ['spec', 'promotionTemplate', 'spec', 'steps', 0, 'task', 'name']],
      ['PROMOTION_TASK_NOT_FOUND', ['spec', 'promotionTemplate', 'spec', 'steps', 1, 'task', 'name']],
    ]);
  });

  it('rejects reserved and duplicate aliases, and steps with both or neither of uses and task', () => {
    const r = inflatePromotionSteps(stage([{ uses: 'fail', as: 'step-2' }, { uses: 'fail', as: 'x' }, { uses: 'fail', as: ' x ' }, {}, { uses: 'fail', task: { name: 'deploy' } }]), [task]);
    expect(r.issues.map((i) => [i.code, i.path.slice(4)])).toEqual([
      ['PROMOTION_ALIAS_RESERVED', [0, 'as']],
      ['PROMOTION_ALIAS_DUPLICATE', [2, 'as']],
      ['PROMOTION_STEP_INVALID', [3]],
      ['PROMOTION_STEP_INVALID', [4]],
    ]);
  });

  it('does not inflate tasks inside tasks', () => {
    const nested: PromotionTaskLike = { metadata: { name: 'outer' }, spec: { steps: [{ task: { name: 'deploy' } }] } };
    const r = inflatePromotionSteps(stage([{ task: { name: 'outer' } }]), [nested, task]);
    expect(r.issues.map((i) => i.code)).toEqual(['PROMOTION_STEP_INVALID']);
  });

  it('reports a Stage without steps', () => {
    const r = inflatePromotionSteps({ metadata: { name: 'prod', namespace: 'demo' }, spec: {} });
    expect(r.issues).toEqual([expect.objectContaining({ code: 'PROMOTION_TEMPLATE_MISSING', message: 'Stage "prod" in namespace "demo" defines no promotion steps' })]);
  });

  it('does not share objects with the Stage', () => {
    const config = { path: 'x' };
    const r = inflatePromotionSteps(stage([{ uses: 'yaml-update', config }]));
    if (!r.ok) throw new Error('expected ok');
    (r.value[0]?.config as { path: string }).path = 'changed';
    expect(config.path).toBe('x');
  });
});

describe('buildPromotion', () => {
  it('builds a Promotion Kargo would admit', () => {
    const r = buildPromotion(stage([{ uses: 'fail' }], { vars: [{ name: 'a', value: '1' }], templateVars: [{ name: 'b', value: '2' }] }), { metadata: { name: 'abcdef0123456789' } }, {
      ids: () => '01HZZZZZZZZZZZZZZZZZZZZZZZ',
      now: new Date('2026-02-03T04:05:06.789Z'),
      actor: 'alice',
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toEqual({
      apiVersion: 'kargo.akuity.io/v1alpha1',
      kind: 'Promotion',
      metadata: {
        name: 'prod.01hzzzzzzzzzzzzzzzzzzzzzzz.abcdef0',
        namespace: 'demo',
        creationTimestamp: '2026-02-03T04:05:06Z',
        labels: { 'kargo.akuity.io/stage': 'prod' },
        annotations: { 'kargo.akuity.io/stage': 'prod', 'kargo.akuity.io/create-actor': 'alice' },
        ownerReferences: [{ apiVersion: 'kargo.akuity.io/v1alpha1', kind: 'Stage', name: 'prod', uid: 'uid-1' }],
      },
      spec: { stage: 'prod', freight: 'abcdef0123456789', vars: [{ name: 'a', value: '1' }, { name: 'b', value: '2' }], steps: [{ uses: 'fail' }] },
    });
    expect(promotionSchema.safeParse(r.value).success).toBe(true);
  });

  it('uses a given name and an IdSource', () => {
    const given = buildPromotion(stage([{ uses: 'fail' }]), 'f1', { name: 'mine', now: '2026-01-01T00:00:00Z' });
    expect(given.ok && given.value.metadata.name).toBe('mine');
    const fromIds = buildPromotion(stage([{ uses: 'fail' }]), 'f1', { ids: { next: () => 'ID' }, now: '2026-01-01T00:00:00Z' });
    expect(fromIds.ok && fromIds.value.metadata.name).toBe('prod.id.f1');
  });

  it('reports a missing name source, an unnamed Freight and template problems together', () => {
    const r = buildPromotion(stage([]), '', { now: '2026-01-01T00:00:00Z' });
    expect(r.issues.map((i) => i.code)).toEqual(['PROMOTION_INVALID_INPUT', 'PROMOTION_TEMPLATE_MISSING']);
    const noIds = buildPromotion(stage([{ uses: 'fail' }]), 'f', { now: '2026-01-01T00:00:00Z' });
    expect(noIds.issues.map((i) => i.code)).toEqual(['PROMOTION_INVALID_INPUT']);
  });
});
