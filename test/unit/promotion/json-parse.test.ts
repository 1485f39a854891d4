import { describe, expect, it } from 'vitest';
import { builtinSteps, createMemoryWorkTree, createStepRegistry, runPromotionToEnd } from '../../../src/promotion/index.js';
import type { AnyStepDefinition, MemoryWorkTree, PromotionRunStatus, StepPorts } from '../../../src/promotion/index.js';
import { jsonParseStep } from '../../../src/promotion/steps/json-parse.js';
import type { PromotionStep } from '../../../src/model/index.js';

/** Runs a promotion of `steps` to its end with the builtin steps plus `extra`, on `tree`. */
function runWith(extra: readonly AnyStepDefinition[], tree: MemoryWorkTree | undefined, steps: PromotionStep[], ports: StepPorts = {}): Promise<PromotionRunStatus> {
  return runPromotionToEnd({ metadata: { name: 'p', namespace: 'demo' }, spec: { stage: 'dev', freight: 'f', steps } }, {}, {
    steps: createStepRegistry([...builtinSteps, ...extra]),
    now: '2026-01-01T00:00:00Z',
    ports: { ...(tree === undefined ? {} : { workTree: tree }), ...ports },
  });
}

const run = runWith.bind(null, [jsonParseStep]);

describe('json-parse', () => {
  it('evaluates each output with the document as the environment', async () => {
    const tree = createMemoryWorkTree({ 'pkg/package.json': JSON.stringify({ name: 'web', version: '4.2.0', deps: { react: '18.2.0' }, replicas: 3, tags: ['a', 'b'] }, null, 2) });
    const s = await run(tree, [
      {
        uses: 'json-parse',
        as: 'pkg',
        config: {
          path: 'pkg/package.json',
          outputs: [
            { name: 'version', fromExpression: 'version' },
            { name: 'react', fromExpression: 'deps.react' },
            { name: 'double', fromExpression: 'replicas * 2' },
            { name: 'kind', fromExpression: 'type(replicas)' },
            { name: 'tags', fromExpression: 'join(tags, ",")' },
            { name: 'missing', fromExpression: 'nothing' },
            { name: '__proto__', fromExpression: '"safe"' },
          ],
        },
      },
    ]);
    expect(s.phase).toBe('Succeeded');
    const out = s.state['pkg'] as Record<string, unknown>;
    // Every JSON number is a float, as Go decodes them.
    expect(out).toMatchObject({ version: '4.2.0', react: '18.2.0', double: 6, kind: 'float', tags: 'a,b', missing: null });
    expect(Object.getOwnPropertyDescriptor(out, '__proto__')?.value).toBe('safe');
  });

  it('errors on a file that is not JSON', async () => {
    const tree = createMemoryWorkTree({ 'a.json': '{"a": 1,}' });
    const s = await run(tree, [{ uses: 'json-parse', config: { path: 'a.json', outputs: [{ name: 'a', fromExpression: 'a' }] } }]);
    expect(s.stepExecutionMetadata[0]?.status).toBe('Errored');
    expect(s.stepExecutionMetadata[0]?.message).toContain('could not parse JSON file "a.json"');
  });

  it('has no template functions, only the language builtins', async () => {
    const tree = createMemoryWorkTree({ 'a.json': '{"a": "x"}' });
    const s = await run(tree, [{ uses: 'json-parse', config: { path: 'a.json', outputs: [{ name: 'q', fromExpression: 'quote(a)' }] } }]);
    expect(s.stepExecutionMetadata[0]?.status).toBe('Errored');
  });
});
