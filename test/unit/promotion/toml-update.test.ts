import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtinSteps, createMemoryWorkTree, createStepRegistry, runPromotionToEnd, validateStepConfig } from '../../../src/promotion/index.js';
import type { AnyStepDefinition, MemoryWorkTree, PromotionRunStatus, StepPorts } from '../../../src/promotion/index.js';
import { tomlUpdateStep } from '../../../src/promotion/steps/toml-update.js';
import type { PromotionStep } from '../../../src/model/index.js';

/** Runs a promotion of `steps` to its end with the builtin steps plus `extra`, on `tree`. */
function runWith(extra: readonly AnyStepDefinition[], tree: MemoryWorkTree | undefined, steps: PromotionStep[], ports: StepPorts = {}): Promise<PromotionRunStatus> {
  return runPromotionToEnd({ metadata: { name: 'p', namespace: 'demo' }, spec: { stage: 'dev', freight: 'f', steps } }, {}, {
    steps: createStepRegistry([...builtinSteps, ...extra]),
    now: '2026-01-01T00:00:00Z',
    ports: { ...(tree === undefined ? {} : { workTree: tree }), ...ports },
  });
}

const cargo = readFileSync(new URL('../../fixtures/toml/Cargo.toml', import.meta.url), 'utf8');
const run = runWith.bind(null, [tomlUpdateStep]);

describe('toml-update', () => {
  it('changes only the target values and outputs a commit message', async () => {
    const tree = createMemoryWorkTree({ 'rust/Cargo.toml': cargo });
    const s = await run(tree, [{ uses: 'toml-update', as: 'bump', config: { path: 'rust/Cargo.toml', updates: [{ key: 'package.version', value: '0.15.0' }, { key: 'profile.release.opt-level', value: 2 }, { key: 'profile.release.lto', value: false }] } }]);
    expect(s.phase).toBe('Succeeded');
    expect(tree.files()['rust/Cargo.toml']).toBe(cargo.replace('"0.14.2"', "'0.15.0'").replace('opt-level = 3', 'opt-level = 2').replace('lto = true', 'lto = false'));
    expect(s.state['bump']).toEqual({ commitMessage: "Updated rust/Cargo.toml\n\n- package.version: '0.15.0'\n- profile.release.opt-level: 2\n- profile.release.lto: false" });
  });

  it('takes values from expressions', async () => {
    const tree = createMemoryWorkTree({ 'app.toml': '[image]\ntag = "v1"\n' });
    const s = await run(tree, [{ uses: 'toml-update', config: { path: 'app.toml', updates: [{ key: 'image.tag', value: '${{ "v" + "2" }}' }] } }]);
    expect(s.phase).toBe('Succeeded');
    expect(tree.files()['app.toml']).toBe("[image]\ntag = 'v2'\n");
  });

  it('errors on a missing key, a table target, a non-scalar value or a missing file, and leaves the file alone', async () => {
    const tree = createMemoryWorkTree({ 'a.toml': '[service]\nname = "api"\n' });
    const always = '${{ always() }}';
    const s = await run(tree, [
      { uses: 'toml-update', config: { path: 'a.toml', updates: [{ key: 'service.port', value: 1 }] } },
      { uses: 'toml-update', if: always, config: { path: 'a.toml', updates: [{ key: 'service', value: 'x' }] } },
      { uses: 'toml-update', if: always, config: { path: 'a.toml', updates: [{ key: 'service.name', value: ['a'] }] } },
      { uses: 'toml-update', if: always, config: { path: 'nope.toml', updates: [{ key: 'a', value: 1 }] } },
      { uses: 'toml-update', if: always, config: { path: 'a.toml', updates: [{ key: 'service.name', value: null }] } },
    ]);
    const messages = s.stepExecutionMetadata.map((m) => m.message ?? '');
    expect(s.stepExecutionMetadata.map((m) => m.status)).toEqual(['Errored', 'Errored', 'Errored', 'Errored', 'Errored']);
    expect(messages[0]).toContain('TOML file update failed: error updating TOML file "a.toml": key "service.port": key path not found');
    expect(messages[1]).toContain('key path addresses Table instead of a scalar node (line 1, column 1)');
    expect(messages[2]).toContain('value is not a TOML scalar type');
    expect(messages[3]).toContain('no such file');
    expect(messages[4]).toContain('value is not a TOML scalar type');
    expect(tree.files()['a.toml']).toBe('[service]\nname = "api"\n');
  });

  it('errors on a file that is not TOML', async () => {
    const tree = createMemoryWorkTree({ 'bad.toml': 'key = \n' });
    const s = await run(tree, [{ uses: 'toml-update', config: { path: 'bad.toml', updates: [{ key: 'key', value: 1 }] } }]);
    expect(s.stepExecutionMetadata[0]?.message).toContain('error parsing input');
  });

  it('stays inside the work tree', async () => {
    const tree = createMemoryWorkTree({ 'a.toml': 'v = 1\n' });
    const s = await run(tree, [{ uses: 'toml-update', config: { path: '../../a.toml', updates: [{ key: 'v', value: 2 }] } }]);
    expect(s.phase).toBe('Succeeded');
    expect(tree.files()).toEqual({ 'a.toml': 'v = 2\n' });
  });

  it('checks its config strictly', () => {
    const steps = createStepRegistry([...builtinSteps, tomlUpdateStep]);
    expect(validateStepConfig(steps, 'toml-update', { path: 'a', updates: [{ key: 'k', value: 1 }] })).toEqual([]);
    expect(validateStepConfig(steps, 'toml-update', { path: 'a', updates: [] }).length).toBe(1);
    expect(validateStepConfig(steps, 'toml-update', { path: 'a', updates: [{ key: 'k' }] }).map((i) => i.path)).toEqual([['updates', 0, 'value']]);
    expect(validateStepConfig(steps, 'toml-update', { path: '', updates: [{ key: 'k', value: 1 }], x: 1 }).length).toBe(2);
  });
});
