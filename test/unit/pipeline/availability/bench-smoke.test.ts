import { describe, expect, it } from 'vitest';
import { benchPipeline, makeFreight, makeStages } from '../../../../bench/pipeline.bench.js';
import { indexFreight, listAvailableFreight } from '../../../../src/pipeline/index.js';

describe('pipeline benchmark', () => {
  it('runs at a small size, its implementations agreeing', async () => {
    const results = await benchPipeline({ stages: 20, freight: 400 });
    expect(results.map((r) => r.baseline.length > 0 && Number.isFinite(r.ratio))).toEqual([true, true, true, true]);
  });

  it('lists the same Freight through an index as through the array for a generated Project', () => {
    const stages = makeStages(60);
    const freight = makeFreight(3000, 60);
    const index = indexFreight(freight);
    const now = '2025-01-01T12:00:00Z';
    let listed = 0;
    for (const stage of stages) {
      const viaIndex = listAvailableFreight(stage, index, { now });
      expect(viaIndex).toEqual(listAvailableFreight(stage, freight, { now }));
      listed += viaIndex.length;
    }
    expect(listed).toBeGreaterThan(0);
  });
});
