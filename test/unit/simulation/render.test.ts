import { describe, expect, it } from 'vitest';
import { renderTimelineHtml } from '../../../src/controller/render-html.js';
import { timelineToJson } from '../../../src/controller/render-json.js';
import { formatTimeline } from '../../../src/controller/render-text.js';
import { timelineEntries } from '../../../src/controller/timeline-entries.js';
import { layoutPipeline, timeTicks, timelineGraph } from '../../../src/controller/timeline-layout.js';
import { sampleTimeline } from './sample-timeline.js';

describe('formatTimeline', () => {
  const text = formatTimeline(sampleTimeline());

  it('prints one line per happening, with offset, Stage and what happened', () => {
    expect(text).toContain('+00:06:00  dev      Promotion dev.01kdrj1n... Succeeded (Freight shiny-otter, nginx:1.29.1)\n');
    expect(text).toContain('+00:36:00  staging  Freight shiny-otter available (soaked 30m in dev)\n');
    expect(text).toContain('+00:50:00  prod     promote prod Freight shiny-otter: rejected: Freight is not available to Stage "prod"\n');
    expect(text).toContain('+01:02:00  prod     Promotion prod.01kdrj1n... Failed (Freight shiny-otter, nginx:1.29.1): step 1 failed\n');
    expect(text).toContain('+01:30:00  app      Freight brave-fox created (nginx:1.29.2)\n');
  });

  it('keeps time order, a completed soak before the Promotion it allows', () => {
    const entries = timelineEntries(sampleTimeline());
    const offsets = entries.map((e) => e.offsetMs);
    expect(offsets).toEqual([...offsets].sort((a, b) => a - b));
    const at36 = entries.filter((e) => e.offsetMs === 36 * 60_000).map((e) => e.kind);
    expect(at36).toEqual(['available', 'promotion-created', 'promotion-started']);
    expect(entries.some((e) => e.kind === 'available' && e.text.includes('direct'))).toBe(false);
  });

  it('ends with the final state of every Stage', () => {
    const tail = text.slice(text.indexOf('Final state at +02:00:00'));
    expect(tail.split('\n').slice(1, 5)).toEqual([
      '  dev      Freight brave-fox (nginx:1.29.2)  Healthy, verified, ready',
      '  staging  Freight shiny-otter (nginx:1.29.1)  Healthy, verified, ready',
      '  gate     control flow',
      '  prod     no Freight  health not assessed, not verified, not ready (LastPromotionFailed)',
    ]);
  });
});

describe('timelineToJson', () => {
  it('sorts keys at every level, drops undefined and ends with a newline', () => {
    const json = timelineToJson({ ...sampleTimeline(), description: undefined });
    expect(json.endsWith('}\n')).toBe(true);
    expect(json).not.toContain('"description"');
    const keys = Object.keys(JSON.parse(json) as object);
    expect(keys).toEqual([...keys].sort());
    expect(json.indexOf('"createdAt"')).toBeLessThan(json.indexOf('"createdBy"'));
  });

  it('does not depend on the order keys were written in', () => {
    const t = sampleTimeline();
    const reordered = Object.fromEntries(Object.entries(t).reverse()) as typeof t;
    expect(timelineToJson(reordered)).toBe(timelineToJson(t));
    expect(JSON.parse(timelineToJson(t))).toEqual(JSON.parse(JSON.stringify(t)));
  });
});

describe('renderTimelineHtml', () => {
  const html = renderTimelineHtml(sampleTimeline(), { title: 'A & B <pipeline>' });

  it('is one self-contained page: no scripts, no external references, a policy forbidding loads', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\b(src|href)=/i);
    expect(html).not.toMatch(/url\((?!#)/);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
  });

  it('escapes every text it shows', () => {
    expect(html).toContain('<title>A &amp; B &lt;pipeline&gt;</title>');
    expect(html).toContain('escape &lt;this&gt; &amp; &quot;that&quot;');
    expect(html).not.toContain('<b>&lt;');
    expect(html).not.toContain('<this>');
  });

  it('draws a node per Stage and Warehouse, an edge per graph edge, and a lane per Stage', () => {
    expect(html.match(/class="node stage/g)).toHaveLength(4);
    expect(html.match(/class="node warehouse"/g)).toHaveLength(1);
    expect(html.match(/<path class="edge"/g)).toHaveLength(4);
    expect(html.match(/<g class="lane[^"]*" data-stage=/g)).toHaveLength(4);
    expect(html.match(/<g class="residency"/g)).toHaveLength(3);
    expect(html.match(/class="marker rejected"/g)).toHaveLength(1);
  });
});

describe('timeline layout', () => {
  it('places Stages left to right by distance from the Warehouses, in the core topological order', () => {
    const layout = layoutPipeline(timelineGraph(sampleTimeline()));
    expect(layout.nodes.map((n) => [n.id, n.column, n.row])).toEqual([
      ['Warehouse/app', 0, 0],
      ['Stage/dev', 1, 0],
      ['Stage/staging', 2, 0],
      ['Stage/gate', 3, 0],
      ['Stage/prod', 4, 0],
    ]);
    expect(layout.stageOrder).toEqual(['dev', 'staging', 'gate', 'prod']);
  });

  it('keeps a cycle drawable', () => {
    const t = sampleTimeline();
    const cyclic = { ...t, edges: [...t.edges, { from: 'Stage/prod', to: 'Stage/dev', origin: 'Warehouse/app' }] };
    const layout = layoutPipeline(timelineGraph(cyclic));
    expect(layout.nodes).toHaveLength(5);
    expect(renderTimelineHtml(cyclic)).toContain('data-from="Stage/prod" data-to="Stage/dev"');
  });

  it('picks round tick steps', () => {
    expect(timeTicks(2 * 3_600_000)).toEqual([0, 15, 30, 45, 60, 75, 90, 105, 120].map((m) => m * 60_000));
    expect(timeTicks(0)).toEqual([0]);
    expect(timeTicks(90 * 86_400_000).length).toBeLessThanOrEqual(11);
  });
});
