import { describe, expect, it } from 'vitest';
import { builtinSteps, createMemoryWorkTree, createStepRegistry, runPromotionToEnd } from '../../../src/promotion/index.js';
import type { AnyStepDefinition, MemoryWorkTree, PromotionRunStatus, StepPorts } from '../../../src/promotion/index.js';
import { yamlParseStep } from '../../../src/promotion/steps/yaml-parse.js';
import type { PromotionStep } from '../../../src/model/index.js';

/** Runs a promotion of `steps` to its end with the builtin steps plus `extra`, on `tree`. */
function runWith(extra: readonly AnyStepDefinition[], tree: MemoryWorkTree | undefined, steps: PromotionStep[], ports: StepPorts = {}): Promise<PromotionRunStatus> {
  return runPromotionToEnd({ metadata: { name: 'p', namespace: 'demo' }, spec: { stage: 'dev', freight: 'f', steps } }, {}, {
    steps: createStepRegistry([...builtinSteps, ...extra]),
    now: '2026-01-01T00:00:00Z',
    ports: { ...(tree === undefined ? {} : { workTree: tree }), ...ports },
  });
}

const run = runWith.bind(null, [yamlParseStep]);

const chart = `apiVersion: v2
name: web
version: 1.4.0 # chart version
appVersion: "2.0.1"
base: &base
  replicas: 2
prod:
  <<: *base
  zone: eu
dependencies:
  - name: redis
    version: 18.1.0
---
second: document
`;

describe('yaml-parse', () => {
  it('evaluates each output against the first document', async () => {
    const tree = createMemoryWorkTree({ 'charts/web/Chart.yaml': chart });
    const s = await run(tree, [
      {
        uses: 'yaml-parse',
        as: 'chart',
        config: {
          path: 'charts/web/Chart.yaml',
          outputs: [
            { name: 'appVersion', fromExpression: 'appVersion' },
            { name: 'redis', fromExpression: 'dependencies[0].version' },
            { name: 'replicas', fromExpression: 'prod.replicas' },
            { name: 'kind', fromExpression: 'type(prod.replicas)' },
            { name: 'second', fromExpression: 'second' },
          ],
        },
      },
    ]);
    expect(s.phase).toBe('Succeeded');
    expect(s.state['chart']).toEqual({ appVersion: '2.0.1', redis: '18.1.0', replicas: 2, kind: 'int', second: null });
  });

  it('errors on an empty or broken file', async () => {
    const tree = createMemoryWorkTree({ 'e.yaml': '', 'b.yaml': 'a: [1\n', 'd.yaml': 'a: 1\na: 2\n' });
    const out = [{ name: 'a', fromExpression: 'a' }];
    const always = '${{ always() }}';
    const s = await run(tree, [
      { uses: 'yaml-parse', config: { path: 'e.yaml', outputs: out } },
      { uses: 'yaml-parse', if: always, config: { path: 'b.yaml', outputs: out } },
      { uses: 'yaml-parse', if: always, config: { path: 'd.yaml', outputs: out } },
    ]);
    const messages = s.stepExecutionMetadata.map((m) => m.message ?? '');
    expect(messages[0]).toContain('could not parse empty YAML file: "e.yaml"');
    expect(messages[1]).toContain('could not parse YAML file "b.yaml"');
    expect(messages[2]).toContain('could not parse YAML file "d.yaml"');
  });
});
