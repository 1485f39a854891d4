import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtinSteps, createMemoryWorkTree, createStepRegistry, runPromotionToEnd, validateStepConfig } from '../../../src/promotion/index.js';
import type { AnyStepDefinition, MemoryWorkTree, PromotionRunStatus, StepPorts } from '../../../src/promotion/index.js';
import { tomlParseStep } from '../../../src/promotion/steps/toml-parse.js';
import type { PromotionStep } from '../../../src/model/index.js';

/** Runs a promotion of `steps` to its end with the builtin steps plus `extra`, on `tree`. */
function runWith(extra: readonly AnyStepDefinition[], tree: MemoryWorkTree | undefined, steps: PromotionStep[], ports: StepPorts = {}): Promise<PromotionRunStatus> {
  return runPromotionToEnd({ metadata: { name: 'p', namespace: 'demo' }, spec: { stage: 'dev', freight: 'f', steps } }, {}, {
    steps: createStepRegistry([...builtinSteps, ...extra]),
    now: '2026-01-01T00:00:00Z',
    ports: { ...(tree === undefined ? {} : { workTree: tree }), ...ports },
  });
}

const pyproject = readFileSync(new URL('../../fixtures/toml/pyproject.toml', import.meta.url), 'utf8');
const run = runWith.bind(null, [tomlParseStep]);

describe('toml-parse', () => {
  it('evaluates each output with the document as the environment', async () => {
    const tree = createMemoryWorkTree({ 'pyproject.toml': pyproject });
    const s = await run(tree, [
      {
        uses: 'toml-parse',
        as: 'py',
        config: {
          path: 'pyproject.toml',
          outputs: [
            { name: 'version', fromExpression: 'project.version' },
            { name: 'deps', fromExpression: 'len(project.dependencies)' },
            { name: 'lineLength', fromExpression: 'tool.ruff["line-length"] + 1' },
            { name: 'timeout', fromExpression: 'tool.pytest.ini_options.timeout' },
            { name: 'pinned', fromExpression: 'filter(project["optional-dependencies"].dev, # contains "==")' },
          ],
        },
      },
      { uses: 'compose-output', as: 'next', config: { v: '${{ outputs.py.version }}' } },
    ]);
    expect(s.phase).toBe('Succeeded');
    expect(s.state['py']).toEqual({ version: '2.3.0', deps: 2, lineLength: 101, timeout: 30.5, pinned: ['ruff==0.3.2'] });
    expect(s.state['next']).toEqual({ v: '2.3.0' });
  });

  it('sees integers as ints: integer division and type checks behave as in Go', async () => {
    const tree = createMemoryWorkTree({ 'a.toml': 'n = 7\nf = 7.0\n' });
    const s = await run(tree, [{ uses: 'toml-parse', as: 'x', config: { path: 'a.toml', outputs: [{ name: 'int', fromExpression: 'type(n)' }, { name: 'float', fromExpression: 'type(f)' }] } }]);
    expect(s.state['x']).toEqual({ int: 'int', float: 'float' });
  });

  it('errors on a missing, empty or broken file, or an expression that fails', async () => {
    const tree = createMemoryWorkTree({ 'empty.toml': '', 'bad.toml': 'a = = 1\n', 'ok.toml': 'a = 1\n' });
    const always = '${{ always() }}';
    const out = [{ name: 'a', fromExpression: 'a' }];
    const s = await run(tree, [
      { uses: 'toml-parse', config: { path: 'nope.toml', outputs: out } },
      { uses: 'toml-parse', if: always, config: { path: 'empty.toml', outputs: out } },
      { uses: 'toml-parse', if: always, config: { path: 'bad.toml', outputs: out } },
      { uses: 'toml-parse', if: always, config: { path: 'ok.toml', outputs: [{ name: 'a', fromExpression: 'a +' }] } },
      { uses: 'toml-parse', if: always, config: { path: 'ok.toml', outputs: [{ name: 'a', fromExpression: 'a.b.c' }] } },
    ]);
    const messages = s.stepExecutionMetadata.map((m) => `${m.status}: ${m.message ?? ''}`);
    expect(messages[0]).toMatch(/^Errored: .*error reading TOML file "nope.toml": no such file/);
    expect(messages[1]).toMatch(/^Errored: .*could not parse empty TOML file: "empty.toml"/);
    expect(messages[2]).toMatch(/^Errored: .*could not parse TOML file "bad.toml": .*line 1/);
    expect(messages[3]).toMatch(/^Errored: .*failed to extract outputs: error compiling expression "a \+"/);
    expect(messages[4]).toMatch(/^Errored: .*failed to extract outputs: error evaluating expression "a.b.c"/);
  });

  it('checks its config strictly', () => {
    const steps = createStepRegistry([...builtinSteps, tomlParseStep]);
    expect(validateStepConfig(steps, 'toml-parse', { path: 'a', outputs: [{ name: 'x', fromExpression: 'y' }] })).toEqual([]);
    expect(validateStepConfig(steps, 'toml-parse', { path: 'a', outputs: [] }).length).toBe(1);
    expect(validateStepConfig(steps, 'toml-parse', { path: 'a', outputs: [{ name: 'x' }] }).length).toBe(1);
  });
});
