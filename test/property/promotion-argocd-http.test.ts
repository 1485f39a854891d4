import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMemoryCluster, createMemoryHttp } from '../../src/adapters/memory/index.js';
import type { ArgoCDApplication } from '../../src/ports/index.js';
import { builtinSteps, createStepRegistry, matchesLabelSelector, runPromotionToEnd } from '../../src/promotion/index.js';
import type { PromotionRunStatus, RunnablePromotion, StepPorts } from '../../src/promotion/index.js';
import type { PromotionStep } from '../../src/model/index.js';

const steps = createStepRegistry(builtinSteps);
const STATUSES = ['Succeeded', 'Failed', 'Errored', 'Running', 'Skipped', 'Aborted'];

function run(step: PromotionStep, ports: StepPorts): Promise<PromotionRunStatus> {
  const promotion: RunnablePromotion = { metadata: { name: 'p', namespace: 'demo' }, spec: { stage: 'dev', steps: [step] } };
  return runPromotionToEnd(promotion, {}, { steps, ports, now: '2026-01-01T00:00:00Z', maxRuns: 3 });
}

function expectJudged(status: PromotionRunStatus): void {
  const meta = status.stepExecutionMetadata[0];
  expect(STATUSES).toContain(meta?.status);
  expect(meta?.message ?? '').not.toContain('step panicked');
}

const labelKey = fc.constantFrom('app', 'team', 'env', 'tier');
const labelValue = fc.constantFrom('a', 'b', 'prod', '');
const labels = fc.dictionary(labelKey, labelValue, { maxKeys: 4 });

describe('label selectors', () => {
  it('a selector made of some of an Application\'s own labels matches it; DoesNotExist on one of them does not', () => {
    fc.assert(
      fc.property(labels, fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }), (have, pick) => {
        const keys = Object.keys(have);
        const chosen = Object.fromEntries(keys.filter((_, i) => pick[i]).map((k) => [k, have[k] ?? '']));
        expect(matchesLabelSelector({ matchLabels: chosen }, have)).toBe(true);
        expect(matchesLabelSelector({ matchExpressions: keys.map((key) => ({ key, operator: 'In' as const, values: [have[key] ?? ''] })) }, have)).toBe(true);
        for (const key of keys) expect(matchesLabelSelector({ matchExpressions: [{ key, operator: 'DoesNotExist' }] }, have)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('NotIn is the complement of In for a present label', () => {
    fc.assert(
      fc.property(labels, labelKey, fc.array(labelValue, { minLength: 1, maxLength: 3 }), (have, key, values) => {
        const inside = matchesLabelSelector({ matchExpressions: [{ key, operator: 'In', values }] }, have);
        const outside = matchesLabelSelector({ matchExpressions: [{ key, operator: 'NotIn', values }] }, have);
        expect(inside).toBe(!outside);
      }),
      { numRuns: 300 },
    );
  });
});

const junk = fc.jsonValue({ maxDepth: 2 });
const statusArb = fc.oneof(
  junk,
  fc.record(
    {
      health: fc.oneof(junk, fc.record({ status: fc.oneof(junk, fc.constantFrom('Healthy', 'Degraded', 'Progressing')) })),
      sync: fc.oneof(junk, fc.record({ status: fc.oneof(junk, fc.constant('Synced')) })),
      conditions: fc.oneof(junk, fc.array(fc.oneof(junk, fc.record({ type: fc.constantFrom('ComparisonError', 'Other'), message: junk })))),
      reconciledAt: fc.oneof(junk, fc.constant('2026-01-01T00:00:00Z')),
      operationState: fc.oneof(
        junk,
        fc.record(
          {
            phase: fc.oneof(junk, fc.constantFrom('Running', 'Succeeded', 'Failed')),
            finishedAt: fc.oneof(junk, fc.constant('2026-01-01T00:00:00Z')),
            operation: fc.oneof(junk, fc.record({ info: fc.oneof(junk, fc.array(fc.oneof(junk, fc.record({ name: fc.constant('kargo.akuity.io/promotion'), value: fc.oneof(junk, fc.constant('p')) })))) }, { requiredKeys: [] })),
            syncResult: fc.oneof(junk, fc.record({ revision: junk, revisions: junk }, { requiredKeys: [] })),
          },
          { requiredKeys: [] },
        ),
      ),
    },
    { requiredKeys: [] },
  ),
);
const sourceArb = fc.record({ repoURL: fc.oneof(junk, fc.constant('https://github.com/a/b')), chart: junk, helm: junk, kustomize: junk, targetRevision: junk }, { requiredKeys: [] });

describe('broken answers give a judged step, never a throw', () => {
  it('http with arbitrary statuses, content types, bodies and expressions', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 100, max: 599 }),
        fc.constantFrom('application/json', 'application/yaml', 'text/plain', 'text/html', '', 'application/json; charset=utf-8'),
        fc.oneof(fc.string({ maxLength: 40 }), fc.json({ maxDepth: 3 }), fc.constantFrom('a: [1', '{"a":', '*x', '&a [*a, *a]')),
        fc.option(fc.constantFrom('response.status == 200', 'response.body.a', 'response.body.a.b.c', 'response.header("content-type") == ""', '(', 'response.status >'), { nil: undefined }),
        async (status, contentType, body, expression) => {
          const http = createMemoryHttp(() => ({ status, headers: contentType === '' ? {} : { 'Content-Type': contentType }, body }));
          const config: Record<string, unknown> = { url: 'https://api.example.com', outputs: [{ name: 'body', fromExpression: 'response.body' }] };
          if (expression !== undefined) config['successExpression'] = expression;
          expectJudged(await run({ uses: 'http', config }, { http }));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('argocd-update and argocd-wait on Applications with arbitrary status and spec fields', async () => {
    await fc.assert(
      fc.asyncProperty(statusArb, fc.oneof(fc.jsonValue({ maxDepth: 2 }), sourceArb), fc.constantFrom('argocd-update', 'argocd-wait'), async (status, source, uses) => {
        const cluster = createMemoryCluster();
        const app = {
          metadata: { name: 'a', namespace: 'argocd', annotations: { 'kargo.akuity.io/authorized-stage': 'demo:dev' } },
          spec: { source },
          status,
        } as unknown as ArgoCDApplication;
        cluster.addApplication(app);
        const sources = [{ repoURL: 'https://github.com/a/b', desiredRevision: 'x', updateTargetRevision: true, helm: { images: [{ key: 'k', value: 'v' }] }, kustomize: { images: [{ repoURL: 'r', tag: 't' }] } }];
        expectJudged(await run({ uses, config: { apps: [uses === 'argocd-update' ? { name: 'a', sources } : { name: 'a' }] } }, { cluster }));
      }),
      { numRuns: 150 },
    );
  });
});
