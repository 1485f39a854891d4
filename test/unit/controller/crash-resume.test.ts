import { describe, expect, it } from 'vitest';
import type { KargoKind } from '../../../src/model/index.js';
import type { StorePort } from '../../../src/ports/index.js';
import { all, deployedTag, world, type World } from './fixture.js';

/**
 * A store that dies right after the `limit`-th Promotion status write has been stored: that call
 * and every later one throws, as a process that crashes after persisting would stop.
 */
function crashingStore(inner: StorePort, limit: number): StorePort {
  let writes = 0;
  let dead = false;
  const guard = <T>(call: () => Promise<T>): Promise<T> => {
    if (dead) return Promise.reject(new Error('the controller process is gone'));
    return call();
  };
  return {
    get: (kind, ref) => guard(() => inner.get(kind, ref)),
    list: (kind, query) => guard(() => inner.list(kind, query)),
    create: (resource, options) => guard(() => inner.create(resource, options)),
    updateMetadata: (kind, write) => guard(() => inner.updateMetadata(kind, write)),
    delete: (kind: KargoKind, ref) => guard(() => inner.delete(kind, ref)),
    updateStatus: (kind, write) =>
      guard(async () => {
        const result = await inner.updateStatus(kind, write);
        if (kind === 'Promotion' && result.ok && (write.status as { phase?: string })?.phase === 'Running' && ++writes >= limit) {
          dead = true;
          throw new Error('crashed right after persisting');
        }
        return result;
      }),
  };
}

/** The stored world without resource versions (which count writes, and a crash changes how many there are). */
function comparable(w: World): string {
  return JSON.stringify(
    w.store.snapshot().map((r) => {
      const { resourceVersion: _rv, ...metadata } = r.metadata as Record<string, unknown>;
      return { ...r, metadata };
    }),
  );
}

describe('a controller that crashes in the middle of a Promotion', () => {
  it('is resumed by a new controller on the same store: same final state, one push', async () => {
    const reference = world();
    await reference.controller.settle();
    expect(reference.pushes()).toBe(1);
    const expected = comparable(reference);

    for (const limit of [1, 2, 3, 4]) {
      const w = world();
      const doomed = w.restart(crashingStore(w.store, limit));
      const crashed = await doomed.settle();
      expect(crashed.outcomes.some((o) => o.issues.some((i) => i.code === 'CONTROLLER_RECONCILE_FAILED'))).toBe(true);
      const promotion = all(w, 'Promotion')[0]!;
      expect(promotion.status.phase).toBe('Running');
      const stoppedAt: number = promotion.status.currentStep ?? 0;
      const persisted = promotion.status.stepExecutionMetadata ?? [];
      await w.restart().settle();
      const resumed = all(w, 'Promotion')[0]!;
      expect(resumed.status.phase).toBe('Succeeded');
      // Steps before the crash were not run again: their metadata is what the first run persisted.
      expect(resumed.status.stepExecutionMetadata.slice(0, stoppedAt)).toEqual(persisted.slice(0, stoppedAt));
      expect(w.pushes()).toBe(1);
      expect(deployedTag(w, 'dev')).toBe('1.0.0');
      expect(comparable(w)).toBe(expected);
    }
  });
});
