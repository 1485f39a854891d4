import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseManifests, resourcesOfKind } from '../../../src/model/index.js';
import { buildPromotion, builtinSteps, createMemoryWorkTree, createStepRegistry, runPromotionToEnd } from '../../../src/promotion/index.js';

const fixture = (name: string): string => readFileSync(new URL(`../../fixtures/promotion/quickstart/${name}`, import.meta.url), 'utf8');

describe('a quickstart-like promotion', () => {
  it('inflates the task, evaluates vars and imageFrom, and edits the values file in place', async () => {
    const parsed = parseManifests(fixture('manifests.yaml'), { file: 'manifests.yaml' });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const [stage] = resourcesOfKind(parsed.value, 'Stage');
    const [freight] = resourcesOfKind(parsed.value, 'Freight');
    const warehouses = resourcesOfKind(parsed.value, 'Warehouse');
    const tasks = resourcesOfKind(parsed.value, 'PromotionTask');
    if (stage === undefined || freight === undefined) throw new Error('fixture incomplete');

    const built = buildPromotion(stage, freight, { ids: () => '01JABCDEFGHJKMNPQRSTVWXYZ0', now: '2026-03-01T12:00:00Z', tasks });
    if (!built.ok) throw new Error(JSON.stringify(built.issues));
    const promotion = built.value;
    expect(promotion.metadata.name).toBe('test.01jabcdefghjkmnpqrstvwxyz0.9f2d5c1');
    expect(promotion.spec.steps.map((s) => s.as)).toEqual(['image::update', 'image::summary', 'annotate', undefined]);

    const tree = createMemoryWorkTree({ 'env/test/values.yaml': fixture('values.yaml') });
    const status = await runPromotionToEnd(
      promotion,
      { freight: [freight], freightRequests: stage.spec.requestedFreight, warehouses },
      { steps: createStepRegistry(builtinSteps), ports: { workTree: tree }, now: '2026-03-01T12:00:05Z' },
    );
    expect(status.stepExecutionMetadata.map((m) => [m.alias, m.status, m.message])).toEqual([
      ['image::update', 'Succeeded', undefined],
      ['image::summary', 'Succeeded', undefined],
      ['annotate', 'Succeeded', undefined],
      ['step-4', 'Succeeded', undefined],
    ]);
    expect(status.phase).toBe('Succeeded');
    expect(tree.files()['env/test/values.yaml']).toBe(fixture('expected-values.yaml'));
    expect(status.state['image']).toEqual({ tag: '1.27.3' });
    expect(tree.files()['env/test/RELEASE']).toBe(
      '1.27.3 via Updated ./env/test/values.yaml\n\n- image.tag: 1.27.3\n- image.digest: sha256:0a399eb16751829e1af26fea27b20c3ec28d7ab1fb72182879dcae1cca21206a\n',
    );
  });
});
