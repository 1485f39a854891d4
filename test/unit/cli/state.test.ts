import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { overlayState, readStateFile, writeStateFile } from '../../../src/cli/state.js';
import type { KargoResource } from '../../../src/model/index.js';
import { quickstartCopy, runAsync, tempProject } from './harness.js';
import { defaultStatePath, freight, promotion, writeState } from './state-fixtures.js';

const stage = (name: string, extra: Record<string, unknown> = {}): KargoResource =>
  ({ apiVersion: 'kargo.akuity.io/v1alpha1', kind: 'Stage', metadata: { name, namespace: 'p' }, spec: { requestedFreight: [] }, ...extra }) as unknown as KargoResource;

describe('the state file', () => {
  it('lays status, labels, annotations and creation time over the manifests, keeping their spec', () => {
    const manifest = stage('dev', { spec: { shard: 'new' } });
    const recorded = stage('dev', {
      spec: { shard: 'old' },
      status: { freightSummary: 'abc' },
      metadata: { name: 'dev', namespace: 'p', creationTimestamp: '2026-01-01T00:00:00Z', annotations: { 'kargo.akuity.io/refresh': 'x' }, resourceVersion: '7' },
    });
    const [merged] = overlayState([manifest], [recorded]);
    expect(merged).toEqual({
      apiVersion: 'kargo.akuity.io/v1alpha1',
      kind: 'Stage',
      metadata: { name: 'dev', namespace: 'p', creationTimestamp: '2026-01-01T00:00:00Z', annotations: { 'kargo.akuity.io/refresh': 'x' } },
      spec: { shard: 'new' },
      status: { freightSummary: 'abc' },
    });
  });

  it('keeps Freight and Promotions only the state has, and drops other kinds whose manifest is gone', () => {
    const merged = overlayState([stage('dev')], [stage('gone'), freight() as unknown as KargoResource, promotion() as unknown as KargoResource]);
    expect(merged.map((r) => `${r.kind}/${r.metadata.name}`)).toEqual(['Stage/dev', `Freight/${String((freight().metadata as { name: string }).name)}`, `Promotion/${String((promotion().metadata as { name: string }).name)}`]);
  });

  it('is written atomically, sorted, and read back the same', () => {
    const dir = tempProject({});
    const path = join(dir, 'deep', 'state.json');
    const resources = [promotion() as unknown as KargoResource, stage('b'), stage('a')];
    writeStateFile(path, resources);
    expect(readdirSync(join(dir, 'deep'))).toEqual(['state.json']);
    const read = readStateFile(path);
    expect(read.ok && read.resources.map((r) => r.metadata.name)).toEqual(['dev.01jnq0000000000000000000000.a1b2c3d', 'a', 'b']);
    expect(readFileSync(path, 'utf8').endsWith('}\n')).toBe(true);
  });

  it('is empty when missing, and refused with a message (never a throw) when it is not a state file', () => {
    const dir = tempProject({});
    expect(readStateFile(join(dir, 'none.json'))).toEqual({ ok: true, resources: [], exists: false });
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (text) => {
        const path = join(dir, 'fuzz.json');
        writeFileSync(path, text);
        const read = readStateFile(path);
        if (!read.ok) expect(read.message).toContain('fuzz.json');
        else expect(Array.isArray(read.resources)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('survives a round trip through approve: the manifests are untouched and the state holds the change', async () => {
    const dir = quickstartCopy();
    writeState(defaultStatePath(dir), [freight()]);
    const before = readFileSync(join(dir, 'kargo', 'stages.yaml'), 'utf8');
    expect((await runAsync(['approve', '--freight-alias', 'brave-otter', '--stage', 'prod', '-f', 'kargo', '--now', '2026-03-01T10:00:00Z'], { cwd: dir })).code).toBe(0);
    expect(readFileSync(join(dir, 'kargo', 'stages.yaml'), 'utf8')).toBe(before);
    const state = JSON.parse(readFileSync(defaultStatePath(dir), 'utf8')) as { format: string; resources: KargoResource[] };
    expect(state.format).toBe('waybill.state/v1');
    expect(state.resources.map((r) => r.kind)).toEqual(['Freight', 'Project', 'ProjectConfig', 'Stage', 'Stage', 'Stage', 'Warehouse']);
    expect(readdirSync(join(dir, 'kargo', '.waybill'))).toEqual(['state.json']);
  });

  it('goes where --state says, and is not read as a manifest', async () => {
    const dir = quickstartCopy();
    writeState(join(dir, 'elsewhere.json'), [freight()]);
    const r = await runAsync(['get', 'freight', '-f', 'kargo', '--state', 'elsewhere.json', '-o', 'name'], { cwd: dir });
    expect(r.stdout).toContain('freight.kargo.akuity.io/');
    expect((await runAsync(['validate', 'kargo'], { cwd: dir })).stdout).toBe('6 resources in 3 files: no problems found\n');
  });
});
