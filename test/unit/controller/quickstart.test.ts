import { describe, expect, it } from 'vitest';
import { all, deployedTag, get, IMAGE, PROJECT, world } from './fixture.js';

describe('the quickstart pipeline under the controller', () => {
  it('discovers Freight, auto-promotes it to dev, and carries it to staging and prod by hand', async () => {
    const w = world();
    const first = await w.controller.settle();
    expect(first.outcomes.flatMap((o) => o.issues)).toEqual([]);
    const freight = all(w, 'Freight');
    expect(freight).toHaveLength(1);
    const f = freight[0]!;
    expect(f.images).toEqual([expect.objectContaining({ repoURL: IMAGE, tag: '1.0.0' })]);
    expect(deployedTag(w, 'dev')).toBe('1.0.0');
    expect(deployedTag(w, 'staging')).toBe('0.0.0');
    const dev = get(w, 'Stage', 'dev');
    expect(dev.status.freightSummary).toBe(f.metadata.name);
    expect(dev.status.conditions.find((c: { type: string }) => c.type === 'Ready')).toMatchObject({ status: 'True' });
    const afterDev = get(w, 'Freight', f.metadata.name);
    expect(Object.keys(afterDev.status.verifiedIn)).toEqual(['dev']);
    expect(Object.keys(afterDev.status.currentlyIn)).toEqual(['dev']);

    const promoted = await w.controller.promote({ project: PROJECT, stage: 'staging', freightAlias: f.alias, actor: 'alice' });
    expect(promoted.ok).toBe(true);
    await w.controller.settle();
    expect(deployedTag(w, 'staging')).toBe('1.0.0');

    const down = await w.controller.promoteDownstream({ project: PROJECT, stage: 'staging', freight: f.metadata.name, actor: 'alice' });
    expect(down.ok && down.value.map((p) => (p as { spec: { stage: string } }).spec.stage)).toEqual(['prod']);
    await w.controller.settle();
    expect(deployedTag(w, 'prod')).toBe('1.0.0');
    expect(w.pushes()).toBe(3);
    expect(all(w, 'Promotion').map((p) => [p.spec.stage, p.status.phase])).toEqual([
      ['dev', 'Succeeded'],
      ['prod', 'Succeeded'],
      ['staging', 'Succeeded'],
    ]);
    expect(w.events.map((e) => e.reason)).toContain('PromotionSucceeded');
  });
});
