import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseManifests, resourcesOfKind, type ManifestResource } from '../../../src/index.js';
import { buildStageGraph, explainAvailability, isFreightAvailable, listAvailableFreight, topologicalOrder } from '../../../src/pipeline/index.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const exampleDir = join(root, 'examples', '03-pipeline-shapes');
const tsx = createRequire(import.meta.url).resolve('tsx/cli');

function loadExample(): ManifestResource[] {
  return readdirSync(exampleDir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .flatMap((file) => {
      const result = parseManifests(readFileSync(join(exampleDir, file), 'utf8'), { file });
      expect(result.issues, file).toEqual([]);
      return result.ok ? result.value : [];
    });
}

describe('examples/03-pipeline-shapes', () => {
  const stdout = execFileSync(process.execPath, [tsx, join('examples', '03-pipeline-shapes', 'main.ts')], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  const resources = loadExample();
  const stages = resourcesOfKind(resources, 'Stage');
  const freight = resourcesOfKind(resources, 'Freight');
  const prod = stages.find((s) => s.metadata.name === 'prod');
  const image = freight.find((f) => f.origin.name === 'app');

  it('prints exactly expected-output.txt', () => {
    expect(stdout).toBe(readFileSync(join(exampleDir, 'expected-output.txt'), 'utf8'));
  });

  it('holds a fan-out, a fan-in and a Stage with two origins, and no warnings', () => {
    const graph = buildStageGraph({ stages, warehouses: resourcesOfKind(resources, 'Warehouse') });
    expect(graph.issues).toEqual([]);
    if (!graph.ok) throw new Error('no graph');
    const edges = graph.value.edges.map((e) => `${e.from}>${e.to}@${e.origin.name}`);
    expect(edges).toEqual([
      'Warehouse/app>Stage/test@app',
      'Stage/test>Stage/uat-east@app',
      'Stage/test>Stage/uat-west@app',
      'Stage/uat-east>Stage/prod@app',
      'Stage/uat-west>Stage/prod@app',
      'Warehouse/config>Stage/prod@config',
    ]);
    expect(topologicalOrder(graph.value)).toEqual({ stages: ['test', 'uat-east', 'uat-west', 'prod'], cyclic: [] });
    expect(stdout).toContain('Promotion order: test, uat-east, uat-west, prod\n');
  });

  it('prints what explainAvailability answers: not yet at 12:00, yes at the announced 12:30', () => {
    if (prod === undefined || image === undefined) throw new Error('example resources missing');
    const noon = explainAvailability(prod, image, { now: '2025-06-02T12:00:00Z' });
    expect(noon.available).toBe(false);
    expect(noon.reasons.map((r) => r.kind)).toEqual(['verified-and-soaked', 'soaking']);
    expect(noon.nextChange?.toISOString()).toBe('2025-06-02T12:30:00.000Z');
    expect(isFreightAvailable(prod, image, { now: '2025-06-02T12:29:59Z' })).toBe(false);
    expect(isFreightAvailable(prod, image, { now: '2025-06-02T12:30:00Z' })).toBe(true);
    expect(listAvailableFreight(prod, freight, { now: '2025-06-02T12:30:00Z' }).map((f) => f.alias)).toEqual(['quiet-heron', 'brave-otter']);
    for (const reason of noon.reasons) expect(stdout).toContain(reason.message);
    expect(stdout).toContain('is 434b0c8 (Warehouse/app) available to prod? no\n');
    expect(stdout).toContain('is 434b0c8 (Warehouse/app) available to prod? yes\n');
  });
});
