import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateProjectConfig, validateStage } from '../../../src/model/index.js';
import { formatPath } from '../../../src/errors/index.js';

interface Expected {
  errors?: { field: string; detail?: string; detailContains?: string }[];
}
interface VectorCase {
  name: string;
  fn: string;
  input: { requestedFreight?: unknown[]; promotionPolicies?: unknown[]; metadata?: { name: string; namespace?: string } };
  expected: Expected;
}
const load = (name: string): VectorCase[] =>
  (JSON.parse(readFileSync(new URL(`../../fixtures/kargo/vectors/${name}.json`, import.meta.url), 'utf8')) as { cases: VectorCase[] }).cases;

function expectMatches(issues: readonly { path: readonly (string | number)[]; message: string }[], expected: Expected) {
  const errors = expected.errors ?? [];
  expect(issues.length > 0).toBe(errors.length > 0);
  for (const e of errors) {
    const hit = issues.find((i) => formatPath(i.path) === e.field && (e.detail === undefined || i.message === e.detail) && (e.detailContains === undefined || i.message.includes(e.detailContains)));
    expect(hit, `${e.field}: ${e.detail ?? e.detailContains}`).toBeDefined();
  }
}

describe('validateStage over the Stage webhook vectors', () => {
  const cases = load('graph_validation').filter((c) => c.fn === 'validateStageRequestedFreight');
  it('has cases', () => expect(cases.length).toBeGreaterThan(3));
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const issues = validateStage({ apiVersion: 'kargo.akuity.io/v1alpha1', kind: 'Stage', metadata: { name: 's', namespace: 'p' }, spec: { requestedFreight: c.input.requestedFreight } });
    expectMatches(issues, c.expected);
    expect(issues.filter((i) => i.message.includes('requested multiple times')).length).toBeLessThanOrEqual(1);
  });
});

describe('validateProjectConfig over the ProjectConfig webhook vectors', () => {
  const cases = load('policy_matching').filter((c) => c.fn === 'validateProjectConfigPolicies');
  it('has cases', () => expect(cases.length).toBeGreaterThan(3));
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const m = c.input.metadata ?? { name: 'p', namespace: 'p' };
    const issues = validateProjectConfig({
      apiVersion: 'kargo.akuity.io/v1alpha1',
      kind: 'ProjectConfig',
      metadata: { name: m.name, namespace: m.namespace ?? m.name },
      spec: { promotionPolicies: c.input.promotionPolicies ?? [] },
    });
    expectMatches(issues, c.expected);
  });
});
