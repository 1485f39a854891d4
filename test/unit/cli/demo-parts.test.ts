import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../../src/adapters/memory/index.js';
import { createDemoUlids } from '../../../src/cli/demo/ids.js';
import { formatDemoTimeline, formatStageStates } from '../../../src/cli/demo/report.js';
import { initialRepositoryFiles } from '../../../src/cli/demo/world.js';
import { createStyles } from '../../../src/cli/output.js';
import { updateYaml } from '../../../src/index.js';

describe('the demo parts', () => {
  it('makes 26-character lower-case ULIDs that sort in creation order, the same on every run', () => {
    const make = (): string[] => {
      const clock = createManualClock('2026-05-04T09:00:00Z');
      const ids = createDemoUlids(clock);
      const out = [ids.next(), ids.next()];
      clock.advance(1);
      out.push(ids.next());
      return out;
    };
    const ids = make();
    expect(ids).toEqual(make());
    expect(ids.every((id) => /^[0-9a-hjkmnp-tv-z]{26}$/.test(id))).toBe(true);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(3);
  });

  it('seeds one values file per Stage whose image.tag the quickstart template can set', () => {
    const files = initialRepositoryFiles();
    expect(Object.keys(files)).toEqual(['env/dev/values.yaml', 'env/staging/values.yaml', 'env/prod/values.yaml']);
    for (const text of Object.values(files)) {
      const edited = updateYaml(text, [{ key: 'image.tag', value: '1.2.0' }]);
      expect(edited.ok && edited.value.changes.map((c) => [c.key, c.from])).toEqual([['image.tag', '1.0.0']]);
    }
  });

  it('prints actions, events with short names and the pushed commit, and where each Stage is', () => {
    const at = '2026-05-04T09:00:00Z';
    const freight = 'dea32e7db6fc398cc34a917acb4589d8d4f2455f';
    const promotion = `dev.01kqs3efm00000000000000001.${freight.slice(0, 7)}`;
    const lines = formatDemoTimeline(
      [
        { type: 'action', at, text: 'the controller starts' },
        { type: 'event', event: { at, reason: 'FreightCreated', kind: 'Freight', project: 'p', name: freight, message: `Freight "${freight}" created`, details: { alias: 'witty-dolphin' } } },
        { type: 'event', event: { at, reason: 'PromotionSucceeded', kind: 'Promotion', project: 'p', name: promotion, message: 'Promotion Succeeded' } },
      ],
      { [promotion]: { branch: 'main', commit: 'e5a5e9ff9a450b167e07e3f85719145282639cde' } },
      createStyles(false),
    );
    expect(lines).toEqual([
      '  09:00:00  * the controller starts',
      '  09:00:00    Freight/witty-dolphin        FreightCreated      Freight "dea32e7" created',
      '  09:00:00    Promotion/dev.01kqs3efm0...  PromotionSucceeded  Promotion Succeeded; pushed e5a5e9f to main',
    ]);
    expect(formatStageStates([{ stage: 'dev', freight: { name: freight, alias: 'witty-dolphin', tag: '1.2.0' } }, { stage: 'prod' }], 'ghcr.io/example/app')).toEqual([
      '  dev   Freight witty-dolphin  ghcr.io/example/app:1.2.0',
      '  prod  no Freight',
    ]);
  });
});
