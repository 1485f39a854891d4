import { describe, expect, it, test } from 'vitest';
import { createManualClock, createMemoryStore, createMemoryVerification, createSequentialIds } from '../../../src/adapters/memory/index.js';
import type { StorePort, VerificationPort } from '../../../src/ports/index.js';
import { runContract, storeContract, verificationContract } from '../../../src/testing/index.js';

const clock = () => createManualClock('2026-01-01T00:00:00Z');

describe('StorePort contract against the memory store', () => {
  for (const check of storeContract(() => createMemoryStore({ clock: clock() }))) test(check.name, check.run);
});

describe('VerificationPort contract against the memory verification', () => {
  const factory = () => createMemoryVerification({ clock: clock(), ids: createSequentialIds('run-'), decide: () => ({ phase: 'Running' }) });
  for (const check of verificationContract(factory)) test(check.name, check.run);
});

describe('the store and verification contracts catch broken implementations', () => {
  it('a store that ignores resourceVersion and shares its objects fails', async () => {
    const broken = (): StorePort => {
      const inner = createMemoryStore({ clock: clock() });
      const shared = new Map<string, unknown>();
      return {
        ...inner,
        get: async (kind, ref) => {
          const key = `${kind}/${ref.namespace}/${ref.name}`;
          if (!shared.has(key)) {
            const read = await inner.get(kind, ref);
            if (!read.ok || read.value === undefined) return read;
            shared.set(key, read.value);
          }
          return { ok: true, value: shared.get(key) as never };
        },
        updateStatus: (kind, write) => inner.updateStatus(kind, { ...write, resourceVersion: undefined }),
      };
    };
    const failed = (await runContract(storeContract(broken))).filter((o) => !o.passed).map((o) => o.name);
    expect(failed).toContain('StorePort.updateStatus() replaces the status and moves the resourceVersion; a stale version is a conflict that changes nothing');
    expect(failed).toContain('StorePort hands out copies: changing a returned object changes nothing stored');
  });

  it('a verification port whose aborted runs come back to life fails', async () => {
    const broken = (): VerificationPort => {
      const inner = createMemoryVerification({ clock: clock(), ids: createSequentialIds('r'), decide: () => ({ phase: 'Running' }) });
      return { ...inner, abort: async (ref) => inner.get(ref) };
    };
    const failed = (await runContract(verificationContract(broken))).filter((o) => !o.passed).map((o) => o.name);
    expect(failed).toEqual(['VerificationPort.abort() makes a running run final, and a final run never changes']);
  });
});

describe('the memory store', () => {
  it('snapshots every resource sorted by kind, namespace and name, with one version counter', async () => {
    const store = createMemoryStore({ clock: clock() });
    store.load([
      { apiVersion: 'kargo.akuity.io/v1alpha1', kind: 'Stage', metadata: { name: 'b', namespace: 'p' }, spec: { requestedFreight: [] } },
      { apiVersion: 'kargo.akuity.io/v1alpha1', kind: 'Project', metadata: { name: 'p' } },
      { apiVersion: 'kargo.akuity.io/v1alpha1', kind: 'Stage', metadata: { name: 'a', namespace: 'p', creationTimestamp: '2025-01-01T00:00:00Z' }, spec: { requestedFreight: [] } },
    ] as never);
    const snap = store.snapshot();
    expect(snap.map((r) => `${r.kind}/${r.metadata.name}`)).toEqual(['Project/p', 'Stage/a', 'Stage/b']);
    expect(snap.map((r) => (r.metadata as { resourceVersion?: string }).resourceVersion)).toEqual(['2', '3', '1']);
    expect(snap.map((r) => r.metadata.creationTimestamp)).toEqual(['2026-01-01T00:00:00Z', '2025-01-01T00:00:00Z', '2026-01-01T00:00:00Z']);
  });
});

describe('the memory verification', () => {
  it('ends a run at startedAt + afterMs by the clock, and says when in advance', async () => {
    const c = clock();
    const port = createMemoryVerification({ clock: c, ids: createSequentialIds('run-'), decide: () => ({ phase: 'Failed', afterMs: 30_000, message: 'bad' }) });
    const started = await port.start({ project: 'p', stage: 's', freightCollectionId: 'x', freight: ['f'], verification: {} });
    expect(started).toEqual({ ok: true, value: { id: 'run-1', phase: 'Running', startedAt: '2026-01-01T00:00:00Z', expectedFinishAt: '2026-01-01T00:00:30Z' } });
    c.advance(29_999);
    expect((await port.get({ project: 'p', id: 'run-1' })).ok && port.runs()[0]!.phase).toBe('Running');
    c.advance(1);
    expect(await port.get({ project: 'p', id: 'run-1' })).toEqual({ ok: true, value: { id: 'run-1', phase: 'Failed', message: 'bad', startedAt: '2026-01-01T00:00:00Z', finishedAt: '2026-01-01T00:00:30Z' } });
    expect((await port.get({ project: 'other', id: 'run-1' })).ok).toBe(false);
  });

  it('finishes at once by default, and complete() ends a run early', async () => {
    const port = createMemoryVerification({ clock: clock(), ids: createSequentialIds('run-') });
    const done = await port.start({ project: 'p', stage: 's', freightCollectionId: 'x', freight: [], verification: {} });
    expect(done.ok && done.value.phase).toBe('Successful');
    const slow = createMemoryVerification({ clock: clock(), ids: createSequentialIds('run-'), decide: () => ({ phase: 'Successful', afterMs: 60_000 }) });
    await slow.start({ project: 'p', stage: 's', freightCollectionId: 'x', freight: [], verification: {} });
    expect(slow.complete('run-1', 'Inconclusive', 'maybe')).toBe(true);
    expect(slow.complete('nope', 'Failed')).toBe(false);
    expect(slow.runs()[0]).toMatchObject({ phase: 'Inconclusive', message: 'maybe', request: { stage: 's' } });
  });
});
