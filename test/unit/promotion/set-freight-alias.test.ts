import { describe, expect, it } from 'vitest';
import { builtinSteps, createStepRegistry, runPromotionToEnd, validateStepConfig } from '../../../src/promotion/index.js';
import type { AnyStepDefinition, MemoryWorkTree, PromotionRunStatus, StepPorts } from '../../../src/promotion/index.js';
import { setFreightAliasStep } from '../../../src/promotion/steps/set-freight-alias.js';
import type { PromotionStep } from '../../../src/model/index.js';

/** Runs a promotion of `steps` to its end with the builtin steps plus `extra`, on `tree`. */
function runWith(extra: readonly AnyStepDefinition[], tree: MemoryWorkTree | undefined, steps: PromotionStep[], ports: StepPorts = {}): Promise<PromotionRunStatus> {
  return runPromotionToEnd({ metadata: { name: 'p', namespace: 'demo' }, spec: { stage: 'dev', freight: 'f', steps } }, {}, {
    steps: createStepRegistry([...builtinSteps, ...extra]),
    now: '2026-01-01T00:00:00Z',
    ports: { ...(tree === undefined ? {} : { workTree: tree }), ...ports },
  });
}

const run = runWith.bind(null, [setFreightAliasStep]);

describe('set-freight-alias', () => {
  it('succeeds with the alias change and its merge patch as output', async () => {
    const s = await run(undefined, [{ uses: 'set-freight-alias', as: 'alias', config: { name: 'abc123', alias: '${{ "release-" + "42" }}' } }]);
    expect(s.phase).toBe('Succeeded');
    expect(s.state['alias']).toEqual({ freight: 'abc123', alias: 'release-42', patch: { alias: 'release-42', metadata: { labels: { 'kargo.akuity.io/alias': 'release-42' } } } });
    expect(s.stepExecutionMetadata[0]?.message).toBe('set alias of Freight "abc123" in project "demo" to "release-42"');
  });

  it('fails for good on an alias that cannot be a label value', async () => {
    for (const alias of ['has space', '-lead', 'x'.repeat(64), 'é']) {
      const s = await run(undefined, [{ uses: 'set-freight-alias', config: { name: 'abc123', alias } }]);
      expect(s.stepExecutionMetadata[0]?.status).toBe('Failed');
      expect(s.stepExecutionMetadata[0]?.message).toContain('is not a valid label value');
    }
  });

  it('checks its config strictly', () => {
    const steps = createStepRegistry([...builtinSteps, setFreightAliasStep]);
    expect(validateStepConfig(steps, 'set-freight-alias', { name: 'a', alias: 'b' })).toEqual([]);
    expect(validateStepConfig(steps, 'set-freight-alias', { name: 'a' }).length).toBe(1);
    expect(validateStepConfig(steps, 'set-freight-alias', { name: '', alias: 'b', x: 1 }).length).toBe(2);
  });
});
