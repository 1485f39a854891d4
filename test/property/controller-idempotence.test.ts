import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { all, IMAGE, PROJECT, REPO, quickstartResources, stage, world, type World } from '../unit/controller/fixture.js';

type Step =
  | { readonly op: 'push'; readonly minor: number }
  | { readonly op: 'advance'; readonly ms: number }
  | { readonly op: 'promote'; readonly stage: 'dev' | 'staging' | 'prod'; readonly pick: number }
  | { readonly op: 'approve'; readonly stage: 'staging' | 'prod'; readonly pick: number }
  | { readonly op: 'refresh' }
  | { readonly op: 'reverify'; readonly stage: 'dev' | 'staging' }
  | { readonly op: 'delete'; readonly stage: 'staging' | 'prod' };

const steps = fc.array(
  fc.oneof(
    fc.record({ op: fc.constant('push' as const), minor: fc.integer({ min: 1, max: 9 }) }),
    fc.record({ op: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 2 * 3_600_000 }) }),
    fc.record({ op: fc.constant('promote' as const), stage: fc.constantFrom('dev' as const, 'staging' as const, 'prod' as const), pick: fc.nat(5) }),
    fc.record({ op: fc.constant('approve' as const), stage: fc.constantFrom('staging' as const, 'prod' as const), pick: fc.nat(5) }),
    fc.record({ op: fc.constant('refresh' as const) }),
    fc.record({ op: fc.constant('reverify' as const), stage: fc.constantFrom('dev' as const, 'staging' as const) }),
    fc.record({ op: fc.constant('delete' as const), stage: fc.constantFrom('staging' as const, 'prod' as const) }),
  ),
  { maxLength: 7 },
);

function makeWorld(): World {
  const resources = quickstartResources({
    stages: [stage('dev', { verification: { analysisTemplates: [{ name: 'smoke' }] } }), stage('staging', { upstream: 'dev', soak: '1h' }), stage('prod', { upstream: 'staging' })],
  });
  // Verifications take 10 minutes, so soak, running verifications and discovery all interleave.
  return world({ resources, decide: () => ({ phase: 'Successful', afterMs: 600_000 }) });
}

async function play(w: World, script: readonly Step[]): Promise<void> {
  await w.controller.settle();
  for (const step of script) {
    switch (step.op) {
      case 'push':
        w.registry.push(IMAGE, { tag: `1.${step.minor}.0`, createdAt: `2026-02-${String(step.minor + 10).padStart(2, '0')}T00:00:00Z` });
        break;
      case 'advance':
        w.clock.advance(step.ms);
        break;
      case 'promote':
      case 'approve': {
        const freight = all(w, 'Freight').map((f) => f.metadata.name as string);
        const name = freight[step.pick % Math.max(1, freight.length)];
        if (name === undefined) break;
        if (step.op === 'promote') await w.controller.promote({ project: PROJECT, stage: step.stage, freight: name, actor: 'prop' });
        else await w.controller.approve({ project: PROJECT, stage: step.stage, freight: name });
        break;
      }
      case 'refresh':
        await w.controller.refresh({ kind: 'Warehouse', project: PROJECT, name: PROJECT });
        break;
      case 'reverify':
        await w.controller.reverify({ project: PROJECT, stage: step.stage });
        break;
      case 'delete':
        await w.store.delete('Stage', { namespace: PROJECT, name: step.stage });
        break;
    }
    await w.controller.settle();
  }
}

describe('the controller', () => {
  it('is idempotent: settling a settled world again changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(steps, async (script) => {
        const w = makeWorld();
        await play(w, script);
        const before = JSON.stringify(w.store.snapshot());
        const again = await w.controller.settle();
        expect(again.changed).toBe(false);
        expect(JSON.stringify(w.store.snapshot())).toBe(before);
      }),
      { numRuns: 25 },
    );
  });

  it('is deterministic: the same inputs give byte-identical stores and repositories', async () => {
    await fc.assert(
      fc.asyncProperty(steps, async (script) => {
        const a = makeWorld();
        const b = makeWorld();
        await play(a, script);
        await play(b, script);
        expect(JSON.stringify(a.store.snapshot())).toBe(JSON.stringify(b.store.snapshot()));
        expect(a.git.branches(REPO)).toEqual(b.git.branches(REPO));
        expect(a.events).toEqual(b.events);
      }),
      { numRuns: 15 },
    );
  });

  it('keeps at most one Promotion running per Stage and at most ten collections in a Stage history', async () => {
    await fc.assert(
      fc.asyncProperty(steps, async (script) => {
        const w = makeWorld();
        await play(w, script);
        for (const name of ['dev', 'staging', 'prod']) {
          const running = all(w, 'Promotion').filter((p) => p.spec.stage === name && p.status?.phase === 'Running');
          expect(running.length).toBeLessThanOrEqual(1);
        }
        for (const s of all(w, 'Stage')) expect((s.status?.freightHistory ?? []).length).toBeLessThanOrEqual(10);
      }),
      { numRuns: 15 },
    );
  });

  it('leaves no Freight naming a Stage that is not stored once settled', async () => {
    await fc.assert(
      fc.asyncProperty(steps, fc.constantFrom('staging' as const, 'prod' as const), async (script, last) => {
        const w = makeWorld();
        await play(w, [...script, { op: 'delete', stage: last }]);
        const stored = new Set(all(w, 'Stage').map((s) => s.metadata.name as string));
        for (const f of all(w, 'Freight')) {
          for (const map of ['verifiedIn', 'approvedFor', 'currentlyIn']) {
            for (const name of Object.keys(f.status?.[map] ?? {})) expect(stored.has(name)).toBe(true);
          }
        }
        const before = JSON.stringify(w.store.snapshot());
        expect((await w.controller.settle()).changed).toBe(false);
        expect(JSON.stringify(w.store.snapshot())).toBe(before);
      }),
      { numRuns: 15 },
    );
  });
});
