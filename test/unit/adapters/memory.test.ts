import { describe, expect, it } from 'vitest';
import { createManualClock, createSequentialIds, memoryAdapter } from '../../../src/adapters/memory/index.js';
import { gitAdapter } from '../../../src/adapters/git/index.js';
import { helmAdapter } from '../../../src/adapters/helm/index.js';
import { kubernetesAdapter } from '../../../src/adapters/kubernetes/index.js';
import { registryAdapter } from '../../../src/adapters/registry/index.js';
import { controller } from '../../../src/controller/index.js';
import { isWaybillError } from '../../../src/errors/index.js';

describe('createManualClock', () => {
  it('starts at the given time, from a Date, a string or milliseconds', () => {
    expect(createManualClock('2025-01-01T12:00:00Z').now().toISOString()).toBe('2025-01-01T12:00:00.000Z');
    expect(createManualClock(new Date(0)).now().getTime()).toBe(0);
    expect(createManualClock(86_400_000).now().toISOString()).toBe('1970-01-02T00:00:00.000Z');
  });

  it('stands still until advanced or set', () => {
    const clock = createManualClock('2025-01-01T00:00:00Z');
    expect(clock.now().getTime()).toBe(clock.now().getTime());
    expect(clock.advance(90 * 60_000).toISOString()).toBe('2025-01-01T01:30:00.000Z');
    expect(clock.set('2025-02-01T00:00:00Z').toISOString()).toBe('2025-02-01T00:00:00.000Z');
    expect(clock.now().toISOString()).toBe('2025-02-01T00:00:00.000Z');
  });

  it('refuses to go backwards or to take an invalid time, with a WaybillError', () => {
    const clock = createManualClock('2025-01-01T00:00:00Z');
    for (const attempt of [() => clock.advance(-1), () => clock.advance(Number.NaN), () => clock.set('2024-12-31T00:00:00Z'), () => clock.set('not a date'), () => createManualClock('soon')]) {
      let thrown: unknown;
      try {
        attempt();
      } catch (e) {
        thrown = e;
      }
      expect(isWaybillError(thrown)).toBe(true);
    }
    expect(clock.now().toISOString()).toBe('2025-01-01T00:00:00.000Z');
  });
});

describe('createSequentialIds', () => {
  it('counts from 1 with the prefix and reports how many it gave', () => {
    const ids = createSequentialIds('f-');
    expect([ids.next(), ids.next(), ids.next()]).toEqual(['f-1', 'f-2', 'f-3']);
    expect(ids.count).toBe(3);
    expect(createSequentialIds().next()).toBe('id-1');
  });
});

describe('adapter and controller descriptions', () => {
  it('say which subpath they are and honestly whether they are usable', () => {
    expect(memoryAdapter).toMatchObject({ subpath: 'waybill/adapters/memory', available: true, implements: ['Clock', 'IdSource', 'RegistryPort', 'GitPort', 'ChartRepositoryPort', 'GitWorkspacePort', 'PullRequestPort', 'ClusterPort', 'HttpPort', 'StorePort', 'VerificationPort', 'LeasePort', 'HelmDependencyPort'] });
    expect(registryAdapter).toMatchObject({ subpath: 'waybill/adapters/registry', available: true, implements: ['RegistryPort'] });
    expect(gitAdapter).toMatchObject({ subpath: 'waybill/adapters/git', available: true, implements: ['GitPort', 'GitWorkspacePort'] });
    expect(helmAdapter).toMatchObject({ subpath: 'waybill/adapters/helm', available: true, implements: ['ChartRepositoryPort'] });
    for (const a of [kubernetesAdapter]) {
      expect(a.subpath).toBe(`waybill/adapters/${a.name}`);
      expect(a.available).toBe(true);
      expect(a.implements.length).toBeGreaterThan(0);
    }
    expect(controller).toMatchObject({ subpath: 'waybill/controller', available: true });
  });
});
