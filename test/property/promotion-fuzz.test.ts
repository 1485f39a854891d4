import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtinSteps, confinePath, createMemoryWorkTree, createStepRegistry, inflatePromotionSteps, runPromotionToEnd, securePath } from '../../src/promotion/index.js';
import type { PromotionTaskLike, RunnablePromotion, TemplateStageLike } from '../../src/promotion/index.js';

const segment = fc.constantFrom('..', '.', '', 'a', 'b', '/', '\\', '...', 'etc', '%2e%2e', '\u0000', 'é');
const pathArb = fc.oneof(fc.array(segment, { maxLength: 8 }).map((parts) => parts.join('/')), fc.string({ maxLength: 20 }));

describe('securePath never leaves the root', () => {
  it('has no .. component, stays under the root, and is idempotent', () => {
    fc.assert(
      fc.property(pathArb, fc.dictionary(fc.constantFrom('a', 'b', 'a/b', 'etc'), pathArb, { maxKeys: 3 }), (path, links) => {
        const readLink = (p: string): string | undefined => (Object.hasOwn(links, p) ? links[p] : undefined);
        const rel = confinePath(path, { readLink });
        expect(rel.split('/')).not.toContain('..');
        expect(rel.startsWith('/')).toBe(false);
        const joined = securePath('/work', path, { readLink });
        expect(joined === '/work' || joined.startsWith('/work/')).toBe(true);
        expect(confinePath(confinePath(path))).toBe(confinePath(path));
      }),
      { numRuns: 500 },
    );
  });
});

describe('broken input gives issues, never a throw', () => {
  it('inflatePromotionSteps on arbitrary Stages and tasks', () => {
    const stepLike = fc.oneof(
      fc.anything(),
      fc.record({ uses: fc.oneof(fc.string(), fc.anything()), as: fc.oneof(fc.string(), fc.constant('step-1')), task: fc.oneof(fc.record({ name: fc.constantFrom('t', 'u') }), fc.anything()) }, { requiredKeys: [] }),
    );
    fc.assert(
      fc.property(fc.array(stepLike, { maxLength: 5 }), fc.array(fc.record({ name: fc.string({ maxLength: 3 }), value: fc.option(fc.string({ maxLength: 3 }), { nil: undefined }) }), { maxLength: 3 }), (steps, vars) => {
        const stage = { metadata: { name: 's' }, spec: { promotionTemplate: { spec: { steps } } } } as unknown as TemplateStageLike;
        const tasks = [{ metadata: { name: 't' }, spec: { vars, steps: [{ uses: 'fail' }] } }] as PromotionTaskLike[];
        const r = inflatePromotionSteps(stage, tasks);
        if (!r.ok) expect(r.issues.length).toBeGreaterThan(0);
        else expect(Array.isArray(r.value)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('runPromotionToEnd on arbitrary steps ends with a phase', async () => {
    const registry = createStepRegistry(builtinSteps);
    const step = fc.record(
      {
        uses: fc.oneof(fc.constantFrom(...registry.names()), fc.string({ maxLength: 5 })),
        if: fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('${{ true }}', '${{ 1 + }}', '${{ vars }}')),
        config: fc.oneof(fc.dictionary(fc.constantFrom('path', 'updates', 'message', 'contents', 'paths', 'inPath', 'outPath', 'images', 'x'), fc.anything()), fc.anything()),
        continueOnError: fc.boolean(),
        retry: fc.record({ errorThreshold: fc.nat(3), timeout: fc.constantFrom('1s', '5m') }, { requiredKeys: [] }),
        vars: fc.array(fc.record({ name: fc.constantFrom('a', 'b'), value: fc.string({ maxLength: 10 }) }), { maxLength: 2 }),
      },
      { requiredKeys: ['uses'] },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 4 }), async (steps) => {
        const promotion = { metadata: { name: 'p' }, spec: { stage: 's', steps } } as unknown as RunnablePromotion;
        const status = await runPromotionToEnd(promotion, {}, { steps: registry, now: '2026-01-01T00:00:00Z', ports: { workTree: createMemoryWorkTree({ 'a.yaml': 'a: 1\n' }) } });
        expect(['Running', 'Succeeded', 'Failed', 'Errored', 'Aborted']).toContain(status.phase);
        expect(status.stepExecutionMetadata.length).toBeGreaterThan(0);
      }),
      { numRuns: 200 },
    );
  });

  it('a broken persisted status does not throw', async () => {
    const registry = createStepRegistry(builtinSteps);
    await fc.assert(
      fc.asyncProperty(fc.anything(), fc.anything(), async (metas, state) => {
        const promotion = {
          metadata: { name: 'p' },
          spec: { stage: 's', steps: [{ uses: 'compose-output', config: { a: 1 } }] },
          status: { currentStep: 0, stepExecutionMetadata: Array.isArray(metas) ? metas.filter((m) => m !== null && typeof m === 'object') : [], state },
        } as unknown as RunnablePromotion;
        const status = await runPromotionToEnd(promotion, {}, { steps: registry, now: '2026-01-01T00:00:00Z' });
        expect(typeof status.phase).toBe('string');
      }),
      { numRuns: 200 },
    );
  });
});
